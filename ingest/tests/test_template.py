"""The template: its header row is the format, its guide sheet explains every column; the commands."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from ingest.columns import COLUMNS, HEADER_INDEX, IGNORED_HEADERS, column_for, header_key
from ingest.models import ImportBatch, ImportStatus
from ingest.parsing import read_table
from ingest.tests.helpers import HEADERS, OFFICIAL, VALID_ROWS, counts, replace, write_csv, write_xlsx
from ingest.workbook import template_xlsx
from members.models import Person


def test_every_header_name_names_one_column():
    names: dict[str, str] = {}
    for column in COLUMNS:
        for name in (column.header, column.english, column.key, *column.aliases):
            key = header_key(name)
            assert names.setdefault(key, column.key) == column.key, (name, names[key], column.key)
            assert column_for(name) == column.key
    assert all(header_key(n) not in names for n in IGNORED_HEADERS)
    assert column_for("NGAY SINH") == column_for("ngày_sinh") == column_for("Date of birth") == "birth_date"
    assert column_for("Ngày sinhh") is None
    assert len(HEADER_INDEX) >= len(COLUMNS) * 2


def test_template_has_the_header_row_and_a_guide_for_every_column(tmp_path):
    path = tmp_path / "template.xlsx"
    path.write_bytes(template_xlsx())
    workbook = load_workbook(path)
    first, guide = workbook.worksheets
    assert [c.value for c in first[1]] == [c.header for c in COLUMNS]
    assert first.max_row <= 1 or all(c.value is None for row in first.iter_rows(min_row=2) for c in row)
    guide_rows = list(guide.iter_rows(values_only=True))
    explained = {row[0]: row for row in guide_rows if row and row[0] in {c.header for c in COLUMNS}}
    assert set(explained) == {c.header for c in COLUMNS}
    for column in COLUMNS:
        assert explained[column.header][1] == column.english
        assert explained[column.header][3]  # an explanation
        assert bool(explained[column.header][2]) == column.required
    table = read_table(path.read_bytes())
    assert (table.header_row, table.rows) == (1, [])
    assert set(table.headers) == {c.key for c in COLUMNS}


@pytest.mark.django_db
def test_template_command_writes_the_template(tmp_path):
    out = tmp_path / "mau.xlsx"
    call_command("member_import_template", str(out), stdout=io.StringIO())
    assert [c.value for c in load_workbook(out).worksheets[0][1]] == [c.header for c in COLUMNS]


@pytest.mark.django_db
def test_import_command_imports_checks_and_refuses(cast, tmp_path):
    path = write_csv(tmp_path / "na-ri.csv", HEADERS, VALID_ROWS, delimiter=";", bom=True)
    out = io.StringIO()
    call_command("member_import", str(path), "--user", cast.district_officer.username, "--dry-run", stdout=out)
    assert "3" in out.getvalue()
    assert not Person.objects.filter(import_key__isnull=False).exists()
    call_command("member_import", str(path), "--user", cast.district_officer.username, stdout=io.StringIO())
    assert Person.objects.filter(import_key__isnull=False).count() == 3
    assert ImportBatch.objects.filter(status=ImportStatus.APPLIED).count() == 1

    bad = write_xlsx(tmp_path / "bad.xlsx", HEADERS, [replace(OFFICIAL, "Mã hồ sơ", "NT-050")])  # a used CCCD
    before = counts()
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("member_import", str(bad), "--user", cast.district_officer.username, stderr=err)
    assert err.getvalue().startswith("2\tSố CCCD\t")
    assert counts() == before
    with pytest.raises(CommandError):
        call_command("member_import", str(path), "--user", cast.member.username)
    with pytest.raises(CommandError):
        call_command("member_import", str(tmp_path / "missing.csv"), "--user", cast.district_officer.username)
