"""Figures API: GET /api/v1/organizations/{id}/figures?from=&to=&as_of=&namespaces=."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router
from ninja.errors import HttpError

from core.errors import NotInScope
from core.schemas import Day, ErrorOut, Id, ValidationErrorOut
from core.validators import strip_control_characters
from organizations.queries import organization_get
from reports.build import report_file
from reports.figures import compute, make_request, parse_namespaces

router = Router(tags=["figures"])


# 400: the period starts after it ends, or an unknown namespace is asked for; 404: the organization is missing or
# out of scope; 422: a malformed id or date, or a date outside 1900-01-01..2999-12-31 (the bounds the schema
# declares).
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
    namespaces: str = Query("", max_length=500),
) -> dict[str, Any]:
    """Every figure of the organization's subtree: stocks on `as_of`, flows in [from, to]. Keys: docs/figures.md.

    `namespaces`: comma-separated namespaces to count (e.g. `members,rating`); `figures` then holds only those,
    and only their queries run (much cheaper than all). Empty: every namespace. An unknown name is a 400 naming
    every unknown one (field `namespaces`).
    `with_predecessors`: count the subtrees of the organizations it took over from, as they stood then."""
    try:
        organization = organization_get(request.user, pk=organization_id)
    except NotInScope as exc:
        raise HttpError(404, str(exc.message)) from exc
    asked = parse_namespaces(namespaces)
    return compute(make_request(organization=organization, date_from=date_from, date_to=date_to, as_of=as_of),
                   with_predecessors=with_predecessors, namespaces=asked)


REPORT_ANSWERS: dict[int, Any] = {200: None, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}


@router.get("/organizations/{organization_id}/report", response=REPORT_ANSWERS, by_alias=True)
def organization_report(
    request: HttpRequest,
    organization_id: Id,
    format: Literal["docx", "pdf", "xlsx"] = "docx",
    year: int | None = Query(None, ge=1930, le=2999),  # type: ignore[assignment]
    date_from: Day | None = Query(None, alias="from"),  # type: ignore[assignment]  # noqa: B008
    date_to: Day | None = Query(None, alias="to"),  # type: ignore[assignment]  # noqa: B008
    as_of: Day | None = None,
    number: str = Query("", max_length=30),
    place: str = Query("", max_length=100),
    signer: str = Query("", max_length=150),
    with_predecessors: bool = False,
) -> HttpResponse:
    """The annual Party-building report (docx, pdf) or the statistical forms (xlsx) as a file download.

    `year` stands for from=YYYY-01-01, to=YYYY-12-31; `as_of` defaults to the period's end; `with_predecessors`:
    the annual report counts the organizations it took over from. Docs: docs/reports.md."""
    try:
        organization = organization_get(request.user, pk=organization_id)
    except NotInScope as exc:
        raise HttpError(404, str(exc.message)) from exc
    if year:
        date_from, date_to = dt.date(year, 1, 1), dt.date(year, 12, 31)
    built = report_file(actor=request.user, organization=organization, fmt=format, date_from=date_from,
                        date_to=date_to, as_of=as_of, number=strip_control_characters(number, multiline=False),
                        place=strip_control_characters(place, multiline=False),
                        signer=strip_control_characters(signer, multiline=False), with_predecessors=with_predecessors)
    response = HttpResponse(built.content, content_type=built.content_type)
    response["Content-Disposition"] = f'attachment; filename="{built.filename}"'
    return response
