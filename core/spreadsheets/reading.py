"""What every reader of an uploaded spreadsheet shares: the refusal, a cleaned cell, the workbook's counts.

Nothing here trusts the file: any bytes give either what was asked or `FileRefused` with readable problems. Row
numbers are the ones the user sees in Excel (the header is usually row 1, the first data row 2).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from core.spreadsheets import budget
from core.spreadsheets.budget import XlsxCounts

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 (.xls)
_SURROGATES = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file: the row as numbered in Excel (None: the whole file), the column, why."""

    row: int | None
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


class FileRefused(Exception):
    """The file cannot be read as the table that was asked for."""

    def __init__(self, problems: list[Problem], counts: XlsxCounts | None = None) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems
        self.counts = counts  # for a workbook refused by its size: how much was counted before the refusal


def refused(message: str, *, row: int | None = None, column: str = "") -> FileRefused:
    """A refusal with one problem."""
    return FileRefused([Problem(row, column, message)])


def clean_cell(value: Any) -> Any:
    """A cell as read: text in NFC, numbers and dates as they are, None if empty. Control characters are kept, so
    that reading the cell (e.g. ingest.values.read_cell) refuses them naming the row and column."""
    if value is None:
        return None
    if isinstance(value, str):
        text = _SURROGATES.sub("\ufffd", unicodedata.normalize("NFC", value)).strip()
        return text or None
    if isinstance(value, bool | int | float | dt.date | dt.time | dt.timedelta):
        return value
    text = _SURROGATES.sub("\ufffd", str(value)).strip()
    return text or None


def inspect_xlsx(content: bytes) -> XlsxCounts:
    """Count the cells, rows, shared strings and elements of a workbook (core/spreadsheets/budget.py) before
    openpyxl parses it; FileRefused as soon as one passes its limit, so a small file holding millions of cells is
    refused after reading a few hundred kilobytes of it."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return budget.inspect(archive)
    except budget.WorkbookTooLarge as too_large:
        raise FileRefused([Problem(None, "", too_large.message)], counts=too_large.counts) from too_large
    except Exception as exc:  # not a zip, an encrypted or unsupported member, corrupt data
        raise refused(_("The file cannot be read as an Excel workbook (.xlsx).")) from exc
