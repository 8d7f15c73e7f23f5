"""The JSON API under /api/v1. Each app contributes a router; errors map to 4xx with a readable message."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError

from accounts.auth import api_auth
from core.errors import DomainError

api = NinjaAPI(
    title="dangvu API",
    version="1",
    urls_namespace="api",
    auth=api_auth,
    docs_url="/docs",
)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, exc.as_dict(), status=exc.status_code)


@api.exception_handler(NinjaValidationError)
def validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": "Invalid input.", "errors": exc.errors}, status=422)


def _add_routers() -> None:
    from organizations.api import router as organizations_router

    api.add_router("/", organizations_router)


_add_routers()
