"""Stored standing against the folds it replaces (the reference): due lists, pipeline stages, badges."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from members import due, party_age
from members.models import MemberEvent, Person
from members.pages.pipeline import stage_of
from members.ruling import Snapshot
from members.standing import read
from members.standing.derive import derive_standing
from members.status import derive


def folded_stages(people: QuerySet[Person], *, on: dt.date) -> set[tuple[Any, ...]]:
    rules = Snapshot()
    found = set()
    for person in people:
        events = list(MemberEvent.objects.filter(person=person).order_by("id"))
        timeline = derive([e for e in events if e.occurred_on <= on])
        stage = stage_of(timeline, year=on.year)
        if stage is None:
            continue
        items = due.due_items_of(person, events, on=on, rules=rules)
        found.add((person.pk, *stage, min((i.deadline for i in items), default=None),
                   any(i.overdue for i in items)))
    return found


def stored_stages(people: QuerySet[Person], *, on: dt.date) -> set[tuple[Any, ...]]:
    return {(r.person_id, r.stage, r.since, r.deadline, r.overdue) for r in read.stage_rows(people, on=on)}


def assert_stored_equals_folded(people: QuerySet[Person], *, on: dt.date | None = None, badge_days: int = 3) -> None:
    """What the pages read from the stored rows is what the folds compute, on `on` (today by default) and at the
    next presentation days; and the stored rows are those a rebuild from the log writes."""
    on = on or timezone.localdate()
    assert read.due_items(people, on=on) == due.due_items(people, on=on)
    assert stored_stages(people, on=on) == folded_stages(people, on=on)
    rules, day = Snapshot(), on
    for _ in range(badge_days):
        day = party_age.next_presentation_day(day, rules)
        citation = str(rules.rule("party_age.badge_years", on=day).citation)
        folded = sorted(party_age.badges_due(people, presentation_on=day), key=lambda b: b.person_id)
        stored = sorted(read.badges_due(people, presentation_on=day, citation=citation), key=lambda b: b.person_id)
        assert stored == folded, day
        day += dt.timedelta(days=1)
    for person in people:
        timeline = derive(MemberEvent.objects.filter(person=person).order_by("id"))
        fresh = derive_standing(timeline, seriously_ill=person.seriously_ill, today=on, rules=rules)
        standing = getattr(person, "standing", None)
        assert (standing.stage if standing else "", standing.stage_since if standing else None) == (
            fresh.stage, fresh.stage_since), person.pk
        assert sorted((p.kind, p.started_on, p.due_on, p.shown_from, p.shown_until) for p in fresh.pending) == sorted(
            person.pending_steps.values_list("kind", "started_on", "due_on", "shown_from", "shown_until")), person.pk
        assert sorted((x.event_id, x.late_days) for x in fresh.late) == sorted(
            person.late_steps.values_list("event_id", "late_days")), person.pk
