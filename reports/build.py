"""One door to every report file: the annual report as DOCX or PDF, the statistical forms as XLSX.

The command (`manage.py report_build`), the API (`GET /api/v1/organizations/{id}/report`) and the page call
`report_file`, so the three give the same file for the same question.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from core.errors import DomainError
from organizations.models import Organization

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class ReportFile:
    content: bytes
    filename: str
    content_type: str


def report_file(*, actor: Any, organization: Organization, fmt: str, date_from: dt.date | None = None,
                date_to: dt.date | None = None, as_of: dt.date | None = None, number: str = "", place: str = "",
                signer: str = "", next_tasks: str = "", signed_on: dt.date | None = None,
                template: bytes | None = None, with_predecessors: bool = False) -> ReportFile:
    """Build the file of `fmt` (docx, pdf: the annual report; xlsx: the statistical forms).

    The DOCX is filled through `template`, else the organization's stored template (reports.services), else the
    built-in one. `with_predecessors`: the annual report counts the organizations it took over from."""
    if fmt not in FORMATS:
        raise DomainError(_("Unknown format %(format)s: choose docx, pdf or xlsx.") % {"format": fmt},
                          field="format")
    if fmt == "xlsx":
        from reports.forms_stat.workbook import forms_workbook

        content, year = forms_workbook(actor=actor, organization=organization, date_from=date_from,
                                       date_to=date_to, as_of=as_of)
        return ReportFile(content, f"bieu-thong-ke-{organization.code}-{year}.xlsx", FORMATS[fmt])
    from reports.annual.model import report_build

    report = report_build(actor=actor, organization=organization, date_from=date_from, date_to=date_to,
                          as_of=as_of, number=number, place=place, signer=signer, next_tasks=next_tasks,
                          signed_on=signed_on, with_predecessors=with_predecessors)
    name = f"bao-cao-{organization.code}-{report.date_to.year}.{fmt}"
    if fmt == "pdf":
        from reports.annual.pdf import render_pdf

        return ReportFile(render_pdf(report), name, FORMATS[fmt])
    from reports.annual.docx import render_docx
    from reports.templates_queries import template_content

    if template is None:
        template = template_content(organization)
    return ReportFile(render_docx(report, template=template), name, FORMATS[fmt])
