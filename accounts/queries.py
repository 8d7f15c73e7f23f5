"""Reads on API tokens and, for administrators, on users. A token belongs to one user, not to an organization:
its owner and installation administrators see it; for anyone else it does not exist (404)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from accounts.models import ApiToken, User
from core.errors import NotInScope
from core.schemas import MAX_ID


def _is_administrator(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False) and getattr(user, "is_active", False))


def tokens_visible(user: Any, *, owner: str | None = None) -> QuerySet[ApiToken]:
    """The user's own tokens; every token for an administrator (optionally one owner's, by user name)."""
    if not getattr(user, "is_authenticated", False):
        return ApiToken.objects.none()
    tokens = ApiToken.objects.select_related("user").order_by("-created_at", "-pk")
    if not _is_administrator(user):
        return tokens.filter(user=user)
    return tokens.filter(user__username=owner) if owner else tokens


def token_get(user: Any, pk: int) -> ApiToken:
    token = tokens_visible(user).filter(pk=pk).first() if 1 <= pk <= MAX_ID else None
    if token is None:
        from django.utils.translation import gettext

        raise NotInScope(gettext("Not found."))
    return token


USERS_SHOWN = 50


def users_for_administration(user: Any, *, text: str = "") -> QuerySet[User]:
    """Users an administrator may manage (everyone, by user name or name), each with its open sign-in lock-out
    count; nobody for anyone else."""
    from axes.models import AccessAttempt
    from django.db.models import Count, OuterRef, Q, Subquery

    if not _is_administrator(user):
        return User.objects.none()
    failures = AccessAttempt.objects.filter(username=OuterRef("username")).order_by("-failures_since_start")
    users = User.objects.annotate(failures=Subquery(failures.values("failures_since_start")[:1]),
                                  role_count=Count("roles")).order_by("username")
    for word in text.split()[:5]:
        users = users.filter(Q(username__icontains=word) | Q(first_name__icontains=word)
                             | Q(last_name__icontains=word))
    return users


def user_for_administration(user: Any, pk: int) -> User:
    found = users_for_administration(user).filter(pk=pk).first() if 1 <= pk <= MAX_ID else None
    if found is None:
        from django.utils.translation import gettext

        raise NotInScope(gettext("Not found."))
    return found
