"""Errors all at once (issue 8 §5): a form reports every fault in one round; required fields are marked; a refusal
caused by the member file links to it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from core.testing import Cast
from members.models import MemberEvent, Person
from members.tests import factories as f

pytestmark = pytest.mark.django_db
D = dt.date


def _client(cast: Cast) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(cast.district_officer)
    return client


def _errors_by_field(html: str) -> set[str]:
    """The fields that show an error: the id of each input marked aria-invalid."""
    found = set()
    for tag in re.findall(r"<(?:input|select|textarea)[^>]*>", html):
        match = re.search(r'id="id_(\w+)"', tag)
        if 'aria-invalid="true"' in tag and match:
            found.add(match.group(1))
    return found


def test_transfer_out_asks_for_every_missing_input_in_one_round(cast: Cast) -> None:
    person = f.member(cast.district_officer, cast.cell_a1a, "Lý Thị Mai", admitted_on=D(2010, 3, 1))
    url = reverse("members:event", args=[person.pk, "transfer-out"])
    page = _client(cast).get(url).content.decode()
    label = page[page.index('for="id_register_number"'):]
    assert "required-mark" in label[:label.index("</label>")]  # marked before anything is sent
    before = MemberEvent.objects.count()
    html = _client(cast).post(url, {"transfer_kind": "temporary"}).content.decode()
    assert {"occurred_on", "destination", "register_number", "until"} <= _errors_by_field(html)
    assert 'name="purpose"' in html and MemberEvent.objects.count() == before


def test_admission_decision_refuses_age_education_and_introducers_at_once_linking_the_file(cast: Cast) -> None:
    person = f.candidate(cast.district_officer, cast.cell_a1a, "Ma Văn Trẻ", birth_date=D(2008, 1, 1),
                         registered_on=D(2024, 1, 10), course_on=D(2024, 3, 1))
    Person.objects.filter(pk=person.pk).update(general_education="7/12")
    f.services.dossier_step_record(actor=cast.district_officer, person=person, form="6-KNĐ",
                                   occurred_on=D(2024, 6, 3))
    url = reverse("members:event", args=[person.pk, "decide"])
    html = _client(cast).post(url, {"decision_number": "12-QĐ/ĐU", "decision_date": "10/06/2024",
                                    "decision_issuer": "Đảng ủy xã"}).content.decode()
    invalid = _errors_by_field(html)
    assert {"cell_resolution_on", "education_exception_area", "introducer_1"} <= invalid  # age, education, introducers
    edit = reverse("members:edit", args=[person.pk])
    assert f'href="{edit}#id_birth_date"' in html and f'href="{edit}#id_general_education"' in html
