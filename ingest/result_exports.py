"""Import results exported as reports (issue 8 §10, core.spreadsheets.report): the list of imports, and what came
of one import — every problem as (row, column, reason), or the member files it created. Readable column titles,
the file and its result stated at the top; never the file's SHA-256."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.spreadsheets.report import Column, Report, report_xlsx
from ingest.models import ImportBatch, MemberKey


def _column(title: str, width: int) -> Column:
    return Column(capfirst(title), width)


def _time(batch: ImportBatch) -> str:
    return timezone.localtime(batch.created_at).strftime("%H:%M %d/%m/%Y") if batch.created_at else ""


def batches_xlsx(batches: Iterable[ImportBatch], *, organization_name: str, made_on: dt.date) -> bytes:
    """The imports the page lists (the user's own; every one for an administrator), newest first."""
    columns = [_column(_("No."), 6), _column(_("Time"), 17), _column(_("File"), 34), _column(_("By"), 16),
               _column(_("Result"), 30), _column(_("Rows"), 8), _column(_("Created"), 9),
               _column(_("Unchanged"), 10), _column(_("Errors"), 8)]
    report = Report(_("Imports"), organization_name, made_on, [], columns)
    rows = [[i, _time(b), b.file_name, b.user_name, str(b.get_status_display()), b.rows_total, b.rows_created,
             b.rows_skipped, b.error_count] for i, b in enumerate(batches, 1)]
    return report_xlsx(report, rows)


def batch_xlsx(batch: ImportBatch, created: Iterable[MemberKey], *, organization_name: str, made_on: dt.date
               ) -> bytes:
    """One import: its errors when it has any (row, column, reason), else the member files it created."""
    heading = [(_("File"), batch.file_name), (_("Time"), _time(batch)), (_("By"), batch.user_name),
               (_("Result"), str(batch.get_status_display()))]
    rows: list[list[Any]]
    if batch.errors:
        columns = [_column(_("No."), 6), _column(_("Row"), 8), _column(_("Column"), 24), _column(_("Reason"), 80)]
        rows = [[i, error.get("row") or "", error.get("column") or "", error.get("message") or ""]
                for i, error in enumerate(batch.errors, 1)]
        title = _("Errors of an import")
    else:
        columns = [_column(_("No."), 6), _column(_("Member code in the file"), 20), _column(_("Full name"), 28),
                   _column(_("Cell"), 30), _column(_("Status"), 22)]
        rows = [[i, key.code, key.person.full_name, key.person.organization.name if key.person.organization else "",
                 capfirst(str(key.person.get_status_display()))] for i, key in enumerate(created, 1)]
        title = _("Member files created by an import")
    return report_xlsx(Report(title, organization_name, made_on, heading, columns), rows)
