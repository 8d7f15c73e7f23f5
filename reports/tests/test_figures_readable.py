"""The figures page reads as words (issue 8 §3, §7, §10): no code from data in a label, a cell's page does not
count "cells: 0" under itself, the count of organizations under a district agrees with its page, and the page
exports as an XLSX report read back with openpyxl."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from committees.models import SeatKind
from committees.services import CongressInput, SeatInput, term_open_by_congress
from core.decisions import Decision
from core.spreadsheets.report import HEADER_ROW
from core.testing import Cast
from honours.models import Campaign, Form, Level
from members.tests.factories import member
from organizations.models import CoveredUnitKind, Organization
from oversight.services import assignments_create
from rating import services as rating
from rating.models import Level as RatingLevel
from rating.models import StepKind
from rating.services import RatingEntry

pytestmark = pytest.mark.django_db
YEAR_2020 = "?from=01/01/2020&to=31/12/2020&as_of=31/12/2020"


def _client(user: Any) -> Client:
    client = Client()  # Vietnamese whatever the browser says
    client.force_login(user)
    return client


def _rows(html: str) -> dict[str, tuple[str, str]]:
    """{figure key: (label, value)} of the page's tables."""
    return {key: (re.sub(r"\s+", " ", label).strip(), value) for key, label, value in re.findall(
        r'<tr data-key="([^"]+)"><th scope="row">(.*?)</th><td class="num">([^<]*)</td>', html, re.S)}


def _codes() -> set[str]:
    """Every code of the data that ends figure keys, as the page used to show it."""
    codes = set()
    for model in (Level, Form, Campaign, CoveredUnitKind):
        for code in model.objects.values_list("code", flat=True):
            codes |= {code, code.replace("-", " "), code.replace("-", "_")}
    return codes


def test_no_code_from_data_in_a_label(cast: Cast) -> None:
    html = _client(cast.district_officer).get(f"/figures/{cast.commune_a1.pk}/{YEAR_2020}").content.decode()
    rows = _rows(html)
    assert len(rows) > 50
    codes = _codes()
    assert "central" in codes and "village" in codes
    leaks = [(key, label) for key, (label, _value) in rows.items()
             if set(re.findall(r"[a-z][a-z0-9_ -]*[a-z0-9]", label.split(":")[-1])) & codes]
    assert not leaks, leaks[:5]
    assert rows["commendations_level_central"][0] == "Khen thưởng theo cấp: Trung ương"
    village = CoveredUnitKind.objects.get(code="village").name
    assert rows["covered_units_without_cell_of_village"][0].endswith(f": {village}")
    assert all(not label.endswith(")") or "other figure" not in label for label, _v in rows.values())


def _children_rows(client: Client, organization: Organization) -> int:
    html = client.get(f"/organizations/{organization.pk}/").content.decode()
    section = re.search(r'<section class="card" id="children">(.*?)</section>', html, re.S)
    assert section
    return section.group(1).count("<li")


def test_a_cell_is_not_counted_as_cells_under_itself(cast: Cast) -> None:
    client = _client(cast.district_officer)
    html = client.get(f"/figures/{cast.cell_a1a.pk}/{YEAR_2020}").content.decode()
    section = re.search(r'id="figures-organizations">(.*?)</section>', html, re.S)
    assert section and "Chi bộ thôn Nà Rì" in section.group(1)  # the note says why nothing is counted below it
    rows = _rows(section.group(1))
    assert not {"cells", "organizations_total", "subordinate_cells", "grassroots_cells"} & set(rows)
    assert not re.search(r"<th scope=\"row\">Chi bộ[^<]*</th><td class=\"num\">0<", section.group(1))
    assert "covered_units" in rows  # what the cell covers is still counted
    assert _children_rows(client, cast.cell_a1a) == 0


def _section(html: str, name: str) -> str:
    section = re.search(rf'id="figures-{name}">(.*?)</section>', html, re.S)
    assert section, name
    return section.group(1)


