"""The report page of an organization: build and download the annual report (DOCX, PDF) or the statistical
forms (XLSX); download the default template to edit in Word. The page parses, calls reports.build and answers
the file; a refusal (period, as-of date, template) is shown beside its field, nothing built."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from core.errors import DomainError
from core.validators import strip_control_characters
from core.views import as_404, attach_error
from organizations import queries
from organizations.models import Organization
from reports.annual.docx import default_template
from reports.annual.forms import ReportForm
from reports.build import FORMATS, report_file
from reports.jobs import report_job_get, report_job_submit
from reports.templates_queries import template_in_use


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
                      initial={"year": last_year, "format": "docx", "background": True})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        date_from, date_to = data["date_from"], data["date_to"]
        if data["year"] and not (date_from or date_to):
            date_from, date_to = dt.date(data["year"], 1, 1), dt.date(data["year"], 12, 31)
        upload = data.get("template")
        if data["background"] and upload is None:
            try:
                job, reused = report_job_submit(actor=request.user, organization=organization, params={
                    "format": data["format"], "from": date_from.isoformat() if date_from else "",
                    "to": date_to.isoformat() if date_to else "",
                    "as_of": data["as_of"].isoformat() if data["as_of"] else "",
                    "number": strip_control_characters(data["number"], multiline=False),
                    "place": strip_control_characters(data["place"], multiline=False),
                    "signer": strip_control_characters(data["signer"], multiline=False),
                    "next_tasks": strip_control_characters(data["next_tasks"]),
                    "with_predecessors": "1" if data["with_predecessors"] else ""})
            except DomainError as error:
                attach_error(form, DomainError(error.message, field={"from": "date_from"}.get(error.field or "",
                                                                                              error.field)))
            else:
                return redirect(reverse("reports:job", args=[job.pk]) + ("?reused=1" if reused else ""))
            return render(request, "reports/annual/report_page.html", _page(request, organization, form), status=400)
        try:
            built = report_file(
                actor=request.user, organization=organization, fmt=data["format"], date_from=date_from,
                date_to=date_to, as_of=data["as_of"],
                number=strip_control_characters(data["number"], multiline=False),
                place=strip_control_characters(data["place"], multiline=False),
                signer=strip_control_characters(data["signer"], multiline=False),
                next_tasks=strip_control_characters(data["next_tasks"]),
                template=upload.read() if upload is not None and data["format"] == "docx" else None,
                with_predecessors=data["with_predecessors"])
        except DomainError as error:
            field = {"from": "date_from"}.get(error.field or "", error.field)
            attach_error(form, DomainError(error.message, field=field))
        else:
            return _download(built.content, built.filename, built.content_type)
    status = 400 if form.is_bound else 200
    return render(request, "reports/annual/report_page.html", _page(request, organization, form), status=status)


def _page(request: HttpRequest, organization: Organization, form: ReportForm) -> dict[str, Any]:
    return {"organization": organization, "form": form, "template_in_use": template_in_use(organization),
            "ancestors": queries.organization_ancestors(request.user, organization=organization)}


@login_required
@require_GET
@as_404
def default_template_download(request: HttpRequest, pk: int) -> HttpResponse:
    queries.organization_get(request.user, pk=pk)
    return _download(default_template(), "mau-bao-cao-xay-dung-dang.docx", FORMATS["docx"])


@login_required
@require_GET
@as_404
def job_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A job's progress; the status part reloads itself (htmx) until the file is ready or the build failed."""
    job = report_job_get(request.user, pk=pk)
    template = "reports/annual/_job_status.html" if request.htmx else "reports/annual/job.html"  # type: ignore[attr-defined]
    return render(request, template, {"job": job, "organization": job.organization,
                                      "reused": request.GET.get("reused") == "1",
                                      "ancestors": queries.organization_ancestors(request.user,
                                                                                  organization=job.organization)})


@login_required
@require_GET
@as_404
def job_download(request: HttpRequest, pk: int) -> HttpResponse:
    job = report_job_get(request.user, pk=pk)
    if job.content is None:
        raise Http404("The file is not ready or no longer kept.")
    return _download(bytes(job.content), job.filename, job.content_type)
