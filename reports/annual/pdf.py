"""The annual report as PDF: the report model rendered to HTML (reports/annual/report_pdf.html) and printed by
WeasyPrint (pinned; it needs Debian's pango, installed by scripts/start.sh and scripts/test.sh). The HTML gets the
same context as the DOCX template, so both carry the same figures."""

from __future__ import annotations

from django.template.loader import render_to_string
from weasyprint import HTML

from reports.annual.docx import context
from reports.annual.model import Report


def render_html(report: Report) -> str:
    return render_to_string("reports/annual/report_pdf.html", context(report))


def render_pdf(report: Report) -> bytes:
    pdf = HTML(string=render_html(report)).write_pdf()
    assert pdf is not None  # write_pdf without a target returns the bytes
    return pdf