def test_a_cell_s_rating_and_oversight_count_nothing_under_it(cast: Cast) -> None:
    """The cell's own rating and its overseer are said in words; no "Chi bộ …: 0" row, no count of itself."""
    D = dt.date
    campaign = rating.campaign_open(actor=cast.root_admin, organization=cast.commune_a1, year=2020, historic=True,
                                    decision=Decision("9-QĐ/ĐU", D(2020, 12, 28)))
    rating.rating_record_many(actor=cast.root_admin, campaign=campaign, step=StepKind.DECISION, on=D(2020, 12, 28),
                              entries=[RatingEntry(RatingLevel.GOOD, organization=cast.cell_a1a)])
    an = member(cast.root_admin, cast.cell_a1a, "Nguyễn Văn An", birth_date=D(1975, 1, 1))
    term_open_by_congress(actor=cast.root_admin, organization=cast.commune_a1,
                          congress=CongressInput(ordinal=3, opened_on=D(2020, 8, 19), closed_on=D(2020, 8, 20)),
                          seats=[SeatInput(an, SeatKind.EXECUTIVE)])
    assignments_create(actor=cast.root_admin, person=an, organizations=[cast.cell_a1a], starts_on=D(2020, 9, 1))
    client = _client(cast.district_officer)
    html = client.get(f"/figures/{cast.cell_a1a.pk}/{YEAR_2020}").content.decode()
    rated, overseen = _section(html, "rating"), _section(html, "oversight")
    assert not [key for key in _rows(rated) if key.startswith(("cells_", "grassroots_"))]
    assert not re.search(r"<th scope=\"row\">(Chi bộ|Tổ chức cơ sở đảng)[^<]*</th>", rated)
    assert "members_rated" in _rows(rated)  # its members are still counted
    assert "Chi bộ thôn Nà Rì" in rated and "2020" in rated and "Hoàn thành tốt nhiệm vụ" in rated  # its own result
    rows = _rows(overseen)
    assert not {"cells", "cells_overseen", "cells_without_overseer"} & set(rows)
    assert rows["overseers"][1] == "1" and "Chi bộ thôn Nà Rì" in overseen
    # The commune above still counts its cells, the rated one and the overseen one.
    commune = client.get(f"/figures/{cast.commune_a1.pk}/{YEAR_2020}").content.decode()
    assert _rows(_section(commune, "rating"))["cells_rated"][1] == "1"
    assert _rows(_section(commune, "oversight"))["cells"][1] == "2"
    other = client.get(f"/figures/{cast.cell_a1b.pk}/{YEAR_2020}").content.decode()  # not rated, not overseen
    assert "cells_rated" not in _rows(_section(other, "rating"))
    assert "Kết quả xếp loại của chính chi bộ năm 2020 chưa được ghi nhận" in _section(other, "rating")
    assert "chưa có cấp ủy viên cấp trên phụ trách" in _section(other, "oversight")
    assert "cells_without_overseer" not in _rows(_section(other, "oversight"))


def test_organizations_under_a_district_agree_with_its_page(cast: Cast) -> None:
    client = _client(cast.district_officer)
    rows = _rows(client.get(f"/figures/{cast.district_a.pk}/{YEAR_2020}").content.decode())
    direct = _children_rows(client, cast.district_a)
    assert direct == 2  # communes A1 and A2
    label, total = rows["organizations_total"]
    assert total == "4" and "mọi cấp" in label  # the whole subtree, said so: not "trực thuộc"
    for label, value in rows.values():
        if label.startswith("Tổ chức đảng trực thuộc"):  # a label meaning direct children counts only them
            assert value == str(direct), label
    commune = _rows(client.get(f"/figures/{cast.commune_a1.pk}/{YEAR_2020}").content.decode())
    assert commune["cells"][1] == str(_children_rows(client, cast.commune_a1)) == "2"


def test_figures_export_as_a_report(cast: Cast) -> None:
    client = _client(cast.district_officer)
    page = client.get(f"/figures/{cast.commune_a1.pk}/{YEAR_2020}").content.decode()
    link = re.search(r'id="figures-xlsx" href="([^"]+)"', page)
    assert link
    response = client.get(link.group(1).replace("&amp;", "&"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert "Đảng bộ xã Đồng Tâm" in sheet["A1"].value
    assert "01/01/2020" in sheet["A3"].value and "31/12/2020" in sheet["A3"].value
    titles = [c.value for c in sheet[HEADER_ROW]]
    assert titles[0] == "STT" and len(titles) == 5, titles
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}" and sheet.auto_filter.ref.startswith(f"A{HEADER_ROW}:E")
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows
    body = {row[2]: row[4] for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)}
    assert body["Khen thưởng theo cấp: Trung ương"] == 0
    assert body["Chi bộ cấp dưới (nơi đảng viên sinh hoạt)"] == 2
    assert not [label for label in body if "_" in label]  # no key
    assert _client(cast.outsider).get(f"/figures/{cast.commune_a1.pk}/figures.xlsx").status_code == 404
    bad = client.get(f"/figures/{cast.commune_a1.pk}/figures.xlsx?as_of=31/02/2020")
    assert bad.status_code == 302  # back to the page, which names the wrong date
