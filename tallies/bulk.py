"""Keeping the tallies current for many persons at once (a large import), set-based.

`person_changed` applies each person's difference item by item (a few queries per item). For an import of
thousands of files that is most of its time, so the members services hand the persons of a bulk write to an
`Accumulator` (members.services.log.BULK_REBUILD_SUBSCRIBERS): their contributions are computed by the same
functions (tallies.contributions, under the tree read once for all their organizations), summed, and applied in
one pass per series by `apply_many`. The points come out exactly as the item-by-item path leaves them: a point on
every day a series had one or an item starts or ends, its total the old value that day plus every item covering it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from django.db import connection

from core.bulk import insert_many
from tallies.contributions import Item, Tree, from_rows, involved, rows_of
from tallies.maintain import _tree, person_changed
from tallies.models import TallyPoint, TallySeries

#: The series fields, in the order an item names them (tallies.contributions.Item, without start and end).
SERIES_FIELDS = ("key", "organization_id", "sex", "ethnicity_id", "counterpart_id", "rollup")
#: Persons whose contributions are computed together (one read of the tree for their organizations).
FLUSH = 5_000
CHUNK = 2_000


class Accumulator:
    """The changes of many persons, applied at `close()` (members.services.log.Announcements)."""

    replaces = person_changed

    def __init__(self) -> None:
        self.items: Counter[Item] = Counter()
        self.tree: Tree = {}  # the tree of the organizations met so far (tallies.maintain._tree)
        self.waiting: list[tuple[Any, Any, Any]] = []

    def add(self, person: Any, *, before: Any, after: Any) -> None:
        self.waiting.append((person, rows_of(before), rows_of(after)))
        if len(self.waiting) >= FLUSH:
            self._flush()

    def _flush(self) -> None:
        ids: set[int] = set()
        for _person, old, new in self.waiting:
            ids |= involved(*old) | involved(*new)
        missing = ids - set(self.tree)
        if missing:
            self.tree = {**self.tree, **_tree(missing)}
        for person, old, new in self.waiting:
            self.items.update(from_rows(person, new, self.tree))
            self.items.subtract(from_rows(person, old, self.tree))
        self.waiting = []

    def close(self) -> None:
        self._flush()
        apply_many(self.items)
        self.items = Counter()


def apply_many(diff: Counter[Item]) -> None:
    """+n on [start, end) for every item of `diff`, set-based: a few queries per CHUNK series."""
    steps: dict[tuple[Any, ...], list[tuple[dt.date, dt.date | None, int]]] = defaultdict(list)
    for item, n in diff.items():
        if n:
            steps[tuple(item[:-2])].append((item[-2], item[-1], n))
    idents = sorted(steps)
    ids = _series_ids(idents)
    new_points: list[TallyPoint] = []
    changed: list[tuple[int, int]] = []
    for first in range(0, len(idents), CHUNK):
        chunk = idents[first:first + CHUNK]
        stored: dict[int, list[tuple[dt.date, int, int]]] = defaultdict(list)
        for pk, series_id, day, total in (TallyPoint.objects.filter(series_id__in=[ids[i] for i in chunk])
                                          .values_list("pk", "series_id", "day", "total").order_by("series_id",
                                                                                                   "day")):
            stored[series_id].append((day, total, pk))
        for ident in chunk:
            series_id = ids[ident]
            made, updated = _merged(series_id, stored.get(series_id, []), steps[ident])
            new_points += made
            changed += updated
    insert_many(TallyPoint, new_points)
    _update_totals(changed)


def _merged(series_id: int, stored: list[tuple[dt.date, int, int]],
            items: list[tuple[dt.date, dt.date | None, int]]) -> tuple[list[TallyPoint], list[tuple[int, int]]]:
    """The new points of a series and the (point id, total) of the stored points whose total changes."""
    deltas: Counter[dt.date] = Counter()
    for start, end, n in items:
        deltas[start] += n
        if end is not None:
            deltas[end] -= n
    by_day = {day: (total, pk) for day, total, pk in stored}
    old, added = 0, 0
    made, updated = [], []
    for day in sorted(set(by_day) | set(deltas)):
        added += deltas.get(day, 0)
        if day in by_day:
            old, pk = by_day[day]
            if added:
                updated.append((pk, old + added))
        else:
            made.append(TallyPoint(series_id=series_id, day=day, total=old + added))
    return made, updated


def _series_ids(idents: list[tuple[Any, ...]]) -> dict[tuple[Any, ...], int]:
    """The id of each series, made when missing (as `get_or_create` makes it)."""
    found: dict[tuple[Any, ...], int] = {}
    wanted = set(idents)
    organizations = sorted({ident[1] for ident in idents})
    for first in range(0, len(organizations), CHUNK):
        rows = TallySeries.objects.filter(organization_id__in=organizations[first:first + CHUNK]).values_list(
            "pk", *SERIES_FIELDS)
        found |= {tuple(row[1:]): row[0] for row in rows if tuple(row[1:]) in wanted}
    missing = [ident for ident in idents if ident not in found]
    if missing:
        TallySeries.objects.bulk_create([TallySeries(**dict(zip(SERIES_FIELDS, ident, strict=True)))
                                         for ident in missing], batch_size=5000)
        return _series_ids(idents)
    return found


def _update_totals(changed: list[tuple[int, int]]) -> None:
    """Set the totals of stored points: one UPDATE … FROM unnest(ids, totals) per 20 000 on PostgreSQL (two array
    parameters, see core.bulk), bulk_update elsewhere."""
    if not changed:
        return
    if connection.vendor != "postgresql":
        TallyPoint.objects.bulk_update([TallyPoint(pk=pk, total=total) for pk, total in changed], ["total"],
                                       batch_size=500)
        return
    table = TallyPoint._meta.db_table
    with connection.cursor() as cursor:
        for first in range(0, len(changed), 20_000):
            chunk = changed[first:first + 20_000]
            cursor.execute(f"UPDATE {table} AS p SET total = v.total FROM unnest(%s::bigint[], %s::integer[]) "  # noqa: S608
                           "AS v(id, total) WHERE p.id = v.id", [[pk for pk, _t in chunk], [t for _pk, t in chunk]])
