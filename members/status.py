"""Status derived from the event log: a pure fold (no database, no rules), and two loaders at the end.

`derive(events)` takes every event of one person (superseded ones included) and returns a `Timeline`:
the person's status and organization on any date, the periods inside the Party, the open and closed
transfers. Events are applied in (occurred_on, order of the original recording) order; an event that
supersedes another takes the place of the one it corrects, and a superseded event is ignored.

An event that the person's status on its date does not allow is not applied: it is listed in
`Timeline.rejected` with a reason code, and services refuse to write it (services.log._commit).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from members.kinds import member_event_kinds
from members.models import CELL_RESOLUTION_FORM, MEMBER_STATUSES, EventKind, Status
from rules.calendar import add_months


class EventLike(Protocol):
    """What the fold reads from an event (a MemberEvent row satisfies it)."""

    id: Any
    kind: str
    occurred_on: dt.date
    organization_id: int | None
    counterpart_id: int | None
    supersedes_id: int | None
    details: dict[str, Any]


@dataclass(frozen=True)
class Transit:
    """An official transfer out: from `out_on` until the letter is presented (`in_on`)."""

    out_on: dt.date
    origin_id: int | None
    destination_id: int | None  # None: outside this installation
    in_on: dt.date | None = None
    event_id: Any = None


@dataclass(frozen=True)
class Exit:
    """Leaving the Party: struck off, expelled, left, not recognised or death."""

    kind: str
    on: dt.date
    grounds: tuple[str, ...] = ()


@dataclass(frozen=True)
class State:
    """Where a person stands after some events."""

    status: str = Status.NONE
    organization_id: int | None = None
    temporary_organization_id: int | None = None
    temporary_away: bool = False
    temporary_out_on: dt.date | None = None
    held_status: str | None = None  # member status kept while transferred out
    transit: Transit | None = None
    decision_on: dt.date | None = None  # admission or re-admission decision of the current membership
    decision_event_id: Any = None
    ceremony_on: dt.date | None = None
    first_decision_on: dt.date | None = None
    last_exit: Exit | None = None
    readmissions: int = 0
    since: dt.date | None = None
    lost_contact_on: dt.date | None = None  # lost contact with the Party organization (members.kinds.contact)

    @property
    def is_member(self) -> bool:
        return self.status in MEMBER_STATUSES


@dataclass(frozen=True)
class Segment:
    """The person had `status` in `organization_id` from valid_from (inclusive) to valid_to (exclusive)."""

    status: str
    organization_id: int | None
    temporary_organization_id: int | None
    valid_from: dt.date
    valid_to: dt.date | None


@dataclass(frozen=True)
class Rejection:
    event: Any
    code: str
    state: State


@dataclass
class Timeline:
    """Everything the log says about one person."""

    events: list[Any] = field(default_factory=list)  # current events in fold order
    segments: list[Segment] = field(default_factory=list)
    state: State = field(default_factory=State)
    member_periods: list[tuple[dt.date, dt.date | None]] = field(default_factory=list)
    transits: list[Transit] = field(default_factory=list)
    exits: list[Exit] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    states_before: dict[Any, State] = field(default_factory=dict)  # event id -> state just before it
    lost_contacts: list[tuple[dt.date, dt.date | None]] = field(default_factory=list)  # [lost, restored or exit)

    def segment_on(self, on: dt.date) -> Segment | None:
        for segment in self.segments:
            if segment.valid_from <= on and (segment.valid_to is None or on < segment.valid_to):
                return segment
        return None

    def status_on(self, on: dt.date) -> str:
        segment = self.segment_on(on)
        return segment.status if segment else Status.NONE

    def organization_on(self, on: dt.date) -> int | None:
        segment = self.segment_on(on)
        return segment.organization_id if segment else None

    def events_of(self, *kinds: str) -> list[Any]:
        return [e for e in self.events if e.kind in kinds]

    # -- derived facts of the admission (one definition each; services, due lists, pages and forms read them)

    def application_start(self) -> dt.date | None:
        """Where the current application for admission starts: the last registration as a candidate or, for a
        former member (re-admission has no registration), the last exit."""
        starts = [e.occurred_on for e in self.events_of(EventKind.CANDIDATE_REGISTERED)]
        if self.exits:
            starts.append(self.exits[-1].on)
        return max(starts) if starts else None

    def dossier_steps(self, *forms: str) -> list[Any]:
        """The steps of the current application's dossier (of these forms, when given), in order."""
        since = self.application_start()
        return [e for e in self.events_of(EventKind.DOSSIER_STEP)
                if (since is None or e.occurred_on >= since) and (not forms or e.details.get("form") in forms)]

    def cell_resolution_on(self) -> dt.date | None:
        """The date of the cell's latest resolution (form 6-KNĐ) of the current application."""
        resolutions = self.dossier_steps(CELL_RESOLUTION_FORM)
        return resolutions[-1].occurred_on if resolutions else None

    def probation_end(self, rules: RuleValues) -> dt.date | None:
        """End of the current probation (None before the admission ceremony)."""
        return probation_end(self.state.ceremony_on, rules) if self.state.ceremony_on is not None else None


