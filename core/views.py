"""Shared view helpers (service errors into form errors and 404s), the sign-in lock-out page and error pages."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.forms import AuthenticationForm
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults

from core.busy import is_database_busy
from core.errors import DomainError, Faults, NotInScope
from core.middleware import database_busy_response

logger = logging.getLogger("dangvu.security")
T = TypeVar("T")


def attach_error(form: forms.BaseForm, error: DomainError) -> None:
    """Show a service's refusal beside the field it names (or on top of the form)."""
    if isinstance(error, NotInScope):
        raise Http404(str(error.message))
    for fault in error.errors if isinstance(error, Faults) else [error]:  # every fault beside its own field
        field = fault.field if fault.field in form.fields else None
        form.add_error(field, str(fault.message))


def form_submit(
    request: HttpRequest, form: forms.BaseForm, write: Callable[[dict[str, Any]], T], done: Callable[[T], HttpResponse],
    *, success: str = "", attach: Callable[[DomainError], None] | None = None,
) -> HttpResponse | None:
    """The one shape of a page's write. On a POST whose form is valid: `write(form.cleaned_data)` (one service
    call), then the `success` message and `done(result)` (the redirect). A refusal goes beside the fields it names,
    every fault at once (`attach` for a form that places them itself; out of scope is a 404), and the answer is
    None: the view renders the form again, like on a GET or an invalid form.

        return form_submit(request, form, lambda data: services.thing_create(actor=request.user, **data),
                           lambda thing: redirect("app:thing", pk=thing.pk)) or render(request, ..., {"form": form})
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = write(form.cleaned_data)
    except DomainError as error:
        if attach is not None:
            attach(error)
        else:
            attach_error(form, error)
        return None
    if success:
        messages.success(request, success)
    return done(result)


def as_404(func: Any) -> Any:
    """Turn NotInScope raised by a selector into Http404."""
    from functools import wraps

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except NotInScope as exc:
            raise Http404(str(exc.message)) from exc

    return wrapper


# ----------------------------------------------------------------------------- sign-in lock-out


def login_locked_out(request: HttpRequest, original_response: Any = None, credentials: Any = None) -> HttpResponse:
    """django-axes' answer to a locked-out sign-in: the sign-in page again, saying why and for how long (429)."""
    username = str((credentials or {}).get("username") or request.POST.get("username", ""))[:150]
    logger.warning(
        "Sign-in refused, locked out after repeated failures: user name %r from %s",
        username, getattr(request, "axes_ip_address", request.META.get("REMOTE_ADDR")),
    )
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60) if settings.AXES_COOLOFF_TIME else 0
    context = {
        "form": AuthenticationForm(request, initial={"username": username}),
        "next": request.POST.get("next", ""),
        "locked_out": _(
            "Too many wrong passwords for this user name. Sign-in is locked for %(minutes)s minutes; "
            "an administrator can unlock it sooner."
        ) % {"minutes": minutes},
    }
    return render(request, "core/login.html", context, status=429)


# ----------------------------------------------------------------------------- error pages and API errors

API_PREFIX = "/api/"


def _api_error(message: str, status: int) -> JsonResponse:
    """The API's one refusal shape, for errors raised before or outside django-ninja (unknown routes...)."""
    return JsonResponse({"detail": message, "field": None}, status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return _api_error(_("Bad request."), 400)
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return _api_error(_("You may not do this."), 403)
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return _api_error(_("Not found."), 404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """Renders without the database or a request context (templates/500.html gets no context at all)."""
    if is_database_busy(sys.exc_info()[1] or Exception()):  # raised outside a view (a middleware's write)
        return database_busy_response(request)
    if request.path.startswith(API_PREFIX):
        return _api_error(_("Server error. It has been logged; please try again later."), 500)
    return defaults.server_error(request)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent from a stale page (expired session, sign-in in another tab): say so in the user's language."""
    message = _("This form has expired: reload the page and try again.")
    if request.path.startswith(API_PREFIX):
        return _api_error(message, 403)
    return render(request, "403.html", {"message": message}, status=403)
