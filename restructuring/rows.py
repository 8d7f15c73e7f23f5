"""The rows of a plan: read from an XLSX file or pasted text, checked all at once (every fault names row and column).

A row says what happens to one old organization on the plan's date:
  merge    (hợp nhất)  old_code -> new_code; rows with the same new_code merge together. A new_code that does not
                       exist yet is established with new_name, new_kind and new_parent (an existing code or another
                       new code of the plan); an existing one takes the others over.
  move     (chuyển)    old_code passes under new_parent with its whole subtree.
  rename   (đổi tên)   old_code takes new_name.
  dissolve (giải thể)  old_code ends; its remaining active organizations pass under new_parent first.
Each row may name its own decision (number, date, issuer); otherwise the plan's decision applies.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.decisions import Decision
from core.errors import DomainError
from core.text import fold

MAX_ROWS = 5_000
MAX_BYTES = 5 * 1024 * 1024

MERGE, MOVE, RENAME, DISSOLVE = "merge", "move", "rename", "dissolve"
ACTIONS = {
    MERGE: MERGE, "hop nhat": MERGE, "sap nhap": MERGE,
    MOVE: MOVE, "chuyen": MOVE,
    RENAME: RENAME, "doi ten": RENAME,
    DISSOLVE: DISSOLVE, "giai the": DISSOLVE, "ket thuc": DISSOLVE,
    "appoint": "appoint", "chi dinh": "appoint",  # restructuring.appointments
}

# key -> header shown to the user (also accepted when reading, with or without diacritics)
COLUMNS = {
    "action": gettext_lazy("Action"),
    "old_code": gettext_lazy("Old code"),
    "new_code": gettext_lazy("New code"),
    "new_name": gettext_lazy("New name"),
    "new_kind": gettext_lazy("Kind"),
    "new_parent": gettext_lazy("Parent code"),
    "decision_number": gettext_lazy("Decision number"),
    "decision_date": gettext_lazy("Decision date"),
    "decision_issuer": gettext_lazy("Issued by"),
    "members": gettext_lazy("Appointed committee"),
}
# Vietnamese headers accepted whatever the interface language.
_VIETNAMESE = {
    "thao tac": "action", "ma to chuc cu": "old_code", "ma cu": "old_code", "ma to chuc moi": "new_code",
    "ma moi": "new_code", "ten to chuc moi": "new_name", "ten moi": "new_name", "loai to chuc": "new_kind",
    "loai": "new_kind", "ma to chuc cap tren": "new_parent", "ma cap tren": "new_parent",
    "so quyet dinh": "decision_number", "ngay quyet dinh": "decision_date", "co quan ban hanh": "decision_issuer",
    "cap uy chi dinh": "members", "thanh vien": "members",
}


@dataclass(frozen=True)
class Fault:
    """One thing wrong: the row as numbered in the file or the text (None: the whole plan), the column, why."""

    row: int | None
    column: str
    message: str

    def text(self) -> str:
        label = str(COLUMNS.get(self.column, self.column))
        if self.row is None:
            return f"{label}: {self.message}" if self.column else self.message
        return _("Row %(row)d, column “%(column)s”: %(message)s") % {"row": self.row, "column": label,
                                                                       "message": self.message}

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message, "text": self.text()}


class PlanRefused(DomainError):
    """The plan cannot be applied: every fault found, each naming its row and column."""

    def __init__(self, faults: list[Fault]) -> None:
        super().__init__("\n".join(f.text() for f in faults), field="rows")
        self.faults = faults

    def as_dict(self) -> dict[str, Any]:  # type: ignore[override]
        return {**super().as_dict(), "faults": [f.as_dict() for f in self.faults]}


def _header_key(value: Any) -> str | None:
    text = fold(str(value or "")).strip().rstrip("*").strip()
    for key, label in COLUMNS.items():
        if text in (key, fold(str(label))):
            return key
    return _VIETNAMESE.get(text)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split())


def _table(rows: list[list[Any]], first_number: int) -> list[dict[str, Any]]:
    """Rows of cells with a header row -> row dicts {row: number, key: text}; the header may be anywhere in the
    first ten rows."""
    index = 0
    for index, header in enumerate(rows[:10]):  # noqa: B007 - the header's index is used below
        keys = [_header_key(v) for v in header]
        if "old_code" in keys:
            break
    else:
        raise PlanRefused([Fault(None, "old_code", _("No header row with the column “Old code” was found."))])
    result = []
    for offset, cells in enumerate(rows[index + 1:], start=index + 1 + first_number):
        row = {key: _cell(cells[i]) if i < len(cells) else "" for i, key in enumerate(keys) if key}
        if any(row.values()):
            result.append({"row": offset, **row})
    if len(result) > MAX_ROWS:
        raise PlanRefused([Fault(None, "", _("A plan has at most %(count)d rows.") % {"count": MAX_ROWS})])
    return result


def rows_from_text(text: str) -> list[dict[str, Any]]:
    """Pasted from a spreadsheet: tab-separated (or ';'), the header first."""
    lines = (text or "").replace("\r\n", "\n").split("\n")
    separator = "\t" if any("\t" in line for line in lines) else ";"
    return _table([line.split(separator) for line in lines], first_number=1)


def rows_from_xlsx(content: bytes) -> list[dict[str, Any]]:
    """The first sheet of an XLSX file; row numbers as Excel shows them."""
    from openpyxl import load_workbook

    if len(content) > MAX_BYTES:
        raise PlanRefused([Fault(None, "", _("The file is larger than 5 MB."))])
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        cells = [list(row) for _i, row in zip(range(MAX_ROWS + 20), sheet.iter_rows(values_only=True), strict=False)]
        workbook.close()
    except Exception as exc:  # any unreadable file is one fault, never a 500
        raise PlanRefused([Fault(None, "", _("The file cannot be read as an XLSX workbook."))]) from exc
    return _table(cells, first_number=1)


def rows_to_xlsx(rows: list[dict[str, Any]]) -> bytes:
    """The plan's rows as a workbook with the headers the reader accepts (text cells, never a formula)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append([str(label) for label in COLUMNS.values()])
    for row in rows:
        sheet.append([str(row.get(key, "")) for key in COLUMNS])
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.data_type = "s"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def action_of(row: dict[str, Any]) -> str | None:
    return ACTIONS.get(fold(row.get("action") or MERGE).strip())


def decision_of(row: dict[str, Any], default: Decision, faults: list[Fault]) -> Decision:
    """The row's own decision, or the plan's when the row names none."""
    number = (row.get("decision_number") or "").strip()
    if not number:
        return default
    day = parse_day(row.get("decision_date") or "")
    if day is None:
        faults.append(Fault(row["row"], "decision_date", _("Enter the decision date (dd/mm/yyyy).")))
        return default
    decision = Decision(number, day, (row.get("decision_issuer") or "").strip())
    try:
        decision.validate()
    except DomainError as error:
        column = {"decision_date": "decision_date", "decision_issuer": "decision_issuer"}.get(error.field or "",
                                                                                             "decision_number")
        faults.append(Fault(row["row"], column, str(error.message)))
    return decision


def parse_day(text: str) -> dt.date | None:
    """dd/mm/yyyy or yyyy-mm-dd."""
    text = text.strip()
    try:
        if "/" in text:
            day, month, year = (int(part) for part in text.split("/"))
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text)
    except ValueError:
        return None
