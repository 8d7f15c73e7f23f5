"""XLSX export of the committees under an organization on a date: one row per seat held.

Every text cell is written as text (data type "s"), never as a formula, even when it starts with "=", "+", "-"
or "@"; control characters that a workbook cannot hold are removed. Dates are date cells (dd/mm/yyyy).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from committees.queries import ExportRow
from organizations.models import Organization

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "dd/mm/yyyy"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _headers() -> list[str]:
    return [_("Organization"), _("Organization code"), _("Term"), _("Opened by"), _("Position"), _("Full name"),
            _("Gender"), _("Year of birth"), _("Ethnicity"), _("Basis"), _("From"), _("Until"), _("Decision")]


def _cell(sheet: Any, value: Any) -> WriteOnlyCell:
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=_CONTROL.sub("", value))
        cell.data_type = "s"  # text, never a formula
        return cell
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    return cell


def committees_xlsx(rows: Iterable[ExportRow], *, organization: Organization, on: dt.date) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Committees"))
    title = WriteOnlyCell(sheet, value=_CONTROL.sub("", _("Committees under %(name)s on %(date)s")
                                                    % {"name": organization.name,
                                                       "date": date_format(on, "SHORT_DATE_FORMAT")}))
    title.data_type = "s"
    title.font = Font(bold=True, size=13)
    sheet.append([title])
    header = []
    for text in _headers():
        cell = _cell(sheet, text)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([_cell(sheet, value) for value in (
            row.organization, row.organization_code, row.term, row.opened_by, row.position, row.full_name,
            row.gender, row.birth_year, row.ethnicity, row.basis, row.starts_on, row.ended_on, row.decision)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def filename(organization: Organization, on: dt.date) -> str:
    code = re.sub(r"[^A-Za-z0-9_-]", "", organization.code) or str(organization.pk)
    return f"committees-{code}-{on:%Y%m%d}.xlsx"
