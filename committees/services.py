"""Every write on terms, congresses and committee seats. One transaction each, logged, all-or-nothing.

A refusal names the rule (with its regulation) and the field at fault; every fault of the input is collected
and raised at once (`Faults`), and nothing is written. The actor must be allowed to change committee
records ("committees.change") over the organization; anything else answers as missing (404).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from committees import reference
from committees.checks import (
    NO_SIZES,
    CongressInput,
    FaultList,
    Planned,
    SeatInput,
    Sizes,
    active_on,
    check_appointing,
    check_decision,
    check_seats,
    check_sizes,
    clean_text,
    day_text,
    version_on,
)
from committees.models import NEEDS_EXECUTIVE, Congress, Seat, SeatBasis, SeatEnd, SeatKind, Term, TermOpening
from core.changelog import log_change, snapshot
from core.decisions import Decision, check_date, decision_number_is_valid
from core.errors import DomainError
from core.models import ChangeAction
from core.scope import CHANGE, require_covers, require_in_scope
from organizations.models import Organization
from rules.calendar import add_months
from rules.queries import rule

CHANGE_PERMISSION = "committees.change"


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


# ----------------------------------------------------------------------------- writing


def _end_seat(actor: Any, seat: Seat, *, on: dt.date, reason_code: str, decision_number: str = "",
              reason: str = "") -> None:
    before = snapshot(seat)
    seat.ended_on = on
    seat.end_reason = reason_code
    seat.end_decision_number = decision_number
    seat.save(update_fields=["ended_on", "end_reason", "end_decision_number"])
    log_change(actor=actor, action=ChangeAction.UPDATE, instance=seat, before=before, reason=reason)


def _close_term(actor: Any, term: Term, *, on: dt.date, reason_code: str, reason: str) -> None:
    """End the term on `on` and every seat of it still held then (seats that started later cannot exist)."""
    for seat in term.seats.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on)).order_by("pk"):
        _end_seat(actor, seat, on=on, reason_code=reason_code, reason=reason)
    before = snapshot(term)
    term.ended_on = on
    term.save(update_fields=["ended_on"])
    log_change(actor=actor, action=ChangeAction.UPDATE, instance=term, before=before, reason=reason)


def _write_seats(actor: Any, term: Term, planned: Sequence[Planned], *, basis: str,
                 decision: Decision | None, appointed_by: Organization | None, reason: str) -> list[Seat]:
    written = []
    for item in planned:
        source = item.source
        seat = Seat(term=term, organization=term.organization, person=item.person, kind=item.kind, basis=basis,
                    starts_on=item.starts_on, ended_on=item.ended_on,
                    end_reason=SeatEnd.OTHER if item.ended_on else "",
                    concurrent_post=source.concurrent_post if source else "",
                    note=(source.note or "").strip() if source else "",
                    appointed_by=appointed_by, created_by=_user(actor))
        if decision is not None:
            seat.decision_number, seat.decision_date = decision.number.strip(), decision.date
            seat.decision_issuer = decision.issuer.strip()
        seat.save()
        log_change(actor=actor, action=ChangeAction.CREATE, instance=seat, reason=reason)
        written.append(seat)
    return written


def _existing_seats(organization: Organization) -> list[Seat]:
    return list(Seat.objects.filter(organization=organization).select_related("person"))


def _open_term(
    *,
    actor: Any,
    organization: Organization,
    opened_by: str,
    starts_on: dt.date,
    seats: Sequence[SeatInput],
    sizes: Sizes,
    decision: Decision | None,
    appointed_by: Organization | None,
    congress: CongressInput | None,
    note: str,
    reason: str,
    faults: FaultList,
    start_field: str,
) -> Term:
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    require_covers(actor, organization, CHANGE_PERMISSION)
    note = clean_text(note, field_name="note", faults=faults)
    reason = clean_text(reason, field_name="reason", faults=faults)
    try:
        check_date(starts_on, field=start_field)
    except DomainError as error:
        faults.errors.append(error)
        faults.check()
    if not active_on(organization, starts_on):
        faults.add(_("%(name)s did not exist on %(date)s.") % {"name": organization.name, "date": day_text(starts_on)},
                   start_field)
        faults.check()
    previous = Term.objects.select_for_update().filter(organization=organization).order_by("-starts_on").first()
    if previous is not None and previous.starts_on >= starts_on:
        faults.add(_("A term of %(name)s already starts on %(date)s: a new term must start after it.")
                   % {"name": organization.name, "date": day_text(previous.starts_on)}, start_field)
        faults.check()
    version = version_on(organization, starts_on)
    assert version is not None
    key = reference.term_rule_key(version.kind.code)
    try:
        length = rule(key, on=starts_on)
    except DomainError as error:
        faults.add(str(error.message), start_field)
        faults.check()
        raise
    if previous is not None and (previous.ended_on is None or previous.ended_on > starts_on):
        _refuse_later_seats(previous, on=starts_on, field_name=start_field)
        _close_term(actor, previous, on=starts_on, reason_code=SeatEnd.TERM_ENDED, reason=reason)
    existing = _existing_seats(organization)
    planned = check_seats(organization=organization, term_start=starts_on, term_end=None, existing=existing,
                           seats=seats, default_start=starts_on, faults=faults)
    check_sizes(sizes, planned, faults)
    faults.check()
    term = Term(
        organization=organization, opened_by=opened_by, starts_on=starts_on,
        planned_end_on=add_months(starts_on, length.value), term_rule=length.citation[:200],
        executive_seats=sizes.executive, standing_seats=sizes.standing,
        deputy_secretary_seats=sizes.deputy_secretaries, inspection_seats=sizes.inspection,
        appointed_by=appointed_by, note=note, created_by=_user(actor),
    )
    if decision is not None:
        term.decision_number, term.decision_date = decision.number.strip(), decision.date
        term.decision_issuer = decision.issuer.strip()
    term.save()
    log_change(actor=actor, action=ChangeAction.CREATE, instance=term, reason=reason)
    if congress is not None:
        record = Congress.objects.create(
            term=term, organization=organization, ordinal=congress.ordinal, opened_on=congress.opened_on,
            closed_on=congress.closed_on, delegates=congress.delegates, delegates_present=congress.delegates_present,
            resolution_number=congress.resolution_number.strip(), resolution_date=congress.resolution_date,
        )
        log_change(actor=actor, action=ChangeAction.CREATE, instance=record, reason=reason)
    basis = SeatBasis.ELECTED if opened_by == TermOpening.CONGRESS else SeatBasis.APPOINTED
    _write_seats(actor, term, planned, basis=basis, decision=decision, appointed_by=appointed_by,
                 reason=reason)
    require_in_scope(term, actor, CHANGE)
    return term


def _check_congress(congress: CongressInput, faults: FaultList) -> None:
    if not 1 <= congress.ordinal <= 99:
        faults.add(_("The congress ordinal is a number from 1 to 99 (3 for “lần thứ III”)."), "congress.ordinal")
    for name in ("opened_on", "closed_on", "resolution_date"):
        day = getattr(congress, name)
        if day is not None:
            try:
                check_date(day, field=f"congress.{name}")
            except DomainError as error:
                faults.errors.append(error)
    if congress.closed_on < congress.opened_on:
        faults.add(_("The congress closes on %(closed)s, before it opens (%(opened)s).")
                   % {"closed": day_text(congress.closed_on), "opened": day_text(congress.opened_on)},
                   "congress.closed_on")
    for name in ("delegates", "delegates_present"):
        value = getattr(congress, name)
        if value is not None and not 0 <= value <= 100_000:
            faults.add(_("Between 0 and 100000 delegates."), f"congress.{name}")
    if congress.delegates is not None and congress.delegates_present is not None \
            and congress.delegates_present > congress.delegates:
        faults.add(_("More delegates present (%(present)d) than summoned (%(summoned)d).")
                   % {"present": congress.delegates_present, "summoned": congress.delegates},
                   "congress.delegates_present")
    number = (congress.resolution_number or "").strip()
    if number and not decision_number_is_valid(number):
        faults.add(_("Resolution number “%(number)s” is malformed: write it as 01-NQ/ĐH.") % {"number": number},
                   "congress.resolution_number")
    if number and congress.resolution_date is None:
        faults.add(_("The date of the resolution is required with its number."), "congress.resolution_date")


# ----------------------------------------------------------------------------- services


def term_open_by_congress(
    *,
    actor: Any,
    organization: Organization,
    congress: CongressInput,
    seats: Sequence[SeatInput],
    sizes: Sizes = NO_SIZES,
    decision: Decision | None = None,
    note: str = "",
    reason: str = "",
) -> Term:
    """Record a congress and the committee it elected: a new term from the congress's closing day.

    The previous term of the organization ends that day with every seat still held. `decision` is the upper
    committee's approval of the results, when there is one. Seats are recorded as elected.
    """
    with transaction.atomic():
        faults = FaultList()
        _check_congress(congress, faults)
        check_decision(decision, faults, required=False)
        return _open_term(
            actor=actor, organization=organization, opened_by=TermOpening.CONGRESS, starts_on=congress.closed_on,
            seats=seats, sizes=sizes, decision=decision, appointed_by=None, congress=congress, note=note,
            reason=reason, faults=faults, start_field="congress.closed_on",
        )


def term_open_by_appointment(
    *,
    actor: Any,
    organization: Organization,
    starts_on: dt.date,
    appointed_by: Organization | None,
    decision: Decision,
    seats: Sequence[SeatInput],
    sizes: Sizes = NO_SIZES,
    note: str = "",
    reason: str = "",
) -> Term:
    """Record a committee appointed (chỉ định) for an organization established, merged or split mid-term:
    a new term from `starts_on`, with the competent committee's decision. All seats or none."""
    with transaction.atomic():
        faults = FaultList()
        check_decision(decision, faults, required=True)
        try:
            check_date(starts_on, field="starts_on")
        except DomainError as error:
            faults.errors.append(error)
            faults.check()
        check_appointing(organization, appointed_by, starts_on, faults)
        return _open_term(
            actor=actor, organization=organization, opened_by=TermOpening.APPOINTMENT, starts_on=starts_on,
            seats=seats, sizes=sizes, decision=decision, appointed_by=appointed_by, congress=None, note=note,
            reason=reason, faults=faults, start_field="starts_on",
        )


