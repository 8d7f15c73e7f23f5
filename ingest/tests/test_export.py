"""Export of member lists to XLSX in the template's columns: read back, the same rows; imported again, all skipped."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from core.errors import DomainError, NotInScope
from ingest import queries
from ingest.columns import COLUMNS
from ingest.exports import export_members_xlsx
from ingest.tests.helpers import HEADERS, VALID_ROWS, counts, run, write_xlsx
from members import services as member_services
from members.models import Person
from members.queries import person_list
from members.tests import factories as f

pytestmark = pytest.mark.django_db


def _read(content: bytes) -> list[tuple]:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    width = len(COLUMNS)
    return [tuple(row) + (None,) * (width - len(row)) for row in rows]  # trailing empty cells are not stored


def _as_text(value) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)


def test_exported_rows_are_the_imported_rows(cast, tmp_path):
    run(cast.district_officer, write_xlsx(tmp_path / "na-ri.xlsx", HEADERS, VALID_ROWS))
    path = tmp_path / "export.xlsx"
    path.write_bytes(export_members_xlsx(person_list(cast.district_officer)))
    rows = _read(path.read_bytes())
    assert list(rows[0]) == [c.header for c in COLUMNS]
    exported = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert set(exported) == {"NT-001", "NT-002", "NT-003"}
    for source in VALID_ROWS:
        got = exported[source[0]]
        for header, value in zip(HEADERS, source, strict=True):
            expected = "" if header == "Tôn giáo" else value  # "Không" (none) is written as an empty cell
            assert _as_text(got[header]) == expected, (source[0], header)
    assert isinstance(exported["NT-001"]["Ngày vào Đảng"], dt.datetime)  # real Excel dates


def test_an_export_reimports_as_all_skipped(cast, tmp_path):
    run(cast.district_officer, write_xlsx(tmp_path / "na-ri.xlsx", HEADERS, VALID_ROWS))
    someone = f.member(cast.district_officer, cast.cell_a1a, "Đặng Thị Hoa", citizen_id="001080000555",
                       phone="0912 000 111", general_education="9/12")  # made on its page, no import code
    member_services.person_update(actor=cast.district_officer, person=someone, religion=None, note="ghi chú")
    path = tmp_path / "export.xlsx"
    path.write_bytes(export_members_xlsx(person_list(cast.district_officer)))
    assert _read(path.read_bytes())[1:][0][0]  # every row has a member code
    before = counts()[:3]
    result = run(cast.district_officer, path)
    assert result.ok, result.problems
    assert (result.rows_total, result.created, result.skipped) == (4, 0, 4)
    assert counts()[:3] == before
    assert str(someone.code) in {row[0] for row in _read(path.read_bytes())}


def test_an_export_imports_into_an_empty_installation_as_the_same_files(cast, tmp_path):
    run(cast.district_officer, write_xlsx(tmp_path / "na-ri.xlsx", HEADERS, VALID_ROWS))
    content = export_members_xlsx(person_list(cast.district_officer))
    rows = _read(content)
    # The same rows under new codes are new files for the import (citizen IDs must then be free).
    renamed = [[f"NEW-{r[0]}", *r[1:9], None, *r[10:]] for r in rows[1:]]
    copy = write_xlsx(tmp_path / "copy.xlsx", rows[0], renamed)
    refused = run(cast.district_officer, copy)  # same names and dates of birth: possible duplicates, named by row
    assert {p.row for p in refused.problems} == {2, 3, 4}, refused.problems
    result = run(cast.district_officer, copy, confirm_duplicates=True)
    assert result.ok, result.problems
    copies = {p.import_key.code: p for p in Person.objects.filter(import_key__code__startswith="NEW-")}
    originals = {p.import_key.code: p for p in Person.objects.filter(import_key__code__startswith="NT-")}
    for code, original in originals.items():
        copy = copies[f"NEW-{code}"]
        assert (copy.status, copy.birth_date, copy.organization) == (original.status, original.birth_date,
                                                                     original.organization)


def test_export_filters_follow_the_member_list(cast, tmp_path):
    run(cast.district_officer, write_xlsx(tmp_path / "na-ri.xlsx", HEADERS, VALID_ROWS))
    officer = cast.district_officer

    def codes(**filters) -> set[str]:
        return {row[0] for row in _read(export_members_xlsx(queries.members_for_export(officer, **filters)))[1:]}

    assert codes() == {"NT-001", "NT-002", "NT-003"}
    assert codes(statuses=["official"]) == {"NT-001"}
    assert codes(statuses=["members"]) == {"NT-001", "NT-002"}
    assert codes(statuses=["candidate", "probationary"]) == {"NT-002", "NT-003"}
    assert codes(organization_id=cast.cell_a1b.pk) == {"NT-003"}
    assert codes(gender="female") == {"NT-002"}
    assert codes(ethnicity_code="07") == {"NT-002"}
    assert codes(q="hoang van gioi") == {"NT-001"}
    assert codes(q="001098000002") == {"NT-002"}
    assert codes(age_band="over_60") == set()
    with pytest.raises(DomainError) as error:
        codes(statuses=["official", "nobody"])
    assert error.value.field == "status"


def test_export_keeps_to_the_users_scope(cast, tmp_path):
    run(cast.district_officer, write_xlsx(tmp_path / "na-ri.xlsx", HEADERS, VALID_ROWS))
    secretary_rows = _read(export_members_xlsx(queries.members_for_export(cast.cell_secretary)))
    assert {row[0] for row in secretary_rows[1:]} == {"NT-001", "NT-002"}  # cell A1a only
    assert _read(export_members_xlsx(queries.members_for_export(cast.outsider)))[1:] == []
    with pytest.raises(NotInScope):
        queries.members_for_export(cast.outsider, organization_id=cast.cell_a1a.pk)
