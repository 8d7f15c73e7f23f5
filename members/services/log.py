"""The event log's plumbing: append events, re-derive the person from the whole log, refuse what it no longer
allows, rewrite the derived caches (status, cell, spells) and the change log. Every service goes through
`_record` (one event) or `_append` + `_commit` (several).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from core.changelog import log_change
from core.decisions import Decision
from core.errors import DomainError
from core.models import ChangeAction
from core.scope import CHANGE, require_in_scope
from core.validators import refuse_control_characters_in
from members import plausibility, ruling
from members.kinds import kind_label, member_event_kinds
from members.models import (
    FORMER_STATUSES,
    EventKind,
    MemberEvent,
    MembershipSpell,
    Person,
    Status,
)
from members.services.checks import _fmt, _user
from members.standing.store import store as store_standing
from members.status import State, Timeline, derive
from members.status import probation_end as status_probation_end
from members.words import person_words_sync
from organizations.models import Organization

#: Called in the write's transaction once a person's derived rows are rewritten, as
#: f(person, before=Timeline, after=Timeline, before_person=None); `before_person` carries the sex and ethnicity
#: before a file correction changed them. Apps above members subscribe from their ready() (tallies).
REBUILD_SUBSCRIBERS: list[Callable[..., None]] = []


#: The same for many persons at once (members.services.bulk): factories of an accumulator with
#: `add(person, before=, after=)` and `close()` (called once, in the write's transaction); a factory's `replaces`
#: names the subscriber of REBUILD_SUBSCRIBERS it stands for, which is then not called person by person.
BULK_REBUILD_SUBSCRIBERS: list[Callable[[], Any]] = []


def announce(person: Person, *, before: Timeline | None, after: Timeline, before_person: Any = None) -> None:
    for subscriber in REBUILD_SUBSCRIBERS:
        subscriber(person, before=before, after=after, before_person=before_person)


class Announcements:
    """The rebuilds of many persons: to the bulk subscribers at `close()`, to the others one person at a time."""

    def __init__(self) -> None:
        self.bulk = [factory() for factory in BULK_REBUILD_SUBSCRIBERS]
        replaced = [getattr(factory, "replaces", None) for factory in BULK_REBUILD_SUBSCRIBERS]
        self.single = [subscriber for subscriber in REBUILD_SUBSCRIBERS if subscriber not in replaced]

    def add(self, person: Person, *, before: Timeline | None, after: Timeline) -> None:
        for subscriber in self.single:
            subscriber(person, before=before, after=after, before_person=None)
        for accumulator in self.bulk:
            accumulator.add(person, before=before, after=after)

    def close(self) -> None:
        for accumulator in self.bulk:
            accumulator.close()


def _lock(person: Person) -> Person:
    return Person.objects.select_for_update().select_related("organization").get(pk=person.pk)


def _events_of(person: Person) -> list[MemberEvent]:
    return list(MemberEvent.objects.filter(person=person).order_by("id"))


def _cache_state(person: Person) -> dict[str, Any]:
    return {
        "status": person.status,
        "organization_id": person.organization_id,
        "temporary_organization_id": person.temporary_organization_id,
        "status_since": person.status_since.isoformat() if person.status_since else None,
    }


def _apply_state(person: Person, timeline: Timeline) -> None:
    """Set the derived caches of one person from its timeline: status, cell, temporary host (not saved)."""
    state = timeline.state
    person.status = state.status
    person.status_since = state.since
    if state.organization_id is not None:
        person.organization_id = state.organization_id
    person.temporary_organization_id = state.temporary_organization_id


def _spells(person: Person, timeline: Timeline) -> list[MembershipSpell]:
    """The person's spells as the timeline gives them (none for a voided file: it counts nowhere, not even in the
    past)."""
    if timeline.state.status == Status.VOIDED:
        return []
    return [
        MembershipSpell(
            person=person,
            organization_id=segment.organization_id,
            status=segment.status,
            valid_from=segment.valid_from,
            valid_to=segment.valid_to,
        )
        for segment in timeline.segments
        if segment.organization_id is not None and segment.status != Status.NONE
    ]


def _rebuild(person: Person, timeline: Timeline) -> None:
    """Rewrite the derived caches of one person: status, cell, temporary host, spells."""
    _apply_state(person, timeline)
    person.save(update_fields=["status", "status_since", "organization", "temporary_organization", "updated_at"])
    person_words_sync(person)  # the name search reads the cell and status from the word table (members.words)
    store_standing(person, timeline)  # stage, pending and late steps, badges due (members.standing)
    MembershipSpell.objects.filter(person=person).delete()
    MembershipSpell.objects.bulk_create(_spells(person, timeline))


def _refusal(person: Person, event: Any, code: str, state: State) -> DomainError:
    """The message for an event that the person's status on its date does not allow, naming the rule."""
    on = event.occurred_on
    names = {"name": person.full_name, "date": _fmt(on), "event": kind_label(event.kind),
             "status": Status(state.status).label, "since": _fmt(state.since)}
    if code == "status" and state.status in FORMER_STATUSES:
        names["citation"] = ruling.citation("readmission.min_months_out", on=on)
        message = _("%(name)s is %(status)s since %(since)s: only re-admission can be recorded (%(citation)s).")
    elif code == "status" and state.status == Status.DEAD:
        message = _("%(name)s died on %(since)s; nothing more can be recorded.")
    elif code == "expel_probationary":
        message = _(
            "%(name)s is a probationary member on %(date)s: the discipline forms for a probationary member are "
            "reprimand and warning, not expulsion (Quy định 69-QĐ/TW)."
        )
    elif code == "ceremony_without_decision":
        names["citation"] = ruling.citation("admission.ceremony_deadline_working_days", on=on)
        message = _(
            "No admission decision awaits a ceremony for %(name)s on %(date)s: the ceremony follows the decision "
            "(%(citation)s)."
        )
    elif code == "recognition_without_ceremony":
        names["citation"] = ruling.citation("recognition.probation_months", on=on)
        message = _(
            "%(name)s has had no admission ceremony: probation counts from the ceremony, so there is nothing to "
            "recognise on %(date)s (%(citation)s)."
        )
    elif code == "transfer_in_without_letter":
        names["citation"] = ruling.citation("transfer.present_deadline_working_days", on=on)
        message = _("%(name)s has no official transfer letter to present on %(date)s (%(citation)s).")
    elif code == "temporarily_away":
        message = _("%(name)s is temporarily transferred on %(date)s: record the return first.")
    elif code == "not_temporarily_away":
        message = _("%(name)s is not temporarily transferred on %(date)s.")
    else:
        key = member_event_kinds().rule(event.kind)  # the rule declared with the kind
        names["citation"] = ruling.citation(key, on=on) if key else _("Điều lệ Đảng")
        message = _("“%(event)s” cannot be recorded on %(date)s: %(name)s is then “%(status)s” (%(citation)s).")
    return DomainError(message % names, field="occurred_on")


