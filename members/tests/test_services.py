"""Every service writes the change log for the event and the person; bad input writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from core.errors import DomainError, NotInScope
from core.models import ChangeAction, ChangeRecord
from members import services
from members.models import EventKind, MemberEvent, MembershipSpell, Person, Status
from members.tests import factories as f

D = dt.date


def _counts() -> tuple[int, int, int, int]:
    return (Person.objects.count(), MemberEvent.objects.count(), MembershipSpell.objects.count(),
            ChangeRecord.objects.count())


def _log_for(obj) -> list[ChangeRecord]:
    return list(ChangeRecord.objects.for_object(obj).order_by("id"))


def _assert_logged(event: MemberEvent, actor) -> None:
    """One CREATE row for the event and one EVENT row on the person naming it, both by the actor."""
    rows = _log_for(event)
    assert [r.action for r in rows] == [ChangeAction.CREATE]
    assert rows[0].user_name == actor.username
    person_rows = [r for r in _log_for(event.person) if r.action == ChangeAction.EVENT]
    assert any(r.after["event_id"] == event.pk and r.after["event_kind"] == event.kind for r in person_rows)


def test_person_create_and_update_are_logged(cast):
    secretary = cast.cell_secretary
    person = f.person(secretary, cast.cell_a1a, "Nguyễn Văn Đức", citizen_id="001090000001")
    assert [r.action for r in _log_for(person)] == [ChangeAction.CREATE]
    assert person.search_name == "nguyen van duc"
    assert person.status == Status.NONE
    services.person_update(actor=secretary, person=person, phone="0912 345 678", reason="bổ sung")
    rows = _log_for(person)
    assert [r.action for r in rows] == [ChangeAction.CREATE, ChangeAction.UPDATE]
    assert ("phone", "", "0912 345 678") in rows[1].changed_fields()


def test_person_update_never_touches_status(cast):
    person = f.person(cast.cell_secretary, cast.cell_a1a)
    with pytest.raises(DomainError) as error:
        services.person_update(actor=cast.cell_secretary, person=person, status=Status.OFFICIAL)
    assert error.value.field == "status"


def test_every_service_logs_event_and_person(cast):
    actor = cast.district_officer
    cell, other = cast.cell_a1a, cast.cell_a1b
    person = f.person(actor, cell, "Lý Văn Hùng", birth_date=D(1995, 1, 1))
    recorded = [
        services.candidate_register(actor=actor, person=person, registered_on=D(2019, 1, 2)),
        services.awareness_course_record(actor=actor, person=person, completed_on=D(2019, 2, 1)),
        services.dossier_step_record(actor=actor, person=person, form="1-KNĐ", occurred_on=D(2019, 9, 1)),
        services.dossier_step_record(actor=actor, person=person, form="6-KNĐ", occurred_on=D(2019, 10, 1)),
    ]
    recorded.append(services.admission_decide(actor=actor, person=person, decision=f.decision(D(2019, 11, 1)),
                                              introducers=f.introducers(actor, cell)))
    recorded.append(services.admission_ceremony_record(actor=actor, person=person, held_on=D(2019, 11, 20)))
    recorded.append(services.recognition_record(actor=actor, person=person, decision=f.decision(D(2020, 12, 1))))
    recorded.append(services.member_transfer_out(actor=actor, person=person, temporary=True, occurred_on=D(2021, 1, 4),
                                                 letter=f.letter(), destination=other, purpose="study",
                                                 until=D(2022, 1, 4)))
    recorded.append(services.member_transfer_in(actor=actor, person=person, temporary=True, organization=other,
                                                occurred_on=D(2021, 1, 8)))
    recorded.append(services.member_temporary_return(actor=actor, person=person, returned_on=D(2022, 1, 4)))
    recorded.append(services.member_transfer_out(actor=actor, person=person, temporary=False, occurred_on=D(2022, 3, 1),
                                                 letter=f.letter(), destination=other))
    recorded.append(services.member_transfer_in(actor=actor, person=person, temporary=False, organization=other,
                                                occurred_on=D(2022, 3, 10), letter=f.letter()))
    recorded.append(services.exemption_start(actor=actor, person=person, occurred_on=D(2023, 1, 5),
                                             reason="ốm dài ngày"))
    recorded.append(services.exemption_end(actor=actor, person=person, occurred_on=D(2023, 6, 5)))
    recorded.append(services.member_strike_off(actor=actor, person=person, decision=f.decision(D(2023, 9, 1)),
                                               ground="card_discarded"))
    for event in recorded:
        _assert_logged(event, actor)
    person.refresh_from_db()
    assert person.status == Status.STRUCK_OFF
    assert person.organization == other

    other_person = f.member(actor, cell, "Vi Thị Mai")
    for event in [
        services.member_expel(actor=actor, person=other_person, decision=f.decision(D(2021, 5, 1)), reason="vi phạm"),
    ]:
        _assert_logged(event, actor)
    leaver = f.member(actor, cell, "Hà Văn Tú")
    _assert_logged(services.member_leave(actor=actor, person=leaver, decision=f.decision(D(2021, 5, 1))), actor)
    dead = f.member(actor, cell, "Đàm Văn Lợi")
    _assert_logged(services.death_record(actor=actor, person=dead, died_on=D(2022, 2, 2)), actor)
    probationary = f.admit(actor, cell, "Ma Văn Sinh")
    _assert_logged(services.not_recognised_record(actor=actor, person=probationary,
                                                  decision=f.decision(D(2021, 6, 1)), reason="không đủ tư cách"),
                   actor)
    correction = services.event_correct(actor=actor, event=recorded[1], occurred_on=D(2019, 2, 2), reason="nhập sai")
    _assert_logged(correction, actor)
    assert correction.supersedes_id == recorded[1].pk


def test_readmission_is_logged(cast):
    actor = cast.province_officer
    person = f.member(actor, cast.cell_a1a, "Lưu Văn Khánh")
    services.member_strike_off(actor=actor, person=person, decision=f.decision(D(2019, 1, 10)), ground="no_progress")
    event = services.member_readmit(actor=actor, person=person, decision=f.decision(D(2022, 3, 1)),
                                    consent=f.decision(D(2022, 2, 1), "Ban Thường vụ Tỉnh ủy"))
    _assert_logged(event, actor)
    person.refresh_from_db()
    assert person.status == Status.PROBATIONARY


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"birth_date": D(2999, 1, 1)}, "birth_date"),
        ({"full_name": "  "}, "full_name"),
        ({"citizen_id": "12345"}, "citizen_id"),
        ({"general_education": "lớp 9"}, "general_education"),
        ({"gender": "x"}, "gender"),
    ],
)
def test_bad_file_writes_nothing(cast, change, field):
    before = _counts()
    arguments = {"full_name": "Nguyễn Văn An", "gender": "male", "birth_date": D(1990, 1, 1), **change}
    with pytest.raises(DomainError) as error:
        services.person_create(actor=cast.cell_secretary, organization=cast.cell_a1a, **arguments)
    assert error.value.field == field
    assert _counts() == before


def test_duplicate_citizen_id_refused(cast):
    f.person(cast.cell_secretary, cast.cell_a1a, citizen_id="001090000001")
    before = _counts()
    with pytest.raises(DomainError) as error:
        f.person(cast.cell_secretary, cast.cell_a1a, "Lê Văn B", citizen_id="001090000001")
    assert error.value.field == "citizen_id"
    assert _counts() == before


def test_bad_event_writes_nothing(cast):
    person = f.member(cast.cell_secretary, cast.cell_a1a)
    before = _counts()
    with pytest.raises(DomainError):  # a ceremony with no pending decision
        services.admission_ceremony_record(actor=cast.cell_secretary, person=person, held_on=D(2020, 1, 1))
    with pytest.raises(DomainError):  # future date
        services.death_record(actor=cast.cell_secretary, person=person, died_on=D(2999, 1, 1))
    with pytest.raises(DomainError):  # malformed decision number
        services.member_strike_off(actor=cast.cell_secretary, person=person,
                                   decision=f.Decision("abc", D(2020, 1, 1)), ground="card_discarded")
    assert _counts() == before


def test_file_outside_scope_cannot_be_created_or_changed(cast):
    before = _counts()
    with pytest.raises(NotInScope):
        f.person(cast.cell_secretary, cast.cell_a1b)  # the secretary of a1a only
    with pytest.raises(NotInScope):
        f.person(cast.outsider, cast.cell_a1a)  # district B's officer
    assert _counts() == before
    person = f.person(cast.cell_secretary, cast.cell_a1a)
    with pytest.raises(NotInScope):
        services.candidate_register(actor=cast.outsider, person=person, registered_on=D(2020, 1, 1))
    # the district officer over a1a may
    services.candidate_register(actor=cast.district_officer, person=person, registered_on=D(2020, 1, 1))


def test_official_transfer_out_of_scope_destination_is_received_by_its_own_side(cast):
    """The sender names a cell it sees (here the province board, over both districts); only someone with scope
    over that cell records the arrival."""
    from core.testing import establish

    cell_b = establish(cast.root_admin, "T-B-1-a", "Chi bộ thôn Bản Đăm", "cell", cast.commune_b1)
    person = f.member(cast.district_officer, cast.cell_a1a, "Triệu Văn Lâm")
    services.member_transfer_out(actor=cast.province_officer, person=person, temporary=False, occurred_on=D(2021, 3, 1),
                                 letter=f.letter(), destination=cell_b)
    with pytest.raises(NotInScope):
        services.member_transfer_in(actor=cast.district_officer, person=person, temporary=False, organization=cell_b,
                                    occurred_on=D(2021, 3, 5))
    services.member_transfer_in(actor=cast.outsider, person=person, temporary=False, organization=cell_b,
                                occurred_on=D(2021, 3, 5))
    person.refresh_from_db()
    assert person.organization == cell_b and person.status == Status.OFFICIAL


def test_transfer_to_organization_outside_the_tree_refused(cast):
    person = f.member(cast.district_officer, cast.cell_a1a)
    before = _counts()
    with pytest.raises(DomainError) as error:  # a commune is not a cell
        services.member_transfer_out(actor=cast.district_officer, person=person, temporary=False,
                                     occurred_on=D(2021, 3, 1), letter=f.letter(), destination=cast.commune_a2)
    assert error.value.field == "destination"
    with pytest.raises(DomainError) as error:  # the cell did not exist yet on that date
        services.member_transfer_out(actor=cast.district_officer, person=person, temporary=False,
                                     occurred_on=D(2014, 3, 1), letter=f.letter(), destination=cast.cell_a1b)
    assert error.value.field == "destination"
    assert _counts() == before
    # outside the installation, by name
    services.member_transfer_out(actor=cast.district_officer, person=person, temporary=False, occurred_on=D(2021, 3, 1),
                                 letter=f.letter(), destination_outside="Đảng bộ tỉnh Lạng Sơn")
    person.refresh_from_db()
    assert person.status == Status.TRANSFERRED_OUT


def test_arrival_from_outside_brings_admission_history(cast):
    actor = cast.cell_secretary
    person = f.person(actor, cast.cell_a1a, "Đinh Văn Quân", birth_date=D(1985, 1, 1))
    record = services.AdmissionRecord(decision=f.decision(D(2012, 5, 1)), ceremony_on=D(2012, 5, 19),
                                      recognised_on=D(2013, 5, 19))
    services.member_transfer_in(actor=actor, person=person, temporary=False, organization=cast.cell_a1a,
                                occurred_on=D(2021, 6, 1), origin_outside="Đảng bộ tỉnh Cao Bằng", arriving=record,
                                letter=f.letter(issued_on=D(2021, 5, 25)))
    person.refresh_from_db()
    assert person.status == Status.OFFICIAL
    historic = MemberEvent.objects.get(person=person, kind=EventKind.ADMISSION_DECISION)
    assert historic.organization is None  # not an admission of this installation
    assert MembershipSpell.objects.get(person=person).valid_from == D(2021, 6, 1)


def test_correction_withdraws_an_event(cast):
    actor = cast.cell_secretary
    person = f.member(actor, cast.cell_a1a)
    wrong = services.death_record(actor=actor, person=person, died_on=D(2022, 1, 1))
    person.refresh_from_db()
    assert person.status == Status.DEAD
    services.event_correct(actor=actor, event=wrong, withdraw=True, reason="nhầm người")
    person.refresh_from_db()
    assert person.status == Status.OFFICIAL
    # history kept: 3 admission rows, the registration on the cell's first day (admitted before it), + 2
    assert MemberEvent.objects.filter(person=person).count() == 6
    with pytest.raises(DomainError):
        services.event_correct(actor=actor, event=wrong, withdraw=True, reason="lần nữa")


def test_correcting_the_ceremony_moves_the_recognition(cast):
    actor = cast.cell_secretary
    person = f.admit(actor, cast.cell_a1a, ceremony_on=D(2020, 4, 20))
    recognition = services.recognition_record(actor=actor, person=person, decision=f.decision(D(2021, 5, 10)))
    assert recognition.occurred_on == D(2021, 4, 20)
    ceremony = MemberEvent.objects.get(person=person, kind=EventKind.ADMISSION_CEREMONY)
    services.event_correct(actor=actor, event=ceremony, occurred_on=D(2020, 4, 25), reason="sai ngày")
    current = MemberEvent.objects.filter(person=person, kind=EventKind.RECOGNITION, superseded_by__isnull=True).get()
    assert current.occurred_on == D(2021, 4, 25)


def test_receiving_side_sees_letters_addressed_to_it(cast):
    from core.testing import establish
    from members import queries

    cell_b = establish(cast.root_admin, "T-B-1-a", "Chi bộ thôn Bản Đăm", "cell", cast.commune_b1)
    mover = f.member(cast.district_officer, cast.cell_a1a, "Triệu Văn Đến")
    guest = f.member(cast.district_officer, cast.cell_a1a, "Triệu Văn Khách")
    services.member_transfer_out(actor=cast.province_officer, person=mover, temporary=False, occurred_on=D(2021, 3, 1),
                                 letter=f.letter(), destination=cell_b)
    services.member_transfer_out(actor=cast.province_officer, person=guest, temporary=True, occurred_on=D(2021, 3, 1),
                                 letter=f.letter(), destination=cell_b, purpose="work", until=D(2021, 9, 1))
    assert list(queries.transfers_awaiting(cast.outsider, cast.commune_b1)) == [mover]
    assert list(queries.transfers_awaiting(cast.outsider, cast.commune_b1, temporary=True)) == [guest]
    assert list(queries.person_search(cast.outsider, "trieu")) == []  # still the sender's files
    with pytest.raises(NotInScope):
        queries.transfers_awaiting(cast.district_officer, cast.commune_b1)
    services.member_transfer_in(actor=cast.outsider, person=guest, temporary=True, organization=cell_b,
                                occurred_on=D(2021, 3, 3))
    assert list(queries.transfers_awaiting(cast.outsider, cast.commune_b1, temporary=True)) == []
    assert list(queries.persons_attached(cast.outsider, cast.commune_b1)) == [guest]


def test_reference_data_and_file_with_ethnicity(cast):
    from members.models import Ethnicity, Religion

    assert Ethnicity.objects.count() == 55  # 54 groups + "Khác"
    assert Ethnicity.objects.filter(code="02", name="Tày").exists()
    assert Religion.objects.filter(code="khac").exists()
    tay = Ethnicity.objects.get(code="02")
    person = f.person(cast.cell_secretary, cast.cell_a1a, "Hoàng Văn Tày", ethnicity=tay)
    assert person.ethnicity == tay and person.religion is None
    with pytest.raises(DomainError) as error:
        services.person_update(actor=cast.cell_secretary, person=person, ethnicity="Tày")
    assert error.value.field == "ethnicity"


def test_arrival_only_where_the_letter_sends_the_member(cast):
    actor = cast.district_officer
    away = f.member(actor, cast.cell_a1a, "Chu Văn Xa")
    services.member_transfer_out(actor=actor, person=away, temporary=False, occurred_on=D(2021, 3, 1),
                                 letter=f.letter(), destination_outside="Đảng bộ tỉnh Hà Giang")
    guest = f.member(actor, cast.cell_a1a, "Chu Văn Khách")
    services.member_transfer_out(actor=actor, person=guest, temporary=True, occurred_on=D(2021, 3, 1),
                                 letter=f.letter(), destination=cast.cell_a1b, purpose="study", until=D(2022, 3, 1))
    before = _counts()
    with pytest.raises(DomainError):
        services.member_transfer_in(actor=actor, person=away, temporary=False, organization=cast.cell_a1b,
                                    occurred_on=D(2021, 3, 5))
    with pytest.raises(DomainError):
        services.member_transfer_in(actor=cast.root_admin, person=guest, temporary=True, organization=cast.cell_a1a,
                                    occurred_on=D(2021, 3, 5))
    assert _counts() == before
