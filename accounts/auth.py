"""API authentication: a bearer token, or the browser's signed-in session (with CSRF)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.db import OperationalError, connection
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth

from accounts.models import ApiToken, hash_token
from core.busy import without_waiting

logger = logging.getLogger("dangvu.accounts")


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        row = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_token(token), is_active=True, user__is_active=True, expires_at__gt=timezone.now())
            .first()
        )
        if row is None:
            return None
        touch_token(row)
        request.user = row.user
        return row.user


def touch_token(token: ApiToken) -> bool:
    """Record when a token was used, at most once every API_TOKEN_TOUCH_SECONDS and never at any cost.

    A read must not wait for a write lock: on SQLite a long import holds the only one, and an UPDATE here would
    wait for it (then fail). So the write happens outside any request transaction, without waiting for a lock
    (busy timeout 0 on SQLite, lock_timeout on PostgreSQL), and is simply skipped if the database is busy.
    Returns whether it was written.
    """
    now = timezone.now()
    interval = dt.timedelta(seconds=getattr(settings, "API_TOKEN_TOUCH_SECONDS", 300))
    if token.last_used_at is not None and now - token.last_used_at < interval:
        return False
    if connection.in_atomic_block:
        return False  # not inside someone else's transaction: it would hold the lock until the request ends
    recent = Q(last_used_at__gte=now - interval)
    try:
        with without_waiting():
            written = ApiToken.objects.filter(pk=token.pk).exclude(recent).update(last_used_at=now)
    except OperationalError:
        logger.info("API token %s: last use not recorded, the database is busy", token.pk)
        return False
    token.last_used_at = now
    return bool(written)


class SessionAuth(NinjaSessionAuth):
    """The browser's session, CSRF-checked. Without a signed-in user there is nothing to check: 401, not 403."""

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)


api_auth = [TokenAuth(), SessionAuth()]
