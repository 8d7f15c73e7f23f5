"""Party age (tuổi đảng) and the Party badges due at a presentation day.

Party age counts from the FIRST admission decision (not the ceremony) and leaves out every period outside
the Party: from striking off, expulsion or leaving until a re-admission (or until the date asked, when there
is none), and the part of an official transfer after the deadline for presenting the letter until it was
presented ("chuyển sinh hoạt nhưng không nộp hồ sơ", Hướng dẫn 01-HD/TW). A transfer presented within the
deadline leaves no gap. A transfer to an organization outside this installation leaves no gap either: what
happens there is not known here.

A probationary member has no Party age until recognised: before the recognition of the current membership
(the one begun by the latest admission or re-admission decision) there is none; once recognised it counts
from the first decision, minus the gaps. A period of lost contact with the Party organization (mất liên lạc, from
the `lost_contact` event to `contact_restored`, an exit or the date asked; members.kinds.contact) is left out
like a strike-off (Quy định 24-QĐ/TW §4.5.1, docs/rules.md).

Badges: a member who reached a badge's years and died before it was presented may be awarded it
posthumously (truy tặng) at the presentation days within `party_age.badge_posthumous_months` of the death.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from core.errors import DomainError
from members.models import MEMBER_STATUSES, EventKind, MemberEvent, Person, Status
from members.ruling import Snapshot
from members.status import Timeline, derive
from rules.calendar import add_months, months_between


@dataclass(frozen=True)
class PartyAge:
    """Party age on a date: whole years and months, the (shifted) start, and the days left out."""

    years: int
    months: int
    first_decision_on: dt.date
    counted_from: dt.date  # first decision moved later by the days outside the Party
    days_outside: int

    @property
    def total_months(self) -> int:
        return self.years * 12 + self.months


def _union_days(intervals: Iterable[tuple[dt.date, dt.date]], *, start: dt.date, end: dt.date) -> int:
    """Days covered by the intervals [a, b), clipped to [start, end), counting overlaps once."""
    clipped = sorted((max(a, start), min(b, end)) for a, b in intervals if min(b, end) > max(a, start))
    total, current_a, current_b = 0, None, None
    for a, b in clipped:
        if current_b is None or a > current_b:
            if current_a is not None and current_b is not None:
                total += (current_b - current_a).days
            current_a, current_b = a, b
        else:
            current_b = max(current_b, b)
    if current_a is not None and current_b is not None:
        total += (current_b - current_a).days
    return total


def outside_intervals(timeline: Timeline, *, on: dt.date, rules: Snapshot) -> list[tuple[dt.date, dt.date]]:
    """Periods [from, to) outside the Party up to `on`: after each exit, lost contact, overdue transfer letters."""
    intervals: list[tuple[dt.date, dt.date]] = []
    periods = [p for p in timeline.member_periods if p[0] <= on]
    for index, (_start, end) in enumerate(periods):
        if end is None or end > on:
            continue
        following = periods[index + 1][0] if index + 1 < len(periods) else on
        intervals.append((end, following))
    intervals += [(lost, restored or on) for lost, restored in timeline.lost_contacts if lost <= on]
    for transit in timeline.transits:
        if transit.destination_id is None or transit.out_on > on:
            continue  # outside this installation: nothing known, nothing left out
        deadline = _presentation_deadline(transit.out_on, rules)
        until = transit.in_on or on
        if until > deadline:
            intervals.append((deadline, until))
    return intervals


def _presentation_deadline(out_on: dt.date, rules: Snapshot) -> dt.date:
    key = "transfer.present_deadline_working_days"
    if not rules.has(key, on=out_on):
        return out_on  # before the first recorded regulation: the whole gap is left out
    return rules.add_working_days(out_on, int(rules.value(key, on=out_on)))


_RECOGNISED = frozenset({Status.OFFICIAL, Status.EXEMPTED})


def recognised_on_date(timeline: Timeline, *, on: dt.date) -> bool:
    """Whether the membership begun by the latest (re-)admission decision up to `on` was recognised by `on`:
    the member was official (or exempted) at some time between that decision and `on`."""
    decisions = [e.occurred_on for e in timeline.events_of(EventKind.ADMISSION_DECISION,
                                                             EventKind.READMISSION_DECISION) if e.occurred_on <= on]
    if not decisions:
        return False
    since = decisions[-1]
    return any(s.status in _RECOGNISED and since <= s.valid_from <= on for s in timeline.segments)


def party_age_of(timeline: Timeline, *, on: dt.date, rules: Snapshot | None = None) -> PartyAge | None:
    """Party age on `on` from a derived timeline; None before the first admission decision and while the
    current membership has not been recognised (a probationary member has no Party age)."""
    rules = rules or Snapshot()
    first = timeline.state.first_decision_on
    if first is None:
        decisions = timeline.events_of(EventKind.ADMISSION_DECISION, EventKind.READMISSION_DECISION)
        first = decisions[0].occurred_on if decisions else None
    if first is None or first > on or not recognised_on_date(timeline, on=on):
        return None
    outside = _union_days(outside_intervals(timeline, on=on, rules=rules), start=first, end=on)
    counted_from = first + dt.timedelta(days=outside)
    months = max(months_between(counted_from, on), 0)
    return PartyAge(months // 12, months % 12, first, counted_from, outside)


def party_age(person: Person, on: dt.date) -> tuple[int, int]:
    """(years, months) of Party age of the person on `on`; (0, 0) before admission."""
    timeline = derive(MemberEvent.objects.filter(person=person).order_by("id"))
    age = party_age_of(timeline, on=on)
    return (age.years, age.months) if age else (0, 0)


# ----------------------------------------------------------------------------- badges


def presentation_days(year: int, rules: Snapshot) -> list[dt.date]:
    """The badge presentation days of a year: each listed day that the rule in force on that day lists."""
    days = []
    for probe in (dt.date(year, 1, 1), dt.date(year, 12, 31)):
        if not rules.has("party_age.badge_presentation_days", on=probe):
            continue
        for text in rules.value("party_age.badge_presentation_days", on=probe):
            month, day = (int(part) for part in str(text).split("-"))
            candidate = dt.date(year, month, day)
            if rules.has("party_age.badge_presentation_days", on=candidate) and str(text) in rules.value(
                "party_age.badge_presentation_days", on=candidate
            ):
                days.append(candidate)
    return sorted(set(days))


def next_presentation_day(on: dt.date, rules: Snapshot | None = None) -> dt.date:
    """The first badge presentation day on or after `on`."""
    rules = rules or Snapshot()
    for year in (on.year, on.year + 1):
        for day in presentation_days(year, rules):
            if day >= on:
                return day
    raise DomainError(_no_days_message(on))


def previous_presentation_day(day: dt.date, rules: Snapshot) -> dt.date | None:
    for year in (day.year, day.year - 1):
        earlier = [d for d in presentation_days(year, rules) if d < day]
        if earlier:
            return earlier[-1]
    return None


def _no_days_message(on: dt.date) -> str:
    from django.utils.translation import gettext as _

    return _("No badge presentation days are configured around %(date)s.") % {"date": on.isoformat()}


@dataclass(frozen=True)
class BadgeDue:
    """A member due a badge at a presentation day (early: seriously ill, before the full years)."""

    person_id: int
    full_name: str
    organization_id: int
    badge_years: int
    age_years: int
    age_months: int
    early: bool
    presentation_on: dt.date
    citation: str
    posthumous: bool = False  # truy tặng: the member died after reaching the badge's years


def _early_months(badge: int, bands: Any) -> int:
    for band in bands or []:
        if int(band.get("from", 0)) <= badge <= int(band.get("to", 0)):
            return int(band.get("months", 0))
    return 0


def badge_for(
    timeline: Timeline, *, seriously_ill: bool, presentation_on: dt.date, rules: Snapshot
) -> tuple[int, bool] | None:
    """(badge years, early?) due at the presentation day, or None.

    Due: the member reaches the badge's years in the period since the previous presentation day. Early (a
    seriously ill member): the years less the rule's early months are reached by the presentation day and the
    full years had not been reached at the previous one (so an ill member stays listed until presented).
    """
    age = party_age_of(timeline, on=presentation_on, rules=rules)
    if age is None:
        return None
    previous_day = previous_presentation_day(presentation_on, rules)
    previous = party_age_of(timeline, on=previous_day, rules=rules) if previous_day else None
    before = previous.total_months if previous else -1
    badges = [int(y) for y in rules.value("party_age.badge_years", on=presentation_on)]
    bands = rules.value("party_age.badge_early_months", on=presentation_on)
    found: tuple[int, bool] | None = None
    for badge in badges:
        full = badge * 12
        if before < full <= age.total_months:
            found = (badge, False)
        elif seriously_ill and age.total_months < full and before < full:
            early = _early_months(badge, bands)
            if early and age.total_months >= full - early:
                found = (badge, True)
    return found


POSTHUMOUS_KEY = "party_age.badge_posthumous_months"


def posthumous_badge(timeline: Timeline, *, presentation_on: dt.date, rules: Snapshot) -> tuple[int, PartyAge] | None:
    """(badge years, Party age at death) of a badge the member reached and had not been presented before dying,
    when `presentation_on` falls within the rule's months after the death; None otherwise."""
    deaths = timeline.events_of(EventKind.DEATH)
    if not deaths:
        return None
    died_on = deaths[-1].occurred_on
    if died_on >= presentation_on or not rules.has(POSTHUMOUS_KEY, on=died_on):
        return None
    if presentation_on > add_months(died_on, int(rules.value(POSTHUMOUS_KEY, on=died_on))):
        return None
    age = party_age_of(timeline, on=died_on, rules=rules)
    if age is None:
        return None
    last_day = previous_presentation_day(died_on + dt.timedelta(days=1), rules)  # last one on or before death
    last = party_age_of(timeline, on=last_day, rules=rules) if last_day else None
    before = last.total_months if last else -1
    badges = [int(y) for y in rules.value("party_age.badge_years", on=died_on)]
    reached = [badge for badge in badges if before < badge * 12 <= age.total_months]
    return (max(reached), age) if reached else None