class RuleValues(Protocol):
    """Where rule values come from (members.ruling, or a rules.Snapshot read once for many people)."""

    def value(self, key: str, *, on: dt.date) -> Any: ...


def probation_end(ceremony_on: dt.date, rules: RuleValues) -> dt.date:
    """End of probation: the rule's number of months after the ceremony (the recognition's effective date)."""
    return add_months(ceremony_on, int(rules.value("recognition.probation_months", on=ceremony_on)))


# ----------------------------------------------------------------------------- transitions

_PIPELINE = {EventKind.AWARENESS_COURSE, EventKind.DOSSIER_STEP}


def is_probationary(state: State) -> bool:
    """Probationary, or transferred out as a probationary member: while the official letter is open (up to the
    rule's working days) the recognition still belongs to the sending cell, which decides it."""
    return state.status == Status.PROBATIONARY or (
        state.status == Status.TRANSFERRED_OUT and state.held_status == Status.PROBATIONARY)


def problem(state: State, event: EventLike) -> str | None:
    """Why the event cannot follow the state (a reason code), or None when it can.

    Which statuses a kind may follow is declared with the kind (members.kinds); the checks below read more of
    the state than its status."""
    kind = event.kind
    kinds = member_event_kinds()
    if kind in kinds.anytime():
        return None
    if kind not in kinds.allowed(state.status):
        if kind == EventKind.EXPULSION and state.status == Status.PROBATIONARY:
            return "expel_probationary"
        return "status"
    if kind == EventKind.ADMISSION_CEREMONY and (state.decision_on is None or state.ceremony_on is not None):
        return "ceremony_without_decision"
    if kind in (EventKind.RECOGNITION, EventKind.NOT_RECOGNISED) and not is_probationary(state):
        return "status"  # in transfer: only a probationary member's recognition, by the sending cell
    if kind in (EventKind.RECOGNITION, EventKind.NOT_RECOGNISED) and state.ceremony_on is None:
        return "recognition_without_ceremony"
    if kind == EventKind.TRANSFER_IN_OFFICIAL and state.status != Status.TRANSFERRED_OUT and state.organization_id:
        return "transfer_in_without_letter"
    if kind == EventKind.TRANSFER_OUT_OFFICIAL and state.temporary_away:
        return "temporarily_away"
    if kind == EventKind.TRANSFER_OUT_TEMPORARY and state.temporary_away:
        return "temporarily_away"
    if kind in (EventKind.TRANSFER_IN_TEMPORARY, EventKind.TEMPORARY_RETURN) and not state.temporary_away:
        return "not_temporarily_away"
    if kind == LOST_CONTACT and state.lost_contact_on is not None:
        return "contact_lost"
    if kind == CONTACT_RESTORED and state.lost_contact_on is None:
        return "contact_not_lost"
    return None


