"""Pieces shared by the member API's schemas: bounded texts, decisions, references, admission history, letter."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, Field

from core.schemas import Day, Issuer, ShortText, storable

# The services check each field's own limit (full name 150, address 255 ...) and name the field; these bounds
# only keep absurd input away from them.
Code = Annotated[str, AfterValidator(storable), Field(max_length=50)]
SearchText = Annotated[str, AfterValidator(storable), Field(max_length=200)]
MonthCount = Annotated[int, Field(ge=0, le=1_200)]


# ----------------------------------------------------------------------------- shared pieces


class MemberDecisionIn(Schema):
    """The decision behind an event: number (9-QĐ/ĐU, 816/QĐ-UBND), signing date, issuing body."""

    number: ShortText
    date: Day
    issuer: Issuer = ""


class MemberDecisionOut(Schema):
    number: str
    date: dt.date
    issuer: str


class OrganizationRefOut(Schema):
    """An organization named in a member's file or log."""

    id: int
    code: str
    name: str


class ReferenceOut(Schema):
    """An entry of reference data (ethnic group, religion)."""

    code: str
    name: str


class AdmissionRecordIn(Schema):
    """Admission history copied from an existing file: dates of record, only their order is checked."""

    decision: MemberDecisionIn
    ceremony_on: Day | None = None
    recognised_on: Day | None = None
    recognition_decision: MemberDecisionIn | None = None


class TransferLetterIn(Schema):
    """The introduction letter of a transfer (giấy giới thiệu sinh hoạt đảng)."""

    register_number: ShortText = Field("", description="Số đăng ký giấy giới thiệu; required for a transfer out.")
    card_number: ShortText = Field("", description="Default: the member's Party card number.")
    history_number: ShortText = Field("", description="Default: the member's personal-history number.")
    list_number: ShortText = ""
    dues_paid_until: Day | None = Field(None, description="Any day of the last month whose dues are paid.")
    issued_on: Day | None = None
    issuer: Issuer = ""

