"""Routes that record events: one route for every event kind (the body's `kind` picks the recorder), voiding
and corrections.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from core.errors import NotInScope
from core.schemas import Id
from core.scope import CHANGE, get_in_scope
from members import queries, services, voiding
from members.api.common import (
    WRITE_ERRORS,
    _admission_record,
    _decision,
    _event_out,
    _letter,
    _org,
    _person,
    _required_decision,
    _state_out,
    router,
)
from members.models import MemberEvent, Person
from members.schemas import (
    AdmissionCeremonyIn,
    AdmissionDecisionIn,
    AwarenessCourseIn,
    CandidateRegisteredIn,
    DeathIn,
    DossierStepIn,
    ExemptionEndIn,
    ExemptionStartIn,
    ExpulsionIn,
    LeftIn,
    MemberEventCorrectIn,
    MemberEventIn,
    MemberEventRecordedOut,
    NotRecognisedIn,
    PersonVoidIn,
    ReadmissionIn,
    RecognitionIn,
    StrikeOffIn,
    TemporaryReturnIn,
    TransferInIn,
    TransferOutIn,
)
from organizations.models import Organization

Recorder = Callable[[HttpRequest, int, Any], MemberEvent]


def _changeable(request: HttpRequest, pk: int) -> Person:
    return _person(request, pk, CHANGE)


def _candidate_registered(request: HttpRequest, pk: int, body: CandidateRegisteredIn) -> MemberEvent:
    person = _changeable(request, pk)
    organization = _org(request, body.organization_id) if body.organization_id is not None else None
    return services.candidate_register(actor=request.user, person=person, registered_on=body.registered_on,
                                       organization=organization, reason=body.reason)


def _awareness_course(request: HttpRequest, pk: int, body: AwarenessCourseIn) -> MemberEvent:
    return services.awareness_course_record(actor=request.user, person=_changeable(request, pk),
                                            completed_on=body.completed_on, certificate_number=body.certificate_number,
                                            issuer=body.issuer, reason=body.reason)


def _dossier_step(request: HttpRequest, pk: int, body: DossierStepIn) -> MemberEvent:
    return services.dossier_step_record(actor=request.user, person=_changeable(request, pk), form=str(body.form),
                                        occurred_on=body.occurred_on, decision=_decision(body.decision),
                                        details=dict(body.details), reason=body.reason)


def _admission_decision(request: HttpRequest, pk: int, body: AdmissionDecisionIn) -> MemberEvent:
    person = _changeable(request, pk)
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


def _admission_ceremony(request: HttpRequest, pk: int, body: AdmissionCeremonyIn) -> MemberEvent:
    return services.admission_ceremony_record(actor=request.user, person=_changeable(request, pk),
                                              held_on=body.held_on, reason=body.reason)


def _recognition(request: HttpRequest, pk: int, body: RecognitionIn) -> MemberEvent:
    return services.recognition_record(actor=request.user, person=_changeable(request, pk),
                                       decision=_required_decision(body.decision), reason=body.reason)


def _not_recognised(request: HttpRequest, pk: int, body: NotRecognisedIn) -> MemberEvent:
    return services.not_recognised_record(actor=request.user, person=_changeable(request, pk),
                                          decision=_required_decision(body.decision), reason=body.reason)


def _transfer_out(request: HttpRequest, pk: int, body: TransferOutIn) -> MemberEvent:
    person = _changeable(request, pk)
    destination = (queries.transfer_destination(request.user, person, body.destination_id)
                   if body.destination_id is not None else None)  # the page's list; a refusal names nothing
    letter = _letter(body.letter)
    assert letter is not None
    return services.transfer_out(
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


def _transfer_in(request: HttpRequest, pk: int, body: TransferInIn) -> MemberEvent:
    """The receiver may not see the file yet: it is still the sender's until the letter is presented."""
    organization = _org(request, body.organization_id)
    try:
        person = _changeable(request, pk)
    except NotInScope:
        awaiting = queries.transfers_awaiting(request.user, organization, temporary=body.temporary)
        found = awaiting.filter(pk=pk).first()
        if found is None:
            raise
        person = found
    return services.transfer_in(
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


def _temporary_return(request: HttpRequest, pk: int, body: TemporaryReturnIn) -> MemberEvent:
    return services.temporary_return(actor=request.user, person=_changeable(request, pk),
                                     returned_on=body.returned_on, reason=body.reason)


def _exemption_start(request: HttpRequest, pk: int, body: ExemptionStartIn) -> MemberEvent:
    return services.exemption_start(actor=request.user, person=_changeable(request, pk),
                                    occurred_on=body.occurred_on, decision=_decision(body.decision),
                                    reason=body.reason)


def _exemption_end(request: HttpRequest, pk: int, body: ExemptionEndIn) -> MemberEvent:
    return services.exemption_end(actor=request.user, person=_changeable(request, pk),
                                  occurred_on=body.occurred_on, decision=_decision(body.decision),
                                  reason=body.reason)


def _strike_off(request: HttpRequest, pk: int, body: StrikeOffIn) -> MemberEvent:
    return services.strike_off(actor=request.user, person=_changeable(request, pk),
                               decision=_required_decision(body.decision), ground=str(body.ground),
                               warrants_expulsion=body.warrants_expulsion, unpaid_months=body.unpaid_months,
                               reason=body.reason)


def _expulsion(request: HttpRequest, pk: int, body: ExpulsionIn) -> MemberEvent:
    return services.expel(actor=request.user, person=_changeable(request, pk),
                          decision=_required_decision(body.decision), grounds=body.grounds, reason=body.reason)


def _left(request: HttpRequest, pk: int, body: LeftIn) -> MemberEvent:
    return services.leave(actor=request.user, person=_changeable(request, pk),
                          decision=_required_decision(body.decision), has_violations=body.has_violations,
                          reason=body.reason)


def _death(request: HttpRequest, pk: int, body: DeathIn) -> MemberEvent:
    return services.death_record(actor=request.user, person=_changeable(request, pk), died_on=body.died_on,
                                 reason=body.reason)


def _readmission(request: HttpRequest, pk: int, body: ReadmissionIn) -> MemberEvent:
    person = _changeable(request, pk)
    organization = _org(request, body.organization_id) if body.organization_id is not None else None
    return services.readmit(
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


RECORDERS: dict[str, Recorder] = {
    "candidate_registered": _candidate_registered,
    "awareness_course": _awareness_course,
    "dossier_step": _dossier_step,
    "admission_decision": _admission_decision,
    "admission_ceremony": _admission_ceremony,
    "recognition": _recognition,
    "not_recognised": _not_recognised,
    "transfer_out": _transfer_out,
    "transfer_in": _transfer_in,
    "temporary_return": _temporary_return,
    "exemption_start": _exemption_start,
    "exemption_end": _exemption_end,
    "strike_off": _strike_off,
    "expulsion": _expulsion,
    "left": _left,
    "death": _death,
    "readmission": _readmission,
}


def _recorded(event: MemberEvent) -> dict[str, Any]:
    return {"event": _event_out(event), "person": _state_out(event.person)}


@router.post("/members/{id}/events", response={201: MemberEventRecordedOut, **WRITE_ERRORS})
def person_event_record(request: HttpRequest, id: Id, payload: MemberEventIn) -> tuple[int, dict[str, Any]]:
    """Record one event; the body's `kind` says which. The rules of its date are checked; the status is re-derived.

    Kinds: candidate_registered, awareness_course, dossier_step, admission_decision, admission_ceremony,
    recognition, not_recognised, transfer_out, transfer_in, temporary_return, exemption_start, exemption_end,
    strike_off, expulsion, left, death, readmission.
    """
    event = RECORDERS[payload.kind](request, id, payload)
    return 201, _recorded(event)


@router.post("/members/{id}/void", response={201: MemberEventRecordedOut, **WRITE_ERRORS})
def person_void(request: HttpRequest, id: Id, payload: PersonVoidIn) -> tuple[int, dict[str, Any]]:
    """Void a file entered by mistake (event `file_voided`, with its reason): it leaves every list and count.

    Its page and history stay, reachable by id for those who may change files in its cell.
    """
    event = voiding.person_void(actor=request.user, person=_person(request, id, CHANGE), reason=payload.reason)
    return 201, _recorded(event)


@router.post("/member-events/{event_id}/correct", response={201: MemberEventRecordedOut, **WRITE_ERRORS})
def member_event_correct(
    request: HttpRequest, event_id: Id, payload: MemberEventCorrectIn
) -> tuple[int, dict[str, Any]]:
    """Correct an event by a new one that supersedes it (fields not given are kept), or withdraw it."""
    event = get_in_scope(MemberEvent.objects.select_related("person"), request.user, CHANGE, pk=event_id)
    organization = _org(request, payload.organization_id) if payload.organization_id is not None else None
    counterpart = None
    if payload.counterpart_id is not None:
        counterpart = Organization(pk=payload.counterpart_id)  # the service decides, naming nothing
    correction = services.event_correct(
        actor=request.user,
        event=event,
        reason=payload.reason,
        withdraw=payload.withdraw,
        occurred_on=payload.occurred_on,
        organization=organization,
        counterpart=counterpart,
        decision=_decision(payload.decision),
    )
    return 201, _recorded(correction)

