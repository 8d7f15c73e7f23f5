"""Member figures of a subtree read from the tallies: the organization's own rollup series, two index probes per
series (keys × sexes), whatever the size of the subtree — never a scan of members, events or cells.

Same meaning as members.figures (the reference): a rollup series of organization P holds what happened anywhere
under P, each day under that day's tree (tallies.contributions.rollups). So the stocks on `as_of` are the values
of P's stock rollups on `as_of`, and the movements in [a, b] are value(b) - value(a - 1) of P's movement rollups:
an event added to P's rollup exactly when its organization stood under P on the event's day, a transfer only
when its counterpart did not.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from members.models import Status
from organizations.models import Organization, OrganizationVersion
from tallies.contributions import MOVEMENT_KEYS, STOCK_STATUSES
from tallies.models import TallyPoint, TallySeries

ONE_DAY = dt.timedelta(days=1)


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


def _rollups(organization: Organization, keys: tuple[str, ...]) -> QuerySet[TallySeries]:
    return TallySeries.objects.filter(organization=organization, rollup=True, key__in=keys)


def stocks(organization: Organization, *, as_of: dt.date) -> dict[str, int]:
    """members_total … candidates on `as_of`, like members.figures.member_stocks. One query."""
    by_status = _sums(_rollups(organization, tuple(STOCK_STATUSES)), on=as_of)
    official = by_status.get(Status.OFFICIAL, 0) + by_status.get(Status.EXEMPTED, 0)
    probationary = by_status.get(Status.PROBATIONARY, 0)
    return {
        "members_total": official + probationary,
        "members_official": official,
        "members_probationary": probationary,
        "members_exempted": by_status.get(Status.EXEMPTED, 0),
        "candidates": by_status.get(Status.CANDIDATE, 0),
    }


def movements(organization: Organization, *, date_from: dt.date, date_to: dt.date) -> dict[str, int]:
    """The covered movement keys in [date_from, date_to], like members.figures.member_movements. One query."""
    counts = dict.fromkeys(MOVEMENT_KEYS, 0)
    if date_to < date_from:
        return counts
    counts.update(_sums(_rollups(organization, MOVEMENT_KEYS), on=date_to, before=date_from - ONE_DAY))
    return counts


def _paths(organization: Organization, date_from: dt.date, date_to: dt.date) -> list[str]:
    """The organization's paths in the period (tallies.figures.recognised_decided, which is not tallied)."""
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
