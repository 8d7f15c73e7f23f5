"""Rollup series: a fixed sequence of restructurings above the cells (communes and districts moved between
districts and provinces, communes and cells merged, a cell dissolved) with members and transfers across them,
the figures of every organization compared with the reference after each step; the number of queries of a
member write; an organization whose versions were written without the services is synced at the next write."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.decisions import Decision
from core.testing import Cast, establish
from members import services
from members.models import EventKind, MemberEvent, Person
from members.status import person_timeline
from members.tests import factories as f
from organizations.models import Organization, OrganizationVersion
from organizations.services import organization_dissolve, organization_merge, organization_move
from tallies.maintain import person_changed
from tallies.models import TallySeries, TallyVersion
from tallies.rebuild import differences
from tallies.tests.test_property import _compare

pytestmark = pytest.mark.django_db

D = dt.date
QUERIES = 5  # the tree of its organizations (2), the series, the missing points, the ranges moved
DATES = [D(2019, 12, 31), D(2020, 12, 31), D(2021, 12, 31), D(2023, 12, 31)]


def _check(*roots: Organization) -> None:
    for root in roots:
        root.refresh_from_db()
        for organization in Organization.objects.filter(path__startswith=root.path):
            _compare(organization, DATES, long_periods=True)
    count, examples = differences()
    assert count == 0, examples


def _decision(on: dt.date) -> Decision:
    return Decision(f"{on:%j%y}-QĐ/TU", on, "Tỉnh ủy")


def test_restructurings_above_the_cells_move_the_rollups_exactly(cast: Cast) -> None:
    admin = cast.root_admin
    north = establish(admin, "N", "Đảng bộ tỉnh Bắc", "province", None)
    district_n = establish(admin, "N-A", "Đảng bộ huyện Bắc An", "district", north)
    commune_n = establish(admin, "N-A-1", "Đảng bộ xã Bắc An", "commune", district_n)
    cell_n = establish(admin, "N-A-1-a", "Chi bộ thôn Bắc An", "cell", commune_n)
    cell_b = establish(admin, "T-B-1-a", "Chi bộ thôn Lương", "cell", cast.commune_b1)
    cell_a2 = establish(admin, "T-A-2-a", "Chi bộ thôn Hòa", "cell", cast.commune_a2)
    first = f.member(admin, cast.cell_a1a, "Đinh Thị Hồng", admitted_on=D(2001, 5, 2), birth_date=D(1975, 3, 4))
    f.member(admin, cast.cell_a1b, "Ma Văn Kiên", admitted_on=D(1999, 8, 9), birth_date=D(1970, 1, 5))
    f.member(admin, cell_b, "Lò Văn Sáng", admitted_on=D(2003, 2, 1), birth_date=D(1978, 6, 1))
    f.member(admin, cell_n, "Vi Thị Hà", admitted_on=D(2005, 7, 1), birth_date=D(1980, 2, 2))
    f.member(admin, cell_a2, "Nông Văn Tú", admitted_on=D(2006, 7, 1), birth_date=D(1981, 2, 2))
    roots = (cast.province, north)
    # A transfer from district A to district B: across the districts' boundary, inside the province's.
    services.member_transfer_out(actor=admin, person=first, temporary=False, occurred_on=D(2019, 5, 4),
                                 letter=f.letter(), destination=cell_b)
    services.member_transfer_in(actor=admin, person=Person.objects.get(pk=first.pk), temporary=False,
                                organization=cell_b, occurred_on=D(2019, 5, 8), letter=f.letter())
    _check(*roots)
    # The commune of cell a1a moves to district B: from then on a1a and b1's cell share district B.
    organization_move(actor=admin, organization=cast.commune_a1, new_parent=cast.district_b,
                      effective_on=D(2020, 3, 1), decision=_decision(D(2020, 2, 20)))
    _check(*roots)
    # District A (commune a2 and its member) moves to the other province.
    organization_move(actor=admin, organization=cast.district_a, new_parent=north, effective_on=D(2020, 9, 1),
                      decision=_decision(D(2020, 8, 20)))
    _check(*roots)
    # Back across the provinces, by a transfer between them, then backdated to before the district's move.
    person = Person.objects.get(pk=first.pk)
    services.member_transfer_out(actor=admin, person=person, temporary=False, occurred_on=D(2021, 2, 1),
                                 letter=f.letter(), destination=cell_a2)
    services.member_transfer_in(actor=admin, person=Person.objects.get(pk=first.pk), temporary=False,
                                organization=cell_a2, occurred_on=D(2021, 2, 5), letter=f.letter())
    _check(*roots)
    # Communes merged across the provinces: b1's cells move under the northern commune, b1 is dissolved.
    organization_merge(actor=admin, sources=[cast.commune_b1, commune_n], target=commune_n,
                       effective_on=D(2021, 6, 1), decision=_decision(D(2021, 5, 20)))
    _check(*roots)
    # Cells merged: the members of a1a move to a1b (through the members services, in the same transaction).
    organization_merge(actor=admin, sources=[cast.cell_a1a, cast.cell_a1b], target=cast.cell_a1b,
                       effective_on=D(2022, 1, 10), decision=_decision(D(2022, 1, 5)))
    _check(*roots)
    # A correction backdating the cross-province transfer to before the district's move.
    transfer_out = MemberEvent.objects.get(person=first, kind=EventKind.TRANSFER_OUT_OFFICIAL,
                                           occurred_on=D(2021, 2, 1), superseded_by__isnull=True)
    services.event_correct(actor=admin, event=transfer_out, reason="Ghi nhầm ngày", occurred_on=D(2020, 6, 1))
    _check(*roots)
    # An empty cell dissolved.
    empty = establish(admin, "T-B-9", "Chi bộ thôn Trống", "cell", cell_n.parent, on=D(2021, 7, 1))
    organization_dissolve(actor=admin, organization=empty, dissolved_on=D(2022, 3, 1),
                          decision=_decision(D(2022, 2, 20)))
    _check(*roots)
    assert TallySeries.objects.filter(organization=north, rollup=True).exists()


def test_a_member_write_costs_a_bounded_number_of_queries(cast: Cast) -> None:
    """Adding a probationary member's file (a probationary spell and an admission) touches the leaf series and
    the rollups of the cell's three ancestors and itself: a fixed number of set-based statements whatever the
    number of items, pinned so that a change making it grow with the items, the tree or the data shows."""
    person = f.member(cast.root_admin, cast.cell_a1a, "Đinh Thị Hồng", admitted_on=D(2024, 5, 2),
                      birth_date=D(1975, 3, 4), official=False)
    timeline = person_timeline(person)
    with CaptureQueriesContext(connection) as queries:
        person_changed(person, before=None, after=timeline)
    assert len(queries) == QUERIES, [q["sql"][:120] for q in queries.captured_queries]


def test_versions_written_without_the_services_are_followed_at_the_next_write(cast: Cast) -> None:
    cell = establish(cast.root_admin, "T-A-1-z", "Chi bộ thôn Mới", "cell", cast.commune_a1)
    TallyVersion.objects.filter(organization_id=cell.pk).delete()  # as if its versions had been loaded as rows
    f.member(cast.root_admin, cell, "Đinh Thị Hồng", admitted_on=D(2001, 5, 2), birth_date=D(1975, 3, 4))
    assert OrganizationVersion.objects.filter(organization=cell).count() == TallyVersion.objects.filter(
        organization_id=cell.pk).count() == 1
    _check(cast.province)
