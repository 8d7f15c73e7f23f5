"""Checking generated rows against the services: a sample of files re-derived with their checks."""

from __future__ import annotations

import random

from members import plausibility
from members.models import MemberEvent, MembershipSpell, Person, Status
from members.services.log import _date_checks
from members.status import derive


def verify_sample(size: int, *, seed: int = 5) -> int:
    """Re-derive `size` random files as the services' `_commit` does (every event's plausibility, the fold with
    the rule-based date checks — probation from the rules, leap years — and no refused event), and compare the
    stored caches and spells with the fold's. Raises AssertionError naming the first difference; returns the
    number of files checked."""
    ids = list(Person.objects.values_list("pk", flat=True))
    sample = random.Random(seed).sample(ids, min(size, len(ids)))
    for person in Person.objects.filter(pk__in=sample):
        events = list(MemberEvent.objects.filter(person=person).order_by("id"))
        for event in events:
            plausibility.check_event(person, event)
        timeline = derive(events, check=_date_checks(person))
        assert not timeline.rejected, (person.pk, timeline.rejected[0])
        state = timeline.state
        cache = (person.status, person.status_since, person.organization_id, person.temporary_organization_id)
        assert cache == (state.status, state.since, state.organization_id or person.organization_id,
                         state.temporary_organization_id), (person.pk, cache, state)
        stored = sorted(MembershipSpell.objects.filter(person=person).values_list(
            "organization_id", "status", "valid_from", "valid_to"), key=repr)
        derived = sorted(((s.organization_id, s.status, s.valid_from, s.valid_to) for s in timeline.segments
                          if s.organization_id is not None and s.status != Status.NONE), key=repr)
        assert stored == derived, (person.pk, stored, derived)
    return len(sample)
