"""Member figures of a subtree read from the tallies: two index probes per series, never a scan of members.

Same meaning as members.figures (the reference): stocks under the tree of `as_of`; movements of the events
whose organization stood under the subtree on the event's day, transfers only across the subtree's boundary.
A movement series' value is a running count, so the count in a window [a, b] is value(b) - value(a - 1); an
organization that stood under the subtree for part of the period counts only over that part (its version's
window), and a transfer only over the days its counterpart stood outside.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from members.models import Status
from organizations.models import Organization, OrganizationVersion
from organizations.queries import subtree_versions_as_of
from tallies.contributions import MOVEMENT_KEYS, STOCK_STATUSES, TRANSFER_KEYS
from tallies.models import TallyPoint, TallySeries

ONE_DAY = dt.timedelta(days=1)
Window = tuple[dt.date, dt.date]


def _value_on(day: dt.date) -> Coalesce:
    latest = TallyPoint.objects.filter(series=OuterRef("pk"), day__lte=day).order_by("-day").values("total")[:1]
    return Coalesce(Subquery(latest, output_field=IntegerField()), 0)


def _sums(series: QuerySet[TallySeries], *, on: dt.date, before: dt.date | None = None) -> dict[str, int]:
    """Per key: the sum over the series of value(on), minus value(before) when given. One query."""
    annotations: dict[str, Any] = {"end": Sum(_value_on(on))}
    if before is not None:
        annotations["start"] = Sum(_value_on(before))
    rows = series.values("key").annotate(**annotations).order_by()
    return {r["key"]: int(r["end"] or 0) - int(r.get("start") or 0) for r in rows}


def stocks(organization: Organization, *, as_of: dt.date) -> dict[str, int]:
    """members_total … candidates on `as_of`, like members.figures.member_stocks."""
    organizations = subtree_versions_as_of(organization, on=as_of).values("organization_id")
    by_status = _sums(TallySeries.objects.filter(organization_id__in=organizations, key__in=STOCK_STATUSES), on=as_of)
    official = by_status.get(Status.OFFICIAL, 0) + by_status.get(Status.EXEMPTED, 0)
    probationary = by_status.get(Status.PROBATIONARY, 0)
    return {
        "members_total": official + probationary,
        "members_official": official,
        "members_probationary": probationary,
        "members_exempted": by_status.get(Status.EXEMPTED, 0),
        "candidates": by_status.get(Status.CANDIDATE, 0),
    }


def _paths(organization: Organization, date_from: dt.date, date_to: dt.date) -> list[str]:
    return list(
        OrganizationVersion.objects.filter(organization=organization, valid_from__lte=date_to)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=date_from))
        .values_list("path", flat=True).distinct()
    )


def _under(paths: list[str]) -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__under=path)
    return condition


def _clip(valid_from: dt.date, valid_to: dt.date | None, window: Window) -> Window | None:
    start = max(window[0], valid_from)
    end = window[1] if valid_to is None else min(window[1], valid_to - ONE_DAY)
    return (start, end) if start <= end else None


def _merged(versions: QuerySet[OrganizationVersion], period: Window) -> dict[int, list[Window]]:
    """Per organization, its versions' windows in the period with adjacent ones joined (a cell re-parented
    within the subtree stood under it throughout: one window, one probe pair, not one per version)."""
    merged: dict[int, list[Window]] = defaultdict(list)
    for org_id, valid_from, valid_to in versions.values_list("organization_id", "valid_from", "valid_to").order_by(
            "organization_id", "valid_from"):
        window = _clip(valid_from, valid_to, period)
        if window is None:
            continue
        parts = merged[org_id]
        if parts and parts[-1][1] + ONE_DAY == window[0]:
            parts[-1] = (parts[-1][0], window[1])
        else:
            parts.append(window)
    return merged


def _outside(window: Window, inside: list[Window]) -> list[Window]:
    """Parts of `window` not covered by the `inside` windows."""
    parts = [window]
    for a, b in inside:
        next_parts = []
        for start, end in parts:
            if b < start or a > end:
                next_parts.append((start, end))
                continue
            if start < a:
                next_parts.append((start, a - ONE_DAY))
            if b < end:
                next_parts.append((b + ONE_DAY, end))
        parts = next_parts
    return parts


def movements(organization: Organization, *, date_from: dt.date, date_to: dt.date) -> dict[str, int]:
    """The covered movement keys in [date_from, date_to], like members.figures.member_movements."""
    counts = dict.fromkeys(MOVEMENT_KEYS, 0)
    paths = _paths(organization, date_from, date_to)
    if date_to < date_from or not paths:
        return counts
    period = (date_from, date_to)
    versions = (OrganizationVersion.objects.filter(_under(paths), valid_from__lte=date_to)
                .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=date_from)))
    whole = Q(valid_from__lte=date_from) & (Q(valid_to__isnull=True) | Q(valid_to__gt=date_to))
    simple_keys = [k for k in MOVEMENT_KEYS if k not in TRANSFER_KEYS]
    # Organizations under the subtree for the whole period: one query for all of them.
    whole_series = TallySeries.objects.filter(organization_id__in=versions.filter(whole).values("organization_id"),
                                              key__in=simple_keys)
    _add(counts, _sums(whole_series, on=date_to, before=date_from - ONE_DAY))
    windows: dict[Window, list[int]] = defaultdict(list)
    for org_id, parts in _merged(versions.exclude(whole), period).items():
        for window in parts:
            windows[window].append(org_id)
    for (start, end), org_ids in windows.items():
        series = TallySeries.objects.filter(organization_id__in=org_ids, key__in=simple_keys)
        _add(counts, _sums(series, on=end, before=start - ONE_DAY))
    _add(counts, _transfers(versions, paths, period))
    return counts


def _transfers(versions: QuerySet[OrganizationVersion], paths: list[str], period: Window) -> dict[str, int]:
    """Transfer series counted over the days their organization stood inside and their counterpart outside.

    Most series need no windows: an organization inside for the whole period whose counterpart never stood inside
    counts over the whole period (one query); one whose counterpart stood inside for the whole period counts
    nothing. Only the rest (partial versions, restructured counterparts) are cut into windows here."""
    whole = Q(valid_from__lte=period[0]) & (Q(valid_to__isnull=True) | Q(valid_to__gt=period[1]))
    inside_whole = versions.filter(whole).values("organization_id")
    touched = versions.values("organization_id")
    transfers = TallySeries.objects.filter(key__in=TRANSFER_KEYS)
    counts = _sums(transfers.filter(organization_id__in=inside_whole).exclude(counterpart_id__in=touched),
                   on=period[1], before=period[0] - ONE_DAY)
    rest = list(transfers.filter(organization_id__in=touched, counterpart_id__in=touched)
                .exclude(organization_id__in=inside_whole, counterpart_id__in=inside_whole)
                .union(transfers.filter(organization_id__in=touched).exclude(organization_id__in=inside_whole)
                       .exclude(counterpart_id__in=touched))
                .values_list("pk", "organization_id", "counterpart_id"))
    if not rest:
        return counts
    ids = {org for _pk, org, _c in rest} | {c for _pk, _org, c in rest if c}
    windows: dict[int, list[Window]] = defaultdict(list)
    for org_id, valid_from, valid_to in versions.filter(organization_id__in=ids).values_list(
            "organization_id", "valid_from", "valid_to"):
        window = _clip(valid_from, valid_to, period)
        if window is not None:
            windows[org_id].append(window)
    by_window: dict[Window, list[int]] = defaultdict(list)
    for pk, org_id, counterpart_id in rest:
        for window in windows[org_id]:
            for part in _outside(window, windows.get(counterpart_id, []) if counterpart_id else []):
                by_window[part].append(pk)
    for (start, end), pks in by_window.items():
        _add(counts, _sums(TallySeries.objects.filter(pk__in=pks), on=end, before=start - ONE_DAY))
    return counts


def _add(into: dict[str, int], more: dict[str, int]) -> None:
    for key, value in more.items():
        into[key] = into.get(key, 0) + value
