"""The report page of an organization: build and download the annual report (DOCX, PDF) or the statistical
forms (XLSX); download the default template to edit in Word. The page parses, calls reports.build and answers
the file; a refusal (period, as-of date, template) is shown beside its field, nothing built."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from core.errors import DomainError
from core.validators import strip_control_characters
from core.views import as_404, attach_error
from organizations import queries
from reports.annual.docx import default_template
from reports.annual.forms import ReportForm
from reports.build import FORMATS, report_file


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def organization_report(request: HttpRequest, pk: int) -> HttpResponse:
    organization = queries.organization_get(request.user, pk=pk)
    last_year = timezone.localdate().year - 1
    form = ReportForm(request.POST or None, request.FILES or None,
                      initial={"year": last_year, "format": "docx"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        date_from, date_to = data["date_from"], data["date_to"]
        if data["year"] and not (date_from or date_to):
            date_from, date_to = dt.date(data["year"], 1, 1), dt.date(data["year"], 12, 31)
        upload = data.get("template")
        try:
            built = report_file(
                actor=request.user, organization=organization, fmt=data["format"], date_from=date_from,
                date_to=date_to, as_of=data["as_of"],
                number=strip_control_characters(data["number"], multiline=False),
                place=strip_control_characters(data["place"], multiline=False),
                signer=strip_control_characters(data["signer"], multiline=False),
                next_tasks=strip_control_characters(data["next_tasks"]),
                template=upload.read() if upload is not None and data["format"] == "docx" else None)
        except DomainError as error:
            field = {"from": "date_from"}.get(error.field or "", error.field)
            attach_error(form, DomainError(error.message, field=field))
        else:
            return _download(built.content, built.filename, built.content_type)
    status = 400 if form.is_bound else 200
    return render(request, "reports/annual/report_page.html", {
        "organization": organization, "form": form,
        "ancestors": queries.organization_ancestors(request.user, organization=organization)}, status=status)


@login_required
@require_GET
@as_404
def default_template_download(request: HttpRequest, pk: int) -> HttpResponse:
    queries.organization_get(request.user, pk=pk)
    return _download(default_template(), "mau-bao-cao-xay-dung-dang.docx", FORMATS["docx"])
