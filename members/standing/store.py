"""Writing the stored state: one person inside a write's transaction, or everyone (the command, the migration)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from members.ruling import Snapshot
from members.standing.derive import Derived, derive_standing
from members.status import Timeline, derive

CHUNK = 2000


def _rows(models: Any, person_id: int, derived: Derived) -> tuple[list[Any], list[Any], list[Any]]:
    pending = [models.PendingStep(person_id=person_id, kind=p.kind, started_on=p.started_on, due_on=p.due_on,
                                  shown_from=p.shown_from, shown_until=p.shown_until, rule_key=p.rule_key)
               for p in derived.pending]
    late = [models.LateStep(person_id=person_id, event_id=x.event_id, kind=x.kind, due_on=x.due_on,
                            done_on=x.done_on, late_days=x.late_days, rule_key=x.rule_key) for x in derived.late]
    badges = [models.BadgeDay(person_id=person_id, presentation_on=b.presentation_on, years=b.years, early=b.early,
                              posthumous=b.posthumous, age_years=b.age_years, age_months=b.age_months)
              for b in derived.badges]
    return pending, late, badges


class _Models:
    """The four stored models, from the app registry or from a migration's historical state."""

    Person: Any
    MemberEvent: Any
    Standing: Any
    PendingStep: Any
    LateStep: Any
    BadgeDay: Any
    BadgePresentation: Any

    def __init__(self, apps: Any = None) -> None:
        if apps is None:
            from django.apps import apps as registry

            apps = registry
        for name in ("Person", "MemberEvent", "Standing", "PendingStep", "LateStep", "BadgeDay"):
            setattr(self, name, apps.get_model("members", name))
        try:
            self.BadgePresentation = apps.get_model("members", "BadgePresentation")
        except LookupError:
            self.BadgePresentation = None


def _write(models: Any, derived: dict[int, Derived]) -> None:
    ids = list(derived)
    for model in (models.Standing, models.PendingStep, models.LateStep, models.BadgeDay):
        model.objects.filter(person_id__in=ids).delete()
    models.Standing.objects.bulk_create(
        models.Standing(person_id=pk, stage=d.stage, stage_since=d.stage_since) for pk, d in derived.items())
    rows: tuple[list[Any], list[Any], list[Any]] = ([], [], [])
    for pk, d in derived.items():
        for bucket, made in zip(rows, _rows(models, pk, d), strict=True):
            bucket.extend(made)
    models.PendingStep.objects.bulk_create(rows[0], batch_size=CHUNK)
    models.LateStep.objects.bulk_create(rows[1], batch_size=CHUNK)
    presented = _presented(models, ids)  # a badge presented leaves the list (members.services.badges)
    models.BadgeDay.objects.bulk_create([b for b in rows[2] if (b.person_id, b.years) not in presented],
                                        batch_size=CHUNK)


def _presented(models: Any, ids: list[int]) -> set[tuple[int, int]]:
    model = getattr(models, "BadgePresentation", None)  # absent from the migration that first filled the rows
    if model is None or not ids:
        return set()
    return set(model.objects.filter(person_id__in=ids).values_list("person_id", "years"))


def store(person: Any, timeline: Timeline, *, rules: Snapshot | None = None, today: dt.date | None = None) -> None:
    """Rewrite the stored state of one person from its timeline (called by `_rebuild` in the write's
    transaction)."""
    derived = derive_standing(timeline, seriously_ill=person.seriously_ill, today=today or timezone.localdate(),
                              rules=rules or Snapshot())
    _write(_Models(), {person.pk: derived})


def rebuild(person_ids: Iterable[int] | None = None, *, apps: Any = None, today: dt.date | None = None) -> int:
    """Rewrite the stored state of the people given (everyone by default), CHUNK people per transaction: one query
    for their events, a few to write. Returns how many people were rebuilt."""
    models = _Models(apps)
    rules, today = Snapshot(), today or timezone.localdate()
    people = models.Person.objects.order_by("pk")
    if person_ids is not None:
        people = people.filter(pk__in=list(person_ids))
    done, last = 0, 0
    while True:
        chunk = list(people.filter(pk__gt=last).values_list("pk", "seriously_ill")[:CHUNK])
        if not chunk:
            return done
        events: dict[int, list[Any]] = {pk: [] for pk, _ill in chunk}
        for event in models.MemberEvent.objects.filter(person_id__in=list(events)).order_by("id"):
            events[event.person_id].append(event)
        derived = {pk: derive_standing(derive(events[pk]), seriously_ill=ill, today=today, rules=rules)
                   for pk, ill in chunk}
        with transaction.atomic():
            _write(models, derived)
        done, last = done + len(chunk), chunk[-1][0]
