"""Restructuring plan pages: enter (paste or XLSX), preview in full, apply with a progress bar."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.decisions import Decision
from core.errors import DomainError
from core.scope import get_in_scope, restrict
from core.views import as_404, attach_error
from organizations.queries import organization_get_by_code
from restructuring import progress
from restructuring.forms import PlanForm
from restructuring.models import ORG_CHANGE, ORG_VIEW, RestructuringPlan
from restructuring.rows import COLUMNS, PlanRefused, rows_from_text, rows_from_xlsx, rows_to_xlsx
from restructuring.services import plan_apply, plan_create, plan_preview

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _context(plan: RestructuringPlan, **extra: Any) -> dict[str, Any]:
    cells = [[row.get("row", ""), *(row.get(key, "") for key in COLUMNS)] for row in plan.rows]
    return {"plan": plan, "columns": list(COLUMNS.items()), "row_cells": cells, "faults": [], "preview": None} | extra


def _plans(request: HttpRequest, permission: str = ORG_VIEW) -> Any:
    return restrict(RestructuringPlan.objects.select_related("organization"), request.user, permission)


@login_required
@require_http_methods(["GET", "POST"])
def plan_list(request: HttpRequest) -> HttpResponse:
    form = PlanForm(request.POST or None, request.FILES or None)
    faults: list[Any] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            upload = data.get("rows_file")
            rows = rows_from_xlsx(upload.read()) if upload else rows_from_text(data["rows_text"])
            organization = organization_get_by_code(request.user, code=data["organization"], action=ORG_CHANGE)
            plan = plan_create(actor=request.user, organization=organization, title=data["title"],
                               effective_on=data["effective_on"], rows=rows,
                               decision=Decision(data["decision_number"], data["decision_date"],
                                                 data["decision_issuer"]))
        except PlanRefused as refused:
            faults = refused.faults
        except DomainError as error:
            attach_error(form, DomainError(error.message, field="organization" if error.field is None else
                                           error.field))
        else:
            return redirect("restructuring:detail", plan.pk)
    return render(request, "restructuring/list.html", {"plans": _plans(request)[:200], "form": form,
                                                       "faults": faults, "columns": COLUMNS.values()})


@login_required
@require_GET
@as_404
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_in_scope(_plans(request), request.user, ORG_VIEW, pk=pk)
    context = _context(plan)
    if plan.status == "draft" and "preview" in request.GET:
        try:
            context["preview"] = plan_preview(actor=request.user, plan=plan)
        except PlanRefused as refused:
            context["faults"] = refused.faults
    return render(request, "restructuring/detail.html", context)


@login_required
@require_POST
@as_404
def plan_apply_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_in_scope(_plans(request, ORG_CHANGE), request.user, ORG_CHANGE, pk=pk)
    try:
        plan = plan_apply(actor=request.user, plan=plan)
    except PlanRefused as refused:
        if getattr(request, "htmx", False):
            return render(request, "restructuring/_faults.html", {"faults": refused.faults})
        return render(request, "restructuring/detail.html", _context(plan, faults=refused.faults), status=400)
    if getattr(request, "htmx", False):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("restructuring:detail", args=[plan.pk])
        return response
    return redirect("restructuring:detail", plan.pk)


@login_required
@require_GET
@as_404
def plan_progress(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_in_scope(_plans(request), request.user, ORG_VIEW, pk=pk)
    return render(request, "restructuring/_progress.html", {"plan": plan, "progress": progress.read(plan.pk)})


@login_required
@require_GET
@as_404
def plan_rows_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_in_scope(_plans(request), request.user, ORG_VIEW, pk=pk)
    response = HttpResponse(rows_to_xlsx(plan.rows), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="plan-{plan.pk}.xlsx"'
    return response


@login_required
@require_GET
def plan_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(rows_to_xlsx([]), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="restructuring-plan.xlsx"'
    return response
