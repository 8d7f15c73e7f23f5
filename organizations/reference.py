"""Reference data: kinds of organization and of covered unit. Loaded by a migration; editable in admin."""

from __future__ import annotations

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
