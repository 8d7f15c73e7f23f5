"""Shapes of the register API: bounded input (core.schemas) and the documents as answered."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, Field

from core.schemas import Day, Id, Limit, Offset, ShortText, Text, storable

Ref = Annotated[str, AfterValidator(storable), Field(min_length=1, max_length=64)]  # an id or a code / number


class LinkIn(Schema):
    kind: Annotated[str, AfterValidator(storable), Field(max_length=20)]
    target: Ref  # the id of a document in the caller's scope, or its number


class DocumentIn(Schema):
    organization: Ref  # the register: id or code
    direction: Annotated[str, AfterValidator(storable), Field(max_length=10)] = "issued"
    number: Annotated[str, AfterValidator(storable), Field(max_length=64)]
    type: Annotated[str, AfterValidator(storable), Field(max_length=10)]  # NQ, CT, CTr...
    style: Annotated[str, AfterValidator(storable), Field(max_length=10)] = "party"
    issued_on: Day
    title: Annotated[str, AfterValidator(storable), Field(max_length=500)]
    issuer_code: Annotated[str, AfterValidator(storable), Field(max_length=40)] = ""
    issuer_name: Annotated[str, AfterValidator(storable), Field(max_length=255)] = ""
    received_on: Day | None = None
    signer: Annotated[str, AfterValidator(storable), Field(max_length=200)] = ""
    summary: Text = ""
    field: Annotated[str, AfterValidator(storable), Field(max_length=30)] = "other"
    topics: Annotated[list[Annotated[str, AfterValidator(storable), Field(max_length=100)]], Field(max_length=20)] = []
    links: Annotated[list[LinkIn], Field(max_length=50)] = []


class DocumentsIn(Schema):
    items: Annotated[list[DocumentIn], Field(min_length=1, max_length=500)]
    reason: ShortText = ""


class LinkOut(Schema):
    kind: str
    target_id: int
    target_number: str


class AttachmentOut(Schema):
    id: int
    filename: str
    size: int
    media_type: str
    sha256: str
    url: str


class DocumentOut(Schema):
    id: int
    organization_id: int
    organization_code: str
    direction: str
    number: str
    type: str
    style: str
    issuer_code: str
    issuer_name: str
    numbering_period: str
    issued_on: dt.date
    received_on: dt.date | None
    title: str
    signer: str
    summary: str
    field: str
    topics: list[str]
    links: list[LinkOut]
    attachments: list[AttachmentOut]


class ListQuery(Schema):
    q: Annotated[str, AfterValidator(storable), Field(max_length=200)] = ""
    organization: Annotated[str, AfterValidator(storable), Field(max_length=64)] = ""
    direction: Annotated[str, AfterValidator(storable), Field(max_length=10)] = ""
    year: Annotated[int, Field(ge=1930, le=2999)] | None = None
    limit: Limit = 100
    offset: Offset = 0


class ProposalQuery(Schema):
    organization: Ref
    type: Annotated[str, AfterValidator(storable), Field(max_length=10)]
    on: Day
    issuer_code: Annotated[str, AfterValidator(storable), Field(max_length=40)] = ""


class ProposalOut(Schema):
    number: str
    serial: int
    period: str
    by_calendar_year: bool


class PeriodQuery(Schema):
    date_from: Day
    date_to: Day


class TreeNodeOut(Schema):
    id: int
    number: str
    issued_on: dt.date
    title: str
    organization_code: str
    children: list[TreeNodeOut]


class ImplementationOut(Schema):
    tree: list[TreeNodeOut]
    organizations_without: list[str]
    figures: dict[str, int] = {}


class LinkCreateIn(LinkIn):
    pass


class CreatedOut(Schema):
    ids: list[Id]
