"""Transfers: the introduction letter out (official or temporary), its presentation in, the return."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.scope import CHANGE, require_in_scope
from members import plausibility, ruling
from members.models import (
    EventKind,
    MemberEvent,
    Person,
    Status,
    TemporaryPurpose,
)
from members.queries import transfer_destination
from members.services.checks import _fmt, _Pseudo, _require_cell, _require_date, _require_members_scope
from members.services.file import _record_history
from members.services.inputs import AdmissionRecord, TransferLetter
from members.services.log import _events_of, _lock, _record, _refusal, _start
from members.status import Timeline, derive
from organizations.models import Organization


def _require_transfer_destination(
    actor: Any, person: Person, destination: Organization | None, outside: str, *, on: dt.date
) -> tuple[Organization | None, str]:
    outside = " ".join((outside or "").split())
    if destination is None and not outside:
        raise DomainError(_("Choose the destination cell, or name the organization outside this installation."),
                          field="destination")
    if destination is not None and outside:
        raise DomainError(_("Choose a destination cell or an outside organization, not both."), field="destination")
    if destination is None:
        return None, outside
    destination = transfer_destination(actor, person, destination.pk)  # as the page offers; names nothing
    try:
        cell = _require_cell(destination, on=on, field="destination")
    except Organization.DoesNotExist as exc:
        raise DomainError(_("The destination is not in the organization tree."), field="destination") from exc
    if cell.dissolved_on is not None and cell.dissolved_on <= on:
        raise DomainError(_("%(name)s has been dissolved.") % {"name": cell.name}, field="destination")
    if cell.pk == person.organization_id:
        raise DomainError(_("The destination is the member's own cell."), field="destination")
    return cell, ""


@transaction.atomic
def member_transfer_out(
    *,
    actor: Any,
    person: Person,
    temporary: bool,
    occurred_on: dt.date,
    letter: TransferLetter,
    destination: Organization | None = None,
    destination_outside: str = "",
    purpose: str | None = None,
    until: dt.date | None = None,
    reason: str = "",
) -> MemberEvent:
    """Issue the introduction letter: an official transfer (the member leaves the cell) or a temporary one.

    The destination is a cell of this installation or, by name, an organization outside it. A temporary
    transfer keeps the member counted at home; its length must fit the rule for work or for study.
    """
    person, _timeline = _start(actor, person)
    occurred_on = _require_date(occurred_on, "occurred_on")
    plausibility.not_before_birth(person, occurred_on)
    cell, outside = _require_transfer_destination(actor, person, destination, destination_outside,
                                                 on=occurred_on)
    if not letter.register_number.strip():
        raise DomainError(_("The letter's register number is required."), field="register_number")
    letter = replace(letter, card_number=letter.card_number or person.party_card_number,
                     history_number=letter.history_number or person.history_number)
    details: dict[str, Any] = {"letter": letter.as_details()}
    if outside:
        details["destination_outside"] = outside
    if not temporary:
        return _record(actor=actor, person=person, kind=EventKind.TRANSFER_OUT_OFFICIAL, occurred_on=occurred_on,
                       organization=person.organization, counterpart=cell, details=details, reason=reason)
    if purpose not in TemporaryPurpose.values:
        raise DomainError(_("Say whether the temporary transfer is for work or for study."), field="purpose")
    if until is None or until <= occurred_on:
        raise DomainError(_("Give the expected date of return."), field="until")
    months = ruling.months_between(occurred_on, until)
    low = ruling.rule("temporary_transfer.min_months", on=occurred_on)
    key = "temporary_transfer.max_months_work" if purpose == TemporaryPurpose.WORK else \
        "temporary_transfer.max_months_study"
    high = ruling.rule(key, on=occurred_on)
    # Work: "from 3 months to under 1 year"; study: "from 3 months to 2 years" (the upper bound included).
    too_long = months >= int(high.value) if purpose == TemporaryPurpose.WORK else (
        months > int(high.value) or (months == int(high.value) and ruling.add_months(occurred_on, months) < until))
    if months < int(low.value) or too_long:
        raise DomainError(
            _("A temporary transfer for %(purpose)s lasts from %(min)s to %(max)s months; %(months)s months given "
              "(%(citation)s).")
            % {"purpose": TemporaryPurpose(purpose).label, "min": low.value, "max": high.value, "months": months,
               "citation": high.citation},
            field="until",
        )
    details.update({"purpose": purpose, "until": until.isoformat()})
    return _record(actor=actor, person=person, kind=EventKind.TRANSFER_OUT_TEMPORARY, occurred_on=occurred_on,
                   organization=person.organization, counterpart=cell, details=details, reason=reason)


@transaction.atomic
def member_transfer_in(
    *,
    actor: Any,
    person: Person,
    temporary: bool,
    organization: Organization,
    occurred_on: dt.date,
    letter: TransferLetter | None = None,
    late_explanation: str = "",
    origin_outside: str = "",
    arriving: AdmissionRecord | None = None,
    reason: str = "",
) -> MemberEvent:
    """The member presents the letter to the receiving cell (official) or the host cell (temporary).

    Late presentation (after the rule's working days) needs the member's written explanation. A member
    arriving from outside this installation brings the admission history of the file (`arriving`).
    """
    occurred_on = _require_date(occurred_on, "occurred_on")
    plausibility.not_before_birth(person, occurred_on)
    cell = _require_cell(organization, on=occurred_on, field="organization")
    _require_members_scope(actor, cell)
    # The member may still be registered outside the receiver's scope: the letter is the authority.
    person = _lock(person)
    if arriving is not None:
        require_in_scope(person, actor, CHANGE)
    timeline = derive(_events_of(person))
    details: dict[str, Any] = {"letter": letter.as_details() if letter else {}}
    if origin_outside.strip():
        details["origin_outside"] = " ".join(origin_outside.split())
    state = timeline.state
    if temporary:
        if state.temporary_away and _pending_host(timeline) != cell.pk:
            raise DomainError(
                _("The letter sends %(name)s to another host cell; correct the temporary transfer first.")
                % {"name": person.full_name}, field="organization")
        return _record(actor=actor, person=person, kind=EventKind.TRANSFER_IN_TEMPORARY, occurred_on=occurred_on,
                       organization=cell, details=details, reason=reason, check_scope=False)
    transit = state.transit
    if transit is not None and transit.destination_id != cell.pk:
        raise DomainError(
            _("The letter sends %(name)s to another cell; correct the transfer out first.")
            % {"name": person.full_name}, field="organization")
    if arriving is not None:
        if state.status != Status.NONE:
            raise DomainError(_("This file already has an admission history."), field="arriving")
        if not details.get("origin_outside"):
            raise DomainError(_("Name the organization the member comes from."), field="origin_outside")
        _record_history(actor=actor, person=person, admitted=arriving, organization=None, reason=reason)
        sent_on = letter.issued_on if letter and letter.issued_on else None
    else:
        if state.status != Status.TRANSFERRED_OUT or transit is None:
            raise _refusal(person, _Pseudo(EventKind.TRANSFER_IN_OFFICIAL, occurred_on), "transfer_in_without_letter",
                           state)
        sent_on = transit.out_on
        details["origin_id"] = transit.origin_id
    if sent_on is not None:
        deadline = ruling.rule("transfer.present_deadline_working_days", on=sent_on)
        used = ruling.working_days_between(sent_on, occurred_on)
        details["working_days_taken"] = used
        if used > int(deadline.value):
            if not (late_explanation or "").strip():
                raise DomainError(
                    _("The letter is presented %(used)s working days after %(sent)s, more than %(days)s: the member's "
                      "written explanation is required (%(citation)s).")
                    % {"used": used, "sent": _fmt(sent_on), "days": deadline.value, "citation": deadline.citation},
                    field="late_explanation",
                )
            details["late_explanation"] = late_explanation.strip()
    counterpart = None
    if transit is not None and transit.origin_id:
        counterpart = Organization.objects.get(pk=transit.origin_id)
    event = _record(actor=actor, person=person, kind=EventKind.TRANSFER_IN_OFFICIAL, occurred_on=occurred_on,
                    organization=cell, counterpart=counterpart, details=details, reason=reason)
    return event


def _pending_host(timeline: Timeline) -> int | None:
    """The host named in the open temporary transfer, if any."""
    outs = timeline.events_of(EventKind.TRANSFER_OUT_TEMPORARY)
    return outs[-1].counterpart_id if outs and timeline.state.temporary_away else None
