"""Members API: member files, their event log, derived status, due lists, badges and counts.

Handlers parse, fetch every id through the caller's scope (members.queries; out of scope or missing: 404),
call one service or query, and answer. Services raise DomainError for refused input: 400 with the field,
and the rule's citation in the message. POST /members/{id}/events takes one body per kind of event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router

from core.decisions import Decision
from core.errors import DomainError, NotInScope
from core.schemas import Day, ErrorOut, Id, Limit, Offset, ValidationErrorOut
from core.scope import CHANGE, VIEW, get_in_scope
from members import queries, services, voiding
from members.due import DueItem
from members.models import Ethnicity, EventKind, Gender, MemberEvent, Person, Religion, Status
from members.party_age import next_presentation_day
from members.schemas import (
    AdmissionCeremonyIn,
    AdmissionDecisionIn,
    AdmissionRecordIn,
    AwarenessCourseIn,
    CandidateRegisteredIn,
    DeathIn,
    DossierStepIn,
    ExemptionEndIn,
    ExemptionStartIn,
    ExpulsionIn,
    LeftIn,
    MemberCountsOut,
    MemberDecisionIn,
    MemberEventCorrectIn,
    MemberEventIn,
    MemberEventOut,
    MemberEventRecordedOut,
    NotRecognisedIn,
    OrganizationBadgesOut,
    OrganizationDueOut,
    PersonCreateIn,
    PersonDetailOut,
    PersonDueOut,
    PersonPageOut,
    PersonUpdateIn,
    PersonVoidIn,
    ReadmissionIn,
    RecognitionIn,
    SearchText,
    StatusOnOut,
    StrikeOffIn,
    TemporaryReturnIn,
    TransferInIn,
    TransferLetterIn,
    TransferOutIn,
)
from organizations import queries as organization_queries
from organizations.models import Organization
from organizations.schemas import ChangeRecordOut

router = Router(tags=["members"])

READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
# A read that computes from the rules may also be refused (a rule or presentation day not configured).
COMPUTED_ERRORS: dict[int, Any] = {400: ErrorOut, **READ_ERRORS}
WRITE_ERRORS: dict[int, Any] = {400: ErrorOut, **READ_ERRORS}


# ----------------------------------------------------------------------------- parsing helpers


def _today() -> dt.date:
    return timezone.localdate()


def _person(request: HttpRequest, pk: int, action: str = VIEW) -> Person:
    return queries.person_get(request.user, pk=pk, action=action)


def _org(request: HttpRequest, pk: int) -> Organization:
    """An organization the caller can see; the services then check their members scope over it."""
    return organization_queries.organization_get(request.user, pk=pk)


def _decision(decision: MemberDecisionIn | None) -> Decision | None:
    if decision is None:
        return None
    return Decision(number=decision.number, date=decision.date, issuer=decision.issuer)


def _required_decision(decision: MemberDecisionIn) -> Decision:
    return Decision(number=decision.number, date=decision.date, issuer=decision.issuer)


def _admission_record(record: AdmissionRecordIn | None) -> services.AdmissionRecord | None:
    if record is None:
        return None
    return services.AdmissionRecord(
        decision=_required_decision(record.decision),
        ceremony_on=record.ceremony_on,
        recognised_on=record.recognised_on,
        recognition_decision=_decision(record.recognition_decision),
    )


def _letter(letter: TransferLetterIn | None) -> services.TransferLetter | None:
    if letter is None:
        return None
    return services.TransferLetter(
        register_number=letter.register_number,
        card_number=letter.card_number,
        history_number=letter.history_number,
        list_number=letter.list_number,
        dues_paid_until=letter.dues_paid_until,
        issued_on=letter.issued_on,
        issuer=letter.issuer,
    )


def _reference(model: type[Ethnicity] | type[Religion], code: str | None, *, field: str) -> Any:
    """An ethnic group or religion by code; None stays None (no religion, ethnicity unknown)."""
    if code is None:
        return None
    found = model.objects.filter(code=code.strip()).first()
    if found is None:
        raise DomainError(_("Choose from the list."), field=field)
    return found


_PASSED_APART = ("organization_id", "admitted", "reason", "confirm_duplicate")


def _file_fields(payload: PersonCreateIn | PersonUpdateIn, *, only_sent: bool) -> dict[str, Any]:
    """The file's fields for the service (choices as plain strings, ethnicity and religion from their codes).

    On creation the name, gender and birth date are passed apart too; on update only the fields sent count.
    """
    fields = payload.model_dump(exclude_unset=only_sent)
    apart = _PASSED_APART if only_sent else (*_PASSED_APART, "full_name", "gender", "birth_date")
    for name in apart:
        fields.pop(name, None)
    for name in ("gender", "political_theory"):
        if fields.get(name) is not None:
            fields[name] = str(fields[name])
    for name, model in (("ethnicity", Ethnicity), ("religion", Religion)):
        if name in fields:
            fields[name] = _reference(model, fields[name], field=name)
    return fields


def _ref(organization: Organization | None) -> dict[str, Any] | None:
    if organization is None:
        return None
    return {"id": organization.pk, "code": organization.code, "name": organization.name}


def _state_out(person: Person) -> dict[str, Any]:
    return {
        "id": person.pk,
        "full_name": person.full_name,
        "status": person.status,
        "status_label": str(Status(person.status).label),
        "status_since": person.status_since,
        "organization": _ref(person.organization),
        "temporary_organization": _ref(person.temporary_organization),
    }


def _person_out(person: Person) -> dict[str, Any]:
    ethnicity = person.ethnicity
    return {
        **_state_out(person),
        "code": person.code,
        "other_names": person.other_names,
        "gender": person.gender,
        "birth_date": person.birth_date,
        "party_card_number": person.party_card_number,
        "ethnicity": {"code": ethnicity.code, "name": ethnicity.name} if ethnicity else None,
    }


def _person_detail_out(request: HttpRequest, person: Person) -> dict[str, Any]:
    today = _today()
    age = queries.person_party_age(request.user, person, on=today)
    religion = person.religion
    return {
        **_person_out(person),
        **{name: getattr(person, name) for name in (
            "birth_place", "hometown", "citizen_id", "phone", "address", "general_education",
            "professional_qualification", "political_theory", "occupation", "history_number", "seriously_ill",
            "note", "created_at", "updated_at")},
        "religion": {"code": religion.code, "name": religion.name} if religion else None,
        "party_age": None if age is None else {
            "on": today, "years": age.years, "months": age.months, "first_decision_on": age.first_decision_on,
            "counted_from": age.counted_from, "days_outside": age.days_outside,
        },
    }


def _events_out(events: Iterable[MemberEvent]) -> list[dict[str, Any]]:
    events = list(events)
    superseded = {e.supersedes_id for e in events if e.supersedes_id is not None}
    return [_event_out(e, superseded=e.pk in superseded) for e in events]


def _event_out(event: MemberEvent, *, superseded: bool = False) -> dict[str, Any]:
    return {
        "id": event.pk,
        "kind": event.kind,
        "kind_label": str(EventKind(event.kind).label),
        "occurred_on": event.occurred_on,
        "organization": _ref(event.organization),
        "counterpart": _ref(event.counterpart),
        "decision": (
            {"number": event.decision_number, "date": event.decision_date, "issuer": event.decision_issuer}
            if event.has_decision else None
        ),
        "details": event.details,
        "supersedes_id": event.supersedes_id,
        "superseded": superseded,
        "reason": event.reason,
        "recorded_by": event.created_by.username if event.created_by else None,
        "recorded_at": event.created_at,
    }


def _due_out(items: Iterable[DueItem]) -> list[dict[str, Any]]:
    return [
        {
            "kind": i.kind, "person_id": i.person_id, "person_name": i.person_name,
            "organization_id": i.organization_id, "started_on": i.started_on, "deadline": i.deadline,
            "days_left": i.days_left, "overdue": i.overdue, "rule_key": i.rule_key, "citation": i.citation,
        }
        for i in items
    ]


# ----------------------------------------------------------------------------- member files


@router.get("/members", response={200: PersonPageOut, **READ_ERRORS})
def person_list(
    request: HttpRequest,
    organization: Id | None = None,
    status: list[Status] | None = Query(None),  # type: ignore[assignment]  # noqa: B008 (a repeatable parameter)
    gender: Gender | None = None,
    ethnicity: SearchText | None = None,
    q: SearchText | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Member files in the caller's scope, in Vietnamese name order (given name, middle names, family name).

    `organization`: files registered in its subtree; `status` may repeat; `ethnicity`: the group's code;
    `q`: every word as a word beginning of the name ignoring diacritics, or the exact card number or citizen ID.
    """
    people = queries.person_list(
        request.user,
        organization=_org(request, organization) if organization is not None else None,
        statuses=[str(s) for s in status] if status else None,
        gender=str(gender) if gender else None,
        ethnicity_code=ethnicity or None,
    )
    if q is not None and q.strip():
        matches = queries.person_search(request.user, q, limit=10**9)
        people = people.filter(pk__in=matches.values("pk"))
    items = [_person_out(p) for p in people[offset : offset + limit]]
    return {"count": people.count(), "limit": limit, "offset": offset, "items": items}


