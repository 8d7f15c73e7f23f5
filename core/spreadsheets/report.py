"""Lists exported as reports (issue 8 §10): one sheet that reads and prints as a report, for every app.

The sheet opens with the report's title, the organization and the date it was made, and the filters applied;
then one header row of readable column titles (frozen, with an autofilter, repeated on every printed page) and the
rows. Printing is set up landscape, fit to the page's width. Text is always a text cell, never a formula
(core.validators.spreadsheet_text, with Excel's quote prefix when it starts like one); dates are date cells.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from core.validators import spreadsheet_text

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_ROW = 5  # title, organization and date, filters, an empty line, then the column titles


@dataclass(frozen=True)
class Column:
    title: str
    width: int = 16


@dataclass(frozen=True)
class Report:
    title: str
    organization: str
    made_on: dt.date
    filters: Sequence[tuple[str, str]]  # (filter's label, value chosen), in the page's order
    columns: Sequence[Column]


def _put(sheet: Any, row: int, column: int, value: Any) -> Any:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        text, formula = spreadsheet_text(value)
        cell.value = text
        cell.data_type = "s"  # assigned after the value: "=…" stays text
        if formula:
            cell.quotePrefix = True
    else:
        cell.value = value
        if isinstance(value, dt.date):
            cell.number_format = "dd/mm/yyyy"
    return cell


def filters_line(filters: Sequence[tuple[str, str]]) -> str:
    chosen = "; ".join(f"{label}: {value}" for label, value in filters if value)
    return _("Filters: %(filters)s") % {"filters": chosen or _("none (the whole list)")}


def report_xlsx(report: Report, rows: Iterable[Sequence[Any]]) -> bytes:
    """The rows under the report's heading, as XLSX bytes."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = report.title[:31] or "Sheet"
    _put(sheet, 1, 1, report.title).font = Font(bold=True, size=14)
    _put(sheet, 2, 1, _("Organization: %(name)s — made on %(date)s") % {
        "name": report.organization, "date": report.made_on.strftime("%d/%m/%Y")})
    _put(sheet, 3, 1, filters_line(report.filters)).font = Font(italic=True)
    fill = PatternFill("solid", fgColor="DDDDDD")
    for index, column in enumerate(report.columns, 1):
        cell = _put(sheet, HEADER_ROW, index, column.title)
        cell.font, cell.fill = Font(bold=True), fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    last = HEADER_ROW
    for last, values in enumerate(rows, HEADER_ROW + 1):
        for index, value in enumerate(values, 1):
            _put(sheet, last, index, value)
    last_column = get_column_letter(max(1, len(report.columns)))
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last_column}{max(last, HEADER_ROW)}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.oddFooter.center.text = "&P / &N"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
