"""Kinds whose meaning changes with a date: grassroots or not, the direct superior level, who decides (issue 11 §2).

`OrganizationKind.is_grassroots` is the kind's flag today; what a kind *was* on a date is data, `KindPeriod` rows
(seeded by migration 0005 from `organizations.reference.KIND_PERIODS`, edited in the admin through
`organizations.services.kind_period_save`, which logs the change): whether it counted as a grassroots Party
organization (tổ chức cơ sở đảng), which level is the "cấp trên trực tiếp" of a grassroots organization of that
kind, and which committee decides an admission, a recognition or a transfer for the members of its cells. From
01/07/2025 commune and ward Party committees hold powers the district standing committees held (Quy định
294-QĐ/TW of 26/05/2025 and the two-level local government); rows not checked against a text are
`confirmed=False`.

A kind that has no period (one an administrator added) keeps its `is_grassroots` flag for every date.

The rows are read from an in-process copy (`core.caching.TableCache`): one small aggregate per use tells whether
the table changed since the copy was built (also in another process); the service drops the copy at once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from core.caching import TableCache
from organizations.models import Decider, KindPeriod, Organization, OrganizationKind, OrganizationVersion


@dataclass(frozen=True)
class Period:
    """What a kind meant from `valid_from` (inclusive) to `valid_to` (exclusive; None: still)."""

    kind: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    grassroots: bool
    superior: str  # code of the level above a grassroots organization of this kind ("cấp trên trực tiếp")
    deciders: dict[str, str]  # act ("admission", "recognition", "transfer") -> Decider value ("" : not said)
    source: str
    confirmed: bool = True

    def covers(self, on: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (self.valid_to is None or on < self.valid_to)

    @property
    def decides(self) -> Any:
        """Who decides an admission (the label of the committee; "" when the period does not say)."""
        return decider_label(self.deciders.get("admission", ""))


ACTS = ("admission", "recognition", "transfer")
DISTRICT_STANDING = Decider.DISTRICT_STANDING.label
COMMUNE_COMMITTEE = Decider.COMMUNE_COMMITTEE.label
PROVINCE_BODY = Decider.PROVINCE_STANDING.label


def decider_label(value: str) -> Any:
    return Decider(value).label if value in Decider.values else ""


def _build(rows: Any) -> dict[str, list[Period]]:
    found: dict[str, list[Period]] = defaultdict(list)
    for row in rows.select_related("kind", "superior").order_by("kind_id", "valid_from"):
        found[row.kind.code].append(Period(
            row.kind.code, row.valid_from, row.valid_to, row.is_grassroots, row.superior.code if row.superior else "",
            {"admission": row.admission_decider, "recognition": row.recognition_decider,
             "transfer": row.transfer_decider}, row.regulation, row.confirmed,
        ))
    return dict(found)


_cache: TableCache[dict[str, list[Period]]] = TableCache(KindPeriod, _build)


def periods() -> dict[str, list[Period]]:
    """Every kind's periods (kind code -> periods in date order), from the in-process copy."""
    return _cache.get()


def forget() -> None:
    """Drop the in-process copy (organizations.services.kind_period_save, after a write)."""
    _cache.forget()


def period_of(kind_code: str, on: dt.date, *, table: dict[str, list[Period]] | None = None) -> Period | None:
    """The dated attributes of a kind on a date, or None when the kind has none for that date. `table`: the
    periods read once by a caller that looks up many (each `periods()` costs one small query)."""
    return next((p for p in (table if table is not None else periods()).get(kind_code, []) if p.covers(on)), None)


def grassroots_codes(on: dt.date) -> tuple[set[str], set[str]]:
    """(kinds that were grassroots on `on`, kinds that were not) among those with dated attributes."""
    table = periods()
    yes = {code for code, found in table.items() if any(p.covers(on) and p.grassroots for p in found)}
    return yes, set(table) - yes


