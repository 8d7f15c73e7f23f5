"""Pages: open a campaign, the board with its gauge and exclusions, the bulk entry of a cell's members (all or
nothing, faults beside the member), the member's rating history on their file, the XLSX export read back (text
never a formula) and imported back all-or-nothing, scope 404."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from core.decisions import Decision
from core.testing import Cast
from rating import services
from rating.models import Campaign, Level, Rating, RatingStep, StepKind
from rating.services import RatingEntry

D = dt.date
pytestmark = pytest.mark.django_db


def _client(user: object, language: str = "en") -> Client:
    client = Client(headers={"Accept-Language": language})
    client.force_login(user)  # type: ignore[arg-type]
    client.cookies["django_language"] = language  # the language switch's choice (Accept-Language is not followed)
    return client


def test_open_a_campaign_and_enter_a_cell_in_bulk(cast: Cast, make_members: Callable) -> None:
    people = make_members(cast.cell_a1a, 6)
    people.append(*make_members(cast.cell_a1a, 1, prefix="=HYPERLINK(\"http://x\")", start=9))
    [fresh] = make_members(cast.cell_a1a, 1, admitted_on=D(2023, 11, 1), start=20)
    client = _client(cast.district_officer)
    url = reverse("rating:campaigns", args=[cast.commune_a1.pk])
    response = client.post(url, {"year": "2023", "self_assessment_due": "10/12/2023"})
    campaign = Campaign.objects.get(organization=cast.commune_a1, year=2023)
    assert response.status_code == 302 and response["Location"] == reverse("rating:board", args=[campaign.pk])
    response = client.post(url, {"year": "2023"})
    assert response.status_code == 200 and "already has" in response.content.decode()
    entry = reverse("rating:entry", args=[campaign.pk, cast.cell_a1a.pk])
    page = client.get(entry).content.decode()
    assert "Hoàn thành xuất sắc nhiệm vụ" in page and fresh.full_name in page and "124-QĐ/TW" in page
    data = {"step": "self", "on": "01/12/2023"} | {f"level_{i}": "good" for i in range(7)}
    data["level_0"] = "nope"
    response = client.post(entry, data)
    assert response.status_code == 200 and RatingStep.objects.count() == 0
    data["level_0"] = "excellent"
    assert client.post(entry, data).status_code == 302
    assert RatingStep.objects.filter(kind=StepKind.SELF).count() == 7
    services.rating_record(actor=cast.root_admin, campaign=campaign, step=StepKind.SELF,
                           entry=RatingEntry(Level.GOOD, organization=cast.cell_a1a), on=D(2023, 12, 1))
    services.rating_record(actor=cast.root_admin, campaign=campaign, step=StepKind.DECISION,
                           entry=RatingEntry(Level.GOOD, organization=cast.cell_a1a), on=D(2023, 12, 20))
    # Two "xuất sắc" among 5 "tốt": the quota refuses the whole screen, naming the member; nothing written.
    decide = {"step": "decision", "on": "20/12/2023", "decision_number": "12-QĐ/ĐU", "decision_date": "20/12/2023"}
    decide |= {f"level_{i}": "good" for i in range(7)} | {"level_0": "excellent", "level_1": "excellent"}
    response = client.post(entry, decide)
    assert response.status_code == 200 and "20%" in response.content.decode()
    assert RatingStep.objects.filter(kind=StepKind.DECISION).count() == 1
    decide["level_1"] = "good"
    assert client.post(entry, decide).status_code == 302
    board = client.get(reverse("rating:board", args=[campaign.pk])).content.decode()
    assert fresh.full_name in board and "gauges" in board
    vietnamese = _client(cast.district_officer, "vi").get(reverse("rating:board", args=[campaign.pk]))
    assert "Tỷ lệ theo nhóm" in vietnamese.content.decode()
    # The member's file shows their rating history.
    detail = client.get(reverse("members:detail", args=[people[0].pk])).content.decode()
    assert "rating-history" in detail and "Hoàn thành xuất sắc nhiệm vụ" in detail

    # Export read back: text cells are text, never formulas.
    response = client.get(reverse("rating:export", args=[campaign.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "Loại" and len(rows) == 2 + 8
    formula = next(cell for row in sheet.iter_rows() for cell in row if str(cell.value).startswith("=HYPER"))
    assert formula.data_type == "s"


def _workbook(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Loại", "Mã tổ chức", "Tổ chức", "Mã hồ sơ", "Họ và tên", "Mức xếp loại", "Mã mức", "Điểm"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_import_is_all_or_nothing(cast: Cast, make_members: Callable) -> None:
    people = make_members(cast.cell_a1b, 3)
    campaign = services.campaign_open(actor=cast.root_admin, organization=cast.commune_a1, year=2020, historic=True,
                                      decision=Decision("8-QĐ/ĐU", D(2020, 12, 30)))
    client = _client(cast.district_officer)
    url = reverse("rating:import", args=[campaign.pk])
    rows = [["Đảng viên", "", "", str(p.code), p.full_name, "Hoàn thành tốt nhiệm vụ", "", ""] for p in people]
    bad = [*rows, ["Đảng viên", "", "", str(people[0].code), "", "Giỏi", "", ""]]
    form = {"step": "decision", "on": "30/12/2020"}
    response = client.post(url, form | {"file": io.BytesIO(_workbook(bad))})
    assert response.status_code == 200 and "Giỏi" in response.content.decode()
    assert Rating.objects.count() == 0
    upload = io.BytesIO(_workbook(rows))
    upload.name = "ket-qua.xlsx"
    assert client.post(url, form | {"file": upload}).status_code == 302
    assert Rating.objects.filter(level=Level.GOOD).count() == 3
    # The export of those results reads back into the same levels.
    exported = client.get(reverse("rating:export", args=[campaign.pk])).content
    sheet = load_workbook(io.BytesIO(exported)).active
    assert [r[5] for r in sheet.iter_rows(min_row=3, values_only=True)] == ["Hoàn thành tốt nhiệm vụ"] * 3


def test_out_of_scope_is_404(cast: Cast) -> None:
    campaign = services.campaign_open(actor=cast.root_admin, organization=cast.commune_a1, year=2023)
    client = _client(cast.outsider)
    for name, args in (("board", [campaign.pk]), ("export", [campaign.pk]), ("import", [campaign.pk]),
                       ("entry", [campaign.pk, cast.cell_a1a.pk]), ("campaigns", [cast.commune_a1.pk])):
        assert client.get(reverse(f"rating:{name}", args=args)).status_code == 404
    assert client.post(reverse("rating:campaigns", args=[cast.commune_a1.pk]), {"year": "2024"}).status_code == 404
    assert not Campaign.objects.filter(year=2024).exists()
