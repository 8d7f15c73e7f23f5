"""API schemas of the inspection app: separate input and output shapes, bounded at the edge (core.schemas)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from core.schemas import Day, Id, Issuer, ShortText, Text

# An organization or a person named by id (a number) or by code (organization code, member file UUID).
Ref = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[^\x00]+$")]
BodyIn = Literal["cell", "committee", "standing", "inspection_committee"]
KindIn = Literal["inspection", "violation_signs", "supervision"]
FormIn = Literal["reprimand", "warning", "dismissal", "expulsion", "dissolution"]
Number = Annotated[str, Field(max_length=64, pattern=r"^[^\x00]*$")]
Year = Annotated[int, Field(ge=1930, le=2999)]


class ProgrammeIn(Schema):
    organization: Ref | Id
    body: BodyIn
    year: Year
    title: ShortText
    document_number: Number = ""
    document_date: Day | None = None
    note: Text = ""


class TeamIn(Schema):
    person: Ref | Id
    role: Literal["head", "deputy", "member"] = "member"


class FollowUpIn(Schema):
    text: Text
    due_on: Day
    owner: ShortText = ""


class InspectionIn(Schema):
    organization: Ref | Id
    body: BodyIn
    kind: KindIn
    content: Text
    starts_on: Day
    subject_organization: Ref | Id | None = None
    subject_person: Ref | Id | None = None
    ends_on: Day | None = None
    programme: Id | None = None
    document_number: Number = ""
    document_date: Day | None = None
    team: list[TeamIn] = Field(default_factory=list, max_length=50)
    follow_ups: list[FollowUpIn] = Field(default_factory=list, max_length=100)
    conclusion: Text = ""
    concluded_on: Day | None = None
    violations_found: bool | None = None
    reason: ShortText = ""


class InspectionsIn(Schema):
    items: list[InspectionIn] = Field(min_length=1, max_length=200)


class ConclusionIn(Schema):
    conclusion: Text
    concluded_on: Day
    violations_found: bool | None = None
    follow_ups: list[FollowUpIn] = Field(default_factory=list, max_length=100)
    reason: ShortText = ""


class FollowUpStatusIn(Schema):
    status: Literal["open", "done", "cancelled"]
    done_on: Day | None = None
    reason: ShortText = ""


class DisciplineIn(Schema):
    organization: Ref | Id
    body: BodyIn
    form: FormIn
    grounds: Text
    decision_number: Number
    decision_date: Day
    decision_issuer: Issuer = ""
    subject_organization: Ref | Id | None = None
    subject_person: Ref | Id | None = None
    inspection: Id | None = None
    reason: ShortText = ""


class DisciplinesIn(Schema):
    items: list[DisciplineIn] = Field(min_length=1, max_length=200)


class AppealIn(Schema):
    filed_on: Day
    filed_with: Issuer
    note: Text = ""


class AppealDecisionIn(Schema):
    outcome: Literal["upheld", "changed", "annulled"]
    decided_on: Day
    new_form: FormIn | Literal[""] = ""
    note: Text = ""


class ProgrammeOut(Schema):
    id: int
    organization_id: int
    organization_code: str
    body: str
    year: int
    title: str
    document_number: str


class FollowUpOut(Schema):
    id: int
    text: str
    owner: str
    due_on: dt.date
    status: str
    done_on: dt.date | None


class TeamOut(Schema):
    person_id: int
    full_name: str
    role: str
    seat_kind: str | None


class InspectionOut(Schema):
    id: int
    organization_id: int
    organization_code: str
    body: str
    kind: str
    programme_id: int | None
    subject_kind: str
    subject_organization_id: int | None
    subject_person_id: int | None
    content: str
    document_number: str
    document_date: dt.date | None
    starts_on: dt.date
    ends_on: dt.date | None
    conclusion: str
    concluded_on: dt.date | None
    violations_found: bool | None
    team: list[TeamOut]
    follow_ups: list[FollowUpOut]


class AppealOut(Schema):
    id: int
    filed_on: dt.date
    filed_with: str
    outcome: str
    new_form: str
    decided_on: dt.date | None


class DisciplineOut(Schema):
    id: int
    organization_id: int
    body: str
    subject: str
    subject_organization_id: int | None
    subject_person_id: int | None
    unit_id: int
    form: str
    rule: str
    grounds: str
    decision_number: str
    decision_date: dt.date
    inspection_id: int | None
    expulsion_event_id: int | None
    appeals: list[AppealOut]


class FormRuleOut(Schema):
    subject: str
    form: str
    needs_post: bool
    regulation: str
    article: str
    valid_from: dt.date
    valid_to: dt.date | None
    confirmed: bool


class ListQuery(Schema):
    year: Year | None = None
    kind: KindIn | None = None


class RulesQuery(Schema):
    subject: Literal["organization", "official", "probationary"]
    on: Day
