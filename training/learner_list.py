"""A class's learners entered in bulk: a pasted list (one per line: name; birth date; unit; tags) or an XLSX
(columns: name, birth date, unit, tags — a header row is skipped). Tags are separated by commas. Every faulty
line is named at once; nothing is read into the class unless every line is (the service then adds all or none).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from django.utils.translation import gettext as _

from core.errors import DomainError
from core.spreadsheets import FileRefused, clean_cell, inspect_xlsx
from training.checks import FaultList
from training.services import MAX_LEARNERS, LearnerInput

MAX_XLSX_BYTES = 5 * 1024 * 1024
_SEPARATORS = re.compile(r"\s*[;\t|]\s*")
_HEADER_WORDS = ("họ và tên", "họ tên", "full name", "name")


def parse_date(text: str) -> dt.date | None:
    """dd/mm/yyyy (or with - or .), or yyyy-mm-dd; ValueError otherwise."""
    text = text.strip()
    if not text:
        return None
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if match:
        day, month, year = (int(x) for x in match.groups())
        return dt.date(year, month, day)
    return dt.date.fromisoformat(text)


def _row(cells: list[Any], number: int, faults: FaultList) -> LearnerInput | None:
    values = [("" if c is None else c) for c in cells] + ["", "", "", ""]
    name = str(values[0]).strip()
    if not name:
        faults.add(_("Line %(line)d: the name is missing.") % {"line": number}, "learners")
        return None
    birth_value = values[1]
    birth: dt.date | None
    if isinstance(birth_value, dt.datetime):
        birth = birth_value.date()
    elif isinstance(birth_value, dt.date):
        birth = birth_value
    else:
        try:
            birth = parse_date(str(birth_value))
        except ValueError:
            faults.add(_("Line %(line)d: “%(value)s” is not a date of birth (dd/mm/yyyy).")
                       % {"line": number, "value": str(birth_value)[:40]}, "learners")
            return None
    tags = [t.strip() for t in str(values[3]).split(",") if t.strip()]
    return LearnerInput(full_name=name, birth_date=birth, unit=str(values[2]).strip(), tags=tags)


def _check_count(rows: list[LearnerInput], faults: FaultList) -> None:
    if not rows and not faults.errors:
        faults.add(_("Learners: the list is empty."), "learners")
    if len(rows) > MAX_LEARNERS:
        faults.add(_("Learners: at most %(count)d at once.") % {"count": MAX_LEARNERS}, "learners")


def parse_pasted(text: str) -> list[LearnerInput]:
    """One learner per non-empty line: name; birth date; unit; tags. DomainError naming every faulty line."""
    faults = FaultList()
    rows: list[LearnerInput] = []
    for number, line in enumerate((text or "").splitlines(), 1):
        if not line.strip():
            continue
        cells = _SEPARATORS.split(line.strip())
        if number == 1 and cells[0].strip().lower() in _HEADER_WORDS:
            continue
        row = _row(list(cells), number, faults)
        if row is not None:
            rows.append(row)
    _check_count(rows, faults)
    faults.check()
    return rows


def parse_xlsx(content: bytes) -> list[LearnerInput]:
    """The first sheet's rows (name, birth date, unit, tags); a first row naming the columns is skipped."""
    from openpyxl import load_workbook

    if len(content) > MAX_XLSX_BYTES or not content.startswith(b"PK\x03\x04"):
        raise DomainError(_("The file is not an Excel workbook (.xlsx) of at most 5 MB."), field="file")
    try:
        inspect_xlsx(content)
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except FileRefused as exc:
        raise DomainError(str(exc), field="file") from exc
    except Exception as exc:  # whatever a malformed workbook makes the parser raise
        raise DomainError(_("The file cannot be read as an Excel workbook (.xlsx)."), field="file") from exc
    faults = FaultList()
    rows: list[LearnerInput] = []
    try:
        sheet = workbook.worksheets[0]
        for number, raw in enumerate(sheet.iter_rows(max_col=4, values_only=True), 1):
            cells = [clean_cell(c) for c in raw]
            if not any(c is not None for c in cells):
                continue
            if number == 1 and str(cells[0] or "").strip().lower() in _HEADER_WORDS:
                continue
            row = _row(cells, number, faults)
            if row is not None:
                rows.append(row)
            if len(rows) > MAX_LEARNERS:
                break
    except Exception as exc:  # a sheet that breaks the parser half way
        raise DomainError(_("The file cannot be read as an Excel workbook (.xlsx)."), field="file") from exc
    finally:
        workbook.close()
    _check_count(rows, faults)
    faults.check()
    return rows
