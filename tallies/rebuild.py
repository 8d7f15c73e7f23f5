"""Rebuilding every tally from the stored member rows, and comparing the stored tallies with a rebuild.

The rebuild reads the same things the maintenance reads from a timeline — the stored spells (which the members
services derive from the log), the events no other event supersedes, sex and ethnicity — person by person in
id ranges (bounded memory), through tallies.contributions, and turns the +1 items into running totals.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Max

from members.models import EventKind, MemberEvent, MembershipSpell, Person, Status
from tallies import tree as trees
from tallies.contributions import EventRow, Item, SpellRow, Tree, contributions
from tallies.models import TallyPoint, TallySeries

SeriesKey = tuple[int, str, str, int, int, bool]  # organization, key, sex, ethnicity, counterpart, rollup
Steps = dict[SeriesKey, list[tuple[dt.date, int]]]
BATCH = 20_000


def _items(first: int, last: int, tree: Tree) -> Counter[Item]:
    """The contributions of the persons with first <= id < last."""
    rows = (Person.objects.filter(pk__gte=first, pk__lt=last).exclude(status=Status.VOIDED)
            .values_list("pk", "gender", "ethnicity_id").order_by())
    people = {pk: (gender, ethnicity_id) for pk, gender, ethnicity_id in rows}
    spells: dict[int, list[SpellRow]] = defaultdict(list)
    for person_id, organization_id, status, valid_from, valid_to in MembershipSpell.objects.filter(
            person_id__gte=first, person_id__lt=last).values_list(
            "person_id", "organization_id", "status", "valid_from", "valid_to").order_by():
        spells[person_id].append(SpellRow(organization_id, status, valid_from, valid_to))
    events: dict[int, list[EventRow]] = defaultdict(list)
    live = (MemberEvent.objects.filter(person_id__gte=first, person_id__lt=last)
            .exclude(kind=EventKind.CORRECTION)
            .current())
    for person_id, kind, on, organization_id, counterpart_id, details in live.values_list(
            "person_id", "kind", "occurred_on", "organization_id", "counterpart_id", "details").order_by():
        events[person_id].append(EventRow(kind, on, organization_id, counterpart_id, details or {}))
    items: Counter[Item] = Counter()
    for pk, (gender, ethnicity_id) in people.items():
        items.update(contributions(sex=gender, ethnicity_id=ethnicity_id, spells=spells.get(pk, []),
                                   events=events.get(pk, []), tree=tree))
    return items


def _ranges() -> Iterator[tuple[int, int]]:
    top = Person.objects.aggregate(top=Max("pk"))["top"] or 0
    for first in range(1, top + 1, BATCH):
        yield first, first + BATCH


@dataclass
class Expected:
    """Per series, the day -> change of its value, accumulated over all persons."""

    deltas: dict[SeriesKey, Counter[dt.date]] = field(default_factory=lambda: defaultdict(Counter))

    def add(self, items: Counter[Item]) -> None:
        for (key, org, sex, ethnicity, counterpart, rollup, start, end), n in items.items():
            series = self.deltas[(org, key, sex, ethnicity, counterpart, rollup)]
            series[start] += n
            if end is not None:
                series[end] -= n

    def steps(self) -> Steps:
        result: Steps = {}
        for series, deltas in self.deltas.items():
            total, points = 0, []
            for day in sorted(deltas):
                if deltas[day]:
                    total += deltas[day]
                    points.append((day, total))
            result[series] = points
        return result


def expected_steps() -> Steps:
    """Every series rebuilt from the member rows, the rollups under the organizations' versions now."""
    expected, tree = Expected(), trees.current()
    for first, last in _ranges():
        expected.add(_items(first, last, tree))
    return expected.steps()


def stored_steps() -> Steps:
    keys = {pk: (org, key, sex, eth, cp, rollup) for pk, org, key, sex, eth, cp, rollup in
            TallySeries.objects.values_list("pk", "organization_id", "key", "sex", "ethnicity_id", "counterpart_id",
                                            "rollup")}
    result: Steps = defaultdict(list)
    for series_id, day, total in TallyPoint.objects.values_list("series_id", "day", "total").order_by(
            "series_id", "day").iterator(chunk_size=10_000):
        result[keys[series_id]].append((day, total))
    return result


def _normal(points: list[tuple[dt.date, int]]) -> list[tuple[dt.date, int]]:
    """The step function without points that repeat the previous value (0 before the first)."""
    out, previous = [], 0
    for day, total in points:
        if total != previous:
            out.append((day, total))
            previous = total
    return out


def differences(limit: int = 10) -> tuple[int, list[str]]:
    """How many series differ between the stored tallies and a rebuild, and the first few, described (an
    organization whose reflected tree lags its versions counts as one more)."""
    expected, stored = expected_steps(), stored_steps()
    bad = []
    now, then = trees.current(), trees.reflected()
    for org in sorted(set(now) | set(then)):
        if now.get(org, []) != then.get(org, []):
            bad.append(f"tree of {org}: versions {now.get(org, [])} … followed {then.get(org, [])}")
    for series in sorted(set(expected) | set(stored)):
        want, have = _normal(expected.get(series, [])), _normal(stored.get(series, []))
        if want != have:
            bad.append(f"{series}: expected {want[-3:]} … stored {have[-3:]}")
    return len(bad), bad[:limit]


@transaction.atomic
def tallies_rebuild() -> int:
    """Replace every tally by a rebuild from the stored member rows. Returns the number of points written.

    Derived rows, like the spells: nothing is logged (the member rows they come from are)."""
    steps = expected_steps()
    TallyPoint.objects.all().delete()
    TallySeries.objects.all().delete()
    trees.reset()
    series_rows = [TallySeries(organization_id=org, key=key, sex=sex, ethnicity_id=eth, counterpart_id=cp,
                               rollup=rollup) for org, key, sex, eth, cp, rollup in steps]
    TallySeries.objects.bulk_create(series_rows, batch_size=5000)
    if connection.vendor == "sqlite" or any(s.pk is None for s in series_rows):
        ids = {(s.organization_id, s.key, s.sex, s.ethnicity_id, s.counterpart_id, s.rollup): s.pk
               for s in TallySeries.objects.all()}
    else:
        ids = {(s.organization_id, s.key, s.sex, s.ethnicity_id, s.counterpart_id, s.rollup): s.pk
               for s in series_rows}
    rows = ((ids[series], day, total) for series, steps_ in steps.items() for day, total in steps_)
    return _write_points(rows)


def _write_points(rows: Iterator[tuple[int, dt.date, int]]) -> int:
    """Insert the points: by COPY on PostgreSQL (the id from its sequence), bulk_create elsewhere."""
    if connection.vendor != "postgresql":
        points = [TallyPoint(series_id=series, day=day, total=total) for series, day, total in rows]
        TallyPoint.objects.bulk_create(points, batch_size=10_000)
        return len(points)
    count = 0
    with connection.cursor() as cursor, cursor.cursor.copy(
            "COPY tallies_tallypoint (series_id, day, total) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count
