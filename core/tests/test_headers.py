"""Security headers on a walk through every kind of page: a Content-Security-Policy that allows no inline script
or style (and no page carries one), `Cache-Control: no-store` on pages, API answers and exported files, while
static files keep their caching."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client

from core.testing import Cast
from members.tests import factories as f

pytestmark = pytest.mark.django_db

SKIP = re.compile(r"^/(logout|i18n|admin|static)/|\.xlsx$|^/api/")


class InlineFinder(HTMLParser):
    """Collects what a strict CSP blocks (inline scripts, handlers, styles) and the page's same-site links."""

    def __init__(self) -> None:
        super().__init__()
        self.offences: list[str] = []
        self.links: set[str] = set()
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script":
            data_only = (names.get("type") or "").startswith("application/") and "json" in (names.get("type") or "")
            if not names.get("src") and not data_only:
                self.offences.append("<script> without src")
            self._in_script = True
        if tag == "style":
            self.offences.append("<style>")
        for name, value in attrs:
            if name.startswith("on") or name.startswith("hx-on") or name == "style":
                self.offences.append(f"<{tag} {name}={value!r}>")
            if name in {"href", "src"} and value and value.startswith("javascript:"):
                self.offences.append(f"<{tag} {name}={value!r}>")
            if name in {"href", "hx-get"} and value and value.startswith("/"):
                self.links.add(value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False


def assert_strict_csp(response: Any, url: str) -> set[str]:
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'", url
    assert directives["style-src"] == "'self'", url
    assert directives["default-src"] == "'self'", url
    assert directives["frame-ancestors"] == "'none'", url
    assert "unsafe" not in policy, url
    assert "no-store" in response["Cache-Control"], url
    finder = InlineFinder()
    finder.feed(response.content.decode())
    assert finder.offences == [], f"{url}: {finder.offences}"
    return finder.links


@pytest.fixture
def person(cast: Cast) -> Any:
    f.candidate(cast.district_officer, cast.cell_a1a, "Ma Văn Chờ")
    return f.member(cast.district_officer, cast.cell_a1a, "Hoàng Văn Giới", admitted_on=dt.date(2005, 3, 1))


def test_every_page_of_a_walk_has_a_strict_csp_and_no_inline_script(cast: Cast, person: Any) -> None:
    client = Client()
    client.force_login(cast.district_officer)
    a, cell = cast.district_a.pk, cast.cell_a1a.pk
    start = [
        "/", f"/organizations/{a}/", f"/organizations/{cell}/", f"/organizations/{a}/children/",
        "/organizations/search/?q=na", "/organizations/as-of/?on=01/01/2024", "/organizations/?on=01/01/2024",
        "/members/", f"/members/?organization={cell}", f"/members/{person.pk}/", "/members/pipeline/",
        "/members/due/", "/members/new/", f"/members/{person.pk}/edit/",
        f"/figures/{a}/", f"/figures/{a}/?date_from=01/01/2024&date_to=31/12/2024&as_of=31/12/2024",
        "/imports/", "/imports/members/", "/login/", "/no-such-page/",
    ]
    seen: dict[str, int] = {}
    queue = list(start)
    while queue and len(seen) < 120:
        url = queue.pop(0)
        if url in seen or SKIP.search(urlsplit(url).path):
            continue
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code in (301, 302):
            continue
        assert response["Content-Type"].startswith("text/html"), url
        links = assert_strict_csp(response, url)
        if url in start:  # one step beyond the start pages: every form and sub-page they link to
            queue.extend(sorted(links))
    visited = [url for url, status in seen.items() if status == 200]
    form_url = re.compile(r"/(establish|rename|move|merge|split|dissolve|new|edit)/|/members/\d+/[a-z-]+/$")
    forms = [url for url in visited if form_url.search(url)]
    assert len(visited) >= 30, visited
    assert len(forms) >= 8, forms
    assert any(url.startswith("/figures/") for url in visited)


def test_api_answers_and_exports_are_not_stored_but_static_files_are_cached(cast: Cast, person: Any) -> None:
    client = Client()
    client.force_login(cast.district_officer)
    for url in (f"/api/v1/organizations/{cast.district_a.pk}", "/api/v1/members", "/api/v1/no-such-route"):
        response = client.get(url)
        assert response["Content-Type"].startswith("application/json"), url
        assert "no-store" in response["Cache-Control"], url
    export = client.get("/imports/members/export.xlsx")
    assert export.status_code == 200
    assert "spreadsheetml" in export["Content-Type"]
    assert "no-store" in export["Cache-Control"]
    assert "no-store" in Client().get("/login/")["Cache-Control"]

    static = client.get("/static/core/app.js")
    assert static.status_code == 200
    assert "no-store" not in static.get("Cache-Control", "")
    assert "max-age" in static["Cache-Control"]
