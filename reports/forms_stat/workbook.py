"""The statistical forms as one XLSX workbook, a sheet per form (layouts.py), with the committee's header.

Values only, never formulas; every text cell goes through core.validators.spreadsheet_text (control characters
removed, text a spreadsheet could take for a formula stored as text with the quote prefix). Printable: A4,
fitted to the page width, the header repeated."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from core.figures import FigureRequest, contributor
from core.validators import spreadsheet_text
from organizations.models import Organization
from organizations.queries import organization_ancestors
from reports.annual.model import PARTY, check_as_of
from reports.figures import compute, make_request
from reports.forms_stat.layouts import LAYOUTS, Layout
from reports.forms_stat.queries import breakdown


def _text(sheet: Any, row: int, column: int, value: str, *, bold: bool = False) -> None:
    text, formula = spreadsheet_text(value)
    cell = sheet.cell(row=row, column=column)
    cell.value, cell.data_type = text, "s"  # assigning "=…" would make openpyxl write a formula
    if formula:
        cell.quotePrefix = True
    if bold:
        cell.font = Font(bold=True)


def form_rows(layout: Layout, *, figures: dict[str, Any], organization: Organization,
              as_of: dt.date) -> list[tuple[str, int | None, str]]:
    """(label, value, source key) rows of one form; a heading has no value."""
    rows: list[tuple[str, int | None, str]] = []
    for label, source in layout.rows:
        if not source:
            rows.append((str(label), None, ""))
        elif source.startswith("breakdown:"):
            name = source.split(":", 1)[1]
            rows.extend((f"  {value_label}", count, source) for value_label, count in
                        breakdown(organization, as_of=as_of, name=name))
        else:
            namespace, key = source.split(".", 1)
            value = figures.get(namespace, {}).get(key)
            rows.append((str(label), value if isinstance(value, int) else None, source))
    return rows


def forms_workbook(*, actor: Any, organization: Organization, date_from: dt.date | None = None,
                   date_to: dt.date | None = None, as_of: dt.date | None = None,
                   language: str = "vi") -> tuple[bytes, int]:
    """The workbook and the year it reports on. Refusals as report_build (period order, as-of before data)."""
    if as_of is None and date_to is not None:
        as_of = date_to
    request = make_request(organization=organization, date_from=date_from, date_to=date_to, as_of=as_of)
    with translation.override(language):
        check_as_of(organization, request.as_of)
        figures = dict(compute(request)["figures"])
        members = contributor("members")
        if members is not None:
            opening = FigureRequest(organization=organization, date_from=request.date_from,
                                    date_to=request.date_to, as_of=request.date_from - dt.timedelta(days=1))
            figures["opening"] = {"members_total": members(opening)["members_total"]}
        ancestors = organization_ancestors(actor, organization=organization)
        header = [ancestors[-1].name.upper() if ancestors else "", organization.name.upper()]
        workbook = Workbook()
        workbook.remove(workbook.active)
        for layout in LAYOUTS:
            sheet = workbook.create_sheet(layout.code)
            _text(sheet, 1, 1, header[0])
            _text(sheet, 2, 1, header[1], bold=True)
            _text(sheet, 1, 3, PARTY, bold=True)
            _text(sheet, 4, 1, str(layout.title).upper(), bold=True)
            _text(sheet, 5, 1, _("Period %(start)s – %(end)s; as of %(as_of)s") % {
                "start": request.date_from.strftime("%d/%m/%Y"), "end": request.date_to.strftime("%d/%m/%Y"),
                "as_of": request.as_of.strftime("%d/%m/%Y")})
            _text(sheet, 6, 1, layout.guide + ("" if layout.confirmed else " — " + _("columns not confirmed")))
            for column, title in enumerate((_("Form item"), _("Number"), _("Figure key")), 1):
                _text(sheet, 8, column, title, bold=True)
            for offset, (label, value, source) in enumerate(form_rows(
                    layout, figures=figures, organization=organization, as_of=request.as_of)):
                _text(sheet, 9 + offset, 1, label, bold=value is None)
                if value is not None:
                    sheet.cell(row=9 + offset, column=2, value=value).alignment = Alignment(horizontal="right")
                if source:
                    _text(sheet, 9 + offset, 3, source)
            sheet.column_dimensions["A"].width = 55
            sheet.column_dimensions["B"].width = 12
            sheet.column_dimensions["C"].width = 34
            sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
            sheet.page_setup.fitToWidth = 1
            sheet.sheet_properties.pageSetUpPr.fitToPage = True
            sheet.print_title_rows = "8:8"
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue(), request.date_to.year
