"""Covered unit pages: one unit with its history (names and territories, cells covering it, events) and its
dated actions; an organization's coverage as of a date, per unit kind (the date field reloads the table by htmx).

Views only parse, ask a query or a service, and render; the forms run through the organization pages' two steps
(preview rolled back, then confirm).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from core.scope import CHANGE, restrict
from core.views import as_404
from organizations import queries
from organizations.coverage import coverage_counts_as_of
from organizations.forms import (
    ActionForm,
    AsOfForm,
    UnitDissolveForm,
    UnitMergeForm,
    UnitRenameForm,
    UnitSplitForm,
)
from organizations.models import CoveredUnit, CoveredUnitKind
from organizations.views import _two_step

UNIT_ACTIONS = {"rename": UnitRenameForm, "dissolve": UnitDissolveForm, "merge": UnitMergeForm,
                "split": UnitSplitForm}


@login_required
@require_GET
@as_404
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One covered unit: today's facts and its whole history."""
    unit = queries.covered_unit_get(request.user, pk=pk)
    can_change = restrict(CoveredUnit.objects.filter(pk=unit.pk), request.user, CHANGE).exists()
    context = {
        "unit": unit,
        "organization": unit.territory,
        "ancestors": queries.organization_ancestors(request.user, organization=unit.territory),
        "history": queries.covered_unit_history(unit),
        "records": queries.change_log_of(unit),
        "can_change": can_change and unit.dissolved_on is None,
    }
    return render(request, "organizations/unit_detail.html", context)


def _unit_action(form_class: type[ActionForm]) -> Any:
    """A view for a form acting on the unit in the URL (which must be in the user's writable scope)."""

    @login_required
    @require_http_methods(["GET", "POST"])
    @as_404
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        unit = queries.covered_unit_get(request.user, pk=pk, action=CHANGE)
        data = request.POST if request.method == "POST" else None
        form = form_class(data, actor=request.user, organization=unit.territory, unit=unit)
        back_to = reverse("organizations:unit_detail", args=[unit.pk])
        return _two_step(request, form, back_to=back_to, organization=unit.territory)

    view.__name__ = view.__qualname__ = f"unit_{form_class.__name__.removeprefix('Unit').removesuffix('Form').lower()}"
    view.__doc__ = form_class.__doc__
    return view


unit_rename = _unit_action(UnitRenameForm)
unit_dissolve = _unit_action(UnitDissolveForm)
unit_merge = _unit_action(UnitMergeForm)
unit_split = _unit_action(UnitSplitForm)


@login_required
@require_GET
@as_404
def coverage(request: HttpRequest, pk: int) -> HttpResponse:
    """Coverage of an organization's whole area on a date (default today), per unit kind, from the records."""
    organization = queries.organization_get(request.user, pk=pk)
    form = AsOfForm(request.GET if "on" in request.GET else None)
    on: dt.date = form.cleaned_data["on"] if form.is_bound and form.is_valid() else timezone.localdate()
    counts = coverage_counts_as_of(organization, on=on)
    kinds = CoveredUnitKind.objects.all()
    rows: list[dict[str, Any]] = [{"kind": kind, **counts[kind.code]} for kind in kinds if kind.code in counts]
    context = {
        "organization": organization,
        "ancestors": queries.organization_ancestors(request.user, organization=organization),
        "as_of_form": form,
        "on": on,
        "rows": rows,
        "total": {key: sum(row[key] for row in rows) for key in ("units", "without_cell", "joint", "date_unknown")},
    }
    template = "organizations/_coverage_table.html" if request.htmx else "organizations/coverage.html"  # type: ignore[attr-defined]
    return render(request, template, context)
