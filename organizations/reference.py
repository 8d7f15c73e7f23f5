"""Reference data: kinds of organization and of covered unit. Loaded by a migration; editable in admin."""

from __future__ import annotations

import datetime as dt
from typing import Any

# (code, Vietnamese name, English name, rank, is_grassroots, holds_members)
ORGANIZATION_KINDS = [
    ("central", "Trung ương", "Central", 0, False, False),
    ("province", "Đảng bộ tỉnh, thành phố", "Provincial Party organization", 10, False, False),
    ("district", "Đảng bộ huyện và tương đương", "District Party organization (until 2025)", 20, False, False),
    ("commune", "Đảng bộ xã, phường, thị trấn, đặc khu", "Commune-level Party organization", 30, True, False),
    ("grassroots", "Đảng bộ cơ sở", "Grassroots Party organization", 30, True, False),
    ("grassroots-cell", "Chi bộ cơ sở", "Grassroots Party cell", 30, True, True),
    ("sub-committee", "Đảng bộ bộ phận", "Sub-organization", 40, False, False),
    ("cell", "Chi bộ trực thuộc", "Party cell", 50, False, True),
]

# (code, Vietnamese name, English name)
COVERED_UNIT_KINDS = [
    ("village", "Thôn, bản", "Village"),
    ("residential-group", "Tổ dân phố", "Residential group"),
    ("school", "Trường học", "School"),
    ("clinic", "Trạm y tế", "Clinic"),
    ("agency", "Cơ quan", "Agency"),
    ("enterprise", "Doanh nghiệp", "Enterprise"),
]


TWO_LEVEL_GOVERNMENT = dt.date(2025, 7, 1)  # the district level ends (Nghị quyết 202/2025/QH15, Luật 72/2025/QH15)
STATUTE = "Điều lệ Đảng (2011) Điều 4-5; Quy định 24-QĐ/TW (30/07/2021) §4.3"
Q_294 = "Quy định 294-QĐ/TW (26/05/2025), in force 01/07/2025"
_DS, _CC, _PS = "district-standing", "commune-committee", "province-standing"
_NOT_READ = ("Who decides after 01/07/2025 follows from 294-QĐ/TW (commune and ward committees directly under the "
             "province, the district level gone); the wording of the delegation was not read in a primary text.")

# Dated attributes of the kinds (organizations.KindPeriod, read by organizations.kinds), as of 2026:
# (kind, valid_from, valid_to, grassroots, superior kind, decides admission, decides recognition, decides transfer,
#  regulation, confirmed, note). A cell (chi bộ trực thuộc) has no decider: the grassroots organization above it
# says. Transfers: not encoded (the organization boards issue the letters, 294-QĐ/TW §6.3; not checked).
KIND_PERIODS: list[tuple[Any, ...]] = [
    ("commune", None, TWO_LEVEL_GOVERNMENT, True, "district", _DS, _DS, "", STATUTE, True, ""),
    ("commune", TWO_LEVEL_GOVERNMENT, None, True, "province", _CC, _CC, "", Q_294, False, _NOT_READ),
    ("grassroots", None, TWO_LEVEL_GOVERNMENT, True, "district", _DS, _DS, "", STATUTE, True, ""),
    ("grassroots", TWO_LEVEL_GOVERNMENT, None, True, "province", _PS, _PS, "", Q_294, False, _NOT_READ),
    ("grassroots-cell", None, TWO_LEVEL_GOVERNMENT, True, "district", _DS, _DS, "", STATUTE, True, ""),
    ("grassroots-cell", TWO_LEVEL_GOVERNMENT, None, True, "province", _PS, _PS, "", Q_294, False, _NOT_READ),
    ("district", None, TWO_LEVEL_GOVERNMENT, False, "province", "", "", "", STATUTE, True, ""),
    ("cell", None, None, False, None, "", "", "", STATUTE, True, ""),
]


def load_kind_periods(apps: Any, schema_editor: Any = None) -> None:
    """Insert the dated attributes of a kind that has none; never touch what an administrator has edited."""
    try:
        period_model = apps.get_model("organizations", "KindPeriod")
    except LookupError:
        return  # migrations before 0005: the table does not exist yet
    kinds = {k.code: k for k in apps.get_model("organizations", "OrganizationKind").objects.all()}
    having = set(period_model.objects.values_list("kind__code", flat=True))
    for code, start, end, grassroots, superior, admission, recognition, transfer, regulation, confirmed, note in (
        KIND_PERIODS
    ):
        if code not in kinds or code in having:
            continue
        period_model.objects.create(
            kind=kinds[code], valid_from=start, valid_to=end, is_grassroots=grassroots,
            superior=kinds.get(superior) if superior else None, admission_decider=admission,
            recognition_decider=recognition, transfer_decider=transfer, regulation=regulation, confirmed=confirmed,
            note=note,
        )


def load(apps: Any, schema_editor: Any = None) -> None:
    """Insert missing kinds; never overwrite what an administrator has edited."""
    kind_model = apps.get_model("organizations", "OrganizationKind")
    for code, name, name_en, rank, grassroots, holds in ORGANIZATION_KINDS:
        kind_model.objects.get_or_create(
            code=code,
            defaults={"name": name, "name_en": name_en, "rank": rank, "is_grassroots": grassroots,
                      "holds_members": holds},
        )
    unit_model = apps.get_model("organizations", "CoveredUnitKind")
    for code, name, name_en in COVERED_UNIT_KINDS:
        unit_model.objects.get_or_create(code=code, defaults={"name": name, "name_en": name_en})
    load_kind_periods(apps)
