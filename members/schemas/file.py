"""Schemas of the member file: create, update, void, list and detail."""

from __future__ import annotations

import datetime as dt
import uuid

from ninja import Schema
from pydantic import Field

from core.schemas import Day, Id, PatchIn, ShortText, Text
from members.models import Gender, PoliticalTheory
from members.schemas.common import AdmissionRecordIn, Code, OrganizationRefOut, ReferenceOut


class PlaceIn(Schema):
    """Where the person lives or works from a date: a covered unit (village, school …) by id, null for none."""

    unit_id: Id | None = Field(description="The covered unit (GET /covered-units); null: no longer in any.")
    since: Day | None = Field(None, description="The date of the move; null only for the first place, its date "
                              "unknown.")


class UnitRefOut(Schema):
    """A covered unit (its name withheld outside the reader's scope)."""

    id: int
    code: str
    name: str


class PlaceOut(Schema):
    """A place of residence or work between two dates (valid_to exclusive; valid_from null: date unknown)."""

    kind: str
    unit: UnitRefOut
    valid_from: dt.date | None
    valid_to: dt.date | None


class _FileIn(Schema):
    other_names: ShortText = ""
    birth_place: ShortText = ""
    hometown: ShortText = ""
    ethnicity: Code | None = Field(None, description="The ethnic group: its code (01 Kinh, 08 Mông ...) or any "
                                   "official name or common variant (Mông, Hmông, H'Mông, Khmer, Êđê).")
    religion: Code | None = Field(None, description="Code of the religion; null: none.")
    citizen_id: ShortText = ""
    phone: ShortText = ""
    address: ShortText = ""
    general_education: ShortText = Field("", description="Grade/system, e.g. 12/12 or 9/12.")
    professional_qualification: ShortText = ""
    political_theory: PoliticalTheory = PoliticalTheory.NONE
    occupation: ShortText = ""
    party_card_number: ShortText = ""
    history_number: ShortText = ""
    seriously_ill: bool = False
    note: Text = ""


class PersonCreateIn(_FileIn):
    """Open a member file in a cell: a future candidate, or (with `admitted`) a member already admitted."""

    organization_id: Id = Field(description="The cell where the file is registered.")
    full_name: ShortText
    gender: Gender
    birth_date: Day
    admitted: AdmissionRecordIn | None = None
    reason: Text = ""
    confirm_duplicate: bool = Field(
        False, description="Open the file even though a file with the same name and date of birth exists "
        "(the refusal without it names those files)."
    )
    residence: PlaceIn | None = Field(None, description="Where the person lives (a village, residential group …).")
    workplace: PlaceIn | None = Field(None, description="Where the person works (a school, clinic, agency …).")


class PersonVoidIn(Schema):
    """Void a file entered by mistake (event file_voided); the reason is required. Nothing is deleted."""

    reason: Text


class PersonUpdateIn(PatchIn):
    """Correct or complete the file; only the fields sent change. Status and cell change only through events."""

    full_name: ShortText | None = None
    other_names: ShortText | None = None
    gender: Gender | None = None
    birth_date: Day | None = None
    birth_place: ShortText | None = None
    hometown: ShortText | None = None
    ethnicity: Code | None = None
    religion: Code | None = None
    citizen_id: ShortText | None = None
    phone: ShortText | None = None
    address: ShortText | None = None
    general_education: ShortText | None = None
    professional_qualification: ShortText | None = None
    political_theory: PoliticalTheory | None = None
    occupation: ShortText | None = None
    party_card_number: ShortText | None = None
    history_number: ShortText | None = None
    seriously_ill: bool | None = None
    note: Text | None = None
    residence: PlaceIn | None = Field(None, description="A move: where the person lives from `since`.")
    workplace: PlaceIn | None = Field(None, description="A move: where the person works from `since`.")
    reason: Text = ""


class PersonOut(Schema):
    """A member file in a list: who, and where they stand today."""

    id: int
    code: uuid.UUID
    full_name: str
    other_names: str
    gender: str
    birth_date: dt.date
    status: str
    status_label: str
    status_since: dt.date | None
    organization: OrganizationRefOut
    temporary_organization: OrganizationRefOut | None
    party_card_number: str
    ethnicity: ReferenceOut | None


class PersonPageOut(Schema):
    """One page of a filtered list in Vietnamese name order; `count` is the total before paging, exact up to
    10.000 (`count_capped`: more than that); `next_cursor` reads the next page (null: this is the last)."""

    count: int
    count_capped: bool = False
    limit: int
    offset: int
    next_cursor: str | None = None
    items: list[PersonOut]


class PartyAgeOut(Schema):
    """Party age (tuổi đảng) on `on`: from the first admission decision, less the periods outside the Party."""

    on: dt.date
    years: int
    months: int
    first_decision_on: dt.date
    counted_from: dt.date
    days_outside: int


class PersonDetailOut(PersonOut):
    """The whole file, the current status and cell, and the Party age today."""

    birth_place: str
    hometown: str
    religion: ReferenceOut | None
    citizen_id: str
    phone: str
    address: str
    general_education: str
    professional_qualification: str
    political_theory: str
    occupation: str
    history_number: str
    seriously_ill: bool
    note: str
    party_age: PartyAgeOut | None
    places: list[PlaceOut] = Field(description="Where the person lived and worked, oldest first.")
    created_at: dt.datetime
    updated_at: dt.datetime

