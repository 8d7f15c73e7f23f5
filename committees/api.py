"""Committees API under /api/v1/committees/: terms, congresses, seats; bulk creation, all-or-nothing.

Organizations are named by id or code, members by file id or exchange code (UUID). Handlers fetch every id
through the caller's scope (missing or out of scope: 404), call one service and answer. A refused input is a
400 `{"detail", "field", "errors": [{"detail", "field"}...]}` naming every fault; nothing is written.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext
from ninja import Query, Router, Schema

from committees import corrections, queries, services
from committees.models import Seat, Term
from committees.schemas import (
    AppointmentIn,
    CommitteeOut,
    CongressIn,
    CongressOut,
    PersonRefOut,
    SeatCorrectIn,
    SeatCorrectionOut,
    SeatEndIn,
    SeatIn,
    SeatOut,
    SeatsAddIn,
    SizesIn,
    TermOut,
)
from core.decisions import Decision
from core.errors import NotInScope
from core.refs import id_or_code, id_or_uuid
from core.schemas import Day, ErrorOut, ValidationErrorOut
from core.scope import CHANGE, VIEW
from members.models import Person
from organizations.models import Organization
from organizations.schemas import DecisionIn

router = Router(tags=["committees"])

READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
WRITE_ERRORS: dict[int, Any] = {400: ErrorOut, **READ_ERRORS}


class AsOfQuery(Schema):
    on: Day | None = None


# ----------------------------------------------------------------------------- references


def _organization(request: HttpRequest, ref: str | int, action: str = VIEW) -> Organization:
    return queries.organization_get(request.user, action=action, **id_or_code(ref))


def _person(request: HttpRequest, ref: str | int) -> Person:
    return queries.person_get(request.user, **id_or_uuid(ref))


def _seats(request: HttpRequest, seats: list[SeatIn]) -> list[services.SeatInput]:
    found: list[services.SeatInput] = []
    for index, seat in enumerate(seats):
        try:
            person = _person(request, seat.person)
        except NotInScope as exc:
            raise NotInScope(gettext("Member file not found."), field=f"seats.{index}.person") from exc
        found.append(services.SeatInput(person, seat.kind, seat.starts_on, seat.ended_on, seat.concurrent_post,
                                        seat.note))
    return found


def _sizes(sizes: SizesIn) -> services.Sizes:
    return services.Sizes(sizes.executive, sizes.standing, sizes.deputy_secretaries, sizes.inspection)


def _decision(decision: DecisionIn | None) -> Decision | None:
    return Decision(decision.number, decision.date, decision.issuer) if decision is not None else None


# ----------------------------------------------------------------------------- output


def _person_out(person: Person) -> PersonRefOut:
    return PersonRefOut(id=person.pk, code=str(person.code), full_name=person.full_name)


def _seat_out(seat: Seat) -> SeatOut:
    return SeatOut(
        id=seat.pk, organization_id=seat.organization_id, organization_code=seat.organization.code,
        term_id=seat.term_id, term=seat.term.label, person=_person_out(seat.person), kind=seat.kind,
        basis=seat.basis, starts_on=seat.starts_on, ended_on=seat.ended_on, end_reason=seat.end_reason,
        concurrent_post=seat.concurrent_post, decision_number=seat.decision_number,
    )


def _term_out(term: Term, seats: list[Seat] | None = None) -> TermOut:
    congress = getattr(term, "congress", None) if hasattr(term, "congress") else None
    return TermOut(
        id=term.pk, organization_id=term.organization_id, organization_code=term.organization.code,
        label=term.label, opened_by=term.opened_by, starts_on=term.starts_on, planned_end_on=term.planned_end_on,
        ended_on=term.ended_on, term_rule=term.term_rule, appointed_by_id=term.appointed_by_id,
        decision_number=term.decision_number, executive_seats=term.executive_seats,
        standing_seats=term.standing_seats,
        congress=None if congress is None else CongressOut(
            ordinal=congress.ordinal, ordinal_roman=congress.ordinal_roman, opened_on=congress.opened_on,
            closed_on=congress.closed_on, delegates=congress.delegates,
            delegates_present=congress.delegates_present, resolution_number=congress.resolution_number,
            resolution_date=congress.resolution_date,
        ),
        seats=[_seat_out(s) for s in (seats if seats is not None else term.seats.select_related(
            "person", "organization", "term"))],
    )


# ----------------------------------------------------------------------------- reads


@router.get("/committees/organizations/{ref}/committee", response={200: CommitteeOut, **READ_ERRORS})
def committee(request: HttpRequest, ref: str, query: Query[AsOfQuery]) -> Any:
    """The committee on a date (default today): the term in force and the seats held that day."""
    organization = _organization(request, ref)
    on = query.on or timezone.localdate()
    found = queries.committee_as_of(request.user, organization=organization, on=on)
    secretary = found.secretary
    return CommitteeOut(
        organization_id=organization.pk, organization_code=organization.code, on=on,
        term=_term_out(found.term, found.seats) if found.term else None,
        secretary=_person_out(secretary.person) if secretary else None,
        seats=[_seat_out(s) for s in found.seats],
    )


@router.get("/committees/organizations/{ref}/terms", response={200: list[TermOut], **READ_ERRORS})
def terms(request: HttpRequest, ref: str) -> Any:
    """Every term of the organization, newest first, with its congress and all its seats."""
    organization = _organization(request, ref)
    return [_term_out(t, list(t.seats.all())) for t in queries.terms_of(request.user, organization=organization)]


@router.get("/committees/people/{ref}/seats", response={200: list[SeatOut], **READ_ERRORS})
def person_seats(request: HttpRequest, ref: str) -> Any:
    """The seats a member held or holds (in committees the caller may see), newest first."""
    person = _person(request, ref)
    return [_seat_out(s) for s in queries.seats_of_person(request.user, person=person)]


# ----------------------------------------------------------------------------- writes


@router.post("/committees/organizations/{ref}/congresses", response={201: TermOut, **WRITE_ERRORS})
def congress_create(request: HttpRequest, ref: str, payload: CongressIn) -> Any:
    """A congress and the committee it elected: opens a term from the closing day (the previous one ends)."""
    organization = _organization(request, ref, CHANGE)
    congress = services.CongressInput(payload.ordinal, payload.opened_on, payload.closed_on, payload.delegates,
                                      payload.delegates_present, payload.resolution_number, payload.resolution_date)
    term = services.term_open_by_congress(
        actor=request.user, organization=organization, congress=congress, seats=_seats(request, payload.seats),
        sizes=_sizes(payload.sizes), decision=_decision(payload.decision), note=payload.note, reason=payload.reason,
    )
    return 201, _term_out(Term.objects.select_related("organization").get(pk=term.pk))


@router.post("/committees/organizations/{ref}/appointments", response={201: TermOut, **WRITE_ERRORS})
def appointment_create(request: HttpRequest, ref: str, payload: AppointmentIn) -> Any:
    """A committee appointed by the committee above (organization established or merged mid-term)."""
    organization = _organization(request, ref, CHANGE)
    appointing = _appointing(request, payload.appointed_by, organization)
    decision = _decision(payload.decision)
    assert decision is not None
    term = services.term_open_by_appointment(
        actor=request.user, organization=organization, starts_on=payload.starts_on, appointed_by=appointing,
        decision=decision, seats=_seats(request, payload.seats), sizes=_sizes(payload.sizes), note=payload.note,
        reason=payload.reason,
    )
    return 201, _term_out(Term.objects.select_related("organization").get(pk=term.pk))


def _appointing(request: HttpRequest, ref: str | int, organization: Organization) -> Organization | None:
    """The appointing committee: one of the organization's ancestors (which reveals nothing), else a visible one
    (the service then refuses it as not competent), else None (the service asks to name it)."""
    try:
        lookup = id_or_code(ref)
    except NotInScope:
        return None
    above = Organization.objects.filter(path__in=organization.ancestor_paths()[:-1], **lookup).first()
    if above is not None:
        return above
    try:
        return _organization(request, ref)
    except NotInScope:
        return None


@router.post("/committees/terms/{term_id}/seats", response={201: list[SeatOut], **WRITE_ERRORS})
def seats_create(request: HttpRequest, term_id: int, payload: SeatsAddIn) -> Any:
    """Seats added to a term, in bulk: all or none."""
    term = queries.term_get(request.user, pk=term_id, action=CHANGE)
    appointing = None
    if payload.appointed_by is not None:
        appointing = _appointing(request, payload.appointed_by, term.organization)
    written = services.seats_add(
        actor=request.user, term=term, seats=_seats(request, payload.seats), basis=payload.basis,
        starts_on=payload.starts_on, decision=_decision(payload.decision), appointed_by=appointing,
        reason=payload.reason,
    )
    return 201, [_seat_out(s) for s in written]


@router.post("/committees/seats/{seat_id}/end", response={200: list[SeatOut], **WRITE_ERRORS})
def seat_end(request: HttpRequest, seat_id: int, payload: SeatEndIn) -> Any:
    """End a seat (and, for the executive committee, the person's positions that depend on it)."""
    seat = queries.seat_get(request.user, pk=seat_id, action=CHANGE)
    ended = services.seat_end(actor=request.user, seat=seat, ended_on=payload.ended_on, end_reason=payload.end_reason,
                              decision_number=payload.decision_number, reason=payload.reason)
    return [_seat_out(s) for s in ended]


@router.post("/committees/seats/{seat_id}/corrections", response={201: SeatCorrectionOut, **WRITE_ERRORS})
def seat_correct(request: HttpRequest, seat_id: int, payload: SeatCorrectIn) -> Any:
    """Correct a seat entered wrongly: a dated correction keeping what was recorded before."""
    seat = queries.seat_get(request.user, pk=seat_id, action=CHANGE)
    person = None
    if payload.person is not None:
        try:
            person = _person(request, payload.person)
        except NotInScope as exc:
            raise NotInScope(gettext("Member file not found."), field="person") from exc
    correction = corrections.seat_correct(actor=request.user, seat=seat, person=person, kind=payload.kind or "",
                                          starts_on=payload.starts_on, ended_on=payload.ended_on,
                                          corrected_on=payload.corrected_on, reason=payload.reason)
    return 201, SeatCorrectionOut(id=correction.pk, seat_id=seat.pk, corrected_on=correction.corrected_on,
                                  before=correction.before, after=correction.after, reason=correction.reason)


__all__ = ["router"]
