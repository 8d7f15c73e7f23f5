"""XLSX of a resolution's results — one sheet per resolution, as offices keep them — and its import.

Export: one row per target and year of the resolution (indicator code, name, unit, year, value, kind, source,
date, plan, % of plan, status). Text cells are written as text, never as formulas; control characters removed.
Import: the same sheet read back; every row is checked and the whole file is recorded or nothing
(targets.services.results_record_bulk); rows without a value, and computed indicators' rows, are skipped.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from core.errors import DomainError
from core.spreadsheets import FileRefused, inspect_xlsx
from core.validators import spreadsheet_text
from targets.evaluation import evaluate, latest_results
from targets.models import Resolution, Target
from targets.services import ResultInput
from targets.wording import NotComputable, Status

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "dd/mm/yyyy"
COLUMNS = ("code", "indicator", "unit", "year", "value", "kind", "source", "reported_on", "plan", "percent",
           "status")
MAX_ROWS = 5_000


def _headers() -> list[str]:
    return [_("Indicator code"), _("Indicator"), _("Unit"), _("Year"), _("Value"), _("Estimate or final"),
            _("Source"), _("Reported on"), _("Plan"), _("Percent of plan"), _("Status")]


def _cell(sheet: Any, value: Any, *, bold: bool = False) -> WriteOnlyCell:
    if isinstance(value, str):
        clean, _formula = spreadsheet_text(value)
        cell = WriteOnlyCell(sheet, value=clean)
        cell.data_type = "s"  # text, never a formula
    else:
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, dt.date):
            cell.number_format = DATE_FORMAT
    if bold:
        cell.font = Font(bold=True)
    return cell


def _sheet_title(resolution: Resolution) -> str:
    text = "".join(ch for ch in (resolution.number or f"NQ {resolution.pk}") if ch not in "[]:*?/\\")
    return text[:31] or "NQ"


def resolution_xlsx(resolution: Resolution, targets: list[Target]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_sheet_title(resolution))
    sheet.append([_cell(sheet, resolution.title, bold=True)])
    sheet.append([_cell(sheet, text, bold=True) for text in _headers()])
    for target in targets:
        results = latest_results(target)
        for year in resolution.years:
            evaluation = evaluate(target, year)
            result = results.get(year)
            amount = evaluation.value.amount
            share = evaluation.shares[0] if evaluation.shares else None
            status = evaluation.status
            sheet.append([_cell(sheet, value) for value in (
                target.indicator.code, target.indicator.name, target.indicator.unit, year,
                float(amount) if isinstance(amount, Decimal) else None,
                (_("computed") if evaluation.value.computed else result.get_kind_display() if result else ""),
                (evaluation.value.source if evaluation.value.computed else result.source if result else ""),
                result.reported_on if result else None,
                float(share.plan.value) if share else None,
                float(share.percent) if share and isinstance(share.percent, Decimal) else None,
                status.label if isinstance(status, Status) else str(status) if isinstance(status, NotComputable)
                else "")])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def filename(resolution: Resolution) -> str:
    code = re.sub(r"[^A-Za-z0-9_-]", "", resolution.number.replace("/", "-")) or str(resolution.pk)
    return f"resolution-{code}.xlsx"


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        found = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value.strip())
        try:
            if found:
                return dt.date(int(found[3]), int(found[2]), int(found[1]))
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def read_results(content: bytes, resolution: Resolution, targets: list[Target]) -> list[ResultInput]:
    """The rows of an exported sheet as results to record; DomainError naming the row for what cannot be read."""
    try:
        inspect_xlsx(content)
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except FileRefused as exc:
        raise DomainError(" ".join(p.message for p in exc.problems), field="file") from exc
    except Exception as exc:  # whatever a malformed workbook makes the parser raise
        raise DomainError(_("The file cannot be read as an Excel workbook (.xlsx)."), field="file") from exc
    by_code = {t.indicator.code: t for t in targets if t.parent_id is None} | {
        t.indicator.code: t for t in targets if t.parent_id is not None}
    items: list[ResultInput] = []
    problems: list[str] = []
    try:
        sheet = workbook.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(min_row=3, max_row=MAX_ROWS + 2, values_only=True), 3):
            cells = dict(zip(COLUMNS, list(row) + [None] * len(COLUMNS), strict=False))
            if cells["code"] in (None, "") or cells["value"] in (None, ""):
                continue
            target = by_code.get(str(cells["code"]).strip())
            if target is None:
                problems.append(_("Row %(row)d: no target of this resolution has the indicator code “%(code)s”.")
                                % {"row": number, "code": str(cells["code"])[:60]})
                continue
            if target.indicator.is_computed:
                continue
            kind = "estimate" if str(cells["kind"] or "").strip().lower() in ("estimate", "ước đạt", "ước") else "final"
            items.append(ResultInput(target, cells["year"], cells["value"], str(cells["source"] or ""),
                                     _date(cells["reported_on"]), kind))
    finally:
        workbook.close()
    if problems:
        raise DomainError(" ".join(problems), field="file")
    if not items:
        raise DomainError(_("The sheet holds no result to record."), field="file")
    return items
