"""The import pages: upload, result with every error, template download, export of the member list."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from ingest.models import ImportBatch, ImportStatus
from ingest.tests.helpers import HEADERS, OFFICIAL, VALID_ROWS, counts, replace, write_csv, write_xlsx
from members.models import Person

pytestmark = pytest.mark.django_db

IMPORT = "/imports/members/"


def _client(user) -> Client:
    client = Client(headers={"Accept-Language": "vi"})
    client.force_login(user)
    return client


def _upload(client: Client, path, **extra):
    with path.open("rb") as handle:
        return client.post(IMPORT, {"file": handle, **extra})


def test_the_form_is_for_those_who_may_change_member_files(cast):
    response = _client(cast.district_officer).get(IMPORT)
    assert response.status_code == 200
    assert reverse("ingest:member_template").encode() in response.content
    assert b'enctype="multipart/form-data"' in response.content
    assert _client(cast.member).get(IMPORT).status_code == 404
    assert Client().get(IMPORT).status_code == 302  # to the sign-in page


def test_a_valid_upload_imports_and_shows_the_summary(cast, tmp_path):
    client = _client(cast.district_officer)
    response = _upload(client, write_xlsx(tmp_path / "na-ri.xlsx", HEADERS, VALID_ROWS))
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("ingest:batch", args=[batch.pk])
    assert batch.status == ImportStatus.APPLIED
    assert Person.objects.filter(import_key__batch=batch).count() == 3
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b"na-ri.xlsx" in page.content and b'id="errors"' not in page.content
    assert batch.file_name.encode() in client.get(reverse("ingest:batch_list")).content


def test_a_bad_upload_writes_nothing_and_lists_row_column_and_reason(cast, tmp_path):
    client = _client(cast.district_officer)
    before = counts()
    rows = [VALID_ROWS[1], replace(OFFICIAL, "Ngày sinh", "01/01/2090")]
    response = _upload(client, write_csv(tmp_path / "bad.csv", HEADERS, rows))
    assert counts() == before
    page = client.get(response["Location"])
    html = page.content.decode()
    assert 'id="errors"' in html
    assert '<td class="num">3</td><td>Ngày sinh</td>' in html
    assert "01/01/2090" in html


def test_dry_run_checkbox_writes_nothing(cast, tmp_path):
    client = _client(cast.district_officer)
    before = counts()
    response = _upload(client, write_xlsx(tmp_path / "a.xlsx", HEADERS, VALID_ROWS), dry_run="on")
    assert counts() == before
    assert ImportBatch.objects.get().status == ImportStatus.CHECKED
    assert client.get(response["Location"]).status_code == 200


def test_an_upload_without_a_file_shows_the_form_again(cast):
    response = _client(cast.district_officer).post(IMPORT, {})
    assert response.status_code == 400
    assert not ImportBatch.objects.exists()


def test_an_import_record_is_its_senders(cast, tmp_path):
    _upload(_client(cast.district_officer), write_xlsx(tmp_path / "a.xlsx", HEADERS, VALID_ROWS))
    url = reverse("ingest:batch", args=[ImportBatch.objects.get().pk])
    assert _client(cast.district_officer).get(url).status_code == 200
    assert _client(cast.root_admin).get(url).status_code == 200
    assert _client(cast.province_officer).get(url).status_code == 404
    assert b"a.xlsx" not in _client(cast.province_officer).get(reverse("ingest:batch_list")).content


def test_template_download(cast):
    response = _client(cast.cell_secretary).get(reverse("ingest:member_template"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.worksheets[0]["A1"].value == "Mã hồ sơ"
    assert len(workbook.worksheets) == 2


def test_export_of_the_member_list(cast, tmp_path):
    client = _client(cast.district_officer)
    _upload(client, write_xlsx(tmp_path / "a.xlsx", HEADERS, VALID_ROWS))
    url = reverse("ingest:member_export")
    response = client.get(url, {"status": "official", "page": "2"})
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["NT-001"]
    everyone = client.get(url)
    assert len(list(load_workbook(io.BytesIO(everyone.content)).worksheets[0].iter_rows())) == 4
    assert client.get(url, {"status": "nobody"}).status_code == 400
    assert client.get(url, {"organization": "abc"}).status_code == 400
    assert client.get(url, {"organization": str(2**70)}).status_code == 400
    assert _client(cast.outsider).get(url, {"organization": cast.cell_a1a.pk}).status_code == 404
    outsider = _client(cast.outsider).get(url)
    assert len(list(load_workbook(io.BytesIO(outsider.content)).worksheets[0].iter_rows())) == 1


def test_pages_in_english(cast, tmp_path):
    client = _client(cast.district_officer)
    client.cookies["django_language"] = "en"  # the language switch's choice (Accept-Language is not followed)
    with translation.override("en"):
        response = client.get(IMPORT, headers={"Accept-Language": "en"})
    assert b"Import member files" in response.content
