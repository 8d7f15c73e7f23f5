"""Commendation pages: the list with filters and its XLSX export, a commendation's page, the entry form; the
"người tốt, việc tốt" register with its entry form; contest results. Views parse, ask queries or one service."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.errors import NotInScope
from core.scope import holds
from core.views import as_404, form_submit
from honours import queries, services
from honours.forms import CommendationFilterForm, CommendationForm, ContestEntryForm, HonourEntryForm
from honours.models import Commendation
from training.exports import XLSX_CONTENT_TYPE, workbook_bytes

MAX_ROWS = 500


def _filtered(request: HttpRequest) -> tuple[CommendationFilterForm, Any]:
    form = CommendationFilterForm(request.GET or None)
    values = dict(form.cleaned_data) if form.is_bound and form.is_valid() else {}
    organization = None
    code = values.pop("organization", "")
    if code:
        try:
            organization = queries.organization_get(request.user, code=code)
        except NotInScope:
            form.add_error("organization", _("No organization with this code in your scope."))
            return form, Commendation.objects.none()
    values["target"] = values.get("target") or ""
    return form, queries.commendation_list(request.user, organization=organization, **values)


@login_required
@require_GET
def commendation_list(request: HttpRequest) -> HttpResponse:
    form, commendations = _filtered(request)
    return render(request, "honours/commendation_list.html", {
        "form": form, "commendations": commendations[:MAX_ROWS], "query": request.GET.urlencode(),
        "can_add": holds(request.user, queries.CHANGE_PERMISSION),
    })


@login_required
@require_GET
def commendation_export(request: HttpRequest) -> HttpResponse:
    _form, commendations = _filtered(request)
    headers = [_("No."), _("Collective or person"), _("Organization"), _("Level"), _("Form"),
               _("Campaign or movement"), _("Decision number"), _("Decision date"), _("Decided by"), _("Achievement")]
    rows = [[n, c.recipient, c.organization.name, c.level.name, c.form.name, c.campaign.name if c.campaign else "",
             c.decision_number, c.decided_on, c.decided_by, c.reason_text] for n, c in enumerate(commendations, 1)]
    response = HttpResponse(workbook_bytes(_("Commendations"), headers, rows), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="commendations.xlsx"'
    return response


@login_required
@require_GET
@as_404
def commendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "honours/commendation_detail.html",
                  {"commendation": queries.commendation_get(request.user, pk=pk)})


def _entry_form(request: HttpRequest, form_class: type, service: Any, *, template: str, done: str,
                success: str) -> HttpResponse:
    organizations = queries.organization_choices(request.user)
    if not organizations.exists():
        raise NotInScope(_("Not found."))
    form = form_class(request.POST or None, organizations=organizations)
    answer = form_submit(request, form, lambda data: service(actor=request.user, **data),
                         lambda _written: redirect(done), success=success)
    return answer or render(request, template, {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def commendation_create(request: HttpRequest) -> HttpResponse:
    return _entry_form(request, CommendationForm, services.commendation_create,
                       template="honours/commendation_form.html", done="honours:commendation_list",
                       success=_("The commendation was recorded."))


@login_required
@require_GET
def honour_book(request: HttpRequest) -> HttpResponse:
    return render(request, "honours/honour_book.html", {
        "entries": queries.honour_entries(request.user)[:MAX_ROWS],
        "results": queries.contest_results(request.user)[:MAX_ROWS],
        "can_add": holds(request.user, queries.CHANGE_PERMISSION),
    })


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def honour_entry_create(request: HttpRequest) -> HttpResponse:
    return _entry_form(request, HonourEntryForm, services.honour_entry_create,
                       template="honours/honour_entry_form.html", done="honours:honour_book",
                       success=_("The entry was recorded."))


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def contest_entry(request: HttpRequest) -> HttpResponse:
    return _entry_form(request, ContestEntryForm, services.contest_entry_record,
                       template="honours/contest_form.html", done="honours:honour_book",
                       success=_("The contest result was recorded."))
