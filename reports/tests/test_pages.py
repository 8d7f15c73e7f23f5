"""The figures page: who may open it, the numbers it shows, its dates and errors, and the links to and from it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.figures import labels, registry
from core.testing import Cast
from members.services import Introducer
from members.tests import factories as f
from organizations.models import Organization
from reports import figures

pytestmark = pytest.mark.django_db

D = dt.date
YEAR_2020 = "?from=01/01/2020&to=31/12/2020&as_of=31/12/2020"


@pytest.fixture
def counted(cast: Cast) -> Cast:
    """Two members of record in cell A1a and one admitted there in 2020 (decision 01/04/2020)."""
    actor = cast.district_officer
    first = f.member(actor, cast.cell_a1a, "Nông Văn Một")
    second = f.member(actor, cast.cell_a1a, "Hà Thị Hai")
    f.admit(actor, cast.cell_a1a, "Lò Văn Ba", introduced_by=[Introducer(first, D(2015, 1, 1)),
                                                              Introducer(second, D(2015, 1, 1))])
    return cast


def _url(organization: Organization, query: str = YEAR_2020) -> str:
    return f"/figures/{organization.pk}/{query}"


def _value(html: str, key: str) -> str:
    match = re.search(rf'<tr data-key="{key}">.*?<td class="num">([^<]*)</td>', html, re.S)
    assert match, f"{key} not shown"
    return match.group(1)


@pytest.mark.parametrize(
    ("who", "where", "status"),
    [
        ("root_admin", "district_a", 200),
        ("province_officer", "district_a", 200),
        ("district_officer", "commune_a1", 200),
        ("cell_secretary", "cell_a1a", 200),
        ("cell_secretary", "commune_a1", 404),  # above the cell: outside the secretary's scope
        ("outsider", "district_a", 404),
        ("member", "cell_a1a", 404),  # signed in, no role
    ],
)
def test_scope_matrix(counted: Cast, client: Client, who: str, where: str, status: int) -> None:
    client.force_login(getattr(counted, who))
    response = client.get(_url(getattr(counted, where)))
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert _value(html, "members_total") == "3"
        assert _value(html, "members_probationary") == "1"
        assert _value(html, "admitted") == "1"


def test_anonymous_is_sent_to_sign_in(counted: Cast, client: Client) -> None:
    response = client.get(_url(counted.commune_a1))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_unknown_organization_is_404(counted: Cast, client: Client) -> None:
    client.force_login(counted.root_admin)
    assert client.get("/figures/999999/").status_code == 404


def test_page_states_the_tree_and_dates_and_links_the_api(counted: Cast, client: Client) -> None:
    client.force_login(counted.district_officer)
    html = client.get(_url(counted.commune_a1)).content.decode()
    basis = re.search(r'id="figures-basis">(.*?)</p>', html, re.S)
    assert basis and "31/12/2020" in basis.group(1) and "01/01/2020" in basis.group(1)
    query = "from=2020-01-01&amp;to=2020-12-31&amp;as_of=2020-12-31"
    api = f"/api/v1/organizations/{counted.commune_a1.pk}/figures?{query}"
    assert f'href="{api}"' in html
    assert "manage.py figures T-A-1 --user district --from 2020-01-01 --to 2020-12-31 --as-of 2020-12-31" in html
    # Grouped by namespace, with a label for every key the service returns.
    assert 'id="figures-members"' in html and 'id="figures-organizations"' in html
    assert _value(html, "cells") == "2"
    assert "Probationary members" in html or "Đảng viên dự bị" in html
    # Before the admission decision the same cell had no probationary member.
    html = client.get(_url(counted.commune_a1, "?as_of=31/03/2020")).content.decode()
    assert (_value(html, "members_probationary"), _value(html, "admitted")) == ("0", "0")


def test_the_page_and_the_api_show_the_same_numbers(counted: Cast, client: Client) -> None:
    client.force_login(counted.district_officer)
    html = client.get(_url(counted.district_a)).content.decode()
    api = client.get(f"/api/v1/organizations/{counted.district_a.pk}/figures",
                     {"from": "2020-01-01", "to": "2020-12-31", "as_of": "2020-12-31"}).json()["figures"]
    for namespace, values in api.items():
        for key, value in values.items():
            assert _value(html, key) == str(value), (namespace, key)


def test_numbers_have_thousand_separators(counted: Cast, client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(registry._contributors, "zz_large", lambda request: {"large": 1023, "larger": 1234567})
    client.force_login(counted.district_officer)
    html = client.get(_url(counted.district_a), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert (_value(html, "large"), _value(html, "larger")) == ("1.023", "1.234.567")


def test_defaults_are_today_and_the_year_so_far(counted: Cast, client: Client) -> None:
    client.force_login(counted.district_officer)
    html = client.get(_url(counted.commune_a1, "")).content.decode()
    today = timezone.localdate()
    basis = re.search(r'id="figures-basis">(.*?)</p>', html, re.S)
    assert basis and today.strftime("%d/%m/%Y") in basis.group(1) and f"01/01/{today.year}" in basis.group(1)
    assert _value(html, "members_total") == "3"


@pytest.mark.parametrize(
    ("query", "field"),
    [("?from=01/02/2020&to=01/01/2020", "from"), ("?as_of=31/02/2020", "as_of"), ("?to=2020-13-01", "to")],
)
def test_bad_dates_are_shown_beside_their_field(counted: Cast, client: Client, query: str, field: str) -> None:
    client.force_login(counted.district_officer)
    response = client.get(_url(counted.commune_a1, query))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert 'id="figures-basis"' not in html and "data-key=" not in html


def test_organization_page_links_to_its_figures(counted: Cast, client: Client) -> None:
    client.force_login(counted.district_officer)
    html = client.get(f"/organizations/{counted.commune_a1.pk}/").content.decode()
    assert f'href="/figures/{counted.commune_a1.pk}/"' in html


def test_page_query_count_does_not_grow_with_members(counted: Cast, client: Client) -> None:
    client.force_login(counted.district_officer)
    client.get(_url(counted.district_a))  # warm the session and the caches
    with CaptureQueriesContext(connection) as few:
        client.get(_url(counted.district_a))
    for index in range(5):
        f.member(counted.district_officer, counted.cell_a1b, f"Hoàng Văn {index}")
    with CaptureQueriesContext(connection) as more:
        html = client.get(_url(counted.district_a)).content.decode()
    assert _value(html, "members_total") == "8"
    # 82 measured with every app's namespace registered (each contributor's own count is pinned in its app's
    # tests); what matters here is that five more members add none.
    assert len(more.captured_queries) == len(few.captured_queries) <= 85


def test_every_namespace_and_key_has_a_label(counted: Cast) -> None:
    """A contributor that adds a key names it too (core.figures.register_labels), or the page shows the bare key."""
    assert {"members", "organizations"} <= set(registry.namespaces())
    result = figures.compute(figures.make_request(organization=counted.district_a, date_from=None, date_to=None,
                                                  as_of=None))
    for namespace, values in result["figures"].items():
        assert labels.namespace_of(namespace).title != namespace, namespace
        missing = [key for key in values if labels.label(namespace, key) == key]
        assert not missing, (namespace, missing)
