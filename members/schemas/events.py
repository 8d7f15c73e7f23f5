"""Schemas of the event log: events out, the state, and one input schema per door (members.kinds declares which;
the API route makes the union discriminated by `kind`)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Schema
from pydantic import Field, create_model

from core.schemas import Day, Id, Issuer, ShortText, Text
from members.kinds.dated import CEREMONY, DEATH, EXEMPTION_END, RETURN, DatedEvent
from members.models import DossierForm, StrikeOffGround, TemporaryPurpose
from members.schemas.common import (
    AdmissionRecordIn,
    Code,
    MemberDecisionIn,
    MemberDecisionOut,
    MonthCount,
    OrganizationRefOut,
    TransferLetterIn,
)


class MemberEventOut(Schema):
    """One dated event of the log. `superseded`: a later correction replaced or withdrew it."""

    id: int
    kind: str = Field(description="The stored kind, e.g. transfer_out_official, left_voluntarily.")
    kind_label: str
    occurred_on: dt.date
    organization: OrganizationRefOut | None
    counterpart: OrganizationRefOut | None
    decision: MemberDecisionOut | None
    details: dict[str, Any]
    supersedes_id: int | None
    superseded: bool
    reason: str
    recorded_by: str | None
    recorded_at: dt.datetime


class PersonStateOut(Schema):
    """Where the person stands after the event."""

    id: int
    full_name: str
    status: str
    status_label: str
    status_since: dt.date | None
    organization: OrganizationRefOut
    temporary_organization: OrganizationRefOut | None


class MemberEventRecordedOut(Schema):
    """The event written and the person's status derived from the whole log afterwards."""

    event: MemberEventOut
    person: PersonStateOut


class StatusOnOut(Schema):
    """The person's status and cell on a date, derived from the log."""

    person_id: int
    on: dt.date
    status: str
    status_label: str
    organization_id: int | None
    temporary_organization_id: int | None


class EventIn(Schema):
    """Base of every event input: its `kind` (a literal, the door's name) and the reason or note."""

    reason: Text = ""


class CandidateRegisteredIn(EventIn):
    """Registered as an outstanding candidate (quần chúng ưu tú) followed by a cell (default: the file's)."""

    kind: Literal["candidate_registered"]
    registered_on: Day
    organization_id: Id | None = None


class AwarenessCourseIn(EventIn):
    """The Party-awareness course certificate; its validity comes from the rules."""

    kind: Literal["awareness_course"]
    completed_on: Day
    certificate_number: ShortText = ""
    issuer: Issuer = ""


class DossierStepIn(EventIn):
    """One form of the admission dossier. 6-KNĐ (cell resolution) starts the decision deadline."""

    kind: Literal["dossier_step"]
    form: DossierForm
    occurred_on: Day
    decision: MemberDecisionIn | None = None
    details: dict[Code, ShortText] = Field(default_factory=dict, max_length=20)


class IntroducerIn(Schema):
    """An official member who introduces the applicant, and since when they have worked together."""

    person_id: Id
    worked_together_since: Day
    replacement: bool = Field(False, description="Assigned in place of an introducer who moved away (§3.2.2).")


class AdmissionDecisionIn(EventIn):
    """The committee's admission decision (9-KNĐ), checked on the day the cell considered the application."""

    kind: Literal["admission_decision"]
    decision: MemberDecisionIn
    cell_resolution_on: Day | None = Field(None, description="Default: the date of the latest 6-KNĐ step.")
    introducers: list[IntroducerIn] = Field(default_factory=list, max_length=10)
    youth_union_resolution: MemberDecisionIn | None = None
    trade_union_resolution: MemberDecisionIn | None = Field(
        None, description="The grassroots Trade Union's resolution: like the Youth Union's, replaces one introducer."
    )
    education_exception_area: Code = ""
    age_override: MemberDecisionIn | None = Field(
        None, description="Decision of the competent level admitting an applicant over the maximum age."
    )




class RecognitionIn(EventIn):
    """Recognition as an official member; effective at the end of probation."""

    kind: Literal["recognition"]
    decision: MemberDecisionIn


