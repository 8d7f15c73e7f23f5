"""Corrections: a new copy of an event supersedes it, or a correction withdraws it; nothing is edited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from core.decisions import Decision
from core.errors import DomainError
from members import plausibility, ruling
from members.models import (
    EventKind,
    MemberEvent,
    Person,
)
from members.queries import transfer_destination
from members.services.checks import (
    _fmt,
    _require_cell,
    _require_date,
    _require_decision,
    _require_members_scope,
    _today,
)
from members.services.log import _append, _commit, _record, _start, probation_end
from members.status import Timeline
from organizations.models import Organization
from organizations.queries import organizations_visible

# Kinds whose date is the date their decision was signed.
_DATED_BY_DECISION = {
    EventKind.ADMISSION_DECISION,
    EventKind.READMISSION_DECISION,
    EventKind.NOT_RECOGNISED,
    EventKind.STRIKE_OFF,
    EventKind.EXPULSION,
    EventKind.LEFT_VOLUNTARILY,
}


@transaction.atomic
def event_correct(
    *,
    actor: Any,
    event: MemberEvent,
    reason: str,
    withdraw: bool = False,
    occurred_on: dt.date | None = None,
    organization: Organization | None = None,
    counterpart: Organization | None = None,
    decision: Decision | None = None,
    details: Mapping[str, Any] | None = None,
) -> MemberEvent:
    """Correct an event by a new copy that supersedes it, or withdraw it; then re-derive. Nothing is edited.

    Correcting a ceremony date moves the recognition that follows it (effective at the end of probation).
    """
    person, timeline = _start(actor, event.person)
    event = MemberEvent.objects.select_related("organization", "counterpart").get(pk=event.pk)
    if not (reason or "").strip():
        raise DomainError(_("Say why the event is corrected."), field="reason")
    if MemberEvent.objects.filter(supersedes=event).exists():
        raise DomainError(_("This event has already been corrected; correct its latest version."), field="event")
    if event.kind in (EventKind.CORRECTION, EventKind.RESTRUCTURE_MOVE, EventKind.FILE_VOIDED):
        raise DomainError(_("This event cannot be corrected here."), field="event")
    if withdraw:
        return _record(actor=actor, person=person, kind=EventKind.CORRECTION, occurred_on=_today(),
                       organization=event.organization, supersedes=event,
                       details={"withdrawn_kind": event.kind}, reason=reason)
    new_decision = _require_decision(decision, required=False)
    if occurred_on is not None:
        new_on = _require_date(occurred_on, "occurred_on")
    elif new_decision is not None and event.kind in _DATED_BY_DECISION:
        new_on = new_decision.date
    else:
        new_on = event.occurred_on
    if new_decision is None and event.has_decision:
        new_decision = event.decision
    new_org = event.organization
    plausibility.not_before_birth(person, new_on, kind=event.kind)
    if organization is not None:
        new_org = _require_cell(organization, on=new_on, field="organization")
        _require_members_scope(actor, new_org)
    if counterpart is not None:
        counterpart = _require_counterpart(actor, person, event, counterpart)
    fields: dict[str, Any] = {
        "kind": event.kind,
        "organization": new_org,
        "counterpart": counterpart if counterpart is not None else event.counterpart,
        "decision": new_decision,
        "details": {**event.details, **dict(details or {}), "corrects": event.pk},
    }
    events = [_append(actor=actor, person=person, occurred_on=new_on, supersedes=event, reason=reason, **fields)]
    if event.kind == EventKind.ADMISSION_CEREMONY and new_on != event.occurred_on:
        events += _move_recognition(actor=actor, person=person, timeline=timeline, ceremony=event, new_on=new_on,
                                    reason=reason)
    _commit(actor=actor, person=person, events=events, before=timeline, reason=reason)
    return events[0]


def _require_counterpart(actor: Any, person: Person, event: MemberEvent, counterpart: Organization) -> Organization:
    """A corrected counterpart, by id: for a letter out, one of the transfer destinations (the same list as the
    transfer form); otherwise the one recorded or an organization the actor sees. Refusals name nothing."""
    if event.kind in (EventKind.TRANSFER_OUT_OFFICIAL, EventKind.TRANSFER_OUT_TEMPORARY):
        return transfer_destination(actor, person, counterpart.pk, field="counterpart")
    if counterpart.pk == event.counterpart_id and event.counterpart is not None:
        return event.counterpart
    found = organizations_visible(actor).filter(pk=counterpart.pk).first()
    if found is None:
        raise DomainError(_("No organization you may choose has this id."), field="counterpart")
    return found


def _move_recognition(
    *, actor: Any, person: Person, timeline: Timeline, ceremony: MemberEvent, new_on: dt.date, reason: str
) -> list[MemberEvent]:
    """The recognition that follows a corrected ceremony, re-dated to the new end of probation."""
    later = [e for e in timeline.events_of(EventKind.RECOGNITION) if e.occurred_on > ceremony.occurred_on]
    if not later or later[0].details.get("recorded_from"):
        return []
    recognition = later[0]
    end = probation_end(new_on)
    decided = recognition.decision_date
    if decided is not None and decided < end:
        rule = ruling.rule("recognition.probation_months", on=new_on)
        raise DomainError(
            _("With the ceremony on %(ceremony)s, probation ends on %(end)s, after the recognition decision of "
              "%(date)s (%(citation)s); withdraw the recognition first.")
            % {"ceremony": _fmt(new_on), "end": _fmt(end), "date": _fmt(decided), "citation": rule.citation},
            field="occurred_on",
        )
    return [_append(actor=actor, person=person, kind=EventKind.RECOGNITION, occurred_on=end,
                    organization=recognition.organization, counterpart=recognition.counterpart,
                    decision=recognition.decision if recognition.has_decision else None,
                    details={**recognition.details, "corrects": recognition.pk}, supersedes=recognition,
                    reason=reason)]
