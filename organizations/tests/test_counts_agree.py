"""Numbers agree with their page (issue 8 §7): the counts above the covered-units table are those of its rows; the
whole area's are stated apart, only when they differ."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from core.testing import Cast
from organizations.models import CoveredUnitKind, Organization
from organizations.services import covered_unit_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def villages(cast: Cast) -> Cast:
    """Two villages of commune A1: one covered by cell A1a, one without a cell."""
    village = CoveredUnitKind.objects.get(code="village")
    covered_unit_create(actor=cast.root_admin, code="V1", name="Thôn Nà Rì", kind=village,
                        territory=cast.commune_a1, covered_by=cast.cell_a1a)
    covered_unit_create(actor=cast.root_admin, code="V2", name="Thôn Khuổi Hỏm", kind=village,
                        territory=cast.commune_a1)
    return cast


def _page(client: Client, organization: Organization) -> tuple[int, int, int, str]:
    """(count of units, count without a cell, rows of the table, the whole section) of the organization page."""
    html = client.get(f"/organizations/{organization.pk}/").content.decode()
    section = html[html.index('id="coverage"'):html.index('id="lineage"')]
    counts = [int(n) for n in re.findall(r'class="count[^"]*"><strong>(\d+)</strong>', section)]
    body = re.search(r"<tbody>(.*?)</tbody>", section, re.S)
    rows = body.group(1).count("<tr>") if body else 0
    return counts[0], counts[1], rows, section


def test_a_cell_counts_the_unit_it_covers_in_its_table(villages: Cast, client: Client) -> None:
    client.force_login(villages.district_officer)
    units, without, rows, _section = _page(client, villages.cell_a1a)
    assert (units, without, rows) == (1, 0, 1)


def test_a_commune_counts_its_rows(villages: Cast, client: Client) -> None:
    client.force_login(villages.district_officer)
    units, without, rows, section = _page(client, villages.commune_a1)
    assert (units, without, rows) == (2, 1, 2)
    assert 'id="coverage-subtree"' not in section  # the same numbers: not said twice


def test_a_district_with_units_under_its_communes_says_none_here_and_the_whole_area_apart(
        villages: Cast, client: Client) -> None:
    client.force_login(villages.district_officer)
    units, without, rows, section = _page(client, villages.district_a)
    assert (units, without, rows) == (0, 0, 0)
    subtree = re.search(r'id="coverage-subtree">(.*?)</p>', section, re.S)
    assert subtree and re.findall(r"\d+", subtree.group(1)) == ["2", "1"]
