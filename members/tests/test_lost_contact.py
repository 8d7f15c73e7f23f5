"""Lost contact with the Party organization (issue 11 §1): the period is left out of Party age like a strike-off
(Quy định 24-QĐ/TW §4.5.1: "thời gian mất liên lạc với tổ chức đảng" is time outside Party activities).
Recorded through the services, the page and the API; refused when there is nothing to lose or restore."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from core.errors import DomainError
from core.testing_api import call
from members import services
from members.kinds import allowed_now, member_event_kinds
from members.kinds.contact import contact_lost_record, contact_restored_record
from members.kinds.suspension import member_suspend
from members.models import Status
from members.party_age import party_age
from members.status import CONTACT_RESTORED, LOST_CONTACT, derive
from members.tests import factories as f

D = dt.date


def test_party_age_leaves_out_the_lost_contact_period(cast):
    actor = cast.district_officer
    person = f.member(actor, cast.cell_a1a, "Lục Văn Xa", admitted_on=D(2000, 3, 1))
    assert party_age(person, D(2020, 3, 1)) == (20, 0)
    contact_lost_record(actor=actor, person=person, lost_on=D(2020, 3, 1), reason="đi làm ăn xa, không báo")
    assert party_age(person, D(2021, 3, 1)) == (20, 0)  # frozen while contact is lost
    contact_restored_record(actor=actor, person=person, restored_on=D(2021, 9, 1))
    # 20 years before, 18 months without contact, then 2 years and a half: 22 years on 01/03/2024 + 18 months
    assert party_age(person, D(2024, 3, 1)) == (22, 6)
    assert party_age(person, D(2025, 9, 1)) == (24, 0)
    timeline = derive(list(person.events.all()))
    assert timeline.lost_contacts == [(D(2020, 3, 1), D(2021, 9, 1))]
    assert timeline.state.status == Status.OFFICIAL  # stays on the roll: status unchanged


def test_lost_contact_then_struck_off_counts_the_gap_once(cast):
    actor = cast.province_officer
    person = f.member(actor, cast.cell_a1a, "Hà Văn Bặt", admitted_on=D(2000, 1, 10))
    contact_lost_record(actor=actor, person=person, lost_on=D(2011, 1, 10), reason="không rõ tin tức")
    services.member_strike_off(actor=actor, person=person, decision=f.decision(D(2012, 1, 10)), ground="no_progress")
    assert party_age(person, D(2014, 1, 10)) == (11, 0)  # frozen from the loss of contact, not the strike-off
    timeline = derive(list(person.events.all()))
    assert timeline.lost_contacts == [(D(2011, 1, 10), D(2012, 1, 10))] and timeline.state.lost_contact_on is None


def test_refused_when_nothing_to_lose_or_restore(cast):
    actor = cast.district_officer
    official = f.member(actor, cast.cell_a1a, "Nông Văn Gần")
    candidate = f.candidate(actor, cast.cell_a1a, "Vi Thị Chờ")
    with pytest.raises(DomainError) as nothing_lost:
        contact_restored_record(actor=actor, person=official, restored_on=D(2022, 1, 3))
    assert "24-QĐ/TW" in nothing_lost.value.message and nothing_lost.value.field == "restored_on"
    with pytest.raises(DomainError):  # a candidate is no member: not offered, refused by the fold
        contact_lost_record(actor=actor, person=candidate, lost_on=D(2022, 1, 3), reason="x")
    with pytest.raises(DomainError) as no_reason:
        contact_lost_record(actor=actor, person=official, lost_on=D(2022, 1, 3), reason=" ")
    assert no_reason.value.field == "reason"
    contact_lost_record(actor=actor, person=official, lost_on=D(2022, 1, 3), reason="chuyển đi")
    with pytest.raises(DomainError) as twice:
        contact_lost_record(actor=actor, person=official, lost_on=D(2022, 2, 3), reason="lại")
    assert twice.value.field == "lost_on"
    with pytest.raises(DomainError) as backwards:
        contact_restored_record(actor=actor, person=official, restored_on=D(2021, 12, 1))
    assert backwards.value.field == "restored_on"
    assert official.events.filter(kind=LOST_CONTACT).count() == 1
    assert not official.events.filter(kind=CONTACT_RESTORED).exists()
    assert not candidate.events.filter(kind=LOST_CONTACT).exists()


def test_recorded_through_the_page_and_the_api(cast, client: Client):
    actor = cast.district_officer
    person = f.member(actor, cast.cell_a1a, "Lò Văn Trang", admitted_on=D(2001, 5, 2))
    timeline = derive(list(person.events.all()))
    assert allowed_now(timeline, LOST_CONTACT) and not allowed_now(timeline, CONTACT_RESTORED)
    client.force_login(actor)
    detail = client.get(reverse("members:detail", args=[person.pk])).content.decode()
    assert reverse("members:event", args=[person.pk, "lost-contact"]) in detail
    assert reverse("members:event", args=[person.pk, "contact-restored"]) not in detail
    response = client.post(reverse("members:event", args=[person.pk, "lost-contact"]),
                           {"lost_on": "02/03/2023", "reason": "đi xuất khẩu lao động, không báo"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert person.events.filter(kind=LOST_CONTACT, occurred_on=D(2023, 3, 2)).count() == 1

    # The API: a second loss is refused (400, naming the field), the restoration is recorded (201).
    again = call("POST", f"/members/{person.pk}/events", user=actor,
                 body={"kind": "lost_contact", "lost_on": "2023-04-03", "reason": "lại"})
    assert again.status_code == 400 and again.json()["field"] == "lost_on", again.content
    answer = call("POST", f"/members/{person.pk}/events", user=actor,
                  body={"kind": "contact_restored", "restored_on": "2024-03-04", "reason": "đã về"})
    assert answer.status_code == 201, answer.content
    assert answer.json()["event"]["kind"] == CONTACT_RESTORED
    assert str(member_event_kinds().label(CONTACT_RESTORED)) == answer.json()["event"]["kind_label"]
    restored = call("POST", f"/members/{person.pk}/events", user=actor,
                    body={"kind": "contact_restored", "restored_on": "2024-03-05"})
    assert restored.status_code == 400 and restored.json()["field"] == "restored_on"

    # The timeline says the period without contact (on the loss and on the restoration) and a suspension's last day.
    member_suspend(actor=actor, person=person, decision=f.decision(D(2024, 5, 2)), occurred_on=D(2024, 5, 2),
                   until=D(2024, 7, 30), reason="bị khởi tố")
    page = client.get(reverse("members:detail", args=[person.pk]), headers={"Accept-Language": "vi"})
    rows = {row.event.kind: [f"{label}: {value}" for label, value in row.details] for row in page.context["rows"]}
    period = "Thời gian mất liên lạc: từ 02/03/2023 đến khi khôi phục liên lạc ngày 04/03/2024; không tính tuổi đảng"
    assert period in rows[LOST_CONTACT] and period in rows[CONTACT_RESTORED], rows
    assert "Thời hạn đình chỉ: đến hết ngày 30/07/2024" in rows["suspension"], rows
    assert "đến hết ngày 30/07/2024" in page.content.decode()
    # 24 years on 02/05/2025, less the 368 days without contact (02/03/2023 to 04/03/2024)
    assert party_age(person, D(2025, 5, 4)) == (22, 11)
    assert party_age(person, D(2025, 5, 5)) == (23, 0)
