"""Request middleware: a request id for the change log, no-store caching, idle session expiry, 503 when busy."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.base import UpdateError
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from core.audit import discard_refusals, flush_refusals
from core.busy import busy_message, is_database_busy, without_waiting
from core.context import request_id_scope

logger = logging.getLogger(__name__)


class RequestIdMiddleware:
    """Binds a fresh request id for the duration of the request and echoes it in a header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with request_id_scope() as request_id:
            discard_refusals()
            response = self.get_response(request)
            flush_refusals()  # refusals noted inside rolled-back transactions (core.audit)
        response["X-Request-Id"] = request_id
        return response


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every answer that reaches Django: pages, API answers and exported files carry
    personal data and must not stay in a browser's or proxy's cache. Static files never get here (WhiteNoise,
    placed above, answers them with their own caching)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response


def session_signed_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """On sign-in (signal user_logged_in), the session's expiry has just been set: no push for a minute."""
    if hasattr(request, "session"):
        request.session[SessionIdleMiddleware.SEEN_KEY] = int(time.time())


class SessionIdleMiddleware:
    """Idle expiry of a signed-in session without a database write on every request.

    A session row expires SESSION_COOKIE_AGE after its last save, and its cookie ends with the browser
    (SESSION_EXPIRE_AT_BROWSER_CLOSE). A signed-in user's request saves the session again, pushing the expiry
    back, only when the last push is older than REFRESH_SECONDS; if the database is busy (a long import holding
    SQLite's write lock) the push is skipped and the next request tries again, and the page is served anyway.
    """

    REFRESH_SECONDS = 60
    SEEN_KEY = "_dangvu_seen"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or SESSION_KEY not in session:
            return response
        now = int(time.time())
        if session.modified:  # saved below by SessionMiddleware anyway (sign-in, messages...)
            session[self.SEEN_KEY] = now
        elif now - int(session.get(self.SEEN_KEY, 0)) >= self.REFRESH_SECONDS:
            session[self.SEEN_KEY] = now
            try:
                with without_waiting():  # a page read never waits for a long import's write lock
                    session.save()
            except (DatabaseError, UpdateError):  # busy, or the session ended meanwhile (signed out elsewhere)
                logger.warning("Session expiry not pushed back: database busy or session gone")
            session.modified = False  # done here; SessionMiddleware need not save nor reset the cookie
        return response


# ----------------------------------------------------------------------------- a busy database


def database_busy_response(request: HttpRequest) -> HttpResponse:
    """503 with a Retry-After: JSON `{"detail"}` for the API, a page for a browser."""
    logger.warning("Database busy: %s %s answered 503", request.method, request.path)
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": busy_message(), "field": None}, status=503)
    else:
        try:
            response = render(request, "core/busy.html", {"message": busy_message()}, status=503)
        except Exception:  # the page itself needed the database: the message alone
            logger.exception("Busy page could not be rendered")
            response = HttpResponse(busy_message(), content_type="text/plain; charset=utf-8", status=503)
    response["Retry-After"] = "60"
    return response


class DatabaseBusyMiddleware:
    """A view that fails because the database is busy answers 503 ("try again in a few minutes"), never a 500.

    On SQLite one writer at a time: a long import holds the write lock and a request that must write waits
    (the connection's timeout) and then fails with "database is locked". The API has its own handler for the
    same error (dangvu/api.py), since django-ninja catches exceptions before middleware sees them.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_database_busy(exception):
            return database_busy_response(request)
        return None


class ApiMethodNotAllowedMiddleware:
    """django-ninja answers a method a route does not have with a bare-text 405; under /api/ it becomes the API's
    JSON refusal `{"detail", "field"}` in the request's language (placed below LocaleMiddleware for that)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (response.status_code != 405 or not request.path.startswith("/api/")
                or response.get("Content-Type", "").startswith("application/json")):
            return response
        allowed = response.get("Allow", "")
        detail = _("This route does not accept %(method)s; it accepts: %(allowed)s.") % {
            "method": request.method, "allowed": allowed,
        }
        answer = JsonResponse({"detail": detail, "field": None}, status=405)
        answer["Allow"] = allowed
        return answer
