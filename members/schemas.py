"""Shapes of the members API: one input schema per operation (one per event kind), output schemas per answer.

Inputs are bounded at the edge: ids within the database's integer range, dates within 1900-2999, text
without NUL or lone surrogates (PostgreSQL cannot store them, not even inside JSON) and at most as long as
any column could hold. Everything the rules decide (ages, introducers, deadlines, formats of numbers, which
event may follow which) stays in members.services, which answers 400 with the field and the rule's citation.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import AfterValidator, Field

from core.schemas import Day, Id, Issuer, PatchIn, ShortText, Text, storable
from members.models import DossierForm, Gender, PoliticalTheory, StrikeOffGround, TemporaryPurpose

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


# ----------------------------------------------------------------------------- the member file


class _FileIn(Schema):
    other_names: ShortText = ""
    birth_place: ShortText = ""
    hometown: ShortText = ""
    ethnicity: Code | None = Field(None, description="Code of the ethnic group (01 Kinh, 02 Tày ...).")
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
    """One page of a filtered list in Vietnamese name order; `count` is the total before paging."""

    count: int
    limit: int
    offset: int
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
    created_at: dt.datetime
    updated_at: dt.datetime


# ----------------------------------------------------------------------------- the event log


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


class _EventIn(Schema):
    reason: Text = ""


class CandidateRegisteredIn(_EventIn):
    """Registered as an outstanding candidate (quần chúng ưu tú) followed by a cell (default: the file's)."""

    kind: Literal["candidate_registered"]
    registered_on: Day
    organization_id: Id | None = None


class AwarenessCourseIn(_EventIn):
    """The Party-awareness course certificate; its validity comes from the rules."""

    kind: Literal["awareness_course"]
    completed_on: Day
    certificate_number: ShortText = ""
    issuer: Issuer = ""


class DossierStepIn(_EventIn):
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


class AdmissionDecisionIn(_EventIn):
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


class AdmissionCeremonyIn(_EventIn):
    """The admission ceremony: probation starts."""

    kind: Literal["admission_ceremony"]
    held_on: Day


class RecognitionIn(_EventIn):
    """Recognition as an official member; effective at the end of probation."""

    kind: Literal["recognition"]
    decision: MemberDecisionIn


class NotRecognisedIn(_EventIn):
    """The probationary member is not recognised and is struck off; `reason` is required."""

    kind: Literal["not_recognised"]
    decision: MemberDecisionIn


class TransferOutIn(_EventIn):
    """Issue the introduction letter, to a cell of this tree (`destination_id`) or one outside it (by name)."""

    kind: Literal["transfer_out"]
    temporary: bool = False
    occurred_on: Day
    letter: TransferLetterIn
    destination_id: Id | None = None
    destination_outside: ShortText = ""
    purpose: TemporaryPurpose | None = Field(None, description="Temporary transfers: work or study.")
    until: Day | None = Field(None, description="Temporary transfers: expected date of return.")


class TransferInIn(_EventIn):
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


class TemporaryReturnIn(_EventIn):
    """Back in the home cell after a temporary transfer."""

    kind: Literal["temporary_return"]
    returned_on: Day


class ExemptionStartIn(_EventIn):
    """Exempted from activities (miễn sinh hoạt); `reason` is required."""

    kind: Literal["exemption_start"]
    occurred_on: Day
    decision: MemberDecisionIn | None = None


class ExemptionEndIn(_EventIn):
    """Takes part in activities again."""

    kind: Literal["exemption_end"]
    occurred_on: Day
    decision: MemberDecisionIn | None = None


class StrikeOffIn(_EventIn):
    """Struck off (xóa tên) on a ground; never instead of an expulsion."""

    kind: Literal["strike_off"]
    decision: MemberDecisionIn
    ground: StrikeOffGround
    warrants_expulsion: bool = False
    unpaid_months: MonthCount | None = None


class ExpulsionIn(_EventIn):
    """Expelled (khai trừ); `reason` (the violation) is required; `grounds` are codes read by re-admission."""

    kind: Literal["expulsion"]
    decision: MemberDecisionIn
    grounds: list[Code] = Field(default_factory=list, max_length=20)


class LeftIn(_EventIn):
    """Left at own request; refused for a member with violations."""

    kind: Literal["left"]
    decision: MemberDecisionIn
    has_violations: bool = False


class DeathIn(_EventIn):
    kind: Literal["death"]
    died_on: Day


class ReadmissionIn(_EventIn):
    """Re-admission of a former member, with the provincial standing committee's consent."""

    kind: Literal["readmission"]
    decision: MemberDecisionIn
    consent: MemberDecisionIn
    cell_resolution_on: Day | None = None
    organization_id: Id | None = None
    record_cleared_on: Day | None = None
    declared_grounds: list[Code] = Field(default_factory=list, max_length=20)


EVENT_INPUTS = (
    CandidateRegisteredIn,
    AwarenessCourseIn,
    DossierStepIn,
    AdmissionDecisionIn,
    AdmissionCeremonyIn,
    RecognitionIn,
    NotRecognisedIn,
    TransferOutIn,
    TransferInIn,
    TemporaryReturnIn,
    ExemptionStartIn,
    ExemptionEndIn,
    StrikeOffIn,
    ExpulsionIn,
    LeftIn,
    DeathIn,
    ReadmissionIn,
)

MemberEventIn = Annotated[
    CandidateRegisteredIn
    | AwarenessCourseIn
    | DossierStepIn
    | AdmissionDecisionIn
    | AdmissionCeremonyIn
    | RecognitionIn
    | NotRecognisedIn
    | TransferOutIn
    | TransferInIn
    | TemporaryReturnIn
    | ExemptionStartIn
    | ExemptionEndIn
    | StrikeOffIn
    | ExpulsionIn
    | LeftIn
    | DeathIn
    | ReadmissionIn,
    Field(discriminator="kind"),
]


class MemberEventCorrectIn(Schema):
    """Correct an event by a new copy that supersedes it (the fields given change), or withdraw it."""

    reason: Text = Field("", description="Why the event is corrected; required.")
    withdraw: bool = False
    occurred_on: Day | None = None
    organization_id: Id | None = None
    counterpart_id: Id | None = Field(None, description="Transfer destination (one of the cells the transfer form "
                                      "offers) or origin (the one recorded, or an organization the caller sees).")
    decision: MemberDecisionIn | None = None


# ----------------------------------------------------------------------------- due lists, badges, counts


class DueItemOut(Schema):
    """A pending step with its deadline; `days_left` in working days, negative when overdue."""

    kind: str
    person_id: int
    person_name: str
    organization_id: int | None
    started_on: dt.date
    deadline: dt.date
    days_left: int
    overdue: bool
    rule_key: str
    citation: str


class PersonDueOut(Schema):
    person_id: int
    on: dt.date
    items: list[DueItemOut]


class OrganizationDueOut(Schema):
    """Pending steps of the files registered in the organization's subtree, by deadline."""

    organization_id: int
    on: dt.date
    items: list[DueItemOut]


class BadgeDueOut(Schema):
    """A member due a badge (early: seriously ill, before the full years; posthumous: died after reaching them,
    Party age at death)."""

    person_id: int
    full_name: str
    organization_id: int
    badge_years: int
    age_years: int
    age_months: int
    early: bool
    posthumous: bool = False
    citation: str


class OrganizationBadgesOut(Schema):
    """Members of the subtree due a Party badge at the presentation day on or after the date asked."""

    organization_id: int
    presentation_on: dt.date
    items: list[BadgeDueOut]


class MemberCountsOut(Schema):
    """Members of the subtree on `on`, under the tree of that date (temporarily attached members count at home)."""

    organization_id: int
    on: dt.date
    members_total: int
    members_official: int
    members_probationary: int
    members_exempted: int
    candidates: int


__all__ = [
    "EVENT_INPUTS",
    "AdmissionCeremonyIn",
    "AdmissionDecisionIn",
    "AwarenessCourseIn",
    "BadgeDueOut",
    "CandidateRegisteredIn",
    "DeathIn",
    "DossierStepIn",
    "DueItemOut",
    "ExemptionEndIn",
    "ExemptionStartIn",
    "ExpulsionIn",
    "LeftIn",
    "MemberCountsOut",
    "MemberEventCorrectIn",
    "MemberEventIn",
    "MemberEventOut",
    "MemberEventRecordedOut",
    "NotRecognisedIn",
    "OrganizationBadgesOut",
    "OrganizationDueOut",
    "PersonCreateIn",
    "PersonDetailOut",
    "PersonDueOut",
    "PersonOut",
    "PersonPageOut",
    "PersonUpdateIn",
    "PersonVoidIn",
    "ReadmissionIn",
    "RecognitionIn",
    "StatusOnOut",
    "StrikeOffIn",
    "TemporaryReturnIn",
    "TransferInIn",
    "TransferOutIn",
]
