"""The records behind one figure (issue 14 §4: click "76" → the 76 admission decisions).

The app that counts the key declares its records next to the count (core.figures.records); this page lists them
for the organization, the period and the date of the figure, with the figure itself above, 100 a page. The
organization must be visible to the user and the records' permission must cover it (otherwise 404).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.errors import DomainError
from core.figures import FigureRequest, contributor, label, records_of, records_path
from core.scope import covers
from core.views import as_404, attach_error
from organizations import queries
from reports.figures import make_request
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
    if form.is_valid():
        data = form.cleaned_data
        try:
            figure_request = make_request(organization=organization, date_from=data.get("date_from"),
                                          date_to=data.get("date_to"), as_of=data.get("as_of"))
        except DomainError as error:
            attach_error(form, DomainError(error.message, field={"from": "date_from"}.get(error.field or "")))
        else:
            count = contributor(namespace)
            listed: Any = records.rows(figure_request, key)  # a queryset (or a list) of the app's records
            page = Paginator(listed, PER_PAGE).get_page(request.GET.get("page"))
            context |= {"request_": figure_request, "page": page,
                        "figure": (count(figure_request) if count else {}).get(key),
                        "rows": [records.describe(record) for record in page.object_list], "query": _query(request)}
    return render(request, "reports/records.html", context, status=200 if context["page"] else 400)


def _query(request: HttpRequest) -> str:
    """The page's query string without the page number (for the pager's links)."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def link_records(groups: list[dict[str, Any]], request: FigureRequest, *, enabled: bool = True) -> list[dict[str, Any]]:
    """The figures page's rows (reports.views._groups) with `records`: the address of the records behind a
    non-zero number whose key declares them (not for figures counted with predecessors: the records are listed
    for the organization's own subtree)."""
    for group in groups:
        for row in (*group["stocks"], *group["movements"]):
            value = row["value"]
            linked = enabled and isinstance(value, int) and not isinstance(value, bool) and value > 0
            row["records"] = records_path(request.organization.pk, group["name"], row["key"], request) if linked \
                else None
    return groups
