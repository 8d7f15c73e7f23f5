"""Kinds whose meaning changes with a date: grassroots or not, the direct superior level, who decides (issue 11 §2).

`OrganizationKind.is_grassroots` is the kind's flag today; what a kind *was* on a date is dated data here: whether
it counted as a grassroots Party organization (tổ chức cơ sở đảng), which level is the "cấp trên trực tiếp" of a
grassroots organization of that kind, and which committee decides an admission, a recognition or a transfer for
its members. From 01/07/2025 commune and ward Party committees hold powers the district standing committees held
(Quy định 294-QĐ/TW of 26/05/2025 on implementing the Party Statute, and the Politburo's decisions on the two-level
local government); details that could not be checked against a text are marked `confirmed=False`.

A kind that has no period here (one an administrator added) keeps its `is_grassroots` flag for every date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organizations.models import OrganizationKind

TWO_LEVEL_GOVERNMENT = dt.date(2025, 7, 1)  # the district level ends (Nghị quyết 202/2025/QH15, Luật 72/2025/QH15)
STATUTE = "Điều lệ Đảng (2011), Quy định 24-QĐ/TW (30/07/2021)"
Q_294 = "Quy định 294-QĐ/TW (26/05/2025)"


@dataclass(frozen=True)
class KindPeriod:
    """What a kind meant from `valid_from` (inclusive) to `valid_to` (exclusive; None: still)."""

    kind: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    grassroots: bool
    superior: str  # the level above a grassroots organization of this kind ("cấp trên trực tiếp")
    decides: Any  # (lazy text) who decides admission, recognition and transfers of its members
    source: str
    confirmed: bool = True

    def covers(self, on: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (self.valid_to is None or on < self.valid_to)


DISTRICT_STANDING = _("the standing committee of the district Party committee (or equivalent)")
COMMUNE_COMMITTEE = _("the commune Party committee (powers of the former district standing committee)")
PROVINCE_BODY = _("the provincial Party committee directly above (its standing committee)")

KIND_PERIODS: list[KindPeriod] = [
    KindPeriod("commune", None, TWO_LEVEL_GOVERNMENT, True, "district", DISTRICT_STANDING, STATUTE),
    KindPeriod("commune", TWO_LEVEL_GOVERNMENT, None, True, "province", COMMUNE_COMMITTEE, Q_294,
               confirmed=False),
    KindPeriod("grassroots", None, TWO_LEVEL_GOVERNMENT, True, "district", DISTRICT_STANDING, STATUTE),
    KindPeriod("grassroots", TWO_LEVEL_GOVERNMENT, None, True, "province", PROVINCE_BODY, Q_294,
               confirmed=False),
    KindPeriod("grassroots-cell", None, TWO_LEVEL_GOVERNMENT, True, "district", DISTRICT_STANDING, STATUTE),
    KindPeriod("grassroots-cell", TWO_LEVEL_GOVERNMENT, None, True, "province", PROVINCE_BODY, Q_294,
               confirmed=False),
    KindPeriod("district", None, TWO_LEVEL_GOVERNMENT, False, "province", "", STATUTE),
    # Cells under a commune committee: the commune committee decides for them from 01/07/2025.
    KindPeriod("cell", None, TWO_LEVEL_GOVERNMENT, False, "", DISTRICT_STANDING, STATUTE),
    KindPeriod("cell", TWO_LEVEL_GOVERNMENT, None, False, "", COMMUNE_COMMITTEE, Q_294, confirmed=False),
]


def period_of(kind_code: str, on: dt.date) -> KindPeriod | None:
    """The dated attributes of a kind on a date, or None when the kind has none for that date."""
    return next((p for p in KIND_PERIODS if p.kind == kind_code and p.covers(on)), None)


def grassroots_codes(on: dt.date) -> tuple[set[str], set[str]]:
    """(kinds that were grassroots on `on`, kinds that were not) among those with dated attributes."""
    dated = {p.kind for p in KIND_PERIODS}
    yes = {p.kind for p in KIND_PERIODS if p.covers(on) and p.grassroots}
    return yes, dated - yes


def grassroots_q(on: dt.date, *, prefix: str = "kind__") -> Q:
    """Rows whose kind counted as grassroots on `on`: by the dated data, else by the kind's own flag."""
    yes, no = grassroots_codes(on)
    undated = Q(**{f"{prefix}is_grassroots": True}) & ~Q(**{f"{prefix}code__in": yes | no})
    return Q(**{f"{prefix}code__in": yes}) | undated


def is_grassroots_on(kind: OrganizationKind, on: dt.date) -> bool:
    period = period_of(kind.code, on)
    return period.grassroots if period is not None else kind.is_grassroots


def competent_level(kind: OrganizationKind, on: dt.date) -> tuple[Any, str, bool]:
    """Who decides admission, recognition and transfers for members of an organization of this kind on `on`:
    (text, source, confirmed). Empty text when no dated data says."""
    period = period_of(kind.code, on)
    if period is None or not period.decides:
        return "", "", False
    return period.decides, period.source, period.confirmed