class NotRecognisedIn(EventIn):
    """The probationary member is not recognised and is struck off; `reason` is required."""

    kind: Literal["not_recognised"]
    decision: MemberDecisionIn


class TransferOutIn(EventIn):
    """Issue the introduction letter, to a cell of this tree (`destination_id`) or one outside it (by name)."""

    kind: Literal["transfer_out"]
    temporary: bool = False
    occurred_on: Day
    letter: TransferLetterIn
    destination_id: Id | None = None
    destination_outside: ShortText = ""
    purpose: TemporaryPurpose | None = Field(None, description="Temporary transfers: work or study.")
    until: Day | None = Field(None, description="Temporary transfers: expected date of return.")


class TransferInIn(EventIn):
    """The letter presented at the receiving cell (official) or the host cell (temporary).

    Recorded by someone with scope over the receiving cell, even while the file is still the sender's.
    A member arriving from outside this installation brings the admission history (`arriving`).
    """

    kind: Literal["transfer_in"]
    temporary: bool = False
    organization_id: Id
    occurred_on: Day
    letter: TransferLetterIn | None = None
    late_explanation: Text = ""
    origin_outside: ShortText = ""
    arriving: AdmissionRecordIn | None = None




class ExemptionStartIn(EventIn):
    """Exempted from activities (miễn sinh hoạt); `reason` is required."""

    kind: Literal["exemption_start"]
    occurred_on: Day
    decision: MemberDecisionIn | None = None




class StrikeOffIn(EventIn):
    """Struck off (xóa tên) on a ground; never instead of an expulsion."""

    kind: Literal["strike_off"]
    decision: MemberDecisionIn
    ground: StrikeOffGround
    warrants_expulsion: bool = False
    unpaid_months: MonthCount | None = None


class ExpulsionIn(EventIn):
    """Expelled (khai trừ); `reason` (the violation) is required; `grounds` are codes read by re-admission."""

    kind: Literal["expulsion"]
    decision: MemberDecisionIn
    grounds: list[Code] = Field(default_factory=list, max_length=20)


class LeftIn(EventIn):
    """Left at own request; refused for a member with violations."""

    kind: Literal["left"]
    decision: MemberDecisionIn
    has_violations: bool = False




class ReadmissionIn(EventIn):
    """Re-admission of a former member, with the provincial standing committee's consent."""

    kind: Literal["readmission"]
    decision: MemberDecisionIn
    consent: MemberDecisionIn
    cell_resolution_on: Day | None = None
    organization_id: Id | None = None
    record_cleared_on: Day | None = None
    declared_grounds: list[Code] = Field(default_factory=list, max_length=20)


class MemberEventCorrectIn(Schema):
    """Correct an event by a new copy that supersedes it (the fields given change), or withdraw it."""

    reason: Text = Field("", description="Why the event is corrected; required.")
    withdraw: bool = False
    occurred_on: Day | None = None
    organization_id: Id | None = None
    counterpart_id: Id | None = Field(None, description="Transfer destination (one of the cells the transfer form "
                                      "offers) or origin (the one recorded, or an organization the caller sees).")
    decision: MemberDecisionIn | None = None


def dated_schema(name: str, event: DatedEvent, doc: str) -> type[EventIn]:
    """The input schema `name` of an event that carries only its date (members.kinds.dated)."""
    fields: dict[str, Any] = {"kind": (Literal[event.door], ...), event.date_field: (Day, ...)}  # type: ignore[valid-type]
    if event.decision:
        fields["decision"] = (MemberDecisionIn | None, None)
    model: type[EventIn] = create_model(name, __base__=EventIn, __doc__=doc, __module__=__name__, **fields)
    return model


AdmissionCeremonyIn = dated_schema("AdmissionCeremonyIn", CEREMONY, "The admission ceremony: probation starts.")
TemporaryReturnIn = dated_schema("TemporaryReturnIn", RETURN, "Back in the home cell after a temporary transfer.")
ExemptionEndIn = dated_schema("ExemptionEndIn", EXEMPTION_END, "Takes part in activities again.")
DeathIn = dated_schema("DeathIn", DEATH, "The member (or candidate) died.")
