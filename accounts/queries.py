"""Reads on API tokens. A token belongs to one user, not to an organization: its owner and installation
administrators see it; for anyone else it does not exist (404)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from accounts.models import ApiToken
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
