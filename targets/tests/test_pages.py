"""Pages: a resolution with its targets, status colours and charts; the result form refusing a bad year beside
the field; XLSX export read back and imported (all rows or none); the grid and OCOP pages; scope 404."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from core.testing import Cast
from targets.models import Result
from targets.services import PlanInput, result_record
from targets.tests.helpers import indicator, resolution, target

D = dt.date
pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _setup(cast: Cast) -> tuple[int, int]:
    found = resolution(cast, start=2020, end=2021, kind="congress")
    goal = target(cast, found, indicator(cast.district_officer), PlanInput("100", "tấn", "NQ"))
    result_record(actor=cast.district_officer, target=goal, year=2020, value=120, source="BC=1+1",
                  reported_on=D(2020, 12, 1))
    return found.pk, goal.pk


def test_resolution_page_and_result_form(cast: Cast) -> None:
    resolution_id, target_id = _setup(cast)
    client = _client(cast.district_officer)
    page = client.get(f"/targets/resolutions/{resolution_id}/?year=2020").content.decode()
    assert "status-exceeded" in page and "<svg" in page and "đạt 120% KH" in page
    assert "<script" not in page.split("</head>")[1]  # no inline script in the body
    refused = client.post(f"/targets/targets/{target_id}/result/", {
        "year": "2023", "value": "5", "kind": "final", "source": "BC", "reported_on": "01/12/2023"})
    assert refused.status_code == 400 and "Năm 2023 nằm ngoài khoảng 2020–2021" in refused.content.decode()
    done = client.post(f"/targets/targets/{target_id}/result/", {
        "year": "2021", "value": "90,5", "kind": "estimate", "source": "BC", "reported_on": "01/12/2021"})
    assert done.status_code == 302
    page = client.get(f"/targets/resolutions/{resolution_id}/?year=2021").content.decode()
    assert "status-not_met" in page and "ước đạt 90% KH" not in page and "ước đạt hơn 90% KH" in page
    assert _client(cast.outsider).get(f"/targets/resolutions/{resolution_id}/").status_code == 404
    assert _client(cast.outsider).get(f"/targets/targets/{target_id}/result/").status_code == 404


def test_xlsx_export_read_back_and_import(cast: Cast) -> None:
    resolution_id, _target_id = _setup(cast)
    client = _client(cast.district_officer)
    response = client.get(f"/targets/resolutions/{resolution_id}/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert [(r[0], r[3], r[4], r[6]) for r in rows] == [("grain_output", 2020, 120, "BC=1+1"),
                                                        ("grain_output", 2021, None, None)]
    assert sheet.cell(row=3, column=7).data_type == "s"  # text, never a formula

    def upload(cells: list[list[object]]) -> SimpleUploadedFile:
        book = Workbook()
        sheet = book.active
        sheet.append(["NQ"])
        sheet.append(["code"])
        for row in cells:
            sheet.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        return SimpleUploadedFile("kq.xlsx", buffer.getvalue())

    bad = [["grain_output", "", "", 2021, 130, "chính thức", "BC", "15/12/2021"],
           ["grain_output", "", "", 2024, 140, "chính thức", "BC", "15/12/2024"]]
    client.post(f"/targets/resolutions/{resolution_id}/import/", {"file": upload(bad)})
    assert Result.objects.count() == 1  # nothing of the file
    good = [["grain_output", "", "", 2021, 130, "ước đạt", "BC", "15/12/2021"]]
    client.post(f"/targets/resolutions/{resolution_id}/import/", {"file": upload(good)})
    imported = Result.objects.get(year=2021)
    assert (imported.value, imported.kind, imported.reported_on) == (130, "estimate", D(2021, 12, 15))


def test_grid_and_ocop_pages(cast: Cast) -> None:
    client = _client(cast.district_officer)
    grid = client.get(f"/targets/organizations/{cast.district_a.pk}/new-rural/?year=2022")
    assert grid.status_code == 200 and "Đảng bộ xã Đồng Tâm" in grid.content.decode()
    assert client.get(f"/targets/organizations/{cast.district_a.pk}/ocop/?year=2020").status_code == 200
    assert client.get(f"/targets/organizations/{cast.district_a.pk}/").status_code == 200
    assert _client(cast.outsider).get(f"/targets/organizations/{cast.district_a.pk}/").status_code == 404


def test_the_organization_page_links_to_the_targets(cast: Cast) -> None:
    found = resolution(cast)
    page = _client(cast.district_officer).get(f"/organizations/{cast.district_a.pk}/").content.decode()
    assert f'href="/targets/organizations/{cast.district_a.pk}/"' in page
    listed = _client(cast.district_officer).get(f"/targets/organizations/{cast.district_a.pk}/").content.decode()
    assert f'href="/targets/resolutions/{found.pk}/"' in listed
