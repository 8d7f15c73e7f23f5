"""The API's recorders: each turns one validated event body into its service call. A door declares its recorder
(members.kinds); `record_dated` serves every event that carries only its date."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from core.errors import NotInScope
from core.scope import CHANGE
from members import queries, services
from members.api.common import (
    _admission_record,
    _decision,
    _letter,
    _org,
    _person,
    _required_decision,
)
from members.kinds import member_event_kinds
from members.kinds.dated import DATED_EVENTS
from members.models import MemberEvent, Person
from members.schemas import (
    AdmissionDecisionIn,
    AwarenessCourseIn,
    CandidateRegisteredIn,
    DossierStepIn,
    ExemptionStartIn,
    ExpulsionIn,
    LeftIn,
    NotRecognisedIn,
    ReadmissionIn,
    RecognitionIn,
    StrikeOffIn,
    TransferInIn,
    TransferOutIn,
)

Recorder = Callable[[HttpRequest, int, Any], MemberEvent]


def changeable(request: HttpRequest, pk: int) -> Person:
    return _person(request, pk, CHANGE)


def record_candidate_registered(request: HttpRequest, pk: int, body: CandidateRegisteredIn) -> MemberEvent:
    person = changeable(request, pk)
    organization = _org(request, body.organization_id) if body.organization_id is not None else None
    return services.candidate_register(actor=request.user, person=person, registered_on=body.registered_on,
                                       organization=organization, reason=body.reason)


def record_awareness_course(request: HttpRequest, pk: int, body: AwarenessCourseIn) -> MemberEvent:
    return services.awareness_course_record(actor=request.user, person=changeable(request, pk),
                                            completed_on=body.completed_on, certificate_number=body.certificate_number,
                                            issuer=body.issuer, reason=body.reason)


def record_dossier_step(request: HttpRequest, pk: int, body: DossierStepIn) -> MemberEvent:
    return services.dossier_step_record(actor=request.user, person=changeable(request, pk), form=str(body.form),
                                        occurred_on=body.occurred_on, decision=_decision(body.decision),
                                        details=dict(body.details), reason=body.reason)


def record_admission_decision(request: HttpRequest, pk: int, body: AdmissionDecisionIn) -> MemberEvent:
    person = changeable(request, pk)
    introducers = [
        services.Introducer(person=_person(request, i.person_id), worked_together_since=i.worked_together_since,
                            replacement=i.replacement)
        for i in body.introducers
    ]
    return services.admission_decide(
        actor=request.user,
        person=person,
        decision=_required_decision(body.decision),
        cell_resolution_on=body.cell_resolution_on,
        introducers=introducers,
        youth_union_resolution=_decision(body.youth_union_resolution),
        trade_union_resolution=_decision(body.trade_union_resolution),
        education_exception_area=body.education_exception_area,
        age_override=_decision(body.age_override),
        reason=body.reason,
    )


def record_recognition(request: HttpRequest, pk: int, body: RecognitionIn) -> MemberEvent:
    return services.recognition_record(actor=request.user, person=changeable(request, pk),
                                       decision=_required_decision(body.decision), reason=body.reason)


def record_not_recognised(request: HttpRequest, pk: int, body: NotRecognisedIn) -> MemberEvent:
    return services.not_recognised_record(actor=request.user, person=changeable(request, pk),
                                          decision=_required_decision(body.decision), reason=body.reason)


def record_transfer_out(request: HttpRequest, pk: int, body: TransferOutIn) -> MemberEvent:
    person = changeable(request, pk)
    destination = (queries.transfer_destination(request.user, person, body.destination_id)
                   if body.destination_id is not None else None)  # the page's list; a refusal names nothing
    letter = _letter(body.letter)
    assert letter is not None
    return services.member_transfer_out(
        actor=request.user,
        person=person,
        temporary=body.temporary,
        occurred_on=body.occurred_on,
        letter=letter,
        destination=destination,
        destination_outside=body.destination_outside,
        purpose=str(body.purpose) if body.purpose is not None else None,
        until=body.until,
        reason=body.reason,
    )


def record_transfer_in(request: HttpRequest, pk: int, body: TransferInIn) -> MemberEvent:
    """The receiver may not see the file yet: it is still the sender's until the letter is presented."""
    organization = _org(request, body.organization_id)
    try:
        person = changeable(request, pk)
    except NotInScope:
        awaiting = queries.transfers_awaiting(request.user, organization, temporary=body.temporary)
        found = awaiting.filter(pk=pk).first()
        if found is None:
            raise
        person = found
    return services.member_transfer_in(
        actor=request.user,
        person=person,
        temporary=body.temporary,
        organization=organization,
        occurred_on=body.occurred_on,
        letter=_letter(body.letter),
        late_explanation=body.late_explanation,
        origin_outside=body.origin_outside,
        arriving=_admission_record(body.arriving),
        reason=body.reason,
    )


def record_exemption_start(request: HttpRequest, pk: int, body: ExemptionStartIn) -> MemberEvent:
    return services.exemption_start(actor=request.user, person=changeable(request, pk),
                                    occurred_on=body.occurred_on, decision=_decision(body.decision),
                                    reason=body.reason)


def record_strike_off(request: HttpRequest, pk: int, body: StrikeOffIn) -> MemberEvent:
    return services.member_strike_off(actor=request.user, person=changeable(request, pk),
                                      decision=_required_decision(body.decision), ground=str(body.ground),
                                      warrants_expulsion=body.warrants_expulsion, unpaid_months=body.unpaid_months,
                                      reason=body.reason)


def record_expulsion(request: HttpRequest, pk: int, body: ExpulsionIn) -> MemberEvent:
    return services.member_expel(actor=request.user, person=changeable(request, pk),
                                 decision=_required_decision(body.decision), grounds=body.grounds, reason=body.reason)


def record_left(request: HttpRequest, pk: int, body: LeftIn) -> MemberEvent:
    return services.member_leave(actor=request.user, person=changeable(request, pk),
                                 decision=_required_decision(body.decision), has_violations=body.has_violations,
                                 reason=body.reason)


def record_readmission(request: HttpRequest, pk: int, body: ReadmissionIn) -> MemberEvent:
    person = changeable(request, pk)
    organization = _org(request, body.organization_id) if body.organization_id is not None else None
    return services.member_readmit(
        actor=request.user,
        person=person,
        decision=_required_decision(body.decision),
        consent=_required_decision(body.consent),
        cell_resolution_on=body.cell_resolution_on,
        organization=organization,
        record_cleared_on=body.record_cleared_on,
        declared_grounds=body.declared_grounds,
        reason=body.reason,
    )


def record_dated(request: HttpRequest, pk: int, body: Any) -> MemberEvent:
    """Every event that carries only its date (members.kinds.dated): the door's service with that date."""
    event = DATED_EVENTS[body.kind]
    door = member_event_kinds().door(body.kind)
    assert door is not None
    dated: dict[str, Any] = {event.date_field: getattr(body, event.date_field)}
    if event.decision:
        dated["decision"] = _decision(body.decision)
    return door.service(actor=request.user, person=changeable(request, pk), reason=body.reason, **dated)
