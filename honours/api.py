"""Commendations API under /api/v1/honours: commendations (list with filters, create), the "người tốt, việc tốt"
register (list, create), contest results. Organizations by id or code; levels, forms and campaigns by id or code;
member files by id or exchange code. A refused input is a 400 naming every fault; out of scope is a 404."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from core.schemas import Day, ErrorOut, Limit, Offset, ShortText, Text, ValidationErrorOut
from honours import queries, services
from honours.models import Campaign, Commendation, Form, HonourEntry, Level, Prize, Target
from training import refs

router = Router(tags=["honours"])

READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
WRITE_ERRORS: dict[int, Any] = {400: ErrorOut, **READ_ERRORS}
Ref = Annotated[str, Field(min_length=1, max_length=64, description="An id or a code.")]


class CommendationIn(Schema):
    organization: Ref
    target: Target
    level: Ref
    form: Ref
    decided_on: Day
    decided_by: ShortText
    recipient_name: ShortText = ""
    person: Ref | None = None
    campaign: Ref | None = None
    decision_number: ShortText = ""
    reason_text: Text = ""
    reason: ShortText = ""


class CommendationOut(Schema):
    id: int
    organization_id: int
    organization_code: str
    target: str
    recipient: str
    person_id: int | None
    level: str
    form: str
    campaign: str | None
    decided_on: dt.date
    decision_number: str
    decided_by: str


class CommendationQuery(Schema):
    organization: ShortText | None = None
    target: Annotated[str, Field(max_length=20)] = ""
    campaign: ShortText | None = None
    date_from: Day | None = None
    date_to: Day | None = None
    offset: Offset = 0
    limit: Limit = 100


class HonourEntryIn(Schema):
    organization: Ref
    target: Target
    deed: Text
    entered_on: Day
    name: ShortText = ""
    person: Ref | None = None
    deed_on: Day | None = None
    campaign: Ref | None = None
    reason: ShortText = ""


class HonourEntryOut(Schema):
    id: int
    organization_id: int
    target: str
    name: str
    person_id: int | None
    deed: str
    deed_on: dt.date | None
    entered_on: dt.date


def _commendation_out(c: Commendation) -> CommendationOut:
    return CommendationOut(id=c.pk, organization_id=c.organization_id, organization_code=c.organization.code,
                           target=c.target, recipient=c.recipient, person_id=c.person_id, level=c.level.code,
                           form=c.form.code, campaign=c.campaign.code if c.campaign else None,
                           decided_on=c.decided_on, decision_number=c.decision_number, decided_by=c.decided_by)


def _entry_out(e: HonourEntry) -> HonourEntryOut:
    return HonourEntryOut(id=e.pk, organization_id=e.organization_id, target=e.target, name=str(e),
                          person_id=e.person_id, deed=e.deed, deed_on=e.deed_on, entered_on=e.entered_on)


@router.get("/honours/commendations", response={200: list[CommendationOut], 400: ErrorOut, **READ_ERRORS})
def commendation_list(request: HttpRequest, query: Query[CommendationQuery]) -> Any:
    """Commendations in the caller's scope: under an organization, to collectives or individuals, by campaign."""
    organization = (refs.organization(request.user, query.organization, queries.VIEW_PERMISSION)
                    if query.organization else None)
    campaign = refs.reference(Campaign, query.campaign, field="campaign", required=False)
    found = queries.commendation_list(request.user, organization=organization, target=query.target,
                                      campaign=campaign, date_from=query.date_from, date_to=query.date_to)
    return [_commendation_out(c) for c in found[query.offset:query.offset + query.limit]]


@router.post("/honours/commendations", response={201: CommendationOut, **WRITE_ERRORS})
def commendation_create(request: HttpRequest, body: CommendationIn) -> Any:
    """Record a commendation to an organization, a named collective or an individual."""
    organization = refs.organization(request.user, body.organization, queries.CHANGE_PERMISSION)
    person = refs.person(request.user, body.person) if body.person else None
    commendation = services.commendation_create(
        actor=request.user, organization=organization, target=body.target, person=person,
        level=refs.reference(Level, body.level, field="level"), form=refs.reference(Form, body.form, field="form"),
        campaign=refs.reference(Campaign, body.campaign, field="campaign", required=False),
        **body.dict(include={"decided_on", "decided_by", "recipient_name", "decision_number", "reason_text",
                             "reason"}))
    return 201, _commendation_out(commendation)


@router.get("/honours/book", response={200: list[HonourEntryOut], **READ_ERRORS})
def honour_book(request: HttpRequest, offset: Offset = 0, limit: Limit = 100) -> Any:
    """Entries of the "người tốt, việc tốt" register in the caller's scope."""
    return [_entry_out(e) for e in queries.honour_entries(request.user)[offset:offset + limit]]


@router.post("/honours/book", response={201: HonourEntryOut, **WRITE_ERRORS})
def honour_entry_create(request: HttpRequest, body: HonourEntryIn) -> Any:
    """Enter a collective or a person and their good deed in the register."""
    organization = refs.organization(request.user, body.organization, queries.CHANGE_PERMISSION)
    person = refs.person(request.user, body.person) if body.person else None
    entry = services.honour_entry_create(
        actor=request.user, organization=organization, person=person,
        campaign=refs.reference(Campaign, body.campaign, field="campaign", required=False),
        **body.dict(include={"target", "deed", "entered_on", "name", "deed_on", "reason"}))
    return 201, _entry_out(entry)


class ContestIn(Schema):
    name: ShortText
    organizer_name: ShortText
    year: Annotated[int, Field(ge=1930, le=2200)]
    level: Ref | None = None
    campaign: Ref | None = None
    reason: ShortText = ""


class ContestOut(Schema):
    id: int
    name: str
    organizer_name: str
    year: int


class ContestResultIn(Schema):
    organization: Ref
    prize: Prize
    awarded_on: Day
    participant: ShortText = ""
    reason: ShortText = ""


class ContestResultOut(Schema):
    id: int
    contest_id: int
    organization_id: int
    participant: str
    prize: str
    awarded_on: dt.date


@router.post("/honours/contests", response={201: ContestOut, **WRITE_ERRORS})
def contest_create(request: HttpRequest, body: ContestIn) -> Any:
    """Record a contest (organizer, year, level and campaign by code)."""
    contest = services.contest_create(
        actor=request.user, name=body.name, organizer_name=body.organizer_name, year=body.year,
        level=refs.reference(Level, body.level, field="level", required=False),
        campaign=refs.reference(Campaign, body.campaign, field="campaign", required=False), reason=body.reason)
    return 201, ContestOut(id=contest.pk, name=contest.name, organizer_name=contest.organizer_name, year=contest.year)


@router.post("/honours/contests/{contest_id}/results", response={201: ContestResultOut, **WRITE_ERRORS})
def contest_result(request: HttpRequest, contest_id: str, body: ContestResultIn) -> Any:
    """An organization's (or a participant's under it) result in a contest."""
    contest = queries.contest_get(request.user, pk=refs.lookup(contest_id).get("pk", 0))
    organization = refs.organization(request.user, body.organization, queries.CHANGE_PERMISSION)
    result = services.contest_result_record(actor=request.user, contest=contest, organization=organization,
                                            prize=body.prize, awarded_on=body.awarded_on,
                                            participant=body.participant, reason=body.reason)
    return 201, ContestResultOut(id=result.pk, contest_id=contest.pk, organization_id=organization.pk,
                                 participant=result.participant, prize=result.prize, awarded_on=result.awarded_on)
