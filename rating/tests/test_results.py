"""Results of a subtree and year: counts per level with the previous year, the lists of organizations and members
per level (page and XLSX in the report layout), the upward summaries in the layouts of rating/layouts.py; scoped."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from core.decisions import Decision
from core.spreadsheets.report import HEADER_ROW
from core.testing import Cast
from rating import services
from rating.models import Level, StepKind
from rating.services import RatingEntry

D = dt.date
pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    client.cookies["django_language"] = "en"
    return client


def _sheet(content: bytes) -> list[tuple[object, ...]]:
    return list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


def test_lists_per_level_and_upward_summaries(cast: Cast, make_members: Callable) -> None:
    a = make_members(cast.cell_a1a, 3)
    b = make_members(cast.cell_a1b, 2, start=5)
    for year, levels in ((2019, [Level.GOOD] * 5),
                         (2020, [Level.EXCELLENT, Level.GOOD, Level.GOOD, Level.COMPLETED, Level.NOT_COMPLETED])):
        campaign = services.campaign_open(actor=cast.root_admin, organization=cast.commune_a1, year=year,
                                          historic=True, decision=Decision("9-QĐ/ĐU", D(year, 12, 28)))
        services.rating_record_many(
            actor=cast.root_admin, campaign=campaign, step=StepKind.DECISION, on=D(year, 12, 28),
            entries=[RatingEntry(Level.GOOD, organization=cast.cell_a1a),
                     RatingEntry(Level.EXCELLENT if year == 2020 else Level.GOOD, organization=cast.cell_a1b),
                     *(RatingEntry(level, person=p) for level, p in zip(levels, a + b, strict=True))])

    page = _client(cast.district_officer).get(reverse("rating:results", args=[cast.commune_a1.pk]) + "?year=2020")
    html = page.content.decode()
    assert page.status_code == 200 and "Hoàn thành xuất sắc nhiệm vụ" in html
    assert 'data-list="member-excellent"' in html and a[0].full_name in html and b[1].full_name in html
    assert '<tr data-level="good"><td>Hoàn thành tốt nhiệm vụ</td><td>2</td><td>40</td><td>5</td><td>100</td>' \
        in html.replace("\n", "")  # members: 2 of 5 this year, 5 of 5 the year before

    # The secretary of cell A1a sees the results of the cell, not of the commune, and only its members.
    secretary = _client(cast.cell_secretary)
    assert secretary.get(reverse("rating:results", args=[cast.commune_a1.pk])).status_code == 404
    own = secretary.get(reverse("rating:results", args=[cast.cell_a1a.pk]) + "?year=2020").content.decode()
    assert a[0].full_name in own and b[0].full_name not in own

    lists = _sheet(_client(cast.district_officer).get(
        reverse("rating:results_lists", args=[cast.commune_a1.pk, 2020])).content)
    assert lists[0][0] == "Rating results 2020, lists per level"
    body = lists[HEADER_ROW:]
    assert len(body) == 7  # two cells and five members
    assert [row[:3] for row in body][:3] == [  # organizations first, each subject in the scheme's order of levels
        ("Hoàn thành xuất sắc nhiệm vụ", "organization", cast.cell_a1b.name),
        ("Hoàn thành tốt nhiệm vụ", "organization", cast.cell_a1a.name),
        ("Hoàn thành xuất sắc nhiệm vụ", "member", a[0].full_name)]
    assert {row[2] for row in body if row[1] == "member"} == {p.full_name for p in a + b}

    rows = _sheet(_client(cast.district_officer).get(
        reverse("rating:results_summary", args=[cast.commune_a1.pk, 2020, "dang-vien"])).content)
    assert rows[0][0] == "Tổng hợp kết quả đánh giá, xếp loại chất lượng đảng viên năm 2020"
    header = rows[HEADER_ROW - 1]
    assert header[:3] == ("Đơn vị", "Mã", "Tổng số đảng viên được xếp loại")
    assert header[3] == "Hoàn thành xuất sắc nhiệm vụ (số lượng)"
    by_name = {row[0]: row for row in rows[HEADER_ROW:]}
    assert by_name[cast.cell_a1a.name][2:5] == (3, 1, 33) and by_name[cast.cell_a1b.name][2] == 2
    assert by_name["Total"][2:4] == (5, 1) and by_name["Total"][-2] == 5  # rated the year before
    organizations = _sheet(_client(cast.district_officer).get(
        reverse("rating:results_summary", args=[cast.district_a.pk, 2020, "chi-bo"])).content)
    total = organizations[-1]
    assert total[0] == "Total" and total[2:4] == (2, 1)
    for bad in (reverse("rating:results_summary", args=[cast.commune_a1.pk, 2020, "khong-co"]),
                reverse("rating:results_lists", args=[cast.commune_a1.pk, 99999]),
                reverse("rating:results_lists", args=[cast.commune_a1.pk, 2020])):
        assert secretary.get(bad).status_code == 404
