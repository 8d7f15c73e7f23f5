"""Stored standing against the folds it replaces (the reference): due lists, pipeline stages, badges."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from members import due, party_age
from members.models import LateStep, MemberEvent, PendingStep, Person, Standing
from members.ruling import Snapshot
from members.standing import read
from members.standing.derive import derive_standing, stage_of
from members.status import derive


def _events(people: QuerySet[Person]) -> dict[int, list[MemberEvent]]:
    found: dict[int, list[MemberEvent]] = defaultdict(list)
    for event in MemberEvent.objects.filter(person__in=people.values("pk")).order_by("id"):
        found[event.person_id].append(event)
    return found


def folded_stages(people: QuerySet[Person], *, on: dt.date) -> set[tuple[Any, ...]]:
    rules = Snapshot()
    found = set()
    events = _events(people)
    for person in people:
        timeline = derive([e for e in events[person.pk] if e.occurred_on <= on])
        stage = stage_of(timeline, year=on.year)
        if stage is None:
            continue
        items = due.due_items_of(person, events[person.pk], on=on, rules=rules)
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
    events = _events(people)
    standing = {row[0]: row[1:] for row in Standing.objects.filter(person__in=people.values("pk")).values_list(
        "person_id", "stage", "stage_since")}
    pending: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in PendingStep.objects.filter(person__in=people.values("pk")).values_list(
            "person_id", "kind", "started_on", "due_on", "shown_from", "shown_until"):
        pending[row[0]].append(row[1:])
    late: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in LateStep.objects.filter(person__in=people.values("pk")).values_list("person_id", "event_id",
                                                                                  "late_days"):
        late[row[0]].append(row[1:])
    for person in people:
        fresh = derive_standing(derive(events[person.pk]), seriously_ill=person.seriously_ill, today=on, rules=rules)
        assert standing.get(person.pk, ("", None)) == (fresh.stage, fresh.stage_since), person.pk
        assert sorted(pending[person.pk]) == sorted(
            (p.kind, p.started_on, p.due_on, p.shown_from, p.shown_until) for p in fresh.pending), person.pk
        assert sorted(late[person.pk]) == sorted((x.event_id, x.late_days) for x in fresh.late), person.pk