def _date_checks(person: Person) -> Any:
    """Rule-based checks on the order of dates, run for every event while the log is folded."""

    def check(event: Any, state: State) -> None:
        on = event.occurred_on
        if event.kind == EventKind.ADMISSION_CEREMONY and state.decision_on and on < state.decision_on:
            raise DomainError(
                _("The admission ceremony (%(date)s) cannot come before the admission decision (%(decided)s) "
                  "(%(citation)s).")
                % {"date": _fmt(on), "decided": _fmt(state.decision_on),
                   "citation": ruling.citation("admission.ceremony_deadline_working_days", on=state.decision_on)},
                field="occurred_on",
            )
        from_file = bool(event.details.get("recorded_from"))  # dates of record, from before the rules' versions
        if event.kind in (EventKind.RECOGNITION, EventKind.NOT_RECOGNISED) and state.ceremony_on and not from_file:
            end = probation_end(state.ceremony_on)
            if on < end:
                rule = ruling.rule("recognition.probation_months", on=state.ceremony_on)
                raise DomainError(
                    _("Probation of %(months)s months from the ceremony of %(ceremony)s ends on %(end)s; "
                      "%(date)s is too early (%(citation)s).")
                    % {"months": rule.value, "ceremony": _fmt(state.ceremony_on), "end": _fmt(end),
                       "date": _fmt(on), "citation": rule.citation},
                    field="decision_date",
                )
        plausibility.not_before_birth(person, on, kind=event.kind)

    return check


