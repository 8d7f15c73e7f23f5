"""The dashboard page of an organization (reports.dashboard): an "as of" date, tables and charts, its children."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from core.views import as_404
from organizations import queries
from organizations.forms import date_field
from reports.dashboard import dashboard


class DashboardForm(forms.Form):
    """The date the dashboard counts on (empty: today)."""

    as_of = date_field(_("As of"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


@login_required
@require_GET
@as_404
def organization_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    organization = queries.organization_get(request.user, pk=pk)
    form = DashboardForm(request.GET if "as_of" in request.GET else None)
    context: dict[str, Any] = {"organization": organization, "form": form, "data": None,
                               "ancestors": queries.organization_ancestors(request.user, organization=organization)}
    if not form.is_bound or form.is_valid():
        as_of = (form.cleaned_data.get("as_of") if form.is_bound else None) or timezone.localdate()
        children = list(queries.organization_children(request.user, parent=organization).order_by("sort_name"))
        context |= {"as_of": as_of, "data": dashboard(organization, children, as_of)}
    return render(request, "reports/dashboard.html", context, status=200 if context["data"] else 400)
