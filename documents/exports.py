"""XLSX export of a list of documents, in the layout of a report's annex: one row per document.

Every text cell is written as text (core.validators.spreadsheet_text), never as a formula; dates are date cells.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from core.validators import spreadsheet_text
from documents.models import Document

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 50_000


def cell(sheet: Any, value: Any, *, bold: bool = False) -> WriteOnlyCell:
    if isinstance(value, str):
        text, _formula = spreadsheet_text(value)
        item = WriteOnlyCell(sheet, value=text)
        item.data_type = "s"  # text, never a formula
    else:
        item = WriteOnlyCell(sheet, value=value)
        if isinstance(value, dt.date):
            item.number_format = "dd/mm/yyyy"
    if bold:
        item.font = Font(bold=True)
    return item


def workbook(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], sheet_name: str) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_name[:31])
    heading = cell(sheet, title)
    heading.font = Font(bold=True, size=13)
    sheet.append([heading])
    sheet.append([cell(sheet, h, bold=True) for h in headers])
    for row in rows:
        sheet.append([cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def documents_xlsx(documents: Iterable[Document], *, title: str) -> bytes:
    headers = [_("No."), _("Number"), _("Date"), _("Type"), _("Issued by"), _("Title"), _("Signed by"),
               _("Direction"), _("Register of"), _("Field"), _("Topics"), _("Summary")]
    rows = ([index, d.number, d.issued_on, d.doc_type.name, d.issuer_name or d.issuer_code, d.title, d.signer,
             d.get_direction_display(), d.organization.name, d.get_field_display(),
             ", ".join(t.name for t in d.topics.all()), d.summary]
            for index, d in enumerate(documents, 1))
    return workbook(title, headers, rows, _("Documents"))
