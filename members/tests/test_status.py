"""Status on any date, derived from the log: across transfers, exemption, strike-off and re-admission."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from members import services
from members.models import EventKind, MembershipSpell, Status
from members.status import derive, person_status, person_timeline
from members.tests import factories as f

D = dt.date


@dataclass
class E:
    """A stand-in event for the pure fold."""

    id: int
    kind: str
    occurred_on: dt.date
    organization_id: int | None = 1
    counterpart_id: int | None = None
    supersedes_id: int | None = None
    details: dict[str, Any] = field(default_factory=dict)


def test_fold_is_pure_and_orders_by_date_then_recording():
    events = [
        E(3, EventKind.ADMISSION_CEREMONY, D(2020, 4, 20)),
        E(1, EventKind.CANDIDATE_REGISTERED, D(2019, 1, 1)),
        E(2, EventKind.ADMISSION_DECISION, D(2020, 4, 1)),
        E(4, EventKind.RECOGNITION, D(2021, 4, 20)),
    ]
    timeline = derive(events)
    assert timeline.status_on(D(2018, 12, 31)) == Status.NONE
    assert timeline.status_on(D(2019, 1, 1)) == Status.CANDIDATE
    assert timeline.status_on(D(2020, 4, 1)) == Status.PROBATIONARY
    assert timeline.status_on(D(2021, 4, 19)) == Status.PROBATIONARY
    assert timeline.status_on(D(2021, 4, 20)) == Status.OFFICIAL
    assert not timeline.rejected


def test_superseded_event_is_ignored_and_correction_keeps_its_place():
    events = [
        E(1, EventKind.CANDIDATE_REGISTERED, D(2019, 1, 1)),
        E(2, EventKind.ADMISSION_DECISION, D(2020, 4, 1)),
        E(3, EventKind.DEATH, D(2020, 6, 1)),
        E(4, EventKind.CORRECTION, D(2020, 7, 1), supersedes_id=3),
        E(5, EventKind.ADMISSION_DECISION, D(2020, 4, 2), supersedes_id=2),
    ]
    timeline = derive(events)
    assert timeline.status_on(D(2020, 4, 1)) == Status.CANDIDATE
    assert timeline.status_on(D(2020, 4, 2)) == Status.PROBATIONARY
    assert timeline.status_on(D(2021, 1, 1)) == Status.PROBATIONARY  # the death was withdrawn


def test_event_not_allowed_by_status_is_rejected_not_applied():
    events = [
        E(1, EventKind.CANDIDATE_REGISTERED, D(2019, 1, 1)),
        E(2, EventKind.RECOGNITION, D(2019, 6, 1)),
    ]
    timeline = derive(events)
    assert [r.event.id for r in timeline.rejected] == [2]
    assert timeline.state.status == Status.CANDIDATE


def test_status_across_in_tree_transfer(cast):
    actor = cast.district_officer
    person = f.member(actor, cast.cell_a1a, admitted_on=D(2010, 3, 1))
    services.member_transfer_out(actor=actor, person=person, temporary=False, occurred_on=D(2021, 3, 1),
                                 letter=f.letter(), destination=cast.cell_a1b)
    services.member_transfer_in(actor=actor, person=person, temporary=False, organization=cast.cell_a1b,
                                occurred_on=D(2021, 3, 15))
    assert person_status(person, on=D(2021, 2, 28)) == Status.OFFICIAL
    assert person_status(person, on=D(2021, 3, 1)) == Status.TRANSFERRED_OUT
    assert person_status(person, on=D(2021, 3, 15)) == Status.OFFICIAL
    timeline = person_timeline(person)
    assert timeline.organization_on(D(2021, 3, 14)) == cast.cell_a1a.pk
    assert timeline.organization_on(D(2021, 3, 15)) == cast.cell_a1b.pk
    spells = list(MembershipSpell.objects.filter(person=person).values_list("organization_id", "status",
                                                                            "valid_from", "valid_to"))
    assert (cast.cell_a1a.pk, Status.TRANSFERRED_OUT, D(2021, 3, 1), D(2021, 3, 15)) in spells
    assert (cast.cell_a1b.pk, Status.OFFICIAL, D(2021, 3, 15), None) in spells


def test_probationary_status_kept_through_transfer(cast):
    actor = cast.district_officer
    person = f.admit(actor, cast.cell_a1a, ceremony_on=D(2020, 4, 20))
    services.member_transfer_out(actor=actor, person=person, temporary=False, occurred_on=D(2020, 9, 1),
                                 letter=f.letter(), destination=cast.cell_a1b)
    services.member_transfer_in(actor=actor, person=person, temporary=False, organization=cast.cell_a1b,
                                occurred_on=D(2020, 9, 10))
    assert person_status(person, on=D(2020, 9, 10)) == Status.PROBATIONARY
    services.recognition_record(actor=actor, person=person, decision=f.decision(D(2021, 5, 4)))
    assert person_status(person, on=D(2021, 4, 19)) == Status.PROBATIONARY
    assert person_status(person, on=D(2021, 4, 20)) == Status.OFFICIAL


def test_temporary_transfer_keeps_home_cell(cast):
    actor = cast.district_officer
    person = f.member(actor, cast.cell_a1a)
    services.member_transfer_out(actor=actor, person=person, temporary=True, occurred_on=D(2022, 1, 3),
                                 letter=f.letter(), destination=cast.cell_a1b, purpose="work", until=D(2022, 9, 1))
    services.member_transfer_in(actor=actor, person=person, temporary=True, organization=cast.cell_a1b,
                                occurred_on=D(2022, 1, 5))
    person.refresh_from_db()
    assert person.organization == cast.cell_a1a
    assert person.temporary_organization == cast.cell_a1b
    assert person_status(person, on=D(2022, 2, 1)) == Status.OFFICIAL
    services.member_temporary_return(actor=actor, person=person, returned_on=D(2022, 9, 1))
    person.refresh_from_db()
    assert person.temporary_organization is None


def test_exemption_then_strike_off_then_readmission(cast):
    actor = cast.province_officer
    person = f.member(actor, cast.cell_a1a, admitted_on=D(2008, 1, 2))
    services.exemption_start(actor=actor, person=person, occurred_on=D(2015, 3, 2), reason="tuổi cao")
    services.exemption_end(actor=actor, person=person, occurred_on=D(2016, 3, 1))
    services.member_strike_off(actor=actor, person=person, decision=f.decision(D(2017, 5, 2)),
                               ground="standards_two_years")
    services.member_readmit(actor=actor, person=person, decision=f.decision(D(2021, 6, 1)),
                            consent=f.decision(D(2021, 5, 1), "Ban Thường vụ Tỉnh ủy"))
    services.admission_ceremony_record(actor=actor, person=person, held_on=D(2021, 6, 15))
    services.recognition_record(actor=actor, person=person, decision=f.decision(D(2022, 6, 20)))
    expected = [
        (D(2015, 3, 1), Status.OFFICIAL),
        (D(2015, 3, 2), Status.EXEMPTED),
        (D(2016, 3, 1), Status.OFFICIAL),
        (D(2017, 5, 2), Status.STRUCK_OFF),
        (D(2021, 5, 31), Status.STRUCK_OFF),
        (D(2021, 6, 1), Status.PROBATIONARY),
        (D(2022, 6, 14), Status.PROBATIONARY),
        (D(2022, 6, 15), Status.OFFICIAL),
    ]
    timeline = person_timeline(person)
    assert [(day, timeline.status_on(day)) for day, _status in expected] == expected
    assert timeline.state.readmissions == 1


def test_transfer_outside_installation_leaves_transferred_out(cast):
    actor = cast.district_officer
    person = f.member(actor, cast.cell_a1a)
    services.member_transfer_out(actor=actor, person=person, temporary=False, occurred_on=D(2023, 2, 1),
                                 letter=f.letter(), destination_outside="Đảng ủy Khối cơ quan tỉnh Lạng Sơn")
    assert person_status(person, on=D(2030, 1, 1)) == Status.TRANSFERRED_OUT
    person.refresh_from_db()
    assert person.organization == cast.cell_a1a  # the file stays with the sender


def test_several_events_on_one_day_leave_one_spell(cast):
    actor = cast.district_officer
    person = f.person(actor, cast.cell_a1a, birth_date=D(1990, 1, 1))
    services.candidate_register(actor=actor, person=person, registered_on=D(2019, 1, 2))
    services.death_record(actor=actor, person=person, died_on=D(2019, 1, 2))
    spells = list(MembershipSpell.objects.filter(person=person).values_list("status", "valid_from", "valid_to"))
    assert spells == [(Status.DEAD, D(2019, 1, 2), None)]
