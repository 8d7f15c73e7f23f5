"""Correcting a seat entered wrongly (issue 17): the wrong member, position or dates. The correction is a dated
event (`SeatCorrection`) that keeps what was recorded before and why; the seat then shows the corrected values,
checked by the same rules as a new seat (eligibility, one secretary, dates inside the term). One transaction,
scope first, every fault at once, nothing written on a refusal, the change logged."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from committees.checks import FaultList, SeatInput, check_seats, clean_text
from committees.models import Seat, SeatCorrection
from core.changelog import log_change, snapshot
from core.decisions import check_date
from core.errors import DomainError
from core.models import ChangeAction
from core.scope import CHANGE, require_in_scope
from members.models import Person

FIELDS = ("person", "kind", "starts_on", "ended_on")
PREFIX = "correction.0."


def _plain(seat: Seat) -> dict[str, Any]:
    return {"person": seat.person_id, "person_name": seat.person.full_name, "kind": seat.kind,
            "starts_on": seat.starts_on.isoformat(),
            "ended_on": seat.ended_on.isoformat() if seat.ended_on else None}


def _check(seat: Seat, values: dict[str, Any], faults: FaultList) -> None:
    """The corrected seat by the rules of a new one, against the organization's other seats."""
    others = list(Seat.objects.filter(organization=seat.organization).exclude(pk=seat.pk).select_related("person"))
    inner = FaultList()
    check_seats(organization=seat.organization, term_start=seat.term.starts_on, term_end=seat.term.ended_on,
                existing=others, seats=[SeatInput(values["person"], values["kind"], values["starts_on"],
                                                  values["ended_on"], seat.concurrent_post, seat.note)],
                default_start=seat.term.starts_on, faults=inner, prefix="correction")
    for error in inner.errors:
        field = (error.field or "").removeprefix(PREFIX)
        faults.add(error.message, field)


@transaction.atomic
def seat_correct(*, actor: Any, seat: Seat, corrected_on: dt.date, reason: str, person: Person | None = None,
                 kind: str = "", starts_on: dt.date | None = None, ended_on: dt.date | None = None) -> SeatCorrection:
    """Correct a seat recorded wrongly; what is not given stays. `reason` is required (what was wrong)."""
    require_in_scope(seat, actor, CHANGE)
    seat = Seat.objects.select_for_update().select_related("term", "person", "organization").get(pk=seat.pk)
    faults = FaultList()
    why = clean_text(reason, field_name="reason", faults=faults)
    if not why:
        faults.add(_("Reason: say what was recorded wrongly."), "reason")
    try:
        check_date(corrected_on, field="corrected_on")
    except DomainError as error:
        faults.errors.append(error)
    if person is not None:
        require_in_scope(person, actor, "members.view")
    values = {"person": person or seat.person, "kind": kind or seat.kind, "starts_on": starts_on or seat.starts_on,
              "ended_on": ended_on if ended_on is not None else seat.ended_on}
    if all(values[name] == getattr(seat, name) for name in FIELDS):
        faults.add(_("Nothing to correct: the values given are those recorded."), "reason")
    else:
        _check(seat, values, faults)
    faults.check()
    before_log, before = snapshot(seat), _plain(seat)
    for name in FIELDS:
        setattr(seat, name, values[name])
    seat.save(update_fields=list(FIELDS))
    log_change(actor=actor, action=ChangeAction.UPDATE, instance=seat, before=before_log, reason=why)
    correction = SeatCorrection.objects.create(seat=seat, organization=seat.organization, corrected_on=corrected_on,
                                               before=before, after=_plain(seat), reason=why,
                                               created_by=actor if getattr(actor, "pk", None) else None)
    log_change(actor=actor, action=ChangeAction.CREATE, instance=correction, reason=why)
    require_in_scope(seat, actor, CHANGE)
    return correction
