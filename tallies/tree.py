"""The tree the rollup series follow, and moving the rollups when a restructuring changes it.

`TallyVersion` holds the versions (valid_from, valid_to, path) the stored rollups were computed with. Every
rollup is a function of the leaf series and that tree, so when organizations' versions change (a move, a merger,
a split, a dissolution, a new organization) the rollups move by the difference between the rollup items of the
affected leaf series under the old tree and under the new one — only from the first day the two trees differ,
and only for the organizations whose versions changed (and the transfer series whose counterpart is one of them).
The same difference applied twice changes nothing the second time, because the sync then copies the new
versions into `TallyVersion`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Model, Q

from organizations.models import OrganizationVersion
from tallies.contributions import STOCK_STATUSES, TRANSFER_KEYS, Item, Tree, ancestors_on, rollups
from tallies.models import TallyPoint, TallySeries, TallyVersion

Row = tuple[dt.date, dt.date | None, str]


def ids_of(path: str) -> tuple[int, ...]:
    return tuple(int(part) for part in path.split(".") if part)


def _rows(model: type[Model], organization_ids: Iterable[int] | None) -> dict[int, list[Row]]:
    manager: Any = model._default_manager
    query = manager.all() if organization_ids is None else manager.filter(organization_id__in=list(organization_ids))
    found: dict[int, list[Row]] = defaultdict(list)
    for org, valid_from, valid_to, path in query.values_list(
            "organization_id", "valid_from", "valid_to", "path").order_by():
        found[org].append((valid_from, valid_to, path))
    return {org: sorted(rows, key=lambda r: (r[0], r[1] or dt.date.max, r[2])) for org, rows in found.items()}


def as_tree(rows: dict[int, list[Row]]) -> Tree:
    """Versions as spans; an empty version (closed the day it opened) holds no day and is left out."""
    return {org: [(f, t, ids_of(p)) for f, t, p in versions if t is None or t > f] for org, versions in rows.items()}


def current(organization_ids: Iterable[int] | None = None) -> Tree:
    """The organizations' versions now (the tree a rebuild uses)."""
    return as_tree(_rows(OrganizationVersion, organization_ids))


def reflected(organization_ids: Iterable[int] | None = None) -> Tree:
    """The tree the stored rollups follow."""
    return as_tree(_rows(TallyVersion, organization_ids))


def reset() -> None:
    """Make the reflected tree the current one (after a rebuild of every rollup from it)."""
    TallyVersion.objects.all().delete()
    _copy(None)


def _copy(organization_ids: Iterable[int] | None) -> None:
    rows = _rows(OrganizationVersion, organization_ids)
    TallyVersion.objects.bulk_create([TallyVersion(organization_id=org, valid_from=f, valid_to=t, path=p)
                                      for org, versions in rows.items() for f, t, p in versions], batch_size=5000)


def first_difference(old: list[Any], new: list[Any]) -> dt.date | None:
    """The first day on which an organization's path differs between two lists of its spans (None: never)."""
    days = {dt.date.min, *(f for f, _t, _i in old), *(f for f, _t, _i in new)}
    days |= {t for _f, t, _i in [*old, *new] if t is not None}
    for day in sorted(days):
        if ancestors_on({0: old}, 0, day) != ancestors_on({0: new}, 0, day):
            return day
    return None


def sync(hint: Iterable[int]) -> int:
    """Bring the reflected tree of the hinted organizations and everything under them (then or now) to their
    versions now, moving the rollups accordingly. Returns the number of organizations whose tree changed."""
    hint = set(hint)
    if not hint:
        return 0
    paths = set(OrganizationVersion.objects.filter(organization_id__in=hint).values_list("path", flat=True))
    paths |= set(TallyVersion.objects.filter(organization_id__in=hint).values_list("path", flat=True))
    under = Q(organization_id__in=hint)
    for path in _outermost(paths):
        under |= Q(path__under=path)
    candidates = set(OrganizationVersion.objects.filter(under).values_list("organization_id", flat=True))
    candidates |= set(TallyVersion.objects.filter(under).values_list("organization_id", flat=True))
    now_rows, then_rows = _rows(OrganizationVersion, candidates), _rows(TallyVersion, candidates)
    changed = {org for org in candidates if now_rows.get(org, []) != then_rows.get(org, [])}
    if not changed:
        return 0
    new_tree, old_tree = as_tree(now_rows), as_tree(then_rows)
    since = {org: day for org in changed
             if (day := first_difference(old_tree.get(org, []), new_tree.get(org, []))) is not None}
    if since:
        _move_rollups(since, old_tree, new_tree)
    TallyVersion.objects.filter(organization_id__in=changed).delete()
    _copy(changed)
    return len(changed)


