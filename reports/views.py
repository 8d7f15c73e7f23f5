"""The figures page: every figure of an organization's subtree for a period and a date, grouped by namespace.

The same numbers as GET /api/v1/organizations/{id}/figures (reports.figures.compute); the page only parses the
dates, asks the service and renders.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from core.figures import labels
from core.spreadsheets.report import XLSX_CONTENT_TYPE
from core.views import as_404
from organizations import queries
from organizations.models import Organization
from reports.cell_groups import for_a_cell
from reports.exports import figures_xlsx
from reports.figures import compute
from reports.forms import PARAMS, FiguresForm
from reports.labels import Labeller
from reports.records_views import link_records


def _figures(request: HttpRequest, organization: Organization) -> dict[str, Any]:
    """The form of the page's parameters and, when they are valid, the figures (the page's and the export's)."""
    form = FiguresForm(request.GET if any(p in request.GET for p in PARAMS.values()) else None)
    context: dict[str, Any] = {"organization": organization, "form": form, "result": None}
    figure_request = form.figure_request(organization) if not form.is_bound or form.is_valid() else None
    if figure_request is not None:
        data = form.cleaned_data if form.is_bound else {}
        with_predecessors = bool(data.get("with_predecessors"))
        result = compute(figure_request, with_predecessors=with_predecessors)
        context |= {
            "request_": figure_request,
            "result": result,
            "with_predecessors": with_predecessors,
            "groups": link_records(_groups(result["figures"], organization=organization), figure_request,
                                   with_predecessors=with_predecessors),
        }
    return context


@login_required
@require_GET
@as_404
def organization_figures(request: HttpRequest, pk: int) -> HttpResponse:
    """Figures of the organization's subtree: stocks on `as_of` under that date's tree, movements in the period."""
    organization = queries.organization_get(request.user, pk=pk)
    context = _figures(request, organization)
    context["ancestors"] = queries.organization_ancestors(request.user, organization=organization)
    if context["result"] is not None:
        figure_request, result = context["request_"], context["result"]
        context |= {
            "younger": figure_request.organization.established_on > figure_request.date_from,
            "previous_names": ", ".join(p["name"] for p in result["previous_with_predecessors"]),
            "api_url": reverse("api:organization_figures", args=[organization.pk]) + "?" + urlencode({
                "from": figure_request.date_from.isoformat(), "to": figure_request.date_to.isoformat(),
                "as_of": figure_request.as_of.isoformat()}
                | ({"with_predecessors": "true"} if context["with_predecessors"] else {})),
            "export_query": request.GET.urlencode(),
        }
    return render(request, "reports/figures.html", context)


@login_required
@require_GET
@as_404
def organization_figures_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The figures page under the same parameters, as an XLSX report (reports.exports)."""
    organization = queries.organization_get(request.user, pk=pk)
    context = _figures(request, organization)
    if context["result"] is None:  # the page says what is wrong with the dates
        return redirect(f"{reverse('reports:organization', args=[organization.pk])}?{request.GET.urlencode()}")
    today = timezone.localdate()
    content = figures_xlsx(context["request_"], context["groups"], with_predecessors=context["with_predecessors"],
                           made_on=today)
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="so-lieu-{organization.pk}-{today:%Y%m%d}.xlsx"'
    return response


def _groups(figures: dict[str, dict[str, Any]], *, organization: Organization) -> list[dict[str, Any]]:
    """One group per namespace: its title, the stock rows and the movement rows (label, key, value)."""
    groups = []
    labeller = Labeller()  # codes that come from data shown by their names (reports.labels)
    for name, values in figures.items():
        namespace = labels.namespace_of(name)
        values, note = for_a_cell(name, values, organization)  # a cell's page counts nothing under it
        rows = [{"key": key, "label": labeller.label(name, key), "value": value} for key, value in values.items()]
        groups.append({
            "name": name,
            "title": namespace.title,
            "note": note,
            "stocks": [r for r in rows if r["key"] in namespace.stocks],
            "movements": [r for r in rows if r["key"] not in namespace.stocks],
        })
    return groups
