"""Lists as reports (issue 8 §10): the XLSX report layout read back with openpyxl, text never a formula, the print
stylesheet and the printed header line."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from core.spreadsheets.report import HEADER_ROW, Column, Report, report_xlsx
from core.testing import Cast
from members.models import Person
from members.tests import factories as f

pytestmark = pytest.mark.django_db
D = dt.date


def client_for(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(user)
    return client


def sheet_of(content: bytes) -> Any:
    return load_workbook(io.BytesIO(content)).active


@pytest.fixture
def people(cast: Cast) -> list[Person]:
    actor = cast.district_officer
    return [f.member(actor, cast.cell_a1b, "Phạm Văn Dũng", birth_date=D(1985, 6, 7), admitted_on=D(2012, 3, 1),
                     party_card_number="24012345"),
            f.candidate(actor, cast.cell_a1a, "=HYPERLINK(\"x\")", birth_date=D(1995, 4, 2))]


def test_report_layout_read_back() -> None:
    report = Report("Danh sách", "Chi bộ A", D(2026, 3, 5), [("Trạng thái", "Đảng viên"), ("Giới tính", "")],
                    [Column("Họ và tên"), Column("Ngày sinh")])
    sheet = sheet_of(report_xlsx(report, [["=1+1", D(1990, 1, 2)], ["Bình", None]]))
    assert sheet["A1"].value == "Danh sách" and "Chi bộ A" in sheet["A2"].value and "05/03/2026" in sheet["A2"].value
    assert "Trạng thái: Đảng viên" in sheet["A3"].value and "Giới tính" not in sheet["A3"].value
    assert [c.value for c in sheet[HEADER_ROW]] == ["Họ và tên", "Ngày sinh"]
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}" and sheet.auto_filter.ref == f"A{HEADER_ROW}:B{HEADER_ROW + 2}"
    first = sheet[HEADER_ROW + 1]
    assert first[0].value == "=1+1" and first[0].data_type == "s" and first[0].quotePrefix  # text, never a formula
    assert first[1].value.date() == D(1990, 1, 2)
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"


def test_member_list_exports_as_a_report(cast: Cast, people: list[Person]) -> None:
    response = client_for(cast.district_officer).get(reverse("members:list_xlsx"), {"status": "members"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    sheet = sheet_of(response.content)
    titles = [c.value for c in sheet[HEADER_ROW]]
    assert "Họ và tên" in titles and "Trạng thái" in titles and "Tuổi đảng" in titles, titles
    assert ":" in sheet["A3"].value and "members" not in sheet["A3"].value  # the filter in words
    row = {title: cell.value for title, cell in zip(titles, sheet[HEADER_ROW + 1], strict=True)}
    assert row["Họ và tên"] == "Phạm Văn Dũng" and row["Số thẻ đảng viên"] == "24012345"
    assert row["Tuổi đảng"].startswith("1")  # admitted 2012: ten years and more
    assert sheet.max_row == HEADER_ROW + 1  # the candidate is filtered out
    everyone = sheet_of(client_for(cast.district_officer).get(reverse("members:list_xlsx")).content)
    names = [everyone.cell(row=r, column=2) for r in range(HEADER_ROW + 1, everyone.max_row + 1)]
    formula = next(c for c in names if str(c.value).startswith("="))
    assert formula.data_type == "s"
    assert client_for(cast.outsider).get(reverse("members:list_xlsx"),
                                         {"organization": cast.cell_a1a.code}).status_code == 404


def test_due_and_badges_export_and_print(cast: Cast, people: list[Person]) -> None:
    client = client_for(cast.district_officer)
    for name in ("members:due_xlsx", "members:badges_xlsx"):
        response = client.get(reverse(name), {"organization": cast.commune_a1.code})
        assert response.status_code == 200, name
        sheet = sheet_of(response.content)
        assert cast.commune_a1.name in sheet["A2"].value and sheet.freeze_panes == f"A{HEADER_ROW + 1}"
    page = client.get(reverse("members:due"), {"organization": cast.commune_a1.code}).content.decode()
    assert 'class="print-head"' in page and reverse("members:due_xlsx") in page
    listing = client.get(reverse("members:list")).content.decode()
    assert reverse("members:list_xlsx") in listing and "/imports/members/export.xlsx" in listing
    css = (Path(settings.BASE_DIR) / "core/static/core/app.css").read_text()
    printing = css[css.index("@media print"):]
    assert ".topbar" in printing and "form" in printing and ".print-head { display: block" in printing
    assert "counter(page)" in css


def test_a_badge_presented_leaves_the_list(cast: Cast) -> None:
    from core.decisions import Decision
    from core.errors import DomainError
    from core.models import ChangeRecord
    from members import services
    from members.models import BadgeDay, BadgePresentation

    old = f.member(cast.district_officer, cast.cell_a1a, "Hoàng Văn Lão", birth_date=D(1940, 1, 1),
                   admitted_on=D(1960, 1, 1))
    due = BadgeDay.objects.filter(person=old).order_by("presentation_on").first()
    assert due is not None, "a member of 1960 is due a badge"
    client = client_for(cast.district_officer)
    url = reverse("members:badge_presented", args=[old.pk])
    before = ChangeRecord.objects.count()
    wrong = client.post(url, {"years": due.years, "presented_on": "", "decision_number": "", "decision_date": ""})
    assert wrong.status_code == 200 and len(wrong.context["form"].errors) >= 2  # every fault at once
    assert ChangeRecord.objects.count() == before
    answer = client.post(url, {"years": due.years, "presented_on": "03/02/2026", "decision_number": "12-QĐ/TU",
                               "decision_date": "20/01/2026", "decision_issuer": "Tỉnh ủy"})
    assert answer.status_code == 302
    assert not BadgeDay.objects.filter(person=old, years=due.years).exists()
    assert BadgePresentation.objects.get(person=old).years == due.years and ChangeRecord.objects.count() > before
    services.person_update(actor=cast.district_officer, person=old, seriously_ill=True)
    assert not BadgeDay.objects.filter(person=old, years=due.years).exists()  # a rewrite keeps it off the list
    with pytest.raises(DomainError):
        services.badge_presentation_record(actor=cast.district_officer, person=old, years=due.years,
                                           presented_on=D(2026, 2, 3),
                                           decision=Decision("12-QĐ/TU", D(2026, 1, 20), "Tỉnh ủy"))
    assert client_for(cast.outsider).get(url).status_code == 404


def test_badge_presentation_api(cast: Cast) -> None:
    from members.models import BadgeDay

    old = f.member(cast.district_officer, cast.cell_a1a, "Hoàng Văn Lão", birth_date=D(1940, 1, 1),
                   admitted_on=D(1960, 1, 1))
    years = BadgeDay.objects.filter(person=old).values_list("years", flat=True).first()
    url = f"/api/v1/members/{old.pk}/badge-presentations"
    body = {"years": years, "presented_on": "2026-02-03",
            "decision": {"number": "12-QĐ/TU", "date": "2026-01-20", "issuer": "Tỉnh ủy"}}
    assert client_for(cast.outsider).post(url, body, content_type="application/json").status_code == 404
    answer = client_for(cast.district_officer).post(url, body, content_type="application/json")
    assert answer.status_code == 201 and answer.json()["years"] == years
    again = client_for(cast.district_officer).post(url, body, content_type="application/json")
    assert again.status_code == 400
