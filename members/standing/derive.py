"""What is stored for one person, computed from the folded timeline (pure: rules come in a Snapshot)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from core.errors import DomainError
from members.due import DueKind
from members.models import CELL_RESOLUTION_FORM, DOSSIER_COMPLETED_FORM, MEMBER_STATUSES, EventKind, Status
from members.party_age import POSTHUMOUS_KEY, badge_for, next_presentation_day, party_age_of, posthumous_badge
from members.ruling import Snapshot
from members.status import State, Timeline
from rules.calendar import add_months


class Stage:
    """Stages of the admission pipeline (the board's columns, in order)."""

    REGISTERED = "registered"
    COURSE_DONE = "course_done"
    DOSSIER = "dossier"
    DECISION_PENDING = "decision_pending"
    CEREMONY_PENDING = "ceremony_pending"
    PROBATIONARY = "probationary"
    RECOGNISED = "recognised"


_MISSING = object()
_MEMO: list[Any] = [None, {}]  # [the rulebook the answers came from, {(key, day): version or refusal}]


class MemoRules:
    """A Snapshot whose rule lookups are remembered while the rulebook stays the same (badge days probe the same
    few dates for every person; a lookup copies the rule's row)."""

    def __init__(self, rules: Snapshot) -> None:
        self.rules = rules
        if _MEMO[0] is not rules.book:
            _MEMO[0], _MEMO[1] = rules.book, {}
        self.memo: dict[tuple[str, dt.date], Any] = _MEMO[1]

    def rule(self, key: str, *, on: dt.date) -> Any:
        found = self.memo.get((key, on), _MISSING)
        if found is _MISSING:
            try:
                found = self.rules.rule(key, on=on)
            except DomainError as refusal:
                found = refusal
            self.memo[(key, on)] = found
        if isinstance(found, DomainError):
            raise found
        return found

    def value(self, key: str, *, on: dt.date) -> Any:
        return self.rule(key, on=on).value

    def has(self, key: str, *, on: dt.date) -> bool:
        try:
            self.rule(key, on=on)
        except DomainError:
            return False
        return True

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        return self.rules.add_working_days(start, n)

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        return self.rules.working_days_between(a, b)


@dataclass(frozen=True)
class Pending:
    kind: str
    started_on: dt.date
    due_on: dt.date
    shown_from: dt.date
    shown_until: dt.date | None
    rule_key: str


@dataclass(frozen=True)
class Late:
    event_id: int
    kind: str
    due_on: dt.date
    done_on: dt.date
    late_days: int
    rule_key: str


@dataclass(frozen=True)
class Badge:
    presentation_on: dt.date
    years: int
    early: bool
    posthumous: bool
    age_years: int
    age_months: int


@dataclass(frozen=True)
class Derived:
    stage: str
    stage_since: dt.date | None
    pending: list[Pending]
    late: list[Late]
    badges: list[Badge]


def stage_of(timeline: Timeline, *, year: int | None = None) -> tuple[str, dt.date] | None:
    """Where the person stands in the admission pipeline after the timeline's events, and since when; None outside
    it. The one definition: the stored standing (year=None: "recognised" with the last recognition, whatever its
    year; the read keeps that year's) and the folded board (the recognitions of `year` only) both call it.

    A candidate's current application starts at `Timeline.application_start()` (the last registration, or the last
    exit when that is later): earlier dossier steps belong to an earlier application."""
    state = timeline.state
    if state.status == Status.CANDIDATE:
        since = timeline.application_start() or state.since
        assert since is not None  # a candidate's status has a start
        resolutions = timeline.dossier_steps(CELL_RESOLUTION_FORM, DOSSIER_COMPLETED_FORM)
        if resolutions:
            return Stage.DECISION_PENDING, resolutions[0].occurred_on
        steps = timeline.dossier_steps()
        if steps:
            return Stage.DOSSIER, steps[0].occurred_on
        courses = timeline.events_of(EventKind.AWARENESS_COURSE)
        if courses:
            return Stage.COURSE_DONE, courses[-1].occurred_on
        return Stage.REGISTERED, since
    if state.status == Status.PROBATIONARY and state.decision_on is not None:
        if state.ceremony_on is None:
            return Stage.CEREMONY_PENDING, state.decision_on
        return Stage.PROBATIONARY, state.ceremony_on
    recognitions = [e for e in timeline.events_of(EventKind.RECOGNITION) if year is None or e.occurred_on.year == year]
    if recognitions and state.status in MEMBER_STATUSES:
        return Stage.RECOGNISED, recognitions[-1].occurred_on
    return None


def _working(kind: str, started: dt.date, key: str, rules: Snapshot) -> Pending:
    due = rules.add_working_days(started, int(rules.value(key, on=started)))
    return Pending(kind, started, due, started, None, key)


def pending_of(state: State, events: Sequence[Any], rules: Snapshot) -> list[Pending]:
    """The steps awaited after `events` (current events in fold order) that left the person in `state`."""
    if state.status == Status.CANDIDATE:
        # The current application's start, as Timeline.application_start() (here from a state part-way through).
        starts = [e.occurred_on for e in events if e.kind == EventKind.CANDIDATE_REGISTERED]
        if state.last_exit is not None:
            starts.append(state.last_exit.on)
        since = max(starts, default=None)
        resolutions = [e for e in events if e.kind == EventKind.DOSSIER_STEP
                       and e.details.get("form") == CELL_RESOLUTION_FORM
                       and (since is None or e.occurred_on >= since)]
        if resolutions:
            return [_working(DueKind.ADMISSION_DECISION, resolutions[-1].occurred_on,
                             "admission.decision_deadline_working_days", rules)]
    elif state.status == Status.PROBATIONARY and state.decision_on is not None:
        if state.ceremony_on is None:
            decision = next(e for e in events if e.id == state.decision_event_id)
            received = decision.details.get("received_on")
            started = dt.date.fromisoformat(received) if received else state.decision_on
            return [_working(DueKind.ADMISSION_CEREMONY, started, "admission.ceremony_deadline_working_days", rules)]
        end = add_months(state.ceremony_on, int(rules.value("recognition.probation_months", on=state.ceremony_on)))
        ending = Pending(DueKind.PROBATION_ENDING, state.ceremony_on, end, end.replace(day=1),
                         end - dt.timedelta(days=1), "recognition.probation_months")
        return [ending, _working(DueKind.RECOGNITION, end, "recognition.consider_deadline_working_days", rules)]
    elif state.status == Status.TRANSFERRED_OUT and state.transit is not None and state.transit.destination_id:
        return [_working(DueKind.TRANSFER_PRESENTATION, state.transit.out_on,
                         "transfer.present_deadline_working_days", rules)]
    return []


#: The step each kind of event completes.
COMPLETES = {
    EventKind.ADMISSION_DECISION: DueKind.ADMISSION_DECISION,
    EventKind.ADMISSION_CEREMONY: DueKind.ADMISSION_CEREMONY,
    EventKind.RECOGNITION: DueKind.RECOGNITION,
    EventKind.NOT_RECOGNISED: DueKind.RECOGNITION,
    EventKind.TRANSFER_IN_OFFICIAL: DueKind.TRANSFER_PRESENTATION,
}


def late_of(timeline: Timeline, rules: Snapshot) -> list[Late]:
    """Steps recorded after the deadline that was running when they were taken (a decision counts from its date).
    Dates copied from an older file ("recorded_from") are left out: their deadlines were not kept here."""
    found: list[Late] = []
    for index, event in enumerate(timeline.events):
        step = COMPLETES.get(event.kind)
        if step is None or event.details.get("recorded_from"):
            continue
        try:
            awaited = [p for p in pending_of(timeline.states_before[event.id], timeline.events[:index], rules)
                       if p.kind == step]
        except DomainError:  # no rule in force then: no deadline was running
            continue
        done = getattr(event, "decision_date", None) if step == DueKind.RECOGNITION else None
        done = done or event.occurred_on
        for pending in awaited:
            if done > pending.due_on:
                days = rules.working_days_between(pending.due_on, done)
                if days > 0:
                    found.append(Late(event.id, step, pending.due_on, done, days, pending.rule_key))
    return found


def _candidate_days(counted_from: dt.date, *, seriously_ill: bool, today: dt.date, rules: Snapshot) -> set[dt.date]:
    """Presentation days from `today` on at which a badge can fall due (reached, or reached early if ill)."""
    days: set[dt.date] = set()
    years = [int(y) for y in rules.value("party_age.badge_years", on=today)]
    bands = rules.value("party_age.badge_early_months", on=today) or []
    for badge in years:
        reached = add_months(counted_from, 12 * badge)
        last = next_presentation_day(max(reached, today), rules)
        early = max((int(b.get("months", 0)) for b in bands
                     if int(b.get("from", 0)) <= badge <= int(b.get("to", 0))), default=0) if seriously_ill else 0
        day = next_presentation_day(max(add_months(reached, -early), today), rules)
        while day <= last:
            days.add(day)
            day = next_presentation_day(day + dt.timedelta(days=1), rules)
    return days


def badges_of(timeline: Timeline, *, seriously_ill: bool, today: dt.date, rules: Snapshot) -> list[Badge]:
    """Badges due at presentation days from `today` on (posthumous ones within the rule's months of a death)."""
    state = timeline.state
    try:
        if state.status == Status.DEAD:
            return _posthumous(timeline, today=today, rules=rules)
        if state.status not in MEMBER_STATUSES:
            return []
        age = party_age_of(timeline, on=today, rules=rules)
        if age is None:
            return []
        found = []
        for day in sorted(_candidate_days(age.counted_from, seriously_ill=seriously_ill, today=today, rules=rules)):
            badge = badge_for(timeline, seriously_ill=seriously_ill, presentation_on=day, rules=rules)
            then = party_age_of(timeline, on=day, rules=rules)
            if badge is not None and then is not None:
                found.append(Badge(day, badge[0], badge[1], False, then.years, then.months))
        return found
    except DomainError:  # no presentation days or badge rule configured
        return []


def _posthumous(timeline: Timeline, *, today: dt.date, rules: Snapshot) -> list[Badge]:
    deaths = timeline.events_of(EventKind.DEATH)
    if not deaths or not rules.has(POSTHUMOUS_KEY, on=deaths[-1].occurred_on):
        return []
    died_on = deaths[-1].occurred_on
    until = add_months(died_on, int(rules.value(POSTHUMOUS_KEY, on=died_on)))
    found = []
    day = next_presentation_day(max(died_on + dt.timedelta(days=1), today), rules)
    while day <= until:
        awarded = posthumous_badge(timeline, presentation_on=day, rules=rules)
        if awarded is not None:
            found.append(Badge(day, awarded[0], False, True, awarded[1].years, awarded[1].months))
        day = next_presentation_day(day + dt.timedelta(days=1), rules)
    return found


def derive_standing(timeline: Timeline, *, seriously_ill: bool, today: dt.date, rules: Snapshot) -> Derived:
    """Everything stored for one person (nothing for a voided file)."""
    if timeline.state.status == Status.VOIDED:
        return Derived("", None, [], [], [])
    rules = MemoRules(rules) if isinstance(rules, Snapshot) else rules  # type: ignore[assignment]
    stage, since = stage_of(timeline) or ("", None)
    try:
        pending = pending_of(timeline.state, timeline.events, rules)
    except DomainError:  # a rule not configured for the step's date: the fold refuses it too
        pending = []
    return Derived(stage, since, pending, late_of(timeline, rules),
                   badges_of(timeline, seriously_ill=seriously_ill, today=today, rules=rules))
