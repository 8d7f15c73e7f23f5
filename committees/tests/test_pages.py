"""Pages: the leadership page, the whole-committee entry form (all or nothing), the seat's end, the panels on the
member and organization pages, the XLSX export read back (text never a formula), scope 404."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from committees import services
from committees.forms import person_label
from committees.models import Seat, SeatKind, Term
from committees.services import CongressInput, SeatInput
from core.testing import Cast
from members.tests.factories import member

D = dt.date


def _client(user: object, language: str = "vi") -> Client:
    client = Client(headers={"Accept-Language": language})
    client.force_login(user)  # type: ignore[arg-type]
    client.cookies["django_language"] = language  # the language switch's choice (Accept-Language is not followed)
    return client


@pytest.fixture
def people(cast: Cast) -> dict:
    actor = cast.root_admin
    return {
        "an": member(actor, cast.cell_a1a, "Nguyễn Văn An"),
        "binh": member(actor, cast.cell_a1b, "=HYPERLINK(\"http://x\")", gender="female"),
        "moi": member(actor, cast.cell_a1b, "Phạm Văn Mới", admitted_on=D(2020, 5, 4), official=False),
    }


def _rows(*rows: dict) -> dict:
    data = {"seats-TOTAL_FORMS": str(len(rows)), "seats-INITIAL_FORMS": "0", "seats-MIN_NUM_FORMS": "0",
            "seats-MAX_NUM_FORMS": "80"}
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"seats-{index}-{key}"] = value
    return data


def _congress(people: dict, extra_row: dict | None = None) -> dict:
    rows = [{"person": person_label(people["an"]), "executive": "on", "post": "secretary",
             "concurrent_post": "council_chair"},
            {"person": person_label(people["binh"]), "executive": "on", "standing": "on"}]
    if extra_row:
        rows.append(extra_row)
    return {"ordinal": "3", "opened_on": "19/08/2020", "closed_on": "20/08/2020", "delegates": "120",
            "executive_seats": "9", **_rows(*rows)}


def test_the_congress_form_records_the_whole_committee(cast: Cast, people: dict) -> None:
    client = _client(cast.district_officer)
    url = reverse("committees:congress", args=[cast.commune_a1.pk])
    page = client.get(url)
    assert page.status_code == 200 and person_label(people["an"]) in page.content.decode()
    assert person_label(people["moi"]) not in page.content.decode()  # probationary: not offered
    response = client.post(url, _congress(people))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Seat.objects.filter(kind=SeatKind.SECRETARY, person=people["an"]).exists()
    leadership = client.get(reverse("committees:leadership", args=[cast.commune_a1.pk]) + "?on=01/01/2021")
    html = leadership.content.decode()
    assert leadership.status_code == 200 and "committee-cards" in html and "Nguyễn Văn An" in html
    assert "Bí thư" in html  # the position, in Vietnamese


def test_one_bad_row_refuses_the_whole_committee_beside_the_row(cast: Cast, people: dict) -> None:
    client = _client(cast.district_officer)
    url = reverse("committees:congress", args=[cast.commune_a1.pk])
    response = client.post(url, _congress(people, {"person": person_label(people["moi"]), "executive": "on"}))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Phạm Văn Mới" in html and "dự bị" in html  # the refusal, in Vietnamese, on the row
    assert not Term.objects.exists() and not Seat.objects.exists()


def test_ending_a_seat_and_the_member_page_panel(cast: Cast, people: dict) -> None:
    term = services.term_open_by_congress(
        actor=cast.root_admin, organization=cast.commune_a1,
        congress=CongressInput(ordinal=1, opened_on=D(2020, 8, 19), closed_on=D(2020, 8, 20)),
        seats=[SeatInput(people["an"], SeatKind.EXECUTIVE), SeatInput(people["an"], SeatKind.SECRETARY)])
    seat = Seat.objects.get(term=term, kind=SeatKind.EXECUTIVE)
    client = _client(cast.district_officer)
    bad = client.post(reverse("committees:seat_end", args=[seat.pk]), {"ended_on": "01/01/2019",
                                                                       "end_reason": "resigned"})
    assert bad.status_code == 400 and Seat.objects.filter(ended_on__isnull=True).count() == 2
    done = client.post(reverse("committees:seat_end", args=[seat.pk]), {"ended_on": "01/03/2021",
                                                                        "end_reason": "resigned"})
    assert done.status_code == 302 and not Seat.objects.filter(ended_on__isnull=True).exists()
    member_page = client.get(reverse("members:detail", args=[people["an"].pk])).content.decode()
    assert 'id="committee-seats"' in member_page and "Đảng bộ xã Đồng Tâm" in member_page
    organization_page = client.get(reverse("organizations:detail", args=[cast.commune_a1.pk])).content.decode()
    assert 'id="leadership-link"' in organization_page


def test_export_reads_back_with_text_never_a_formula(cast: Cast, people: dict) -> None:
    services.term_open_by_congress(
        actor=cast.root_admin, organization=cast.commune_a1,
        congress=CongressInput(ordinal=1, opened_on=D(2020, 8, 19), closed_on=D(2020, 8, 20)),
        seats=[SeatInput(people["an"], SeatKind.EXECUTIVE), SeatInput(people["an"], SeatKind.SECRETARY),
               SeatInput(people["binh"], SeatKind.EXECUTIVE)])
    response = _client(cast.province_officer).get(
        reverse("committees:export", args=[cast.province.pk]) + "?on=01/01/2021")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    body = rows[2:]
    assert len(body) == 3
    assert body[0][5] == "Nguyễn Văn An" and body[0][4] == "Bí thư"  # the secretary first
    formula = next(r for r in body if r[5].startswith("=HYPERLINK"))
    assert formula[5] == "=HYPERLINK(\"http://x\")"
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert cells and all(c.data_type == "s" for c in cells)
    assert body[0][10] == dt.datetime(2020, 8, 20)


def test_pages_out_of_scope_answer_404(cast: Cast, people: dict) -> None:
    outsider = _client(cast.outsider)
    for name in ("leadership", "congress", "appointment", "export"):
        assert outsider.get(reverse(f"committees:{name}", args=[cast.commune_a1.pk])).status_code == 404
    # A cell secretary sees its cell's leadership but not the forms.
    secretary = _client(cast.cell_secretary)
    assert secretary.get(reverse("committees:leadership", args=[cast.cell_a1a.pk])).status_code == 200
    assert secretary.get(reverse("committees:congress", args=[cast.cell_a1a.pk])).status_code == 404
