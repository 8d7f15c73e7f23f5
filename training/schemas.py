"""Input and output schemas of /api/v1/training."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Schema
from pydantic import Field

from core.schemas import Day, ShortText, Text

Ref = Annotated[str, Field(min_length=1, max_length=64, description="An id or a code.")]


class ClassIn(Schema):
    host: Ref
    kind: Ref
    title: ShortText
    starts_on: Day
    ends_on: Day
    code: ShortText = ""
    organizer: Ref | None = None
    organizer_name: ShortText = ""
    co_organizers: ShortText = ""
    target_group: ShortText = ""
    place: ShortText = ""
    planned_learners: Annotated[int, Field(ge=0, le=100000)] | None = None
    note: Text = ""
    reason: ShortText = ""


class LearnerIn(Schema):
    person: Ref | None = Field(None, description="A member file's id or exchange code; else give the name.")
    full_name: ShortText = ""
    birth_date: Day | None = None
    unit: ShortText = ""
    tags: Annotated[list[ShortText], Field(max_length=20)] = []
    attended: bool = True
    result: Annotated[str, Field(max_length=20)] = "pending"
    certificate_number: ShortText = ""
    certificate_date: Day | None = None
    note: ShortText = ""


class LearnersIn(Schema):
    learners: Annotated[list[LearnerIn], Field(min_length=1, max_length=5000)]
    reason: ShortText = ""


class ResultIn(Schema):
    result: Annotated[str, Field(max_length=20)]
    certificate_number: ShortText = ""
    certificate_date: Day | None = None
    reason: ShortText = ""


class LearnerOut(Schema):
    id: int
    person_id: int | None
    full_name: str
    birth_date: dt.date | None
    unit: str
    tags: list[str]
    attended: bool
    result: str
    certificate_number: str
    certificate_date: dt.date | None


class ClassOut(Schema):
    id: int
    code: str
    title: str
    kind: str
    category: str
    host_id: int
    host_code: str
    organizer_id: int | None
    organizer: str
    co_organizers: str
    target_group: str
    place: str
    starts_on: dt.date
    ends_on: dt.date
    planned_learners: int | None
    learners: int


class ClassDetailOut(ClassOut):
    learner_list: list[LearnerOut]