def probation_end(ceremony_on: dt.date) -> dt.date:
    """End of probation after a ceremony on that day, by the rules in force (members.status.probation_end)."""
    return status_probation_end(ceremony_on, ruling)


def _append(
    *,
    actor: Any,
    person: Person,
    kind: str,
    occurred_on: dt.date,
    organization: Organization | None,
    counterpart: Organization | None = None,
    decision: Decision | None = None,
    details: Mapping[str, Any] | None = None,
    supersedes: MemberEvent | None = None,
    reason: str = "",
) -> MemberEvent:
    """Save one event row (the caller then commits the person with `_commit`)."""
    event = _new_event(actor=actor, person=person, kind=kind, occurred_on=occurred_on, organization=organization,
                       counterpart=counterpart, decision=decision, details=details, supersedes=supersedes,
                       reason=reason)
    event.save()
    return event


def _new_event(
    *,
    actor: Any,
    person: Person,
    kind: str,
    occurred_on: dt.date,
    organization: Organization | None,
    counterpart: Organization | None = None,
    decision: Decision | None = None,
    details: Mapping[str, Any] | None = None,
    supersedes: MemberEvent | None = None,
    reason: str = "",
) -> MemberEvent:
    """One event row, checked for control characters, not saved yet."""
    event = MemberEvent(
        person=person,
        kind=kind,
        occurred_on=occurred_on,
        organization=organization,
        counterpart=counterpart,
        details=dict(details or {}),
        supersedes=supersedes,
        reason=(reason or "").strip(),
        created_by=_user(actor),
    )
    if decision is not None:
        event.decision_number = decision.number
        event.decision_date = decision.date
        event.decision_issuer = decision.issuer
    refuse_control_characters_in(event)
    return event


def _commit(
    *,
    actor: Any,
    person: Person,
    events: Sequence[MemberEvent],
    before: Timeline,
    reason: str = "",
    check_scope: bool = True,
) -> None:
    """Re-derive the person from the whole log with the new events; refuse what the log no longer allows."""
    cache_before = _cache_state(person)
    if before.state.status == Status.VOIDED and any(e.kind != EventKind.RESTRUCTURE_MOVE for e in events):
        raise DomainError(_("The file of %(name)s is voided (entered by mistake): nothing more is recorded on it.")
                          % {"name": person.full_name}, field="person")
    timeline = _checked(person, _events_of(person), events, before)
    _rebuild(person, timeline)
    announce(person, before=before, after=timeline)
    for event in events:
        log_change(actor=actor, action=ChangeAction.CREATE, instance=event, reason=reason)
        log_change(
            actor=actor,
            action=ChangeAction.EVENT,
            instance=person,
            before=cache_before,
            after={**_cache_state(person), "event_id": event.pk, "event_kind": event.kind},
            reason=reason,
        )
        cache_before = _cache_state(person)
    if check_scope:
        require_in_scope(person, actor, CHANGE)


def _checked(person: Person, log: Sequence[MemberEvent], events: Sequence[MemberEvent], before: Timeline) -> Timeline:
    """The person's timeline from the whole `log` with the new `events`, refusing what the rules or the log no longer
    allow (the first refusal raised)."""
    for event in events:
        plausibility.check_event(person, event)
    timeline = derive(log, check=_date_checks(person))
    known = {r.event.id for r in before.rejected}
    for rejection in timeline.rejected:
        if rejection.event.id not in known:
            raise _refusal(person, rejection.event, rejection.code, rejection.state)
    return timeline


def _record(*, actor: Any, person: Person, reason: str = "", check_scope: bool = True, **fields: Any) -> MemberEvent:
    """Append one event and commit the person: the usual path of a service."""
    before = derive(_events_of(person))
    event = _append(actor=actor, person=person, reason=reason, **fields)
    _commit(actor=actor, person=person, events=[event], before=before, reason=reason, check_scope=check_scope)
    return event


def _start(actor: Any, person: Person) -> tuple[Person, Timeline]:
    require_in_scope(person, actor, CHANGE)
    person = _lock(person)
    return person, derive(_events_of(person))

