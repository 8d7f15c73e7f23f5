"""A member file's change log in words (issue 8 §3): what was recorded and from when, who by full name, no internal
key ("Event_id: — → 409")."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import translation
from django.utils.html import escape

from core.testing import Cast
from members.models import EventKind, MemberEvent
from members.tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_change_log_says_what_was_recorded_and_by_whom(cast: Cast) -> None:
    person = f.member(cast.district_officer, cast.cell_a1a, "Hà Thị Hai", admitted_on=dt.date(2017, 2, 1))
    recognition = MemberEvent.objects.get(person=person, kind=EventKind.RECOGNITION)
    cast.district_officer.first_name, cast.district_officer.last_name = "Văn Ban", "Lục"
    cast.district_officer.save()
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(cast.district_officer)
    html = client.get(f"/members/{person.pk}/").content.decode()
    log = html[html.index('id="change-log"'):]
    with translation.override("vi"):
        words = translation.gettext("Recorded: %(kind)s, from %(date)s") % {
            "kind": recognition.get_kind_display().capitalize(),
            "date": recognition.occurred_on.strftime("%d/%m/%Y")}
    assert escape(words) in log
    assert "event_id" not in log.lower() and "event_kind" not in log.lower()
    assert cast.district_officer.get_full_name() in log and ">district<" not in log
