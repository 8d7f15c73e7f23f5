"""The import API: 200 with the summary, 400 with every problem, 404 without scope; never a 500, whatever is sent."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import IllegalCharacterError

from accounts.services import api_token_create
from ingest.columns import COLUMNS
from ingest.models import ImportBatch
from ingest.tests.helpers import HEADERS, OFFICIAL, VALID_ROWS, counts, replace, write_csv, write_xlsx
from members.models import Person

pytestmark = pytest.mark.django_db

URL = "/api/v1/imports/members"
EXPORT = "/api/v1/members/export.xlsx"

FUZZ = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _client(user=None, language: str = "vi") -> Client:
    client = Client(headers={"Accept-Language": language})
    if user is not None:
        client.force_login(user)
    return client


def _post(client: Client, name: str, content: bytes, **data):
    return client.post(URL, {"file": SimpleUploadedFile(name, content), **data})


def test_a_valid_file_answers_200_with_the_summary(cast, tmp_path):
    path = write_xlsx(tmp_path / "na-ri.xlsx", HEADERS, VALID_ROWS)
    response = _post(_client(cast.district_officer), "na-ri.xlsx", path.read_bytes())
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["rows"], body["created"], body["skipped"], body["errors"], body["status"]) == (3, 3, 0, [], "applied")
    assert Person.objects.filter(import_key__isnull=False).count() == 3
    again = _post(_client(cast.district_officer), "na-ri.xlsx", path.read_bytes()).json()
    assert (again["created"], again["skipped"]) == (0, 3)


def test_a_bad_file_answers_400_with_every_problem_and_writes_nothing(cast, tmp_path):
    before = counts()
    rows = [replace(OFFICIAL, "Mã chi bộ", "NOWHERE"), replace(VALID_ROWS[1], "Ngày sinh", "hôm qua")]
    path = write_csv(tmp_path / "bad.csv", HEADERS, rows)
    response = _post(_client(cast.district_officer, "en"), "bad.csv", path.read_bytes())
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == "file" and "2" in body["detail"]
    assert [(e["row"], e["column"]) for e in body["errors"]] == [(2, "Mã chi bộ"), (3, "Ngày sinh")]
    assert body["errors"][1]["message"].startswith("Write the date as dd/mm/yyyy")
    assert counts() == before
    assert ImportBatch.objects.get(pk=body["batch"]).error_count == 2


def test_dry_run(cast, tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", HEADERS, VALID_ROWS)
    before = counts()
    body = _post(_client(cast.district_officer), "a.xlsx", path.read_bytes(), dry_run="true").json()
    assert (body["dry_run"], body["created"], body["status"]) == (True, 3, "checked")
    assert counts() == before


def test_scope_token_and_anonymous(cast, tmp_path):
    content = write_xlsx(tmp_path / "a.xlsx", HEADERS, VALID_ROWS).read_bytes()
    assert _post(_client(cast.member), "a.xlsx", content).status_code == 404
    assert _post(_client(), "a.xlsx", content).status_code == 401
    _token, raw = api_token_create(actor=cast.district_officer, user=cast.district_officer, name="import")
    response = Client().post(URL, {"file": SimpleUploadedFile("a.xlsx", content)},
                             headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200, response.content
    assert response.json()["created"] == 3


def test_missing_file_is_422(cast):
    response = _client(cast.district_officer).post(URL, {})
    assert response.status_code == 422


def test_template_and_export(cast, tmp_path):
    client = _client(cast.district_officer)
    _post(client, "a.xlsx", write_xlsx(tmp_path / "a.xlsx", HEADERS, VALID_ROWS).read_bytes())
    template = client.get("/api/v1/imports/members/template.xlsx")
    assert template.status_code == 200
    assert load_workbook(io.BytesIO(template.content)).worksheets[0]["B1"].value == COLUMNS[1].header
    response = client.get(EXPORT, {"status": ["official", "probationary"]})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    codes = {r[0] for r in list(sheet.iter_rows(values_only=True))[1:]}
    assert codes == {"NT-001", "NT-002"}
    assert client.get(EXPORT, {"status": "bogus"}).status_code == 400
    assert client.get(EXPORT, {"organization": 2**70}).status_code == 422
    assert _client(cast.outsider).get(EXPORT, {"organization": cast.cell_a1a.pk}).status_code == 404
    assert _client().get(EXPORT).status_code == 401
    reimport = _post(client, "export.xlsx", response.content).json()
    assert (reimport["created"], reimport["skipped"]) == (0, 2)


# ----------------------------------------------------------------------------- fuzz


ODD = ["", " ", "\x00", "a\x00b", "\u202eabc", "x" * 3000, "1e999", "NaN", "=1+1", "-1", "31/02/2020", "00/00/0000",
       "01/01/0001", "99999999999999999999", "Nam", "Nữ", "T-A-1-a", "12/12", "Kinh", "15-QĐ/HU", "\ufeff", ";", ","]
cell = st.one_of(st.sampled_from(ODD), st.text(max_size=30), st.integers(-(10**20), 10**20).map(str))
header = st.one_of(st.sampled_from([*HEADERS, "STT", "", "?", "Mã hồ sơ"]), st.text(max_size=12))


def _csv_text(headers, rows, delimiter) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8", "surrogatepass")


@FUZZ
@given(content=st.binary(max_size=3000))
def test_fuzz_random_bytes_never_500(cast, content):
    for name in ("x.xlsx", "x.csv"):
        response = _post(_client(cast.district_officer), name, content)
        assert response.status_code in (200, 400), response.content
    response = _post(_client(cast.district_officer), "x.xlsx", b"PK\x03\x04" + content)
    assert response.status_code in (200, 400)


@FUZZ
@given(
    headers=st.lists(header, min_size=1, max_size=8),
    rows=st.lists(st.lists(cell, max_size=10), max_size=6),
    delimiter=st.sampled_from([",", ";", "\t"]),
    keep_template=st.booleans(),
)
def test_fuzz_csv_text_never_500(cast, headers, rows, delimiter, keep_template):
    if keep_template:
        headers = HEADERS
        rows = [[*r, *OFFICIAL[len(r):]] for r in rows]
    response = _post(_client(cast.district_officer), "x.csv", _csv_text(headers, rows, delimiter))
    assert response.status_code in (200, 400), response.content


@FUZZ
@given(rows=st.lists(
    st.lists(st.one_of(cell, st.integers(), st.floats(allow_nan=False), st.booleans(), st.dates(), st.datetimes()),
             min_size=len(HEADERS), max_size=len(HEADERS)),
    min_size=1, max_size=4,
))
def test_fuzz_xlsx_cells_never_500(cast, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    buffer = io.BytesIO()
    try:
        for row in rows:
            sheet.append(row)
        workbook.save(buffer)
    except (IllegalCharacterError, ValueError, TypeError):  # values openpyxl refuses (control characters)
        return
    response = _post(_client(cast.district_officer), "x.xlsx", buffer.getvalue())
    assert response.status_code in (200, 400), response.content
