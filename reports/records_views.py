"""The records behind one figure (issue 14 §4: click "76" → the 76 admission decisions).

The app that counts the key declares its records next to the count (core.figures.records); this page lists them
for the organization, the period and the date of the figure, with the figure itself above, 100 a page. The
organization must be visible to the user and the records' permission must cover it (otherwise 404). Counted
"with predecessors" (`with_predecessors=true`, and a `K_previous` key of an organization younger than the previous
period, as the figures page counts them: reports.predecessors), it lists the records of each predecessor as it
stood then; a predecessor outside the user's scope is named, not listed.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import chain
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.figures import FigureRequest, contributor, label, records_of, records_path
from core.scope import covers
from core.views import as_404
from organizations import queries
from organizations.lineage import Root
from reports import predecessors
from reports.forms import FiguresForm

PER_PAGE = 100


@login_required
@require_GET
@as_404
def figure_records(request: HttpRequest, pk: int, namespace: str, key: str) -> HttpResponse:
    organization = queries.organization_get(request.user, pk=pk)
    records = records_of(namespace, key)
    if records is None or not covers(request.user, organization, records.permission):
        raise Http404
    form = FiguresForm(request.GET)
    context: dict[str, Any] = {"organization": organization, "form": form, "namespace": namespace, "key": key,
                               "label": label(namespace, key), "records": records, "page": None,
                               "ancestors": queries.organization_ancestors(request.user, organization=organization)}
    figure_request = form.figure_request(organization) if form.is_valid() else None
    if figure_request is not None:
        data = form.cleaned_data
        with_predecessors = bool(data.get("with_predecessors"))
        figure, roots = _figure(figure_request, namespace, key, with_predecessors=with_predecessors)
        shown = [root for root in roots if covers(request.user, root.organization, records.permission)]
        listed: Any  # a queryset (or a list) of the app's records
        if roots:  # each predecessor's records as they stood then (reports.predecessors)
            listed = list(chain.from_iterable(
                records.rows(replace(figure_request, organization=root.organization), key) for root in shown))
        else:
            listed = records.rows(figure_request, key)
        page = Paginator(listed, PER_PAGE).get_page(request.GET.get("page"))
        context |= {"request_": figure_request, "page": page, "figure": figure,
                    "with_predecessors": with_predecessors,
                    "roots": shown if any(r.organization.pk != organization.pk for r in shown) else [],
                    "hidden_roots": [root for root in roots if root not in shown],
                    "rows": [records.describe(record) for record in page.object_list], "query": _query(request)}
    return render(request, "reports/records.html", context, status=200 if context["page"] is not None else 400)


def _figure(request: FigureRequest, namespace: str, key: str, *, with_predecessors: bool) -> tuple[Any, list[Root]]:
    """The figure of the key as the figures page counts it (reports.figures.compute, for this one namespace), and
    the predecessors whose records it counts ([] for the organization's own): with predecessors, or for a
    `K_previous` key of an organization younger than the previous period."""
    count = contributor(namespace)
    if count is None:
        return None, []
    registered = {namespace: count}
    if with_predecessors:
        counted, roots = predecessors.figures_with_predecessors(request, registered)
    else:
        counted, roots = {namespace: dict(count(request))}, []
    previous_roots = predecessors.previous_with_predecessors(request, counted, registered)
    if key.endswith("_previous") and previous_roots:
        roots = previous_roots
    return counted[namespace].get(key), roots


def _query(request: HttpRequest) -> str:
    """The page's query string without the page number (for the pager's links)."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def link_records(groups: list[dict[str, Any]], request: FigureRequest, *, enabled: bool = True,
                 with_predecessors: bool = False) -> list[dict[str, Any]]:
    """The figures page's rows (reports.views._groups) with `records`: the address of the records behind a
    non-zero number whose key declares them; counted with predecessors, the address says so (the records page then
    lists the predecessors' records as they stood then)."""
    for group in groups:
        for row in (*group["stocks"], *group["movements"]):
            value = row["value"]
            linked = enabled and isinstance(value, int) and not isinstance(value, bool) and value > 0
            path = records_path(request.organization.pk, group["name"], row["key"], request) if linked else None
            row["records"] = f"{path}&with_predecessors=true" if path and with_predecessors else path
    return groups