def seats_add(
    *,
    actor: Any,
    term: Term,
    seats: Sequence[SeatInput],
    basis: str = SeatBasis.ADDED,
    starts_on: dt.date | None = None,
    decision: Decision | None = None,
    appointed_by: Organization | None = None,
    reason: str = "",
) -> list[Seat]:
    """Add seats to a term (bổ sung: elected by the committee or a conference, or appointed). All or none.

    An appointment (basis "appointed") needs the competent committee and its decision; an addition needs the
    decision that recognised it.
    """
    with transaction.atomic():
        faults = FaultList()
        term = Term.objects.select_for_update().select_related("organization").get(pk=term.pk)
        organization = term.organization
        require_in_scope(term, actor, CHANGE)
        reason = clean_text(reason, field_name="reason", faults=faults)
        if basis not in SeatBasis.values:
            faults.add(_("Unknown basis “%(basis)s”.") % {"basis": basis}, "basis")
            faults.check()
        if not seats:
            faults.add(_("Give at least one seat."), "seats")
        check_decision(decision, faults, required=basis != SeatBasis.ELECTED)
        default_start = starts_on or (decision.date if decision is not None else term.starts_on)
        if basis == SeatBasis.APPOINTED:
            check_appointing(organization, appointed_by, max(default_start, term.starts_on), faults)
        planned = check_seats(organization=organization, term_start=term.starts_on, term_end=term.ended_on,
                               existing=_existing_seats(organization), seats=seats, default_start=default_start,
                               faults=faults)
        faults.check()
        return _write_seats(actor, term, planned, basis=basis, decision=decision,
                            appointed_by=appointed_by if basis == SeatBasis.APPOINTED else None, reason=reason)


