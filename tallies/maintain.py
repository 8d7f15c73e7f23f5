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

from django.db.models import F

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
    for item, delta in sorted(diff.items(), key=lambda pair: pair[0][:6]):
        if delta:
            add(item, delta)


def add(item: Item, delta: int) -> None:
    """+delta to the item's series on [start, end)."""
    key, organization_id, sex, ethnicity_id, counterpart_id, rollup, start, end = item
    series, _created = TallySeries.objects.get_or_create(
        organization_id=organization_id, rollup=rollup, key=key, sex=sex, ethnicity_id=ethnicity_id,
        counterpart_id=counterpart_id)
    _ensure_point(series, start)
    points = TallyPoint.objects.filter(series=series, day__gte=start)
    if end is not None:
        _ensure_point(series, end)
        points = points.filter(day__lt=end)
    points.update(total=F("total") + delta)


def _ensure_point(series: TallySeries, day: dt.date) -> None:
    if TallyPoint.objects.filter(series=series, day=day).exists():
        return
    previous = TallyPoint.objects.filter(series=series, day__lt=day).order_by("-day").values_list("total", flat=True)
    TallyPoint.objects.create(series=series, day=day, total=previous.first() or 0)