@router.post("/members", response={201: PersonDetailOut, **WRITE_ERRORS})
def person_create(request: HttpRequest, payload: PersonCreateIn) -> tuple[int, dict[str, Any]]:
    """Open a file: a future candidate, or with `admitted` a member already admitted (history of record)."""
    person = services.person_create(
        actor=request.user,
        organization=_org(request, payload.organization_id),
        full_name=payload.full_name,
        gender=str(payload.gender),
        birth_date=payload.birth_date,
        admitted=_admission_record(payload.admitted),
        reason=payload.reason,
        confirm_duplicate=payload.confirm_duplicate,
        **_file_fields(payload, only_sent=False),
    )
    return 201, _person_detail_out(request, _person(request, person.pk))


@router.get("/members/{id}", response={200: PersonDetailOut, **COMPUTED_ERRORS})
def person_detail(request: HttpRequest, id: Id) -> dict[str, Any]:
    """The file, the current status and cell, and the Party age today."""
    return _person_detail_out(request, _person(request, id))


@router.patch("/members/{id}", response={200: PersonDetailOut, **WRITE_ERRORS})
def person_update(request: HttpRequest, id: Id, payload: PersonUpdateIn) -> dict[str, Any]:
    """Correct or complete the file: only the fields sent change (null clears ethnicity and religion)."""
    person = services.person_update(
        actor=request.user,
        person=_person(request, id, CHANGE),
        reason=payload.reason,
        **_file_fields(payload, only_sent=True),
    )
    return _person_detail_out(request, _person(request, person.pk))


