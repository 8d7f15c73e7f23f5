"""Counts as of a date under the tree of that date, across a merger of two cells; movements in a period."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.decisions import Decision
from core.errors import DomainError, NotInScope
from core.models import ChangeRecord
from core.testing import kind
from members import queries, services
from members.figures import FIGURE_KEYS, member_figures, member_stocks
from members.models import EventKind, MemberEvent, Person
from members.services import Introducer
from members.tests import factories as f
from organizations.services import NewOrganization, organization_dissolve, organization_merge

D = dt.date
MERGED_ON = D(2023, 7, 1)


@pytest.fixture
def merged(cast):
    """Three members in a1a, two in a1b (one of them probationary), merged into a new cell on 01/07/2023."""
    actor = cast.district_officer
    first = [f.member(actor, cast.cell_a1a, name) for name in ("Nông Văn Một", "Nông Văn Hai", "Nông Văn Ba")]
    f.member(actor, cast.cell_a1b, "Hà Thị Bốn")
    f.admit(actor, cast.cell_a1b, "Hà Thị Năm", resolution_on=D(2023, 2, 1), decided_on=D(2023, 3, 1),
            ceremony_on=D(2023, 3, 20), introduced_by=[Introducer(p, D(2020, 1, 1)) for p in first[:2]])
    event = organization_merge(
        actor=cast.province_officer,
        sources=[cast.cell_a1a, cast.cell_a1b],
        target=NewOrganization("T-A-1-ab", "Chi bộ thôn Nà Rì - Khuổi Hỏm", kind("cell")),
        effective_on=MERGED_ON,
        decision=Decision("15-QĐ/ĐU", D(2023, 6, 20), "Đảng ủy xã Đồng Tâm"),
    )
    successor = event.links.get(role="target").organization
    return cast, successor


def test_counts_before_and_after_merger(merged):
    cast, successor = merged
    before, after = MERGED_ON - dt.timedelta(days=1), MERGED_ON
    assert member_stocks(cast.cell_a1a, as_of=before)["members_total"] == 3
    assert member_stocks(cast.cell_a1b, as_of=before) == {
        "members_total": 2, "members_official": 1, "members_probationary": 1, "members_exempted": 0,
        "candidates": 0,
    }
    assert member_stocks(cast.commune_a1, as_of=before)["members_total"] == 5
    assert member_stocks(successor, as_of=before)["members_total"] == 0  # did not exist yet
    assert member_stocks(cast.cell_a1a, as_of=after)["members_total"] == 0  # dissolved
    assert member_stocks(successor, as_of=after)["members_total"] == 5
    assert member_stocks(cast.commune_a1, as_of=after)["members_total"] == 5
    assert member_stocks(cast.province, as_of=after)["members_total"] == 5
    assert Person.objects.filter(organization=successor).count() == 5
    # (members admitted before the cells' first day were registered there on that day: not the merger's moves)
    moves = MemberEvent.objects.filter(kind=EventKind.RESTRUCTURE_MOVE, details__lineage_event__isnull=False)
    assert moves.count() == 5 and {m.occurred_on for m in moves} == {MERGED_ON}
    for move in moves:  # logged like any other event, by the user who restructured
        assert ChangeRecord.objects.for_object(move).get().user == cast.province_officer


def test_period_movements_count_events_where_they_happened(merged):
    cast, successor = merged
    figures = member_figures(cast.commune_a1, date_from=D(2023, 1, 1), date_to=D(2023, 12, 31), as_of=D(2023, 12, 31))
    assert set(figures) == set(FIGURE_KEYS)
    assert figures["admitted"] == 1  # decided in a1b before the merger, still counted for the commune
    assert figures["candidates_registered"] == 0  # registered in 2022
    assert figures["transferred_in"] == figures["transferred_out"] == 0  # restructuring is not a transfer
    assert member_figures(successor, date_from=D(2023, 1, 1), date_to=D(2023, 12, 31),
                          as_of=D(2023, 12, 31))["admitted"] == 0  # without its predecessors


def test_counting_is_a_single_aggregate_query_each(merged):
    cast, _successor = merged
    with CaptureQueriesContext(connection) as stocks:
        member_stocks(cast.province, as_of=D(2024, 1, 1))
    assert len(stocks) <= 2  # the root's version, then one aggregate
    with CaptureQueriesContext(connection) as everything:
        member_figures(cast.province, date_from=D(2023, 1, 1), date_to=D(2023, 12, 31), as_of=D(2023, 12, 31))
    assert len(everything) <= 6


def test_dissolving_a_cell_with_members_and_no_successor_refused(cast):
    f.member(cast.district_officer, cast.cell_a1b, "Hà Văn Còn")
    with pytest.raises(DomainError) as error:
        organization_dissolve(actor=cast.province_officer, organization=cast.cell_a1b, dissolved_on=D(2023, 1, 2),
                              decision=Decision("16-QĐ/ĐU", D(2023, 1, 2), "Đảng ủy xã"))
    assert "1" in str(error.value) and cast.cell_a1b.name in str(error.value)
    cast.cell_a1b.refresh_from_db()
    assert cast.cell_a1b.dissolved_on is None


def test_temporary_attachment_not_counted_at_host_and_internal_transfers(cast):
    actor = cast.district_officer
    traveller = f.member(actor, cast.cell_a1a, "Lục Văn Đi")
    services.member_transfer_out(actor=actor, person=traveller, temporary=True, occurred_on=D(2024, 3, 1),
                                 letter=f.letter(), destination=cast.cell_a1b, purpose="work", until=D(2024, 10, 1))
    services.member_transfer_in(actor=actor, person=traveller, temporary=True, organization=cast.cell_a1b,
                                occurred_on=D(2024, 3, 4))
    assert member_stocks(cast.cell_a1b, as_of=D(2024, 4, 1))["members_total"] == 0
    assert member_stocks(cast.cell_a1a, as_of=D(2024, 4, 1))["members_total"] == 1

    mover = f.member(actor, cast.cell_a1a, "Lục Văn Chuyển")
    services.member_transfer_out(actor=actor, person=mover, temporary=False, occurred_on=D(2024, 5, 2),
                                 letter=f.letter(), destination=cast.cell_a1b)
    assert member_stocks(cast.commune_a1, as_of=D(2024, 5, 3))["members_total"] == 1  # in transit: nowhere
    services.member_transfer_in(actor=actor, person=mover, temporary=False, organization=cast.cell_a1b,
                                occurred_on=D(2024, 5, 6))
    period = {"date_from": D(2024, 1, 1), "date_to": D(2024, 12, 31), "as_of": D(2024, 12, 31)}
    cell_a = member_figures(cast.cell_a1a, **period)
    cell_b = member_figures(cast.cell_a1b, **period)
    commune = member_figures(cast.commune_a1, **period)
    assert (cell_a["transferred_out"], cell_b["transferred_in"]) == (1, 1)
    assert (commune["transferred_out"], commune["transferred_in"]) == (0, 0)
    assert commune["members_total"] == 2

    services.member_transfer_out(actor=actor, person=mover, temporary=False, occurred_on=D(2024, 8, 1),
                                 letter=f.letter(), destination_outside="Đảng bộ tỉnh Cao Bằng")
    assert member_figures(cast.commune_a1, **period)["transferred_out"] == 1


def test_movement_kinds_counted(cast):
    actor = cast.province_officer
    cell = cast.cell_a1a
    f.candidate(actor, cell, "Lò Văn Mới", registered_on=D(2022, 2, 1), course_on=D(2022, 3, 1))
    someone = f.candidate(actor, cell, "Lò Văn Hồ Sơ", registered_on=D(2021, 2, 1), course_on=D(2021, 3, 1))
    services.dossier_step_record(actor=actor, person=someone, form="8-KNĐ", occurred_on=D(2022, 5, 1))
    recognised = f.admit(actor, cell, "Lò Văn Công", resolution_on=D(2021, 1, 4), decided_on=D(2021, 2, 1),
                         ceremony_on=D(2021, 2, 20))
    services.recognition_record(actor=actor, person=recognised, decision=f.decision(D(2022, 3, 1)))
    for name, act in (
        ("Xóa", lambda p: services.member_strike_off(actor=actor, person=p, decision=f.decision(D(2022, 4, 1)),
                                                     ground="no_progress")),
        ("Khai", lambda p: services.member_expel(actor=actor, person=p, decision=f.decision(D(2022, 4, 1)),
                                                 reason="x")),
        ("Mất", lambda p: services.death_record(actor=actor, person=p, died_on=D(2022, 4, 1))),
        ("Rời", lambda p: services.member_leave(actor=actor, person=p, decision=f.decision(D(2022, 4, 1)))),
    ):
        act(f.member(actor, cell, f"Lò Văn {name}"))
    figures = member_figures(cast.district_a, date_from=D(2022, 1, 1), date_to=D(2022, 12, 31),
                             as_of=D(2022, 12, 31))
    assert {k: figures[k] for k in ("candidates_registered", "dossiers_completed", "recognised", "struck_off",
                                     "expelled", "died", "left", "admitted")} == {
        "candidates_registered": 1, "dossiers_completed": 1, "recognised": 1, "struck_off": 1, "expelled": 1,
        "died": 1, "left": 1, "admitted": 0,
    }
    # a superseded event counts once, at its corrected date
    death = MemberEvent.objects.get(kind=EventKind.DEATH)
    services.event_correct(actor=actor, event=death, occurred_on=D(2023, 1, 3), reason="sai năm")
    assert member_figures(cast.district_a, date_from=D(2022, 1, 1), date_to=D(2022, 12, 31),
                          as_of=D(2022, 12, 31))["died"] == 0


def test_counts_query_is_scoped(cast):
    f.member(cast.district_officer, cast.cell_a1a)
    assert queries.member_counts(cast.cell_secretary, cast.cell_a1a, on=D(2024, 1, 1))["members_total"] == 1
    with pytest.raises(NotInScope):
        queries.member_counts(cast.outsider, cast.cell_a1a, on=D(2024, 1, 1))


def test_split_moves_files_to_the_named_successor(cast):
    from organizations.services import organization_split

    actor = cast.district_officer
    people = [f.member(actor, cast.cell_a1a, name) for name in ("Mã Văn Tách", "Mã Thị Chia")]
    gone = f.member(actor, cast.cell_a1a, "Mã Văn Cũ")
    services.death_record(actor=actor, person=gone, died_on=D(2022, 1, 3))
    organization_split(
        actor=cast.province_officer,
        source=cast.cell_a1a,
        targets=[NewOrganization("T-A-1-a1", "Chi bộ thôn Nà Rì 1", kind("cell")),
                 NewOrganization("T-A-1-a2", "Chi bộ thôn Nà Rì 2", kind("cell"))],
        effective_on=D(2024, 1, 2),
        decision=Decision("17-QĐ/ĐU", D(2023, 12, 20), "Đảng ủy xã"),
        member_successor_code="T-A-1-a2",
    )
    for person in [*people, gone]:
        person.refresh_from_db()
        assert person.organization.code == "T-A-1-a2"  # files of former members go along too
    assert gone.status == "dead"
    heir = people[0].organization
    assert member_stocks(heir, as_of=D(2024, 1, 2))["members_total"] == 2
    assert member_stocks(cast.commune_a1, as_of=D(2024, 1, 1))["members_total"] == 2


def test_dissolving_a_cell_with_only_former_members_is_allowed(cast):
    person = f.member(cast.district_officer, cast.cell_a1b, "Hà Văn Đã Mất")
    services.death_record(actor=cast.district_officer, person=person, died_on=D(2022, 1, 3))
    organization_dissolve(actor=cast.province_officer, organization=cast.cell_a1b, dissolved_on=D(2023, 1, 2),
                          decision=Decision("18-QĐ/ĐU", D(2023, 1, 2), "Đảng ủy xã"))
    person.refresh_from_db()
    assert person.organization == cast.cell_a1b  # the file stays where it was, with its history


def test_recognition_decided_after_a_merger_counts_where_probation_ended(cast):
    """Probation ended in the old cell; the merger came before the decision: the recognition still counts."""
    actor = cast.district_officer
    introducers = [Introducer(f.member(actor, cast.cell_a1a, n), D(2015, 1, 1)) for n in ("Vi Văn A", "Vi Văn B")]
    probationer = f.admit(actor, cast.cell_a1a, "Vi Thị Dự", resolution_on=D(2022, 4, 1), decided_on=D(2022, 5, 4),
                          ceremony_on=D(2022, 6, 1), introduced_by=introducers)
    organization_merge(actor=cast.province_officer, sources=[cast.cell_a1a, cast.cell_a1b],
                       target=NewOrganization("T-A-1-ab", "Chi bộ thôn Nà Rì - Khuổi Hỏm", kind("cell")),
                       effective_on=MERGED_ON, decision=Decision("15-QĐ/ĐU", D(2023, 6, 20), "Đảng ủy xã Đồng Tâm"))
    probationer.refresh_from_db()
    event = services.recognition_record(actor=actor, person=probationer, decision=f.decision(D(2023, 8, 1)))
    assert event.occurred_on == D(2023, 6, 1)
    assert event.organization == cast.cell_a1a
    figures = member_figures(cast.commune_a1, date_from=D(2023, 1, 1), date_to=D(2023, 12, 31),
                             as_of=D(2023, 12, 31))
    assert figures["recognised"] == 1
