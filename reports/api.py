"""Figures API: GET /api/v1/organizations/{id}/figures?from=&to=&as_of=."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError

from core.errors import NotInScope
from organizations.queries import organization_get
from reports.figures import compute, make_request

router = Router(tags=["figures"])


@router.get("/organizations/{organization_id}/figures", response=dict[str, Any], by_alias=True)
def organization_figures(
    request: HttpRequest,
    organization_id: int,
    date_from: dt.date | None = Query(None, alias="from"),  # type: ignore[assignment]  # noqa: B008
    date_to: dt.date | None = Query(None, alias="to"),  # type: ignore[assignment]  # noqa: B008
    as_of: dt.date | None = None,
) -> dict[str, Any]:
    """Every figure of the organization's subtree: stocks on `as_of`, flows in [from, to]. Keys: docs/figures.md."""
    try:
        organization = organization_get(request.user, pk=organization_id)
    except NotInScope as exc:
        raise HttpError(404, str(exc.message)) from exc
    return compute(make_request(organization=organization, date_from=date_from, date_to=date_to, as_of=as_of))