def apply(state: State, event: EventLike) -> State:
    """The state after the event (assumes `problem` found nothing)."""
    kind, on, org = event.kind, event.occurred_on, event.organization_id
    new = replace(state)
    if kind == EventKind.CANDIDATE_REGISTERED:
        new = replace(new, status=Status.CANDIDATE, organization_id=org or state.organization_id)
    elif kind in _PIPELINE:
        if state.organization_id is None and org is not None:
            new = replace(new, organization_id=org)
    elif kind in (EventKind.ADMISSION_DECISION, EventKind.READMISSION_DECISION):
        # An admission recorded from the file of a member who arrives from outside has no organization here.
        keep = state.organization_id if kind == EventKind.READMISSION_DECISION else None
        new = replace(
            new,
            status=Status.PROBATIONARY,
            organization_id=org if org is not None else keep,
            decision_on=on,
            decision_event_id=event.id,
            ceremony_on=None,
            first_decision_on=state.first_decision_on or on,
            readmissions=state.readmissions + (kind == EventKind.READMISSION_DECISION),
        )
    elif kind == EventKind.ADMISSION_CEREMONY:
        new = replace(new, ceremony_on=on)
    elif kind == EventKind.RECOGNITION and state.status == Status.TRANSFERRED_OUT:
        new = replace(new, held_status=Status.OFFICIAL)  # decided by the sending cell while the letter is open
    elif kind == EventKind.RECOGNITION:
        new = replace(new, status=Status.OFFICIAL)
    elif kind == EventKind.TRANSFER_OUT_OFFICIAL:
        transit = Transit(out_on=on, origin_id=state.organization_id, destination_id=event.counterpart_id,
                          event_id=event.id)
        new = replace(new, status=Status.TRANSFERRED_OUT, held_status=state.status, transit=transit,
                      temporary_organization_id=None, temporary_away=False, temporary_out_on=None)
    elif kind == EventKind.TRANSFER_IN_OFFICIAL:
        held = state.held_status if state.status == Status.TRANSFERRED_OUT else state.status
        new = replace(new, status=held or Status.OFFICIAL, held_status=None, transit=None, organization_id=org)
    elif kind == EventKind.TRANSFER_OUT_TEMPORARY:
        new = replace(new, temporary_away=True, temporary_out_on=on, temporary_organization_id=None)
    elif kind == EventKind.TRANSFER_IN_TEMPORARY:
        new = replace(new, temporary_organization_id=org)
    elif kind == EventKind.TEMPORARY_RETURN:
        new = replace(new, temporary_away=False, temporary_out_on=None, temporary_organization_id=None)
    elif kind == EventKind.EXEMPTION_START:
        new = replace(new, status=Status.EXEMPTED)
    elif kind == EventKind.EXEMPTION_END:
        new = replace(new, status=Status.OFFICIAL)
    elif kind in _EXIT_STATUS:
        new = replace(new, status=_EXIT_STATUS[kind], held_status=None, transit=None, temporary_away=False,
                      temporary_out_on=None, temporary_organization_id=None,
                      last_exit=Exit(kind, on, exit_grounds(event)), lost_contact_on=None)
    elif kind in (LOST_CONTACT, CONTACT_RESTORED):
        new = replace(new, lost_contact_on=on if kind == LOST_CONTACT else None)
    elif kind == EventKind.FILE_VOIDED:
        new = replace(new, status=Status.VOIDED, held_status=None, transit=None, temporary_away=False,
                      temporary_out_on=None, temporary_organization_id=None)
    elif kind == EventKind.RESTRUCTURE_MOVE:
        if event.details.get("host_only"):
            new = replace(new, temporary_organization_id=org)
        else:
            new = replace(new, organization_id=org)
    if new.status != state.status:
        new = replace(new, since=on)
    return new


# Lost contact with the Party organization and contact restored (declared in members.kinds.contact).
LOST_CONTACT, CONTACT_RESTORED = "lost_contact", "contact_restored"

_EXIT_STATUS: dict[str, str] = {
    EventKind.NOT_RECOGNISED: Status.STRUCK_OFF,
    EventKind.STRIKE_OFF: Status.STRUCK_OFF,
    EventKind.EXPULSION: Status.EXPELLED,
    EventKind.LEFT_VOLUNTARILY: Status.LEFT,
    EventKind.DEATH: Status.DEAD,
}


