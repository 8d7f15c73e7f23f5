"""Accounts API: a user's API tokens — list, create (the key is answered once), revoke. Owners see their own
tokens, administrators everyone's; anyone else's token is 404."""

from __future__ import annotations

from typing import Annotated, Any, cast

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import AfterValidator, Field

from accounts import queries, services
from accounts.models import ApiToken, User
from accounts.schemas import TokenCreatedOut, TokenCreateIn, TokenOut, TokenRevokeIn
from core.schemas import ErrorOut, Id, ValidationErrorOut, storable

router = Router(tags=["accounts"])


class TokenFilter(Schema):
    user: Annotated[str, AfterValidator(storable), Field(max_length=150)] | None = None


def _out(token: ApiToken) -> dict[str, Any]:
    return {
        "id": token.pk, "user": token.user.username, "name": token.name, "prefix": token.prefix,
        "created_at": token.created_at, "expires_at": token.expires_at, "last_used_at": token.last_used_at,
        "is_active": token.is_active, "is_usable": token.is_usable,
    }


@router.get("/accounts/tokens", response={200: list[TokenOut], 401: ErrorOut, 422: ValidationErrorOut})
def token_list(request: HttpRequest, filters: Query[TokenFilter]) -> list[dict[str, Any]]:
    """Your API tokens, newest first; an administrator sees every user's (`?user=` narrows to one user)."""
    return [_out(token) for token in queries.tokens_visible(request.user, owner=filters.user or None)[:500]]


@router.post(
    "/accounts/tokens",
    response={201: TokenCreatedOut, 400: ErrorOut, 401: ErrorOut, 422: ValidationErrorOut},
)
def token_create(request: HttpRequest, payload: TokenCreateIn) -> tuple[int, dict[str, Any]]:
    """Create a token for yourself. The answer carries its key, shown this once: only a hash is kept."""
    token, raw = services.api_token_create(actor=request.user, user=cast(User, request.user), name=payload.name,
                                           days=payload.days)
    return 201, {**_out(token), "key": raw}


@router.post(
    "/accounts/tokens/{token_id}/revoke",
    response={200: TokenOut, 401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
)
def token_revoke(request: HttpRequest, token_id: Id, payload: TokenRevokeIn | None = None) -> dict[str, Any]:
    """Revoke a token (yours, or anyone's for an administrator); it stops working at once and is kept, inactive."""
    token = queries.token_get(request.user, token_id)
    token = services.api_token_revoke(actor=request.user, token=token, reason=payload.reason if payload else "")
    return _out(token)
