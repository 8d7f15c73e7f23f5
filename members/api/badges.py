"""POST /members/{id}/badge-presentations: record a Party badge as presented (it leaves the badge list)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema

from core.schemas import Day, Id
from core.scope import CHANGE
from members import services
from members.api.common import WRITE_ERRORS, _person, _required_decision, router
from members.schemas import MemberDecisionIn


class BadgePresentationIn(Schema):
    years: int = Field(ge=1, le=100)
    presented_on: Day
    decision: MemberDecisionIn


class BadgePresentationOut(Schema):
    id: int
    person_id: int
    years: int
    presented_on: dt.date


@router.post("/members/{id}/badge-presentations", response={201: BadgePresentationOut, **WRITE_ERRORS})
def badge_presentation_record(request: HttpRequest, id: Id, payload: BadgePresentationIn) -> tuple[int, Any]:
    """The badge of `years` years was presented on `presented_on` under `decision`; refused when not due."""
    presented = services.badge_presentation_record(
        actor=request.user, person=_person(request, id, CHANGE), years=payload.years,
        presented_on=payload.presented_on, decision=_required_decision(payload.decision))
    return 201, presented