def seat_end(
    *,
    actor: Any,
    seat: Seat,
    ended_on: dt.date,
    end_reason: str,
    decision_number: str = "",
    reason: str = "",
) -> list[Seat]:
    """End a seat (resignation, transfer, dismissal, death...) from `ended_on`, the first day it is no longer held.

    Leaving the executive committee ends the person's standing committee, secretary and deputy secretary seats of
    the same term on the same day. Returns every seat ended.
    """
    with transaction.atomic():
        faults = FaultList()
        seat = Seat.objects.select_for_update().select_related("term", "person", "organization").get(pk=seat.pk)
        require_in_scope(seat, actor, CHANGE)
        reason = clean_text(reason, field_name="reason", faults=faults)
        number = (decision_number or "").strip()
        if number and not decision_number_is_valid(number):
            faults.add(_("Decision number “%(number)s” is malformed: write it as 05-CT/TW (Party) or "
                         "855/NQ-UBTVQH14 (State).") % {"number": number}, "decision_number")
        if end_reason not in SeatEnd.values:
            faults.add(_("Choose why the seat ends."), "end_reason")
        try:
            check_date(ended_on, field="ended_on")
        except DomainError as error:
            faults.errors.append(error)
            faults.check()
        if seat.ended_on is not None and seat.ended_on <= ended_on:
            faults.add(_("This seat already ended on %(date)s.") % {"date": day_text(seat.ended_on)}, "ended_on")
        if ended_on <= seat.starts_on:
            faults.add(_("The seat ends on %(end)s, not after it starts (%(start)s).")
                       % {"end": day_text(ended_on), "start": day_text(seat.starts_on)}, "ended_on")
        if seat.term.ended_on is not None and ended_on > seat.term.ended_on:
            faults.add(_("The seat ends on %(end)s, after the term ended (%(term)s).")
                       % {"end": day_text(ended_on), "term": day_text(seat.term.ended_on)}, "ended_on")
        faults.check()
        ended = [seat]
        if seat.kind == SeatKind.EXECUTIVE:
            ended += list(
                Seat.objects.select_for_update().filter(term=seat.term, person=seat.person, kind__in=NEEDS_EXECUTIVE)
                .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=ended_on)).filter(starts_on__lt=ended_on)
                .order_by("pk")
            )
        for item in ended:
            _end_seat(actor, item, on=ended_on, reason_code=end_reason, decision_number=number, reason=reason)
        return ended


