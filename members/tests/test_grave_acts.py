"""Grave acts confirmed (issue 8 §6): an expulsion shows the status after, the cell's count before and after and
the rule on re-admission, writes nothing, and is written only once confirmed with the same input; voiding a file
shows what it will do beside its confirmation box."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from core.testing import Cast
from members.models import MemberEvent, Person, Status
from members.tests import factories as f

pytestmark = pytest.mark.django_db
D = dt.date
DECISION = {"decision_number": "15-QĐ/HU", "decision_date": "05/08/2024", "decision_issuer": "Huyện ủy"}


def _client(cast: Cast) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(cast.district_officer)
    return client


def test_a_strike_off_shows_what_will_happen_then_is_written_once_confirmed(cast: Cast) -> None:
    person = f.member(cast.district_officer, cast.cell_a1a, "Lý Thị Mai", admitted_on=D(2010, 3, 1))
    f.member(cast.district_officer, cast.cell_a1a, "Hà Văn Còn", admitted_on=D(2011, 3, 1))
    client, url = _client(cast), reverse("members:event", args=[person.pk, "strike-off"])
    data = {**DECISION, "ground": "standards_two_years"}
    events = MemberEvent.objects.count()

    shown = client.post(url, data)
    found = shown.context["consequences"]
    assert (found.members_before, found.members_after) == (2, 1)
    assert found.status_after == Status.STRUCK_OFF.label and found.readmission is not None
    html = shown.content.decode()
    assert 'id="consequences"' in html and f'value="{found.fingerprint}"' in html
    assert MemberEvent.objects.count() == events and Person.objects.get(pk=person.pk).status == Status.OFFICIAL

    changed = client.post(url, {**data, "decision_number": "16-QĐ/HU", "confirmed": found.fingerprint})
    assert changed.status_code == 200 and changed.context["consequences"] is not None  # changed input: shown again
    assert MemberEvent.objects.count() == events

    done = client.post(url, {**data, "confirmed": found.fingerprint})
    assert done.status_code == 302 and Person.objects.get(pk=person.pk).status == Status.STRUCK_OFF


def test_voiding_shows_what_it_will_do(cast: Cast) -> None:
    person = f.person(cast.district_officer, cast.cell_a1a, "Hà Văn Trang", birth_date=D(1990, 1, 1))
    response = _client(cast).get(reverse("members:void", args=[person.pk]))
    found = response.context["consequences"]
    assert found.status_after == Status.VOIDED.label and found.members_before == found.members_after == 0
    assert Person.objects.get(pk=person.pk).status == Status.NONE
