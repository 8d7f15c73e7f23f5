"""The JSON API under /api/v1. Each app contributes a router; errors map to 4xx with a readable message.

Every refusal has the same shape, {"detail": message, "field": input at fault or null}, with the
message in the request's language (LocaleMiddleware: Vietnamese unless the client asks for English).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.request import RawPostDataException
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from accounts.auth import TokenAuth, api_auth
from core.busy import busy_message, is_database_busy
from core.errors import DomainError
from core.schemas import json_path


def _signed_in_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The OpenAPI document and its docs page are for signed-in users (session or bearer token) only: anonymous
    gets 401 JSON for the document, the sign-in page for the docs."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated and TokenAuth()(request) is None:
            if request.path.rstrip("/").endswith("/docs"):
                return redirect_to_login(request.get_full_path())
            response = JsonResponse({"detail": _("Authentication required."), "field": None}, status=401)
            response["WWW-Authenticate"] = "Bearer"
            return response
        return view(request, *args, **kwargs)

    return wrapper


api = NinjaAPI(
    title="dangvu API",
    version="1",
    urls_namespace="api",
    auth=api_auth,
    docs_url="/docs",
    # Swagger UI from ninja's own static files ("ninja" in INSTALLED_APPS), never a CDN; no outside validator.
    docs=Swagger(settings={"validatorUrl": None}),
    docs_decorator=_signed_in_only,
)

# Where ninja puts the parameter itself in an error's location: ("body", "payload", "decision", "number").
_PARAM_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}
# Tags of the bodies discriminated by "kind" (lineage events, member events): pydantic puts them in the location.
_LINEAGE_TAGS = {"dissolve", "rename", "move", "merge", "split"}


def _union_tags() -> set[str]:
    """The lineage kinds and the member event doors (declared in members.kinds)."""
    from members.kinds import member_event_kinds

    return _LINEAGE_TAGS | {door.name for door in member_event_kinds().doors()}


def _field_of(error: dict[str, Any]) -> str | None:
    """The dotted input name of a validation error, without ninja's source and body-parameter prefix."""
    loc = [str(part) for part in error.get("loc", ())]
    if loc and loc[0] in _PARAM_SOURCES:
        source, loc = loc[0], loc[1:]
        if source == "body" and loc and loc[0] == "payload":
            loc = loc[1:]
        if source == "body" and loc and loc[0] in _union_tags():
            loc = loc[1:]  # the member of a union discriminated by "kind"
    if not loc and str(error.get("type", "")).startswith("union_tag"):
        return "kind"
    return ".".join(loc) or None


def _request_body(request: HttpRequest) -> Any:
    try:
        return json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError, RawPostDataException):
        return None


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    """Every fault names the JSON path of its input in the body as sent (core.schemas.json_path)."""
    answer: dict[str, Any] = exc.as_dict()
    body = _request_body(request) if exc.status_code == 400 else None
    answer["field"] = json_path(exc.field, body)
    for fault in answer.get("errors") or []:
        fault["field"] = json_path(fault["field"], body)
    return api.create_response(request, answer, status=exc.status_code)


@api.exception_handler(NinjaValidationError)
def validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    """Every problem of the input at once, each with the dotted path of its field."""
    errors = [{**error, "field": _field_of(error)} for error in exc.errors]
    body = {"detail": _("Invalid input."), "field": errors[0]["field"] if errors else None, "errors": errors}
    return api.create_response(request, body, status=422)


@api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(request, {"detail": _("Authentication required."), "field": None}, status=401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # ninja raises HttpError only for a body it cannot parse (400) and a failed CSRF check on a session (403).
    if exc.status_code == 400:
        detail = _("The request body is not valid JSON.")
    elif exc.status_code == 403:
        detail = _("The CSRF check failed: reload the page and try again.")
    else:
        detail = str(exc)
    return api.create_response(request, {"detail": detail, "field": None}, status=exc.status_code)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("Not found."), "field": None}, status=404)


@api.exception_handler(OperationalError)
def database_busy(request: HttpRequest, exc: OperationalError) -> HttpResponse:
    # SQLite's write lock held by a long import (or a PostgreSQL lock timeout): 503 JSON, never an HTML 500.
    if not is_database_busy(exc):
        raise exc
    response = api.create_response(request, {"detail": busy_message(), "field": None}, status=503)
    response["Retry-After"] = "60"
    return response


def _add_routers() -> None:
    from ingest.api import router as ingest_router
    from organizations.api import router as organizations_router
    from reports.api import router as reports_router

    api.add_router("/", organizations_router)
    api.add_router("/", reports_router)
    api.add_router("/", ingest_router)
    api.add_router("/", "members.api.router")
    api.add_router("/", "committees.api.router")
    api.add_router("/", "training.api.router")
    api.add_router("/", "honours.api.router")
    api.add_router("/", "oversight.api.router")
    api.add_router("/", "documents.api.router")
    api.add_router("/", "mobilisation.api.router")
    api.add_router("/", "inspection.api.router")
    api.add_router("/", "restructuring.api.router")
    api.add_router("/", "targets.api.router")
    api.add_router("/", "rating.api.router")
    api.add_router("/", "accounts.api.router")


_add_routers()
