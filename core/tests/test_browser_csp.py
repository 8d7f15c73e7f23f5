"""In headless Chromium: the pages work under the Content-Security-Policy (no violation reported, the moved-out
behaviours still work), Swagger UI renders from dangvu's own files, and nothing is fetched from another host."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from core.testing import Cast, build_cast
from core.testing_browser import signed_in_page
from members.tests import factories as f

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db: None) -> tuple[Cast, Any]:
    cast = build_cast()
    person = f.member(cast.district_officer, cast.cell_a1a, "Hoàng Văn Giới", admitted_on=dt.date(2005, 3, 1))
    return cast, person


@pytest.fixture
def watched(live_server: Any, world: tuple[Cast, Any]) -> Iterator[tuple[Page, list[str]]]:
    """A signed-in page, and the list of problems it reports: CSP violations, script errors, outside requests."""
    problems: list[str] = []
    host = urlsplit(live_server.url).netloc
    with signed_in_page(live_server.url, "district", "district-pass-123") as page:
        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error" and "404" not in message.text:
                problems.append(f"console: {message.text}")

        page.on("console", on_console)
        page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        page.on("request", lambda request: None if urlsplit(request.url).netloc in (host, "")
                or request.url.startswith("data:") else problems.append(f"outside request: {request.url}"))
        # Chromium reports violations in the console anyway; this names the directive too.
        page.add_init_script("""document.addEventListener('securitypolicyviolation',
            e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))""")
        yield page, problems


def goto(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("() => window.htmx !== undefined && document.readyState === 'complete'")


def test_pages_work_under_the_policy(watched: tuple[Page, list[str]], live_server: Any,
                                     world: tuple[Cast, Any]) -> None:
    page, problems = watched
    cast, person = world
    base = live_server.url

    # The tree: the toggle's behaviour now lives in app.js.
    toggle = page.locator(f'li[data-code="{cast.district_a.code}"] > .node > button.toggle')
    with page.expect_response(lambda r: "/children/" in r.url):
        toggle.click()
    child = page.locator(f'li[data-code="{cast.commune_a1.code}"]')
    expect(child).to_be_visible()
    toggle.click()
    expect(child).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")

    # The as-of tree, indented by data-level instead of an inline style.
    goto(page, f"{base}/organizations/?on=01/01/2024")
    expect(page.locator(".flat-tree li[data-level='1']").first).to_be_visible()

    # The organization picker (pipeline, due lists): a code typed (the choices come as you type) and sent.
    for url in ("/members/pipeline/", "/members/due/"):
        goto(page, f"{base}{url}")
        page.fill(".org-picker input[data-picker]", cast.cell_a1a.code)
        with page.expect_navigation():
            page.click(".org-picker button[type=submit]")
        page.wait_for_url(f"{base}{url}?organization={cast.cell_a1a.code}")

    for url in ("/members/", f"/organizations/{cast.district_a.pk}/", f"/members/{person.pk}/",
                f"/figures/{cast.district_a.pk}/", "/imports/members/", "/members/new/", "/no-such-page/"):
        goto(page, f"{base}{url}")
        expect(page.locator("header.topbar")).to_be_visible()

    # The error page's way back.
    page.locator("[data-back]").click()
    page.wait_for_url(f"{base}/members/new/")

    # The language switch sends its form on change.
    with page.expect_navigation():
        page.select_option("header select[name=language]", value="en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert problems == []


def test_swagger_ui_renders_from_dangvu_under_the_policy(watched: tuple[Page, list[str]], live_server: Any) -> None:
    page, problems = watched
    page.goto(f"{live_server.url}/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("dangvu API")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    assert problems == []
