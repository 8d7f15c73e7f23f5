"""Account pages: the user's API tokens ("Khóa API"), listed, created and revoked. Views parse, call a query or
a service, and render."""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import queries, services
from accounts.forms import PasswordResetForm, TokenCreateForm
from accounts.middleware import supported
from accounts.models import User
from core.errors import DomainError
from core.views import as_404, attach_error


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """The tokens the user owns (every token, for an administrator) and a form to create one; a new token's
    key is shown on this answer only."""
    form = TokenCreateForm(request.POST or None)
    new_key = None
    if form.is_bound and form.is_valid():
        try:
            _token, new_key = services.api_token_create(
                actor=request.user, user=cast(User, request.user), name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
            )
        except DomainError as exc:
            attach_error(form, exc)
        else:
            form = TokenCreateForm()
    context = {
        "tokens": queries.tokens_visible(request.user)[:500],
        "form": form,
        "new_key": new_key,
        "show_owner": services.is_administrator(request.user),
    }
    return render(request, "accounts/tokens.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
@as_404
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = queries.token_get(request.user, pk)
    services.api_token_revoke(actor=request.user, token=token, reason="page")
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("accounts:tokens")


@require_POST
def language(request: HttpRequest) -> HttpResponse:
    """The language switch of the top bar: stored on the signed-in user's profile (logged), and in a cookie for
    the sign-in page; then back to the page it was chosen on."""
    code = supported(request.POST.get("language", "")) or settings.LANGUAGE_CODE
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = "/"
    if request.user.is_authenticated:
        services.user_language_set(actor=request.user, user=cast(User, request.user), language=code,
                                   reason="language switch")
    response = HttpResponseRedirect(target)
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, code, max_age=365 * 24 * 3600, samesite="Lax",
                        secure=settings.SESSION_COOKIE_SECURE, httponly=True)
    return response


# ----------------------------------------------------------------------------- administration


@login_required
@never_cache
@require_GET
def users(request: HttpRequest) -> HttpResponse:
    """Administrators: find a user to reset their password or unlock their sign-in (404 for anyone else)."""
    if not services.is_administrator(request.user):
        raise Http404
    text = request.GET.get("q", "").strip()[:100]
    found = queries.users_for_administration(request.user, text=text)[: queries.USERS_SHOWN]
    return render(request, "accounts/users.html", {"users": found, "q": text})


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
@as_404
def user_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """One user: set a new password (every API token of the user stops working) or lift a sign-in lock-out."""
    managed = queries.user_for_administration(request.user, pk)
    form = PasswordResetForm(request.POST if request.POST.get("do") == "password" else None)
    if request.method == "POST" and request.POST.get("do") == "unlock":
        cleared = services.user_unlock(actor=request.user, user=managed, reason="administration page")
        messages.success(request, _("Sign-in unlocked for %(name)s (%(count)s failed attempts cleared).")
                         % {"name": managed.username, "count": cleared})
        return redirect("accounts:user", pk=managed.pk)
    if form.is_bound and form.is_valid():
        try:
            services.user_password_set(actor=request.user, user=managed, password=form.cleaned_data["password"],
                                       reason="password reset by an administrator")
        except DomainError as exc:
            attach_error(form, exc)
        else:
            messages.success(request, _("New password set for %(name)s.") % {"name": managed.username})
            return redirect("accounts:user", pk=managed.pk)
    context = {"managed": managed, "form": form}
    return render(request, "accounts/user.html", context, status=400 if form.errors else 200)
