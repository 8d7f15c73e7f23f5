"""Import results export as reports (issue 8 §10): one import's errors or created files, and the list of imports,
read back with openpyxl; the file's SHA-256 is not in them; another user's import is 404."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from core.spreadsheets.report import HEADER_ROW
from ingest.models import ImportBatch
from ingest.tests.helpers import HEADERS, OFFICIAL, VALID_ROWS, replace, write_csv, write_xlsx

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _sheet(response: Any) -> Any:
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    return load_workbook(io.BytesIO(response.content)).active


def _upload(client: Client, path: Any) -> ImportBatch:
    with path.open("rb") as handle:
        client.post("/imports/members/", {"file": handle})
    return ImportBatch.objects.latest("id")


def test_import_results_export_as_reports(cast: Any, tmp_path: Any) -> None:
    client = _client(cast.district_officer)
    good = _upload(client, write_xlsx(tmp_path / "na-ri.xlsx", HEADERS, VALID_ROWS))
    bad = _upload(client, write_csv(tmp_path / "bad.csv", HEADERS, [replace(OFFICIAL, "Ngày sinh", "01/01/2090")]))
    page = client.get(reverse("ingest:batch", args=[bad.pk])).content.decode()
    assert reverse("ingest:batch_xlsx", args=[bad.pk]) in page

    errors = _sheet(client.get(reverse("ingest:batch_xlsx", args=[bad.pk])))
    assert "bad.csv" in errors["A3"].value and "Tệp" in errors["A3"].value  # the file named among the filters
    assert [c.value for c in errors[HEADER_ROW]] == ["STT", "Dòng", "Cột", "Lý do"]
    first = [c.value for c in errors[HEADER_ROW + 1]]
    assert first[1] == 2 and first[2] == "Ngày sinh" and "01/01/2090" in first[3]
    assert errors.freeze_panes == f"A{HEADER_ROW + 1}" and errors.auto_filter.ref.startswith(f"A{HEADER_ROW}:D")
    assert errors.page_setup.orientation == "landscape"

    created = _sheet(client.get(reverse("ingest:batch_xlsx", args=[good.pk])))
    titles = [c.value for c in created[HEADER_ROW]]
    assert "Họ và tên" in titles and "Trạng thái" in titles, titles
    names = {row[titles.index("Họ và tên")] for row in created.iter_rows(min_row=HEADER_ROW + 1, values_only=True)}
    assert names == {"Hoàng Văn Giới", "Lục Thị Thiệu", "Nông Văn Ba"}

    listing = _sheet(client.get(reverse("ingest:batch_list_xlsx")))
    files = [row[2] for row in listing.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
    assert files == ["bad.csv", "na-ri.xlsx"]  # newest first
    everything = " ".join(str(c.value) for row in (*errors.iter_rows(), *listing.iter_rows()) for c in row)
    assert good.sha256 not in everything and bad.sha256 not in everything
    assert _client(cast.province_officer).get(reverse("ingest:batch_xlsx", args=[good.pk])).status_code == 404
