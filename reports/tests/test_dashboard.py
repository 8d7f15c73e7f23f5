"""The dashboard: its numbers are the figures service's, its query count does not grow with members, it is scoped,
it drills down into the children and every number links to the figures behind it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core.testing import Cast
from members.services import Introducer
from members.tests import factories as f
from reports.dashboard import bars
from reports.figures import compute, make_request

pytestmark = pytest.mark.django_db

D = dt.date
AS_OF_2020 = "?as_of=31/12/2020"


@pytest.fixture
def counted(cast: Cast) -> Cast:
    """Two members of record in cell A1a and one admitted there in 2020 (decision 01/04/2020)."""
    actor = cast.district_officer
    first = f.member(actor, cast.cell_a1a, "Nông Văn Một")
    second = f.member(actor, cast.cell_a1a, "Hà Thị Hai")
    f.admit(actor, cast.cell_a1a, "Lò Văn Ba", introduced_by=[Introducer(first, D(2015, 1, 1)),
                                                              Introducer(second, D(2015, 1, 1))])
    return cast


def _year_cell(html: str, year: int, key: str) -> str:
    match = re.search(rf'<tr data-year="{year}">.*?data-key="{key}"><a href="[^"]*">([^<]*)</a>', html, re.S)
    assert match, f"{year} {key} not shown"
    return match.group(1)


def _row(html: str, table: str, key: str) -> str:
    match = re.search(rf'id="{table}">.*?<tr data-key="{key}">.*?<a href="[^"]*">([^<]*)</a>', html, re.S)
    assert match, f"{table} {key} not shown"
    return match.group(1)


def test_the_2020_numbers_are_the_figures_service(counted: Cast, client: Client) -> None:
    client.force_login(counted.district_officer)
    response = client.get(f"/figures/{counted.district_a.pk}/dashboard/{AS_OF_2020}")
    assert response.status_code == 200
    html = response.content.decode()
    service = compute(make_request(organization=counted.district_a, date_from=D(2020, 1, 1),
                                   date_to=D(2020, 12, 31), as_of=D(2020, 12, 31)))["figures"]
    assert _year_cell(html, 2020, "members_total") == str(service["members"]["members_total"]) == "3"
    assert _year_cell(html, 2020, "admitted") == str(service["members"]["admitted"]) == "1"
    assert _year_cell(html, 2020, "learners") == str(service["training"]["learners"])
    assert _year_cell(html, 2019, "admitted") == "0"
    for key in ("covered_units", "covered_units_without_cell"):
        assert _row(html, "dashboard-coverage-rows", key) == str(service["organizations"][key])
    assert _row(html, "dashboard-targets", "targets_total") == str(service["targets"]["targets_total"])
    # Each number opens the records behind it (reports.tests.test_records), or the figures page of its year.
    records = f"/figures/{counted.district_a.pk}/records/members/admitted/"
    assert f'href="{records}?from=01%2F01%2F2020&amp;to=31%2F12%2F2020' in html
    # The coverage numbers open the units counted (their records are declared since the coverage declarations).
    assert f'href="/figures/{counted.district_a.pk}/records/organizations/covered_units/?from=01%2F01%2F2020' in html
    # Drill-down: the commune row links to the commune's dashboard and shows its own members.
    child = re.search(rf'<tr data-child="{counted.commune_a1.pk}">.*?</tr>', html, re.S)
    assert child and f'/figures/{counted.commune_a1.pk}/dashboard/?as_of=31/12/2020' in child.group(0)
    assert 'data-key="members_total"><a href="' in child.group(0) and ">3</a>" in child.group(0)
    # The chart is drawn from the table's numbers, and the page loads no script and no inline style.
    assert "<title>2020: 3</title>" in html and "<script" not in html.split("</header>")[-1]
    assert "style=" not in html


def test_query_count_does_not_grow_with_members(counted: Cast, client: Client) -> None:
    client.force_login(counted.district_officer)
    url = f"/figures/{counted.district_a.pk}/dashboard/{AS_OF_2020}"
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for index in range(4):
        f.member(counted.district_officer, counted.cell_a1a, f"Thêm Văn {index}")
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assert _year_cell(response.content.decode(), 2020, "members_total") == "7"
    # 82 measured (5 years x members and training, the as-of year's four namespaces, the children at once; 131
    # when each child was counted on its own): what matters is that four more members add none.
    assert len(after) == len(before) <= 90


@pytest.mark.parametrize(("who", "where", "status"), [
    ("district_officer", "commune_a1", 200),
    ("cell_secretary", "cell_a1a", 200),
    ("cell_secretary", "commune_a1", 404),
    ("outsider", "district_a", 404),
])
def test_scope(counted: Cast, client: Client, who: str, where: str, status: int) -> None:
    client.force_login(getattr(counted, who))
    assert client.get(f"/figures/{getattr(counted, where).pk}/dashboard/").status_code == status


def test_bad_date_is_a_clear_error_and_pages_link_the_dashboard(counted: Cast, client: Client) -> None:
    client.force_login(counted.district_officer)
    response = client.get(f"/figures/{counted.district_a.pk}/dashboard/?as_of=31/02/2020")
    assert response.status_code == 400 and 'id="id_as_of_error"' in response.content.decode()
    dashboard = f'href="/figures/{counted.district_a.pk}/dashboard/"'
    assert dashboard in client.get(f"/organizations/{counted.district_a.pk}/").content.decode()
    assert dashboard in client.get(f"/figures/{counted.district_a.pk}/").content.decode()


def test_bars_scale_to_the_largest_value() -> None:
    drawn = bars([("2019", 2), ("2020", 4), ("2021", 0)])
    assert [b.height for b in drawn] == [45, 90, 0]
    assert drawn[1].y == 14 and drawn[2].y == 104
