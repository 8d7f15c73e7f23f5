"""The home page "Việc cần làm" at /: what needs doing today in the user's organization, with drill-down."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.views import as_404
from home.pages import home_page
from organizations.queries import organization_get


@login_required
@require_GET
@as_404
def index(request: HttpRequest) -> HttpResponse:
    """?organization=<id>: that organization of the user's scope (404 outside it); default the user's own."""
    raw = request.GET.get("organization", "").strip()
    organization = organization_get(request.user, pk=raw) if raw else None
    page = home_page(request.user, organization, on=timezone.localdate())
    return render(request, "home/home.html", {"page": page})
