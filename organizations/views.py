"""Organization pages (filled in by the pages work)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    return render(request, "organizations/tree.html", {})
