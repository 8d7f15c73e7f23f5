"""A control character is refused at every door (service, API, page, import), naming the field; nothing is written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import translation

from core.errors import DomainError
from core.models import ChangeRecord
from core.testing_api import call
from core.validators import has_control_characters, strip_control_characters
from ingest.tests.helpers import CANDIDATE, HEADERS, counts, replace, run, write_csv
from members import services as member_services
from members.models import Person
from members.tests import factories as f
from organizations import services as organization_services

pytestmark = pytest.mark.django_db

ESC = "Thôn\x1b 1"


def test_the_validator():
    assert has_control_characters("a\x1bb") and has_control_characters("a\x00") and has_control_characters("\x9b")
    assert has_control_characters("a\nb") and not has_control_characters("a\nb\tc", multiline=True)
    assert not has_control_characters("Nguyễn Văn Đức, thôn Nà Rì")
    assert strip_control_characters("a\x1b\nb", multiline=False) == "a b"


def test_the_service_refuses_naming_every_field(cast):
    officer = cast.district_officer
    before = counts()
    with translation.override("vi"), pytest.raises(DomainError) as error:
        member_services.person_create(actor=officer, organization=cast.cell_a1a, full_name="Lò Văn Tám",
                                      gender="male", birth_date=dt.date(1990, 1, 1), address=ESC,
                                      occupation="Giáo\x07 viên")
    assert error.value.field == "address"
    message = str(error.value.message).lower()
    with translation.override("vi"):
        labels = [str(Person._meta.get_field(name).verbose_name).lower() for name in ("address", "occupation")]
    assert "ký tự điều khiển" in message and all(label in message for label in labels), message
    assert counts() == before
    person = f.person(officer, cast.cell_a1a, "Lò Văn Tám")
    with pytest.raises(DomainError) as error:
        member_services.person_update(actor=officer, person=person, hometown="Na\x00 Rì")
    assert error.value.field == "hometown"
    with pytest.raises(DomainError) as error:  # single-line fields take no line break either
        member_services.person_update(actor=officer, person=person, address="Thôn 1\nxã Na Rì")
    assert error.value.field == "address"
    member_services.person_update(actor=officer, person=person, note="Dòng 1\nDòng 2\tcột")  # a note may
    with pytest.raises(DomainError) as error:  # event text: reason, decision, details
        member_services.candidate_register(actor=officer, person=person, registered_on=dt.date(2024, 5, 5),
                                           reason="Đủ\x1b điều kiện")
    assert error.value.field == "reason"
    person.refresh_from_db()
    assert "\x1b" not in (person.address + person.hometown)


def test_organization_services_refuse(cast):
    with pytest.raises(DomainError) as error:
        organization_services.organization_update(actor=cast.root_admin, organization=cast.cell_a1a,
                                                  note="Ghi\x1b chú")
    assert error.value.field == "note"


def test_the_api_refuses(cast):
    body = {"organization_id": cast.cell_a1a.pk, "full_name": "Lò Văn Tám", "gender": "male",
            "birth_date": "1990-01-01", "address": ESC}
    before = counts()
    response = call("POST", "/members", user=cast.district_officer, body=body, language="vi")
    assert response.status_code == 400, response.content
    assert response.json()["field"] == "address"
    assert "ký tự điều khiển" in response.json()["detail"]
    assert counts() == before


def test_the_page_form_refuses(cast):
    client = Client(headers={"Accept-Language": "vi"})
    client.force_login(cast.district_officer)
    before = counts()
    response = client.post("/members/new/", {
        "organization": cast.cell_a1a.pk, "full_name": "Lò Văn Tám", "gender": "male", "birth_date": "01/01/1990",
        "address": ESC, "political_theory": "none",
    })
    assert response.status_code == 200  # the form again, with the message beside the field
    assert "ký tự điều khiển" in response.content.decode()
    assert counts() == before
    assert not Person.objects.filter(full_name="Lò Văn Tám").exists()


def test_the_import_refuses_naming_row_and_column(cast, tmp_path):
    # CSV can carry any character; an XLSX cannot hold ESC in its XML at all (Excel writes it as _x001B_, which
    # openpyxl reads as those seven letters).
    row = replace(CANDIDATE, "Họ và tên", "Nông\x1b Văn Ba")
    path = write_csv(tmp_path / "f.csv", HEADERS, [row])
    before = counts()
    with translation.override("vi"):
        result = run(cast.district_officer, path)
    assert not result.ok
    assert counts()[:3] == before[:3]
    problem = result.problems[0]
    assert (problem.row, problem.column) == (2, "Họ và tên")
    assert "ký tự điều khiển" in problem.message


def test_a_line_break_typed_in_a_cell_is_a_space(cast, tmp_path):
    row = replace(CANDIDATE, "Họ và tên", "Nông Văn\nBa")
    result = run(cast.district_officer, write_csv(tmp_path / "f.csv", HEADERS, [row]))
    assert result.ok, result.problems
    assert Person.objects.filter(full_name="Nông Văn Ba").exists()
    assert ChangeRecord.objects.exists()
