"""API schemas of the accounts routes: API tokens (never their hash)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, Field

from core.schemas import storable


class TokenOut(Schema):
    id: int
    user: str
    name: str
    prefix: str
    created_at: dt.datetime
    expires_at: dt.datetime
    last_used_at: dt.datetime | None = None
    is_active: bool
    is_usable: bool


class TokenCreatedOut(TokenOut):
    """The new token and its key, which is shown this once and never again."""

    key: str


class TokenCreateIn(Schema):
    name: Annotated[str, AfterValidator(storable), Field(max_length=100)] = ""
    days: Annotated[int, Field(ge=1, le=3650)] | None = None


class TokenRevokeIn(Schema):
    reason: Annotated[str, AfterValidator(storable), Field(max_length=1_000)] = ""