def exit_grounds(event: EventLike) -> tuple[str, ...]:
    """Ground codes of a leaving event (used by the re-admission bars)."""
    details = event.details or {}
    codes = [details["ground"]] if details.get("ground") else []
    codes += list(details.get("grounds") or [])
    if event.kind == EventKind.LEFT_VOLUNTARILY:
        codes.append("applied_to_leave")
    if event.kind == EventKind.NOT_RECOGNISED:
        codes.append("not_recognised")
    return tuple(dict.fromkeys(codes))


# ----------------------------------------------------------------------------- the fold


def _merge(segments: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for segment in segments:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.valid_to == segment.valid_from
            and (previous.status, previous.organization_id, previous.temporary_organization_id)
            == (segment.status, segment.organization_id, segment.temporary_organization_id)
        ):
            merged[-1] = replace(previous, valid_to=segment.valid_to)
        else:
            merged.append(segment)
    return merged


def current_events(events: Iterable[EventLike]) -> list[EventLike]:
    """Events not superseded, in fold order: date, then the recording order of the original event."""
    events = list(events)
    by_id = {e.id: e for e in events}
    superseded = {e.supersedes_id for e in events if e.supersedes_id is not None}

    def root(event: EventLike) -> Any:
        seen = 0
        while event.supersedes_id is not None and event.supersedes_id in by_id and seen < 1000:
            event = by_id[event.supersedes_id]
            seen += 1
        return event.id

    live = [e for e in events if e.id not in superseded and e.kind != EventKind.CORRECTION]
    return sorted(live, key=lambda e: (e.occurred_on, root(e), e.id))


Check = Callable[[EventLike, State], None]


def derive(events: Sequence[EventLike] | Iterable[EventLike], *, check: Check | None = None) -> Timeline:
    """Fold a person's events into a Timeline. `check(event, state_before)` may raise to refuse an event."""
    timeline = Timeline()
    state = State()
    segments: list[Segment] = []
    period_start: dt.date | None = None
    for event in current_events(events):
        code = problem(state, event)
        if code is not None:
            timeline.rejected.append(Rejection(event, code, state))
            continue
        if check is not None:
            check(event, state)
        timeline.states_before[event.id] = state
        timeline.events.append(event)
        new = apply(state, event)
        on = event.occurred_on
        if event.kind in (EventKind.ADMISSION_DECISION, EventKind.READMISSION_DECISION):
            period_start = on
        if event.kind in _EXIT_STATUS and period_start is not None:
            timeline.member_periods.append((period_start, on))
            period_start = None
        if event.kind in _EXIT_STATUS:
            timeline.exits.append(new.last_exit)  # type: ignore[arg-type]
        if state.lost_contact_on is not None and new.lost_contact_on is None:
            timeline.lost_contacts.append((state.lost_contact_on, on))
        if event.kind == EventKind.TRANSFER_IN_OFFICIAL and state.transit is not None:
            timeline.transits.append(replace(state.transit, in_on=on))
        if event.kind in _EXIT_STATUS and state.transit is not None:
            timeline.transits.append(state.transit)
        key = (new.status, new.organization_id, new.temporary_organization_id)
        if not segments or (segments[-1].status, segments[-1].organization_id,
                            segments[-1].temporary_organization_id) != key:
            if segments and segments[-1].valid_to is None:
                segments[-1] = replace(segments[-1], valid_to=on)
            segments.append(Segment(new.status, new.organization_id, new.temporary_organization_id, on, None))
        state = new
    if period_start is not None:
        timeline.member_periods.append((period_start, None))
    if state.transit is not None:
        timeline.transits.append(state.transit)
    if state.lost_contact_on is not None:
        timeline.lost_contacts.append((state.lost_contact_on, None))
    # Several events on one day: only the day's last state holds a (non-empty) segment.
    timeline.segments = _merge([s for s in segments if s.valid_to is None or s.valid_to > s.valid_from])
    timeline.state = state
    return timeline


# ----------------------------------------------------------------------------- loaders


def person_timeline(person: Any) -> Timeline:
    """The timeline of a person already fetched through its scope (one query for the events)."""
    from members.models import MemberEvent

    return derive(MemberEvent.objects.filter(person=person).order_by("id"))


def person_status(person: Any, *, on: dt.date) -> str:
    """The person's status on `on`, derived from the log (Status.NONE before the first event)."""
    return person_timeline(person).status_on(on)
