"""Vocabularies of the member pages: age and Party-age bands, dossier forms, grounds, exception areas,
status groups of the list filter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from members.models import (
    MEMBER_STATUSES,
    Status,
    StrikeOffGround,
)
from rules.calendar import months_between


@dataclass(frozen=True)
class Band:
    """Whole years from `low` (inclusive) to `high` (exclusive; None: no upper bound)."""

    code: str
    label: Any
    low: int
    high: int | None


AGE_BANDS = [
    Band("under_30", _("under 30"), 0, 30),
    Band("30_45", _("30 to 45"), 30, 46),
    Band("46_60", _("46 to 60"), 46, 61),
    Band("over_60", _("over 60"), 61, None),
]
PARTY_AGE_BANDS = [
    Band("under_10", _("under 10 years"), 0, 10),
    Band("10_29", _("10 to 29 years"), 10, 30),
    Band("30_39", _("30 to 39 years"), 30, 40),
    Band("40_49", _("40 to 49 years"), 40, 50),
    Band("50_plus", _("50 years and more"), 50, None),
]
AGE_BAND_BY_CODE = {b.code: b for b in AGE_BANDS}
PARTY_AGE_BAND_BY_CODE = {b.code: b for b in PARTY_AGE_BANDS}

DOSSIER_LABELS = {
    "1-KNĐ": "1-KNĐ — Đơn xin vào Đảng",
    "2-KNĐ": "2-KNĐ — Lý lịch của người xin vào Đảng",
    "3-KNĐ": "3-KNĐ — Giấy giới thiệu người vào Đảng",
    "3A-KNĐ": "3A-KNĐ — Giấy giới thiệu (đảng viên giới thiệu)",
    "4-KNĐ": "4-KNĐ — Nghị quyết giới thiệu đoàn viên vào Đảng",
    "5-KNĐ": "5-KNĐ — Tổng hợp ý kiến nhận xét",
    "5B-KNĐ": "5B-KNĐ — Ý kiến nhận xét của chi ủy nơi cư trú",
    "5C-KNĐ": "5C-KNĐ — Ý kiến nhận xét của đoàn thể",
    "6-KNĐ": "6-KNĐ — Nghị quyết đề nghị kết nạp của chi bộ",
    "8-KNĐ": "8-KNĐ — Nghị quyết của đảng ủy cơ sở",
    "9-KNĐ": "9-KNĐ — Quyết định kết nạp đảng viên",
}

GROUND_LABELS = {
    "abandoned_activities": StrikeOffGround.ABANDONED_ACTIVITIES.label,
    "applied_to_leave": _("applied to leave the Party"),
    "serious_disunity": _("caused serious disunity"),
    "corruption_conviction": _("convicted of corruption"),
    "serious_crime_conviction": _("convicted of a serious crime"),
}
EXPULSION_GROUNDS = ["serious_disunity", "corruption_conviction", "serious_crime_conviction"]

EXCEPTION_AREA_LABELS = {
    "mountain": _("mountain area"),
    "border": _("border area"),
    "island": _("island area"),
    "ethnic_minority": _("ethnic-minority area"),
    "especially_disadvantaged": _("especially disadvantaged area"),
    "fisherman_at_sea": _("fisherman working regularly at sea or on islands"),
}

# Status filter: two groups, then every single status.
STATUS_ACTIVE = "active"
STATUS_MEMBERS = "members"
STATUS_GROUPS: dict[str, list[str]] = {
    STATUS_ACTIVE: [Status.CANDIDATE, Status.PROBATIONARY, Status.OFFICIAL, Status.EXEMPTED],
    STATUS_MEMBERS: [Status.PROBATIONARY, Status.OFFICIAL, Status.EXEMPTED],
}
# Who has a current Party age: members, and members whose transfer letter is on its way.
PARTY_AGE_STATUSES = [*sorted(MEMBER_STATUSES), Status.TRANSFERRED_OUT]


def age_years(birth_date: dt.date, on: dt.date) -> int:
    return months_between(birth_date, on) // 12

