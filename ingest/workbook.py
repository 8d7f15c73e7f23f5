"""Writing the member-file format to XLSX: the empty template (with its guide sheet) and exported lists."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core.validators import spreadsheet_text
from ingest.columns import COLUMNS, Column, Kind
from ingest.values import DATE_FORMAT, GENDER_LABELS, THEORY_LABELS

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEXT_FORMAT = "@"
_TEXT_KINDS = {Kind.CODE, Kind.EDUCATION}
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="FCE8E6")
_TEMPLATE_ROWS = 500  # rows pre-formatted as text/dates in the template


def _sheet_title(text: str) -> str:
    return "".join(ch for ch in text if ch not in "[]:*?/\\")[:31] or "Sheet"


def _to_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_xlsx() -> bytes:
    """The empty template: the header row on the first sheet, every column explained on the second."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _sheet_title(_("Member files"))
    sheet.append([c.header for c in COLUMNS])
    for index, column in enumerate(COLUMNS, 1):
        letter = get_column_letter(index)
        header = sheet.cell(row=1, column=index)
        header.font, header.fill = _HEADER_FONT, _HEADER_FILL
        header.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[letter].width = column.width
        number_format = _number_format(column)
        if number_format:
            for row in range(2, _TEMPLATE_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = number_format
    sheet.freeze_panes = "C2"
    _add_choices(sheet, "gender", list(GENDER_LABELS.values()))
    _add_choices(sheet, "political_theory", [label for label in THEORY_LABELS.values() if label])
    _guide(workbook.create_sheet(_sheet_title(_("Guide"))))
    return _to_bytes(workbook)


def _number_format(column: Column) -> str:
    if column.kind in _TEXT_KINDS:
        return TEXT_FORMAT
    if column.kind == Kind.DATE:
        return DATE_FORMAT
    return ""


def _add_choices(sheet: Any, key: str, choices: list[str]) -> None:
    index = next(i for i, c in enumerate(COLUMNS, 1) if c.key == key)
    letter = get_column_letter(index)
    validation = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
    validation.add(f"{letter}2:{letter}{_TEMPLATE_ROWS + 1}")
    sheet.add_data_validation(validation)


def _guide(sheet: Any) -> None:
    intro = [
        _("How to fill in the member-file template"),
        _("Write one member file per row on the first sheet, below the header row. Keep the headers; columns may be "
          "left out or put in any order, except the required ones."),
        _("Dates are written dd/mm/yyyy (or as date cells). Format ID, card and education columns as Text so "
          "that Excel keeps leading zeros and does not turn 12/12 into a date."),
        _("The import checks every row first. If any row has an error, nothing is written and every error is listed "
          "with its row number and column; correct the file and import it again."),
        _("A row whose member code is already known is compared with the member file kept here: if it is the same "
          "it is skipped, if it differs it is an error naming the columns. Importing a file twice changes nothing."),
        _("An export of a member list has the same columns and can be imported again."),
    ]
    for line in intro:
        sheet.append([line])
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    sheet.append([])
    headers = [_("Column"), _("English name"), _("Required"), _("What to write"), _("Example")]
    sheet.append(headers)
    header_row = sheet.max_row
    for index in range(1, len(headers) + 1):
        cell = sheet.cell(row=header_row, column=index)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    for column in COLUMNS:
        sheet.append([column.header, column.english, _("yes") if column.required else "", str(column.help),
                      column.example])
        sheet.cell(row=sheet.max_row, column=4).alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDE", (34, 30, 10, 90, 22), strict=True):
        sheet.column_dimensions[letter].width = width


def members_xlsx(rows: Iterable[list[Any]]) -> bytes:
    """A list of member files in the template's columns (rows of typed cell values, see values.sheet_row)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_sheet_title(_("Member files")))
    for index, column in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "C2"
    header = []
    for column in COLUMNS:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        header.append(cell)
    sheet.append(header)
    formats = [_number_format(column) for column in COLUMNS]
    for values in rows:
        sheet.append([_cell(sheet, value, number_format) for value, number_format in zip(values, formats, strict=True)])
    return _to_bytes(workbook)


def _cell(sheet: Any, value: Any, number_format: str) -> Any:
    """One exported cell. Text is always a text cell: control characters (which XML cannot hold) are removed, and
    text a spreadsheet could take for a formula (=, +, -, @, tab, CR) is stored as a string with Excel's quote
    prefix, so that neither opening nor editing the cell runs it."""
    if isinstance(value, str):
        text, formula = spreadsheet_text(value)
        cell = WriteOnlyCell(sheet, value=None)
        cell.value, cell.data_type = text, "s"  # assigning "=…" would make openpyxl write a formula
        if formula:
            cell.quotePrefix = True
        if number_format:
            cell.number_format = number_format
        return cell
    if number_format and value is not None:
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = number_format
        return cell
    return value