def _outermost(paths: set[str]) -> list[str]:
    """The paths not under another of them (a plan's hint names communes and their cells: one condition each)."""
    kept: list[str] = []
    for path in sorted(paths):
        if not kept or not path.startswith(kept[-1]):
            kept.append(path)
    return kept


def _move_rollups(since: dict[int, dt.date], old_tree: Tree, new_tree: Tree) -> None:
    """Apply the difference of the rollup items of the leaf series touched by the changed organizations
    (theirs, and the transfers whose counterpart is one of them), from the day their tree changed."""
    from tallies.maintain import apply_difference

    series = TallySeries.objects.filter(rollup=False).filter(
        Q(organization_id__in=list(since)) | Q(key__in=TRANSFER_KEYS, counterpart_id__in=list(since)))
    keys = {pk: (org, key, sex, eth, cp) for pk, org, key, sex, eth, cp in series.values_list(
        "pk", "organization_id", "key", "sex", "ethnicity_id", "counterpart_id")}
    if not keys:
        return
    others = {org for org, _k, _s, _e, _c in keys.values()} | {c for *_r, c in keys.values() if c}
    unchanged = reflected(others - set(since))  # the same in both trees: not synced now
    old_tree = {**unchanged, **{org: old_tree.get(org, []) for org in since}}
    new_tree = {**unchanged, **{org: new_tree.get(org, []) for org in since}}
    points: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
    for series_id, day, total in TallyPoint.objects.filter(series_id__in=list(keys)).values_list(
            "series_id", "day", "total").order_by("series_id", "day"):
        points[series_id].append((day, total))
    leaves: Counter[Item] = Counter()
    for pk, (org, key, sex, eth, cp) in keys.items():
        start = min(since.get(org, dt.date.max), since.get(cp, dt.date.max) if cp else dt.date.max)
        _leaf_items(leaves, (key, org, sex, eth, cp), points[pk], start)
    apply_difference(rollups(leaves, old_tree), rollups(leaves, new_tree))


def _leaf_items(into: Counter[Item], series: tuple[str, int, str, int, int], points: list[tuple[dt.date, int]],
                start: dt.date) -> None:
    """A leaf series from `start` on, as items: a stock's value on each piece of its step function, a
    movement's increments on their days."""
    key, org, sex, eth, cp = series
    previous = 0
    for index, (day, total) in enumerate(points):
        following = points[index + 1][0] if index + 1 < len(points) else None
        if key in STOCK_STATUSES:
            first = max(day, start)
            if total and (following is None or following > first):
                into[(key, org, sex, eth, cp, False, first, following)] += total
        elif day >= start and total != previous:
            into[(key, org, sex, eth, cp, False, day, None)] += total - previous
        previous = total


def organization_changed(event: Any) -> None:
    """core.events subscriber (in the transaction): a change of an organization may have changed the versions of
    it and everything under it. Only the changed organization's subtree is compared, not its parent's (the
    event names both): a plan moving a province's cells one commune at a time would otherwise compare the whole
    province at each step."""
    sync(_changed_organizations([event]))


def _changed_organizations(events: Iterable[Any]) -> set[int]:
    return {int(pk) for event in events if event.app == "organizations" and event.kind.startswith("organization.")
            for label, pk in event.objects if label == "organizations.organization"}


def _organizations_changed(events: list[Any]) -> None:
    """The held changes of a whole restructuring (core.events.held), followed in one sync of their union: the
    member writes inside the plan synced what they touched already (maintain._tree), the rest moves here once."""
    sync(_changed_organizations(events))


organization_changed.batch = _organizations_changed  # type: ignore[attr-defined]
