"""Keeping the tallies current in the write's own transaction: apply the difference of a person's contributions.

A change (a new event, a correction that backdates, a restructuring move, a new sex or ethnicity on the file)
removes what the person contributed before and adds what they contribute now; each +δ on [start, end) touches
only the points of its series from `start` (to `end`), which is exactly the range the change affects. The leaf
and the rollup items are computed under the tree the stored rollups follow (tallies.tree), so the difference is
exact even inside a restructuring's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.db import connection

from tallies import tree as trees
from tallies.contributions import Item, Tree, from_rows, involved, rows_of
from tallies.models import TallyPoint, TallySeries


def person_changed(person: Any, *, before: Any, after: Any, before_person: Any = None) -> None:
    """Apply the change of one person from timeline `before` to `after` (members.status.Timeline, or None).

    `before_person` holds the dimensions (sex, ethnicity) before the change when they changed."""
    old_rows, new_rows = rows_of(before), rows_of(after)
    tree = _tree(involved(*old_rows) | involved(*new_rows))
    apply_difference(from_rows(before_person or person, old_rows, tree), from_rows(person, new_rows, tree))


def _tree(organization_ids: set[int]) -> Tree:
    """The reflected tree of the organizations, first synced if it lags their versions (an organization made
    without the organizations services, e.g. loaded rows: nothing announced it). Two queries."""
    if not organization_ids:
        return {}
    reflected = trees.reflected(organization_ids)
    if reflected != trees.current(organization_ids):
        trees.sync(organization_ids)
        reflected = trees.reflected(organization_ids)
    return reflected


def apply_difference(old: Counter[Item], new: Counter[Item]) -> None:
    diff = Counter(new)
    diff.subtract(old)
    apply_many(diff)


def apply_many(diff: Counter[Item]) -> None:
    """+δ of every item to its series on [start, end), set-based: the series found or made (two or three
    queries), the missing points at the items' starts and ends inserted with the value the day before (one
    statement a chunk), then every point of every range moved by its δ with a relative update (one statement a
    chunk; concurrent writers add, they never overwrite each other's totals)."""
    ranges: dict[tuple[str, int, str, int, int, bool], Counter[dt.date]] = {}
    for (key, org, sex, eth, cp, rollup, start, end), delta in diff.items():
        if not delta:
            continue
        steps = ranges.setdefault((key, org, sex, eth, cp, rollup), Counter())
        steps[start] += delta
        steps[end or _OPEN] -= delta
    if not ranges:
        return
    ids = _series_ids(set(ranges))
    boundaries: list[tuple[int, dt.date]] = []
    pieces: list[tuple[int, dt.date, dt.date, int]] = []
    for series, steps in ranges.items():
        running, previous = 0, None
        for day in sorted(steps):
            if previous is not None and running:
                pieces.append((ids[series], previous, day, running))
            running += steps[day]
            previous = day
            if day != _OPEN:
                boundaries.append((ids[series], day))
    # Only the table name and the placeholders' count are formatted in; every value is a parameter.
    for chunk in _chunks(boundaries):
        _execute(f"""WITH v(series, day) AS (VALUES {', '.join(['(%s, %s)'] * len(chunk))})
            INSERT INTO {_POINTS} (series_id, day, total)
            SELECT v.series, v.day, COALESCE((SELECT p.total FROM {_POINTS} p WHERE p.series_id = v.series
                                              AND p.day < v.day ORDER BY p.day DESC LIMIT 1), 0)
            FROM v WHERE NOT EXISTS (SELECT 1 FROM {_POINTS} p WHERE p.series_id = v.series AND p.day = v.day)""",  # noqa: S608
                 [value for row in chunk for value in row])
    for chunk in _chunks(pieces):
        _execute(f"""WITH v(series, day_from, day_to, delta) AS (
                VALUES {', '.join(['(%s, %s, %s, %s)'] * len(chunk))})
            UPDATE {_POINTS} SET total = {_POINTS}.total + v.delta FROM v
            WHERE {_POINTS}.series_id = v.series AND {_POINTS}.day >= v.day_from AND {_POINTS}.day < v.day_to""",  # noqa: S608
                 [value for row in chunk for value in row])


_OPEN = dt.date.max  # the end of an open range: after every point
_POINTS = TallyPoint._meta.db_table
SeriesKey = tuple[str, int, str, int, int, bool]


def _series_ids(keys: set[SeriesKey]) -> dict[SeriesKey, int]:
    """The ids of the series, made when missing."""
    def found() -> dict[SeriesKey, int]:
        rows = TallySeries.objects.filter(organization_id__in={k[1] for k in keys}, key__in={k[0] for k in keys})
        out: dict[SeriesKey, int] = {}
        for pk, key, org, sex, eth, cp, rollup in rows.values_list(
                "pk", "key", "organization_id", "sex", "ethnicity_id", "counterpart_id", "rollup"):
            if (key, org, sex, eth, cp, rollup) in keys:
                out[(key, org, sex, eth, cp, rollup)] = pk
        return out

    ids = found()
    missing = keys - set(ids)
    if missing:
        TallySeries.objects.bulk_create(
            [TallySeries(key=key, organization_id=org, sex=sex, ethnicity_id=eth, counterpart_id=cp, rollup=rollup)
             for key, org, sex, eth, cp, rollup in sorted(missing)], ignore_conflicts=True)
        ids = found()
    return ids


def _chunks(rows: list[Any], size: int = 500) -> list[list[Any]]:
    return [rows[i:i + size] for i in range(0, len(rows), size)]


def _execute(sql: str, params: list[Any]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