@router.get("/members/{id}/events", response={200: list[MemberEventOut], **READ_ERRORS})
def person_events(request: HttpRequest, id: Id) -> list[dict[str, Any]]:
    """The whole log in date order, superseded events and corrections included."""
    return _events_out(queries.person_events(request.user, _person(request, id)))


@router.get("/members/{id}/status", response={200: StatusOnOut, **READ_ERRORS})
def person_status(request: HttpRequest, id: Id, on: Day | None = None) -> dict[str, Any]:
    """The status and cell on `on` (default: today), derived from the log."""
    person = _person(request, id)
    day = on or _today()
    segment = queries.person_timeline_of(request.user, person).segment_on(day)
    status = segment.status if segment else Status.NONE
    return {
        "person_id": person.pk,
        "on": day,
        "status": status,
        "status_label": str(Status(status).label),
        "organization_id": segment.organization_id if segment else None,
        "temporary_organization_id": segment.temporary_organization_id if segment else None,
    }


@router.get("/members/{id}/due", response={200: PersonDueOut, **COMPUTED_ERRORS})
def person_due(request: HttpRequest, id: Id, on: Day | None = None) -> dict[str, Any]:
    """Pending steps of the file on `on` (default: today) with their deadlines in working days."""
    person = _person(request, id)
    day = on or _today()
    return {"person_id": person.pk, "on": day, "items": _due_out(queries.person_due_items(request.user, person,
                                                                                          on=day))}


@router.get("/members/{id}/changes", response={200: list[ChangeRecordOut], **READ_ERRORS})
def person_changes(request: HttpRequest, id: Id) -> list[Any]:
    """The file's change-log rows (created, updated, each event with the status before and after), newest first."""
    return list(organization_queries.change_log_of(_person(request, id)))


# ----------------------------------------------------------------------------- events


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


# ----------------------------------------------------------------------------- per organization


@router.get("/organizations/{id}/members/due", response={200: OrganizationDueOut, **COMPUTED_ERRORS})
def organization_due(request: HttpRequest, id: Id, on: Day | None = None) -> dict[str, Any]:
    """Pending steps of the files registered in the subtree on `on` (default: today), by deadline."""
    organization = _org(request, id)
    day = on or _today()
    return {"organization_id": organization.pk, "on": day,
            "items": _due_out(queries.due_list(request.user, organization, on=day))}


@router.get("/organizations/{id}/members/badges", response={200: OrganizationBadgesOut, **COMPUTED_ERRORS})
def organization_badges(request: HttpRequest, id: Id, on: Day | None = None) -> dict[str, Any]:
    """Members of the subtree due a badge at the first presentation day on or after `on` (default: today)."""
    organization = _org(request, id)
    day = next_presentation_day(on or _today())
    badges = queries.badges_due(request.user, organization, presentation_on=day)
    return {
        "organization_id": organization.pk,
        "presentation_on": day,
        "items": [
            {"person_id": b.person_id, "full_name": b.full_name, "organization_id": b.organization_id,
             "badge_years": b.badge_years, "age_years": b.age_years, "age_months": b.age_months, "early": b.early,
             "posthumous": b.posthumous, "citation": b.citation}
            for b in badges
        ],
    }


@router.get("/organizations/{id}/members/counts", response={200: MemberCountsOut, **READ_ERRORS})
def organization_member_counts(request: HttpRequest, id: Id, on: Day | None = None) -> dict[str, Any]:
    """Members of the subtree on `on` (default: today) under the tree of that date."""
    organization = _org(request, id)
    day = on or _today()
    return {"organization_id": organization.pk, "on": day, **queries.member_counts(request.user, organization, on=day)}
