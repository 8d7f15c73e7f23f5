"""Oversight API under /api/v1/oversight: the cells under an organization with who oversees each on a date, and
assignments of a committee member to cells (all or none). Organizations by id or code, members by id or code."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from pydantic import Field

from core.schemas import Day, ErrorOut, ShortText, ValidationErrorOut
from oversight import queries, services
from training import refs

router = Router(tags=["oversight"])

READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
WRITE_ERRORS: dict[int, Any] = {400: ErrorOut, **READ_ERRORS}
Ref = Annotated[str, Field(min_length=1, max_length=64, description="An id or a code.")]


class AssignIn(Schema):
    person: Ref
    cells: Annotated[list[Ref], Field(min_length=1, max_length=500)]
    starts_on: Day
    ended_on: Day | None = None
    decision_number: ShortText = ""
    note: ShortText = ""
    reason: ShortText = ""


class AssignmentOut(Schema):
    id: int
    cell_id: int
    cell_code: str
    committee_of_id: int
    person_id: int
    full_name: str
    starts_on: dt.date
    ended_on: dt.date | None


class CellOut(Schema):
    id: int
    code: str
    name: str
    overseen_by: list[AssignmentOut]


def _out(a: Any) -> AssignmentOut:
    return AssignmentOut(id=a.pk, cell_id=a.organization_id, cell_code=a.organization.code,
                         committee_of_id=a.committee_of_id, person_id=a.person_id, full_name=a.person.full_name,
                         starts_on=a.starts_on, ended_on=a.ended_on)


@router.get("/oversight/organizations/{ref}/cells", response={200: list[CellOut], **READ_ERRORS})
def coverage(request: HttpRequest, ref: str, on: Day | None = None) -> Any:
    """The cells directly under the organization on a date (default today) and who oversees each."""
    organization = refs.organization(request.user, ref, queries.VIEW_PERMISSION)
    rows = queries.coverage(request.user, organization=organization, on=on or timezone.localdate())
    return [CellOut(id=r["cell"].pk, code=r["cell"].code, name=r["cell"].name,
                    overseen_by=[_out(a) for a in r["assignments"]]) for r in rows]


@router.post("/oversight/assignments", response={201: list[AssignmentOut], **WRITE_ERRORS})
def assign(request: HttpRequest, body: AssignIn) -> Any:
    """Assign a committee member of the organization above the cells to oversee them (all or none)."""
    cells = [refs.organization(request.user, ref, queries.CHANGE_PERMISSION, field=f"cells.{index}")
             for index, ref in enumerate(body.cells)]
    created = services.assignments_create(actor=request.user, person=refs.person(request.user, body.person),
                                          organizations=cells, **body.dict(exclude={"person", "cells"}))
    return 201, [_out(a) for a in created]


class EndIn(Schema):
    ended_on: Day
    reason: ShortText = ""


@router.post("/oversight/assignments/{assignment_id}/end", response={200: AssignmentOut, **WRITE_ERRORS})
def end(request: HttpRequest, assignment_id: str, body: EndIn) -> Any:
    """End an assignment on a date (the first day no longer assigned)."""
    assignment = queries.assignment_get(request.user, pk=refs.lookup(assignment_id).get("pk", 0))
    return _out(services.assignment_end(actor=request.user, assignment=assignment, ended_on=body.ended_on,
                                        reason=body.reason))
