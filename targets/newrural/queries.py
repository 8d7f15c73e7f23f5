"""Reading new-rural statuses: the set that applies to a year, each commune's met criteria under the tree of a
year, the band summary and the villages' share. Statuses are few (communes × criteria), read in one query."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from core.scope import restrict
from core.text import title_sort_key
from organizations.models import Organization, OrganizationVersion
from organizations.queries import subtree_versions_as_of
from targets import wording as w
from targets.newrural.models import CommuneCriterionStatus, CriteriaLevel, CriteriaSet, Criterion, VillageStatus

COMMUNE_KINDS = ("commune",)


def criteria_set_for(year: int, level: str = CriteriaLevel.STANDARD) -> CriteriaSet | None:
    return (CriteriaSet.objects.filter(level=level, first_year__lte=year, last_year__gte=year)
            .order_by("-first_year", "code").first())


def criterion_of(criteria_set: CriteriaSet, number: int) -> Criterion:
    return Criterion.objects.get(criteria_set=criteria_set, number=number)


@dataclass
class CommuneRow:
    organization_id: int
    name: str
    met: dict[int, bool] = field(default_factory=dict)  # criterion number -> met

    @property
    def met_count(self) -> int:
        return sum(1 for value in self.met.values() if value)


@dataclass
class Grid:
    year: int
    criteria_set: CriteriaSet | None
    criteria: list[Criterion]
    communes: list[CommuneRow]

    def bands(self) -> list[tuple[int, int | None, int]]:
        total = len(self.criteria)
        assessed = [row for row in self.communes if row.met]
        found: list[tuple[int, int | None, int]] = []
        for low, high in w.NEWRURAL_BANDS:
            if high is None:
                count = sum(1 for row in assessed if row.met_count >= total)
                found.append((total, None, count))
            else:
                count = sum(1 for row in assessed if low <= row.met_count <= min(high, total - 1))
                found.append((low, high, count))
        return found

    def summary(self) -> str:
        return w.newrural_text(self.bands(), total_criteria=len(self.criteria))

    @property
    def table(self) -> list[dict[str, Any]]:
        """One row per commune: its name, its status on each criterion in order (None: not recorded), the count."""
        return [{"name": row.name, "cells": [row.met.get(c.number) for c in self.criteria], "met": row.met_count}
                for row in self.communes]


def _communes(organization: Organization, on: dt.date) -> QuerySet[OrganizationVersion]:
    return subtree_versions_as_of(organization, on=on).filter(kind__code__in=COMMUNE_KINDS)


def grid(organization: Organization, *, year: int, user: Any = None) -> Grid:
    """The communes under the organization on 31/12 of the year (or itself if a commune), with their latest
    status on each criterion of the set that applies to that year."""
    on = dt.date(year, 12, 31)
    criteria_set = criteria_set_for(year)
    criteria = list(criteria_set.criteria.all()) if criteria_set else []
    versions = sorted(_communes(organization, on), key=lambda v: title_sort_key(v.name)) if criteria_set else []
    rows = {v.organization_id: CommuneRow(v.organization_id, v.name) for v in versions}
    statuses = CommuneCriterionStatus.objects.filter(year=year, organization_id__in=rows,
                                                     criterion__criteria_set=criteria_set)
    if user is not None:
        statuses = restrict(statuses, user, "targets.view")
    for status in statuses.order_by("created_at", "pk").values("organization_id", "criterion__number", "met"):
        rows[status["organization_id"]].met[status["criterion__number"]] = status["met"]
    return Grid(year=year, criteria_set=criteria_set, criteria=criteria, communes=list(rows.values()))


def villages(organization: Organization, *, year: int) -> tuple[int, int]:
    """(villages met, villages assessed) recorded under communes that stood under the organization on 31/12 of the
    year (one query)."""
    under = subtree_versions_as_of(organization, on=dt.date(year, 12, 31)).values("organization_id")
    latest: dict[int, bool] = {}
    for row in (VillageStatus.objects.filter(year=year, organization_id__in=under)
                .order_by("created_at", "pk").values("village_id", "met")):
        latest[row["village_id"]] = row["met"]
    return sum(1 for met in latest.values() if met), len(latest)
