"""Reading an uploaded file into a table of raw cells: XLSX (openpyxl) or CSV (UTF-8, comma, semicolon or tab).

The generic parts (the refusal, cleaned cells, a workbook's counts before parsing) are core.spreadsheets'; this
module finds the member template's header and reads its rows.

Nothing here trusts the file: any bytes give either a `Table` or `FileRefused` with readable problems. Row
numbers are the ones the user sees in Excel (the header is usually row 1, the first data row 2).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from core.spreadsheets import OLE_MAGIC, XLSX_MAGIC, FileRefused, Problem, XlsxLimits, clean_cell, inspect_xlsx
from core.spreadsheets import refused as _refuse
from ingest.columns import BY_KEY, COLUMNS, column_for

MAX_BYTES = 20 * 1024 * 1024
# Rows of one file: a file of more than ingest.services.BULK_FROM_ROWS rows is checked and written set-based
# (ingest.bulk). The bound is memory: the rows are held while they are checked (docs/benchmarks.md, run F).
MAX_ROWS = 100_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 2_000
HEADER_SEARCH_ROWS = 10


@dataclass
class Table:
    """The rows of the sheet that holds the template's header."""

    sheet: str
    header_row: int
    headers: dict[str, str] = field(default_factory=dict)  # column key -> header as written in the file
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (row number, key -> raw cell)

    def header(self, key: str) -> str:
        return self.headers.get(key) or (BY_KEY[key].header if key in BY_KEY else key)


def read_table(content: bytes, file_name: str = "") -> Table:
    """The table in an uploaded file, or FileRefused."""
    if not content:
        raise _refuse(_("The file is empty."))
    if len(content) > MAX_BYTES:
        raise _refuse(_("The file is larger than %(mb)d MB; split it into smaller files.") % {"mb": MAX_BYTES // 2**20})
    if content.startswith(OLE_MAGIC):
        raise _refuse(_("This is an old Excel 97-2003 (.xls) file; save it as an Excel workbook (.xlsx) or CSV."))
    if content.startswith(XLSX_MAGIC):
        return _read_xlsx(content)
    return _read_csv(content)


# ----------------------------------------------------------------------------- XLSX


def _read_xlsx(content: bytes) -> Table:
    from openpyxl import load_workbook

    inspect_xlsx(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # whatever a malformed workbook makes the parser raise
        raise _refuse(_("The file cannot be read as an Excel workbook (.xlsx).")) from exc
    try:
        for sheet in workbook.worksheets:
            rows = _sheet_rows(sheet)
            table = _table_from(rows, sheet=str(sheet.title))
            if table is not None:
                return table
    except FileRefused:
        raise
    except Exception as exc:  # a sheet that breaks the parser half way
        raise _refuse(_("The file cannot be read as an Excel workbook (.xlsx).")) from exc
    finally:
        workbook.close()
    raise _refuse(_("No sheet has the template's header row (Mã hồ sơ, Họ và tên, Ngày sinh …) in its first "
                    "%(n)d rows.") % {"n": HEADER_SEARCH_ROWS})


def _sheet_rows(sheet: Any) -> Any:
    """Rows of a sheet as lists of cleaned cells, at most MAX_ROWS + the header search."""
    limit = MAX_ROWS + HEADER_SEARCH_ROWS + 1
    # max_col: a sheet whose dimension claims 16 384 columns would otherwise pad every row to that width.
    for number, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), 1):
        if number > limit + 1000 and not any(v is not None for v in row[:MAX_COLUMNS]):
            return  # a sheet padded with thousands of empty rows
        yield [clean_cell(v) for v in row[:MAX_COLUMNS]]


# ----------------------------------------------------------------------------- CSV


def _decode(content: bytes) -> str:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _refuse(_("The CSV file is not valid UTF-16 text.")) from exc
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _refuse(_("The CSV file is not UTF-8 text: in Excel choose “Save as” → “CSV UTF-8”, or upload the "
                        ".xlsx workbook.")) from exc


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(content: bytes) -> Table:
    text = _decode(content)
    if "\x00" in text:
        raise _refuse(_("The file is neither an Excel workbook (.xlsx) nor a CSV text file."))
    delimiter = _delimiter(text)
    cells = XlsxLimits.current().cells
    if text.count(delimiter) > cells:  # the csv module builds a whole row before the reader can look at it
        raise _refuse(_("The file holds more than %(n)s cells; split it into smaller files.") % {"n": cells})
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = [[clean_cell(v) for v in row[:MAX_COLUMNS]] for row in _limited(reader)]
    except csv.Error as exc:
        raise _refuse(_("The CSV file is malformed: %(error)s") % {"error": str(exc)[:200]}) from exc
    table = _table_from(rows, sheet="")
    if table is None:
        raise _refuse(_("The first %(n)d rows hold no header row of the template (Mã hồ sơ, Họ và tên, Ngày sinh …).")
                      % {"n": HEADER_SEARCH_ROWS}, row=1)
    return table


def _limited(reader: Any) -> Any:
    for number, row in enumerate(reader, 1):
        if number > MAX_ROWS + HEADER_SEARCH_ROWS + 1000:
            raise _refuse(_("The file has more than %(n)s rows; split it into smaller files.") % {"n": MAX_ROWS})
        yield row


# ----------------------------------------------------------------------------- header and rows


def _table_from(rows: Any, *, sheet: str) -> Table | None:
    """The table below the first header row found in the first rows, or None if there is none."""
    iterator = iter(rows)
    header: list[Any] | None = None
    header_number = 0
    for number, row in enumerate(iterator, 1):
        if sum(1 for v in row if v is not None and column_for(v)) >= 2:
            header, header_number = row, number
            break
        if number >= HEADER_SEARCH_ROWS:
            return None
    if header is None:
        return None
    table = Table(sheet=sheet, header_row=header_number)
    positions, problems = _read_header(header, header_number, table)
    for key in (c.key for c in COLUMNS if c.required):
        if key not in table.headers:
            problems.append(Problem(header_number, BY_KEY[key].header, _("The column is missing.")))
    if problems:
        raise FileRefused(problems)
    count = 0
    for number, row in enumerate(iterator, header_number + 1):
        if not any(v is not None for v in row):
            continue
        count += 1
        if count > MAX_ROWS:
            raise _refuse(_("The file has more than %(n)s rows; split it into smaller files.") % {"n": MAX_ROWS})
        table.rows.append((number, {key: row[i] if i < len(row) else None for key, i in positions.items()}))
    return table


def _read_header(header: list[Any], number: int, table: Table) -> tuple[dict[str, int], list[Problem]]:
    positions: dict[str, int] = {}
    problems: list[Problem] = []
    for index, cell in enumerate(header):
        if cell is None:
            continue
        text = str(cell)[:200]
        key = column_for(text)
        if key is None:
            problems.append(Problem(number, text, _("Unknown column: use the headers of the template.")))
        elif key and key in positions:
            problems.append(Problem(number, text, _("The column appears twice (also “%(other)s”).")
                                    % {"other": table.headers[key]}))
        elif key:
            positions[key] = index
            table.headers[key] = text
    return positions, problems
