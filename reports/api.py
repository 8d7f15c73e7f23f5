"""Figures API: GET /api/v1/organizations/{id}/figures?from=&to=&as_of=."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError

from core.errors import NotInScope
from core.schemas import Day, ErrorOut, Id, ValidationErrorOut
from organizations.queries import organization_get
from reports.figures import compute, make_request

router = Router(tags=["figures"])


# 400: the period starts after it ends; 404: the organization is missing or out of scope; 422: a malformed id or
# date, or a date outside 1900-01-01..2999-12-31 (the bounds the schema declares).
FIGURES_ANSWERS: dict[int, Any] = {200: dict[str, Any], 400: ErrorOut, 401: ErrorOut, 404: ErrorOut,
                                   422: ValidationErrorOut}


@router.get("/organizations/{organization_id}/figures", response=FIGURES_ANSWERS, by_alias=True)
def organization_figures(
    request: HttpRequest,
    organization_id: Id,
    date_from: Day | None = Query(None, alias="from"),  # type: ignore[assignment]  # noqa: B008
    date_to: Day | None = Query(None, alias="to"),  # type: ignore[assignment]  # noqa: B008
    as_of: Day | None = None,
    with_predecessors: bool = False,
) -> dict[str, Any]:
    """Every figure of the organization's subtree: stocks on `as_of`, flows in [from, to]. Keys: docs/figures.md.

    `with_predecessors`: count the subtrees of the organizations it took over from, as they stood then."""
    try:
        organization = organization_get(request.user, pk=organization_id)
    except NotInScope as exc:
        raise HttpError(404, str(exc.message)) from exc
    return compute(make_request(organization=organization, date_from=date_from, date_to=date_to, as_of=as_of),
                   with_predecessors=with_predecessors)
