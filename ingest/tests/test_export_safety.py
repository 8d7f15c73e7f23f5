"""Exports are safe to open: text that looks like a formula stays text, control characters never break a file."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from core.validators import csv_text, spreadsheet_text
from ingest.columns import COLUMNS
from ingest.exports import export_members_xlsx
from members.models import Person
from members.queries import person_list
from members.tests import factories as f

pytestmark = pytest.mark.django_db

FORMULA_NAME = '=HYPERLINK("http://x","y")'


def _cells(content: bytes) -> dict[str, dict[str, object]]:
    """Exported data rows by full name: header -> openpyxl cell (the full workbook, not read-only)."""
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    headers = [c.value for c in sheet[1]]
    name_index = headers.index(next(c.header for c in COLUMNS if c.key == "full_name"))
    return {row[name_index].value: dict(zip(headers, row, strict=False)) for row in sheet.iter_rows(min_row=2)}


def test_text_that_looks_like_a_formula_is_exported_as_text(cast):
    officer = cast.district_officer
    f.person(officer, cast.cell_a1a, FORMULA_NAME, address="@SUM(1+1)", occupation="-2+3",
             professional_qualification="+84 kỹ sư")
    rows = _cells(export_members_xlsx(person_list(officer)))
    assert FORMULA_NAME in rows, rows.keys()
    row = rows[FORMULA_NAME]
    for key, expected in (("full_name", FORMULA_NAME), ("address", "@SUM(1+1)"), ("occupation", "-2+3"),
                          ("professional_qualification", "+84 kỹ sư")):
        cell = row[next(c.header for c in COLUMNS if c.key == key)]
        assert cell.data_type == "s", (key, cell.data_type)  # 'f' would be a live formula
        assert cell.value == expected
        assert cell.quotePrefix, key  # editing the cell in Excel keeps it text


def test_a_control_character_in_stored_data_does_not_break_the_export(cast):
    officer = cast.district_officer
    person = f.person(officer, cast.cell_a1a, "Lê Văn Cường", address="Thôn 1")
    # Data from before the services refused control characters (or written by another tool).
    Person.objects.filter(pk=person.pk).update(address="Thôn\x1b 1\x0b", occupation="=1+1\x07")
    rows = _cells(export_members_xlsx(person_list(officer)))
    row = rows["Lê Văn Cường"]
    assert row[next(c.header for c in COLUMNS if c.key == "address")].value == "Thôn 1"
    occupation = row[next(c.header for c in COLUMNS if c.key == "occupation")]
    assert (occupation.value, occupation.data_type) == ("=1+1", "s")
    # The page's download answers the file, not a 500.
    client = Client()
    client.force_login(officer)
    response = client.get("/imports/members/export.xlsx")
    assert response.status_code == 200
    assert "Lê Văn Cường" in _cells(b"".join(response.streaming_content) if response.streaming
                                    else response.content)


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx"])
def test_every_formula_start_is_marked(text):
    clean, formula = spreadsheet_text(text)
    assert formula
    assert "\r" not in clean
    assert csv_text(text).startswith("'")


def test_plain_text_is_unchanged():
    assert spreadsheet_text("Nguyễn Văn An") == ("Nguyễn Văn An", False)
    assert csv_text("Thôn 1, xã Na Ri") == "Thôn 1, xã Na Ri"
