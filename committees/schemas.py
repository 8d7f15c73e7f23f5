"""API schemas of the committees app: separate input and output shapes, bounded at the edge (core.schemas)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import Field

from core.schemas import Day, Id, ShortText, Text
from organizations.schemas import DecisionIn

# An organization or a person named by id (a number) or by code (organization code, member file UUID).
Ref = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[^\x00]+$")]
Count = Annotated[int, Field(ge=0, le=500)]
Delegates = Annotated[int, Field(ge=0, le=100_000)]
SeatKindIn = Literal["executive", "standing", "secretary", "deputy_secretary", "inspection", "inspection_chair"]
PostIn = Literal["", "government_chair", "council_chair", "village_head"]


class SeatIn(Schema):
    """One seat: the member (file id or code), the position, optional dates (default: the term's start)."""

    person: Ref | Id
    kind: SeatKindIn
    starts_on: Day | None = None
    ended_on: Day | None = None
    concurrent_post: PostIn = ""
    note: Text = ""


class SizesIn(Schema):
    executive: Count | None = None
    standing: Count | None = None
    deputy_secretaries: Count | None = None
    inspection: Count | None = None


class CongressIn(Schema):
    """A congress and the committee it elected (all seats or none)."""

    ordinal: Annotated[int, Field(ge=1, le=99)]
    opened_on: Day
    closed_on: Day
    delegates: Delegates | None = None
    delegates_present: Delegates | None = None
    resolution_number: ShortText = ""
    resolution_date: Day | None = None
    decision: DecisionIn | None = None
    sizes: SizesIn = SizesIn()
    seats: Annotated[list[SeatIn], Field(min_length=1, max_length=500)]
    note: Text = ""
    reason: Text = ""


class AppointmentIn(Schema):
    """A committee appointed by the committee above (all seats or none)."""

    starts_on: Day
    appointed_by: Ref | Id
    decision: DecisionIn
    sizes: SizesIn = SizesIn()
    seats: Annotated[list[SeatIn], Field(min_length=1, max_length=500)]
    note: Text = ""
    reason: Text = ""


class SeatsAddIn(Schema):
    """Seats added to a term (bổ sung), appointed or elected mid-term (all or none)."""

    basis: Literal["added", "appointed", "elected"] = "added"
    starts_on: Day | None = None
    decision: DecisionIn | None = None
    appointed_by: Ref | Id | None = None
    seats: Annotated[list[SeatIn], Field(min_length=1, max_length=500)]
    reason: Text = ""


class SeatEndIn(Schema):
    ended_on: Day
    end_reason: Literal["resigned", "transferred", "dismissed", "died", "other"]
    decision_number: ShortText = ""
    reason: Text = ""


class PersonRefOut(Schema):
    id: int
    code: str
    full_name: str


class SeatOut(Schema):
    id: int
    organization_id: int
    organization_code: str
    term_id: int
    term: str
    person: PersonRefOut
    kind: str
    basis: str
    starts_on: dt.date
    ended_on: dt.date | None
    end_reason: str
    concurrent_post: str
    decision_number: str


class CongressOut(Schema):
    ordinal: int
    ordinal_roman: str
    opened_on: dt.date
    closed_on: dt.date
    delegates: int | None
    delegates_present: int | None
    resolution_number: str
    resolution_date: dt.date | None


class TermOut(Schema):
    id: int
    organization_id: int
    organization_code: str
    label: str
    opened_by: str
    starts_on: dt.date
    planned_end_on: dt.date
    ended_on: dt.date | None
    term_rule: str
    appointed_by_id: int | None
    decision_number: str
    executive_seats: int | None
    standing_seats: int | None
    congress: CongressOut | None
    seats: list[SeatOut]


class CommitteeOut(Schema):
    organization_id: int
    organization_code: str
    on: dt.date
    term: TermOut | None
    secretary: PersonRefOut | None
    seats: list[SeatOut]


class SeatCorrectIn(Schema):
    """A seat entered wrongly, corrected (what is left out stays as recorded)."""

    corrected_on: Day
    reason: ShortText
    person: Ref | Id | None = None
    kind: SeatKindIn | None = None
    starts_on: Day | None = None
    ended_on: Day | None = None


class SeatCorrectionOut(Schema):
    id: int
    seat_id: int
    corrected_on: dt.date
    before: dict[str, Any]
    after: dict[str, Any]
    reason: str