def grassroots_q(on: dt.date, *, prefix: str = "kind__") -> Q:
    """Rows whose kind counted as grassroots on `on`: by the dated data, else by the kind's own flag."""
    yes, no = grassroots_codes(on)
    undated = Q(**{f"{prefix}is_grassroots": True}) & ~Q(**{f"{prefix}code__in": yes | no})
    return Q(**{f"{prefix}code__in": yes}) | undated


def is_grassroots_on(kind: OrganizationKind, on: dt.date) -> bool:
    period = period_of(kind.code, on)
    return period.grassroots if period is not None else kind.is_grassroots


@dataclass(frozen=True)
class Competence:
    """Who decides an act for the members of a cell on a date, and where that is said."""

    text: Any  # the committee (lazy text); "" when no dated data says
    source: str = ""
    confirmed: bool = False
    organization_id: int | None = None  # the organization whose kind said it (the cell, or the grassroots above)

    def __bool__(self) -> bool:
        return bool(self.text)


def competent_level(kind: OrganizationKind, on: dt.date, *, act: str = "admission") -> tuple[Any, str, bool]:
    """Who decides `act` for members of an organization of this kind on `on`: (text, source, confirmed). Empty
    text when the kind's period of that date does not say."""
    period = period_of(kind.code, on)
    label = decider_label(period.deciders.get(act, "")) if period is not None else ""
    if period is None or not label:
        return "", "", False
    return label, period.source, period.confirmed


def _paths_on(organization_ids: set[int], on: dt.date) -> dict[int, str]:
    """The path of each organization as the tree stood on `on` (today's path when it had no version that day)."""
    dated = OrganizationVersion.objects.filter(valid_from__lte=on).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))
    paths = dict(dated.filter(organization_id__in=organization_ids).values_list("organization_id", "path"))
    missing = organization_ids - set(paths)
    if missing:
        paths.update(Organization.objects.filter(pk__in=missing).values_list("pk", "path"))
    return paths


def _kinds_on(organization_ids: set[int], on: dt.date) -> dict[int, str]:
    """The kind code of each organization on `on` (today's kind when it had no version that day)."""
    dated = OrganizationVersion.objects.filter(valid_from__lte=on).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))
    kinds = dict(dated.filter(organization_id__in=organization_ids).values_list("organization_id", "kind__code"))
    missing = organization_ids - set(kinds)
    if missing:
        kinds.update(Organization.objects.filter(pk__in=missing).values_list("pk", "kind__code"))
    return kinds


def _ids(path: str) -> list[int]:
    return [int(part) for part in path.split(".") if part]


def competences(organization_ids: Any, on: dt.date, *, act: str = "admission",
                table: dict[str, list[Period]] | None = None) -> dict[int, Competence]:
    """Who decides `act` (admission, recognition, transfer) on `on` for members of each cell of `organization_ids`:
    the period of that date of the nearest kind, from the cell up, that names a committee — the cell's own kind (a
    grassroots cell) or the grassroots organization above it. Competence("") when nothing says. A bounded number
    of queries whatever the number of cells (the stamp of the table, the paths, the kinds above)."""
    wanted = {pk for pk in organization_ids if pk is not None}
    if not wanted:
        return {}
    table = table if table is not None else periods()
    paths = _paths_on(wanted, on)
    kinds = _kinds_on({pk for path in paths.values() for pk in _ids(path)}, on)
    found: dict[int, Competence] = {}
    for pk in wanted:
        found[pk] = Competence("")
        for above in reversed(_ids(paths.get(pk, ""))):  # nearest first
            period = period_of(kinds.get(above, ""), on, table=table)
            label = decider_label(period.deciders.get(act, "")) if period is not None else ""
            if period is not None and label:
                found[pk] = Competence(label, period.source, period.confirmed, above)
                break
    return found


def competence_for(organization_id: int | None, on: dt.date, *, act: str = "admission") -> Competence:
    """Who decides `act` for a member of the cell `organization_id` on `on` (see `competences`)."""
    if organization_id is None:
        return Competence("")
    return competences([organization_id], on, act=act).get(organization_id, Competence(""))
