"""Calling the API in tests: as a signed-in user (session), with a bearer token, or anonymously."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

API = "/api/v1"


def call(
    method: str,
    url: str,
    *,
    user: Any = None,
    token: str | None = None,
    body: Any = None,
    language: str | None = None,
    csrf: bool = False,
) -> Any:
    """One API request; `body` is sent as JSON unless it is already a string."""
    client = Client(enforce_csrf_checks=csrf)
    if user is not None:
        client.force_login(user)
    headers: dict[str, str] = {}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    if language is not None:
        headers["Accept-Language"] = language
    data = body if isinstance(body, str) else json.dumps(body) if body is not None else None
    return client.generic(method, f"{API}{url}", data=data or "", content_type="application/json", headers=headers)
