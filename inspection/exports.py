"""XLSX workbooks: the inspections and discipline decisions under an organization, and the inspection
committee's counts by month, quarter or year (the columns of the sector's statistical forms that could be
confirmed; docs/inspection.md). Every text cell is written as text (data type "s"), never as a formula, with
core.validators.spreadsheet_text removing control characters. Dates are date cells (dd/mm/yyyy).
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from core.validators import spreadsheet_text
from inspection.figures import counts
from inspection.models import Discipline, Inspection
from organizations.models import Organization

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "dd/mm/yyyy"
PERIODS = ("month", "quarter", "cumulative", "year")


def _cell(sheet: Any, value: Any, *, bold: bool = False) -> WriteOnlyCell:
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=spreadsheet_text(value)[0])
        cell.data_type = "s"  # text, never a formula
    else:
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, dt.date):
            cell.number_format = DATE_FORMAT
    if bold:
        cell.font = Font(bold=True)
    return cell


def _sheet(workbook: Workbook, title: str, heading: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    sheet = workbook.create_sheet(title)
    sheet.append([_cell(sheet, heading, bold=True)])
    sheet.append([_cell(sheet, text, bold=True) for text in header])
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])


def records_xlsx(inspections: Iterable[Inspection], disciplines: Iterable[Discipline], *,
                 organization: Organization) -> bytes:
    workbook = Workbook(write_only=True)
    _sheet(workbook, _("Inspections"), _("Inspections and supervisions by %(name)s") % {"name": organization.name},
           [_("Conducted by"), _("Kind"), _("Subject"), _("Organization or member"), _("Content"),
            _("Resolution inspected"), _("From"), _("Until"), _("Conclusion"), _("Concluded on")],
           ([i.organization.name, i.get_kind_display(), i.get_subject_kind_display(), i.subject_label, i.content,
             i.document_number, i.starts_on, i.ends_on, i.conclusion, i.concluded_on] for i in inspections))
    _sheet(workbook, _("Discipline"), _("Discipline decisions by %(name)s") % {"name": organization.name},
           [_("Decided by"), _("Competent level"), _("Subject"), _("Organization or member"), _("Form"),
            _("Grounds"), _("Decision number"), _("Decision date"), _("Rule applied")],
           ([d.organization.name, d.get_body_display(), d.get_subject_display(), d.subject_label,
             d.get_form_display(), d.grounds, d.decision_number, d.decision_date, d.rule.citation]
            for d in disciplines))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def periods_of(year: int, period: str) -> list[tuple[str, dt.date, dt.date]]:
    """The months, quarters or the year of `year` as (label, first day, last day)."""
    if period == "month":
        return [(f"{m:02d}/{year}", dt.date(year, m, 1), dt.date(year, m, calendar.monthrange(year, m)[1]))
                for m in range(1, 13)]
    if period == "quarter":
        return [(_("Quarter %(q)s/%(year)s") % {"q": q, "year": year}, dt.date(year, 3 * q - 2, 1),
                 dt.date(year, 3 * q, calendar.monthrange(year, 3 * q)[1])) for q in range(1, 5)]
    if period == "cumulative":  # the reporting periods of QĐ 885-QĐ/UBKTTW: quarter I, 6, 9 months, year
        labels = [_("Quarter I"), _("6 months"), _("9 months"), _("Year")]
        return [(f"{label} {year}", dt.date(year, 1, 1), dt.date(year, 3 * q, calendar.monthrange(year, 3 * q)[1]))
                for q, label in zip(range(1, 5), labels, strict=True)]
    return [(str(year), dt.date(year, 1, 1), dt.date(year, 12, 31))]


def statistics_columns() -> list[tuple[str, str]]:
    """(figure key, column title): the counts the table shows (docs/inspection.md says which are confirmed)."""
    return [
        ("inspections_organization", _("Party organizations inspected")),
        ("inspections_member", _("Party members inspected")),
        ("inspections_violation_signs_organization", _("Organizations inspected on signs of violation")),
        ("inspections_violation_signs_member", _("Members inspected on signs of violation")),
        ("inspections_concluded_violations", _("Inspections that found violations")),
        ("supervisions_organization", _("Party organizations supervised")),
        ("supervisions_member", _("Party members supervised")),
        ("disciplines_organization", _("Party organizations disciplined")),
        ("disciplines_member", _("Party members disciplined")),
        ("disciplines_reprimand", _("Reprimands")),
        ("disciplines_warning", _("Warnings")),
        ("disciplines_dismissal", _("Removals from post")),
        ("disciplines_expulsion", _("Expulsions")),
        ("disciplines_dissolution", _("Dissolutions")),
    ]


def statistics_rows(organization: Organization, year: int, period: str) -> list[list[Any]]:
    columns = statistics_columns()
    rows = []
    for label, first, last in periods_of(year, period):
        figures = counts(organization, first, last)
        rows.append([label, *(figures.get(key, 0) for key, _title in columns)])
    return rows


def statistics_xlsx(organization: Organization, year: int, period: str) -> bytes:
    workbook = Workbook(write_only=True)
    _sheet(workbook, _("Counts"), _("Inspection, supervision and discipline under %(name)s, %(year)s")
           % {"name": organization.name, "year": year},
           [_("Period"), *(title for _key, title in statistics_columns())], statistics_rows(organization, year, period))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def filename(prefix: str, organization: Organization, suffix: str) -> str:
    code = re.sub(r"[^A-Za-z0-9_-]", "", organization.code) or str(organization.pk)
    return f"{prefix}-{code}-{suffix}.xlsx"
