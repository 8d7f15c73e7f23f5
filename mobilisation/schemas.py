"""Shapes of the mass mobilisation API: bounded input (core.schemas) and the records as answered."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, Field

from core.schemas import Day, Id, Limit, Offset, ShortText, Text, storable
from mobilisation.models import DIALOGUE_BASIS

Ref = Annotated[str, AfterValidator(storable), Field(min_length=1, max_length=64)]
Name = Annotated[str, AfterValidator(storable), Field(max_length=200)]


class IssueIn(Schema):
    content: Text
    answer: Text = ""
    raised_by: Name = ""
    answered_by: Name = ""


class FollowUpIn(Schema):
    action: Text
    owner: Name
    due_on: Day
    issue: Annotated[int, Field(ge=1, le=100)] | None = None  # 1-based number of the issue it answers
    status: Annotated[str, AfterValidator(storable), Field(max_length=12)] = "open"
    done_on: Day | None = None


class DialogueIn(Schema):
    organization: Ref
    kind: Annotated[str, AfterValidator(storable), Field(max_length=10)]
    held_on: Day
    place: Annotated[str, AfterValidator(storable), Field(max_length=255)]
    chair: Name
    chair_title: Name = ""
    audience: Annotated[str, AfterValidator(storable), Field(max_length=20)] = "people"
    participants: Annotated[int, Field(ge=1, le=1_000_000)] | None = None
    participants_note: Text = ""
    subject: Annotated[str, AfterValidator(storable), Field(max_length=500)] = ""
    basis: Annotated[str, AfterValidator(storable), Field(max_length=255)] = DIALOGUE_BASIS
    issues: Annotated[list[IssueIn], Field(max_length=100)] = []
    follow_ups: Annotated[list[FollowUpIn], Field(max_length=100)] = []


class DialoguesIn(Schema):
    items: Annotated[list[DialogueIn], Field(min_length=1, max_length=500)]
    reason: ShortText = ""


class FollowUpOut(Schema):
    id: int
    action: str
    owner: str
    due_on: dt.date
    status: str
    done_on: dt.date | None


class DialogueOut(Schema):
    id: int
    organization_code: str
    kind: str
    held_on: dt.date
    place: str
    chair: str
    audience: str
    participants: int | None
    issues: int
    follow_ups: list[FollowUpOut]


class StatusIn(Schema):
    status: Annotated[str, AfterValidator(storable), Field(max_length=12)]
    done_on: Day | None = None
    note: Text = ""


class ModelIn(Schema):
    organization: Ref
    kind: Annotated[str, AfterValidator(storable), Field(max_length=20)]
    field: Annotated[str, AfterValidator(storable), Field(max_length=20)]
    name: Annotated[str, AfterValidator(storable), Field(max_length=300)]
    year: Annotated[int, Field(ge=1930, le=2999)]
    launched_year: Annotated[int, Field(ge=1930, le=2999)]
    led_by: Name = ""
    result: Text = ""


class ModelsIn(Schema):
    items: Annotated[list[ModelIn], Field(min_length=1, max_length=500)]
    reason: ShortText = ""


class ModelOut(Schema):
    id: int
    organization_code: str
    kind: str
    field: str
    name: str
    year: int
    launched_year: int
    led_by: str
    result: str


class ListQuery(Schema):
    organization: Annotated[str, AfterValidator(storable), Field(max_length=64)] = ""
    year: Annotated[int, Field(ge=1930, le=2999)] | None = None
    kind: Annotated[str, AfterValidator(storable), Field(max_length=20)] = ""
    limit: Limit = 100
    offset: Offset = 0


class CreatedOut(Schema):
    ids: list[Id]
