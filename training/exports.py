"""XLSX exports in a report layout: a title row, a header row, one row per class (or learner), a total row.
Every text cell is written as text, never a formula (core.validators.spreadsheet_text)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from core.validators import spreadsheet_text
from training.models import Learner, TrainingClass

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cell(sheet: Any, value: Any, *, bold: bool = False) -> WriteOnlyCell:
    if isinstance(value, str):
        clean, _formula = spreadsheet_text(value)
        written = WriteOnlyCell(sheet, value=clean)
        written.data_type = "s"  # text, never a formula
    else:
        written = WriteOnlyCell(sheet, value=value)
        if isinstance(value, dt.date):
            written.number_format = "dd/mm/yyyy"
    if bold:
        written.font = Font(bold=True)
    return written


def workbook_bytes(title: str, headers: list[str], rows: Iterable[list[Any]], total: list[Any] | None = None) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append([cell(sheet, title, bold=True)])
    sheet.append([cell(sheet, h, bold=True) for h in headers])
    for row in rows:
        sheet.append([cell(sheet, v) for v in row])
    if total is not None:
        sheet.append([cell(sheet, v, bold=True) for v in total])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def classes_xlsx(classes: Iterable[TrainingClass], *, title: str) -> bytes:
    headers = [_("No."), _("Class code"), _("Title"), _("Kind"), _("Host organization"), _("Organized by"),
               _("For"), _("Starts on"), _("Ends on"), _("Planned learners"), _("Learners")]
    rows, planned, learners = [], 0, 0
    for number, c in enumerate(classes, 1):
        count = getattr(c, "learner_count", None)
        count = c.learners.count() if count is None else count
        planned += c.planned_learners or 0
        learners += count
        rows.append([number, c.code, c.title, c.kind.name, c.host.name, c.organizer_label, c.target_group,
                     c.starts_on, c.ends_on, c.planned_learners, count])
    total = [_("Total"), "", "", "", "", "", "", None, None, planned, learners]
    return workbook_bytes(title, headers, rows, total)


def learners_xlsx(training_class: TrainingClass, learners: Iterable[Learner]) -> bytes:
    headers = [_("No."), _("Full name"), _("Date of birth"), _("Unit"), _("Tags"), _("Attended"), _("Result"),
               _("Certificate number"), _("Certificate date")]
    rows = [[n, x.full_name, x.birth_date, x.unit, ", ".join(t.name for t in x.tags.all()),
             _("yes") if x.attended else _("no"), x.get_result_display(), x.certificate_number, x.certificate_date]
            for n, x in enumerate(learners, 1)]
    return workbook_bytes(str(training_class), headers, rows)
