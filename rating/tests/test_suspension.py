"""Suspended members (đình chỉ sinh hoạt đảng, members.kinds.suspension) are not rated under 124-QĐ/TW: suspended on
the reference date is excluded with the reason and both articles; lifted the day before, or a period that ended the
day before, is rated. The suspension's own refusals name Quy định 22-QĐ/TW; the page form takes dd/mm/yyyy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from core.decisions import Decision
from core.errors import DomainError
from core.models import ChangeRecord
from core.testing import Cast
from members.kinds.suspension import member_suspend, suspension_end, suspensions_on
from members.models import MemberEvent
from rating import services
from rating import subjects as subj
from rating.models import Level, Rating
from rating.services import RatingEntry
from rating.tests.conftest import self_assess

D = dt.date
pytestmark = pytest.mark.django_db
SUSPENDED_BY = Decision("05-QĐ/UBKTĐU", D(2023, 10, 1), "Ủy ban Kiểm tra Đảng ủy xã")


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def test_suspended_on_the_reference_date_is_not_rated_lifted_the_day_before_is(cast: Cast,
                                                                               make_members: Callable) -> None:
    actor = cast.root_admin
    suspended, lifted, period_over, period_on, plain = make_members(cast.cell_a1a, 5)
    member_suspend(actor=actor, person=suspended, decision=SUSPENDED_BY, occurred_on=D(2023, 10, 1),
                   reason="bị khởi tố")
    member_suspend(actor=actor, person=lifted, decision=SUSPENDED_BY, occurred_on=D(2023, 10, 1), reason="kiểm tra")
    suspension_end(actor=actor, person=lifted, occurred_on=D(2023, 12, 30))  # the day before the reference date
    member_suspend(actor=actor, person=period_over, decision=SUSPENDED_BY, occurred_on=D(2023, 10, 2),
                   until=D(2023, 12, 30), reason="kiểm tra")
    member_suspend(actor=actor, person=period_on, decision=SUSPENDED_BY, occurred_on=D(2023, 10, 2),
                   until=D(2023, 12, 31), reason="kiểm tra")
    campaign = services.campaign_open(actor=actor, organization=cast.commune_a1, year=2023)
    assert campaign.reference_date == D(2023, 12, 31)
    rows = {r.person.pk: r for r in subj.member_subjects(campaign) if r.person}
    assert rows[lifted.pk].excluded == "" and rows[period_over.pk].excluded == "" and rows[plain.pk].excluded == ""
    for person in (suspended, period_on):
        reason = rows[person.pk].excluded
        assert "suspended" in reason and "124-QĐ/TW" in reason and "22-QĐ/TW" in reason, reason
    assert "05-QĐ/UBKTĐU" in rows[suspended.pk].excluded and "31/12/2023" in rows[period_on.pk].excluded
    # The end is dated the first day active again: suspended on 29/12, no longer on 30/12.
    assert set(suspensions_on([lifted.pk, suspended.pk], D(2023, 12, 29))) == {lifted.pk, suspended.pk}
    assert set(suspensions_on([lifted.pk, suspended.pk], D(2023, 12, 30))) == {suspended.pk}

    before = (Rating.objects.count(), ChangeRecord.objects.count())
    with pytest.raises(DomainError) as error:
        self_assess(actor, campaign, [RatingEntry(Level.GOOD, person=lifted),
                                      RatingEntry(Level.GOOD, person=suspended)], D(2023, 12, 1))
    assert "124-QĐ/TW" in str(error.value.message) and "entries.1" in str(error.value.field)
    assert (Rating.objects.count(), ChangeRecord.objects.count()) == before
    self_assess(actor, campaign, [RatingEntry(Level.GOOD, person=lifted)], D(2023, 12, 1))


def test_suspension_refusals_name_the_article_and_write_nothing(cast: Cast, make_members: Callable) -> None:
    actor = cast.root_admin
    [person] = make_members(cast.cell_a1a, 1)
    events = MemberEvent.objects.count()
    cases = [
        (suspension_end, {"occurred_on": D(2023, 11, 1)}),  # not suspended
        (member_suspend, {"decision": SUSPENDED_BY, "occurred_on": D(2023, 11, 1), "until": D(2023, 10, 31),
                          "reason": "x"}),  # ends before it starts
        (member_suspend, {"decision": None, "occurred_on": D(2023, 11, 1), "reason": "x"}),  # no decision
    ]
    for service, kwargs in cases:
        with pytest.raises(DomainError):
            service(actor=actor, person=person, **kwargs)
    assert MemberEvent.objects.count() == events
    member_suspend(actor=actor, person=person, decision=SUSPENDED_BY, occurred_on=D(2023, 10, 1), reason="x")
    with pytest.raises(DomainError) as error:  # twice
        member_suspend(actor=actor, person=person, decision=SUSPENDED_BY, occurred_on=D(2023, 11, 1), reason="y")
    assert "22-QĐ/TW" in str(error.value.message)
    with pytest.raises(DomainError) as error:  # lifted before it started
        suspension_end(actor=actor, person=person, occurred_on=D(2023, 9, 30))
    assert "22-QĐ/TW" in str(error.value.message)


def test_the_member_page_offers_suspension_then_its_end(cast: Cast, make_members: Callable,
                                                         client: Client) -> None:
    [person] = make_members(cast.cell_a1a, 1)
    client.force_login(cast.root_admin)
    start = reverse("members:event", args=[person.pk, "suspension"])
    end = reverse("members:event", args=[person.pk, "suspension-end"])
    page = client.get(reverse("members:detail", args=[person.pk])).content.decode()
    assert start in page and end not in page
    bad = client.post(start, {"occurred_on": "31/02/2023", "decision_number": "05-QĐ/UBKTĐU",
                              "decision_date": "01/10/2023", "reason": "kiểm tra"})
    assert bad.status_code == 200 and "dd/mm/yyyy" in bad.content.decode()
    response = client.post(start, {"occurred_on": "01/10/2023", "until": "29/12/2023",
                                   "decision_number": "05-QĐ/UBKTĐU", "decision_date": "01/10/2023",
                                   "reason": "kiểm tra"})
    assert response.status_code == 302, response.content.decode()[:3000]
    event = person.events.get(kind="suspension")
    assert event.details == {"until": "2023-12-29"} and event.decision_number == "05-QĐ/UBKTĐU"
    page = client.get(reverse("members:detail", args=[person.pk])).content.decode()
    assert end in page and start not in page


def test_the_api_records_a_suspension_and_its_end(cast: Cast, make_members: Callable, client: Client) -> None:
    [person] = make_members(cast.cell_a1a, 1)
    client.force_login(cast.root_admin)
    url = f"/api/v1/members/{person.pk}/events"
    body = {"kind": "suspension", "occurred_on": "2023-10-01", "until": "2023-09-30", "reason": "kiểm tra",
            "decision": {"number": "05-QĐ/UBKTĐU", "date": "2023-10-01"}}
    refused = client.post(url, body, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["field"] == "until" and "22-QĐ/TW" in refused.json()["detail"]
    assert not person.events.filter(kind="suspension").exists()
    body["until"] = "2023-12-29"
    assert client.post(url, body, content_type="application/json").status_code == 201
    ended = client.post(url, {"kind": "suspension_end", "occurred_on": "2023-11-15"}, content_type="application/json")
    assert ended.status_code == 201 and ended.json()["event"]["kind"] == "suspension_end"
    assert suspensions_on([person.pk], D(2023, 11, 14)) and not suspensions_on([person.pk], D(2023, 11, 15))