def badges_due(people: QuerySet[Person], *, presentation_on: dt.date) -> list[BadgeDue]:
    """Members among `people` due a badge at the presentation day (one query for the events of all)."""
    rules = Snapshot()
    badges = [int(y) for y in rules.value("party_age.badge_years", on=presentation_on)]
    bands = rules.value("party_age.badge_early_months", on=presentation_on)
    longest_early = max((int(b.get("months", 0)) for b in bands or []), default=0)
    # Nobody admitted after this date can have the smallest badge's years (less the longest early months).
    latest_start = add_months(presentation_on, -(min(badges) * 12 - longest_early))
    admitted_early = MemberEvent.objects.filter(
        person=OuterRef("pk"),
        kind__in=[EventKind.ADMISSION_DECISION, EventKind.READMISSION_DECISION],
        occurred_on__lte=latest_start,
    )
    posthumous_months = int(rules.value(POSTHUMOUS_KEY, on=presentation_on)) if rules.has(
        POSTHUMOUS_KEY, on=presentation_on) else 0
    died_recently = MemberEvent.objects.filter(
        person=OuterRef("pk"), kind=EventKind.DEATH, occurred_on__lt=presentation_on,
        occurred_on__gte=add_months(presentation_on, -posthumous_months),
    )
    living = Q(status__in=MEMBER_STATUSES)
    dead = Q(status=Status.DEAD) & Q(Exists(died_recently))
    candidates = list(
        people.filter(living | dead).filter(Exists(admitted_early))
        .values("pk", "full_name", "organization_id", "seriously_ill", "sort_name").order_by("sort_name", "pk")
    )
    events: dict[int, list[MemberEvent]] = {}
    for event in MemberEvent.objects.filter(person_id__in=[c["pk"] for c in candidates]).order_by("id"):
        events.setdefault(event.person_id, []).append(event)
    citation = rules.rule("party_age.badge_years", on=presentation_on).citation
    due: list[BadgeDue] = []
    for row in candidates:
        timeline = derive(events.get(row["pk"], []))
        if timeline.status_on(presentation_on) == Status.DEAD:
            awarded = posthumous_badge(timeline, presentation_on=presentation_on, rules=rules)
            if awarded is not None:
                badge, at_death = awarded
                due.append(BadgeDue(row["pk"], row["full_name"], row["organization_id"], badge, at_death.years,
                                    at_death.months, False, presentation_on, str(citation), posthumous=True))
            continue
        if timeline.status_on(presentation_on) not in MEMBER_STATUSES:
            continue
        found = badge_for(timeline, seriously_ill=row["seriously_ill"], presentation_on=presentation_on, rules=rules)
        if found is None:
            continue
        age = party_age_of(timeline, on=presentation_on, rules=rules)
        assert age is not None
        due.append(BadgeDue(row["pk"], row["full_name"], row["organization_id"], found[0], age.years, age.months,
                            found[1], presentation_on, str(citation)))
    return due
