"""A URL map for the error-page tests: the real one plus views that fail on purpose."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import path

from dangvu.urls import urlpatterns as real_urlpatterns


def fail(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a fault on purpose")


def refuse(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


urlpatterns = [
    path("failing/", fail),
    path("refusing/", refuse),
    path("api/v1/failing/", fail),
    *real_urlpatterns,
]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
