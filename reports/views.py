"""The figures page: every figure of an organization's subtree for a period and a date, grouped by namespace.

The same numbers as GET /api/v1/organizations/{id}/figures (reports.figures.compute); the page only parses the
dates, asks the service and renders.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from core.errors import DomainError
from core.figures import labels
from core.views import as_404, attach_error
from organizations import queries
from reports.figures import compute, make_request
from reports.forms import PARAMS, FiguresForm


@login_required
@require_GET
@as_404
def organization_figures(request: HttpRequest, pk: int) -> HttpResponse:
    """Figures of the organization's subtree: stocks on `as_of` under that date's tree, movements in the period."""
    organization = queries.organization_get(request.user, pk=pk)
    form = FiguresForm(request.GET if any(p in request.GET for p in PARAMS.values()) else None)
    context: dict[str, Any] = {"organization": organization, "form": form, "result": None,
                               "ancestors": queries.organization_ancestors(request.user, organization=organization)}
    if not form.is_bound or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        try:
            figure_request = make_request(organization=organization, date_from=data.get("date_from"),
                                          date_to=data.get("date_to"), as_of=data.get("as_of"))
        except DomainError as error:
            attach_error(form, DomainError(error.message, field={"from": "date_from"}.get(error.field or "")))
        else:
            with_predecessors = bool(data.get("with_predecessors"))
            result = compute(figure_request, with_predecessors=with_predecessors)
            context |= {
                "request_": figure_request,
                "result": result,
                "groups": _groups(result["figures"]),
                "younger": figure_request.organization.established_on > figure_request.date_from,
                "previous_names": ", ".join(p["name"] for p in result["previous_with_predecessors"]),
                "api_url": reverse("api:organization_figures", args=[organization.pk]) + "?" + urlencode({
                    "from": figure_request.date_from.isoformat(), "to": figure_request.date_to.isoformat(),
                    "as_of": figure_request.as_of.isoformat()}
                    | ({"with_predecessors": "true"} if with_predecessors else {})),
            }
    return render(request, "reports/figures.html", context)


def _groups(figures: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """One group per namespace: its title, the stock rows and the movement rows (label, key, value)."""
    groups = []
    for name, values in figures.items():
        namespace = labels.namespace_of(name)
        rows = [{"key": key, "label": labels.label(name, key), "value": value} for key, value in values.items()]
        groups.append({
            "name": name,
            "title": namespace.title,
            "stocks": [r for r in rows if r["key"] in namespace.stocks],
            "movements": [r for r in rows if r["key"] not in namespace.stocks],
        })
    return groups
