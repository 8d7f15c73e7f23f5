"""API schemas of the rating app: separate input and output shapes, bounded at the edge (core.schemas)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from core.schemas import Day, Id, ShortText, Text
from organizations.schemas import DecisionIn

Ref = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[^\x00]+$")]
Year = Annotated[int, Field(ge=1900, le=2100)]
Score = Annotated[int, Field(ge=0, le=1000)]
StepIn = Literal["self", "review", "proposal", "decision"]
LevelIn = Annotated[str, Field(min_length=1, max_length=20, pattern=r"^[a-z_]+$")]
Group = Annotated[str, Field(max_length=100, pattern=r"^[^\x00-\x1f]*$")]


class LevelOut(Schema):
    subject: str
    code: str
    label: str
    order: int
    min_score: int | None


class SchemeOut(Schema):
    code: str
    name: str
    guidance: str
    first_year: int
    last_year: int | None
    quota_percent: int | None
    quota_article: str
    levels: list[LevelOut]


class CampaignIn(Schema):
    year: Year
    reference_date: Day | None = None
    self_assessment_due: Day | None = None
    decision_due: Day | None = None
    historic: bool = False
    decision: DecisionIn | None = None
    note: Text = ""
    reason: ShortText = ""


class GaugeOut(Schema):
    group: str
    excellent: int
    good: int
    limit: int | None
    remaining: int | None


class CampaignOut(Schema):
    id: int
    organization_id: int
    organization_code: str
    year: int
    scheme: str
    reference_date: dt.date
    self_assessment_due: dt.date | None
    decision_due: dt.date | None
    historic: bool
    decision_number: str
    gauges: list[GaugeOut] = []


class EntryIn(Schema):
    """One subject: an organization (id or code) or a member (file id or exchange code), and its level; `leader`:
    the member rated as a leader or manager (where the scheme rates leaders)."""

    organization: Ref | Id | None = None
    person: Ref | Id | None = None
    level: LevelIn
    score: Score | None = None
    text: Text = ""
    quota_group: Group = ""
    leader: bool = False


class StepsIn(Schema):
    """The same step for many subjects, all or none."""

    step: StepIn
    on: Day
    decision: DecisionIn | None = None
    amend: bool = False
    reason: ShortText = ""
    entries: list[EntryIn] = Field(min_length=1, max_length=2000)


class StepOut(Schema):
    id: int
    rating_id: int
    kind: str
    level: str
    score: int | None
    occurred_on: dt.date


class ResultOut(Schema):
    id: int
    subject: str
    organization_id: int
    organization_code: str
    person_id: int | None
    person_code: str | None
    quota_group: str
    level: str
    label: str
    score: int | None
    decided_on: dt.date | None
    exception: str


class SubjectOut(Schema):
    subject: str
    organization_id: int
    organization_code: str
    person_id: int | None
    name: str
    quota_group: str
    excluded: str


class HistoryOut(Schema):
    year: int
    campaign_id: int
    level: str
    label: str
    score: int | None
    decided_on: dt.date | None
    exception: str