def restructure_committees(*, actor: Any, event: Any, successors: Mapping[Organization, Organization]) -> None:
    """Restructure handler: an organization dissolved or merged away ends its term and seats on that day.

    The successors' committees are appointed separately (term_open_by_appointment), in the same plan or later.
    """
    on = event.effective_on
    ended = _ended_by(event.links.select_related("organization"), on)
    for term in Term.objects.filter(organization__in=ended).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on)):
        if term.starts_on >= on:
            continue
        _refuse_later_seats(term, on=on, field_name="effective_on")
        _close_term(actor, term, on=on, reason_code=SeatEnd.ORGANIZATION_ENDED, reason=event.note or "")


def _refuse_later_seats(term: Term, *, on: dt.date, field_name: str) -> None:
    """A term cannot end before one of its seats begins: the later seat was recorded with a date after this one."""
    late = term.seats.filter(starts_on__gte=on).select_related("person").order_by("starts_on").first()
    if late is not None:
        raise DomainError(
            _("%(name)s holds a seat of %(organization)s (term %(term)s) from %(date)s, after the day this term "
              "would end: check the dates.")
            % {"name": late.person.full_name, "term": term.label, "organization": term.organization.name,
               "date": day_text(late.starts_on)},
            field=field_name,
        )


def _ended_by(links: Iterable[Any], on: dt.date) -> list[Organization]:
    return [link.organization for link in links if link.organization.dissolved_on == on]


__all__ = [
    "CongressInput",
    "SeatInput",
    "Sizes",
    "restructure_committees",
    "seat_end",
    "seats_add",
    "term_open_by_appointment",
    "term_open_by_congress",
]
