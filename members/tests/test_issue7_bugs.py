"""Issue 7 §7, members: a probationary member recognised by the sending cell while the transfer letter is open;
an admission copied into a new file is checked against the cell's first day as the event route checks it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from core.errors import DomainError
from members import services
from members.models import EventKind, MemberEvent, Status
from members.status import person_timeline
from members.tests import factories as f

pytestmark = pytest.mark.django_db

D = dt.date


def _months_ago(months: int, day: int = 10) -> dt.date:
    today = timezone.localdate()
    index = today.year * 12 + today.month - 1 - months
    return D(index // 12, index % 12 + 1, day)


def test_probation_ending_during_an_open_transfer_letter_is_recognised_by_the_sending_cell(cast):
    actor = cast.district_officer
    today = timezone.localdate()
    end = today - dt.timedelta(days=5)
    ceremony = D(end.year - 1, end.month, end.day)
    person = f.admit(actor, cast.cell_a1a, "Sùng Văn Đi", resolution_on=ceremony - dt.timedelta(days=60),
                     decided_on=ceremony - dt.timedelta(days=20), ceremony_on=ceremony)
    services.member_transfer_out(actor=actor, person=person, temporary=False, occurred_on=end - dt.timedelta(days=9),
                                 letter=f.letter(), destination=cast.cell_a1b)
    recognition = services.recognition_record(actor=actor, person=person, decision=f.decision(today))
    assert (recognition.occurred_on, recognition.organization) == (end, cast.cell_a1a)  # the deciding cell
    state = person_timeline(person).state
    assert (state.status, state.held_status) == (Status.TRANSFERRED_OUT, Status.OFFICIAL)
    services.member_transfer_in(actor=actor, person=person, temporary=False, organization=cast.cell_a1b,
                                occurred_on=today, letter=f.letter())
    person.refresh_from_db()
    assert (person.status, person.organization) == (Status.OFFICIAL, cast.cell_a1b)


def test_an_official_member_in_transfer_has_nothing_to_recognise(cast):
    actor = cast.district_officer
    person = f.member(actor, cast.cell_a1a, "Hoàng Văn Chính")
    services.member_transfer_out(actor=actor, person=person, temporary=False, occurred_on=_months_ago(0, day=1),
                                 letter=f.letter(), destination=cast.cell_a1b)
    events = MemberEvent.objects.filter(person=person).count()
    with pytest.raises(DomainError):
        services.recognition_record(actor=actor, person=person, decision=f.decision(timezone.localdate()))
    assert MemberEvent.objects.filter(person=person).count() == events
    assert not MemberEvent.objects.filter(person=person, kind=EventKind.NOT_RECOGNISED).exists()


def test_api_faults_name_the_json_paths_as_sent_and_come_all_at_once(cast):
    """Issue 7 §7: `decision.number`, not `decision_number`; every fault of the decision in one answer."""
    from core.testing_api import call

    person = f.member(cast.district_officer, cast.cell_a1a, "Hoàng Văn Lỗi")
    events = MemberEvent.objects.count()
    body = {"kind": "strike_off", "ground": "other", "decision": {"number": "abc", "date": "1920-01-01"}}
    answer = call("POST", f"/members/{person.pk}/events", user=cast.district_officer, body=body)
    assert answer.status_code == 400, answer.content
    payload = answer.json()
    assert payload["field"] == "decision.number"
    assert [e["field"] for e in payload["errors"]] == ["decision.number", "decision.date"]
    assert MemberEvent.objects.count() == events
    # The event refused on its date names the date the body carries (a death has `died_on`, no `occurred_on`).
    services.death_record(actor=cast.district_officer, person=person, died_on=D(2024, 1, 1))
    again = call("POST", f"/members/{person.pk}/events", user=cast.district_officer,
                 body={"kind": "death", "died_on": "2024-02-01"})
    assert again.status_code == 400 and again.json()["field"] == "died_on", again.content
    # Schema faults: all of them, each with its path.
    invalid = call("POST", f"/members/{person.pk}/events", user=cast.district_officer,
                   body={"kind": "strike_off", "ground": "nonsense", "decision": {"number": 5}})
    assert invalid.status_code == 422
    fields = {e["field"] for e in invalid.json()["errors"]}
    assert {"ground", "decision.number", "decision.date"} <= fields, fields


@pytest.mark.parametrize(("sent", "code"), [("Mông", "08"), ("Hmông", "08"), ("H'Mông", "08"), ("08", "08"),
                                            ("Khmer", "05")])
def test_the_api_takes_an_ethnic_group_by_code_or_any_official_name(cast, sent, code):
    from core.testing_api import call

    body = {"organization_id": cast.cell_a1a.pk, "full_name": "Giàng A Páo", "gender": "male",
            "birth_date": "1995-03-04", "general_education": "12/12", "ethnicity": sent, "confirm_duplicate": True}
    answer = call("POST", "/members", user=cast.district_officer, body=body)
    assert answer.status_code == 201, answer.content
    assert answer.json()["ethnicity"]["code"] == code
