"""Test helpers shared by every app: a small tree built through the services, and a cast of users."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from accounts.models import RoleKind, User
from accounts.services import role_grant, user_create
from core.decisions import Decision
from organizations.models import Organization, OrganizationKind
from organizations.services import organization_establish

DECISION = Decision("01-QĐ/TU", dt.date(2015, 1, 5), "Tỉnh ủy")


def kind(code: str) -> OrganizationKind:
    return OrganizationKind.objects.get(code=code)


def establish(actor: Any, code: str, name: str, kind_code: str, parent: Organization | None,
              on: dt.date = dt.date(2015, 1, 10)) -> Organization:
    return organization_establish(
        actor=actor, code=code, name=name, kind=kind(kind_code), parent=parent, established_on=on, decision=DECISION
    )


@dataclass
class Cast:
    """The same people in every test: who may see and change what."""

    root_admin: User  # installation administrator (superuser)
    province_officer: User  # organization board of the province, whole subtree
    district_officer: User  # organization board of district A
    cell_secretary: User  # secretary of cell A1a
    member: User  # signed in, no role
    outsider: User  # organization board of district B only
    province: Organization
    district_a: Organization
    district_b: Organization
    commune_a1: Organization
    commune_a2: Organization
    cell_a1a: Organization
    cell_a1b: Organization
    commune_b1: Organization


def ensure_reference_data() -> None:
    """Reload every app's reference data (kinds, rules, holidays...), which transactional tests flush away."""
    from django.apps import apps

    from core.apps_modules import import_from_apps

    for module in import_from_apps("reference"):
        module.load(apps)


def build_cast() -> Cast:
    ensure_reference_data()
    admin = User.objects.create_superuser("root", password="root-pass-123")  # noqa: S106  # noqa: S106
    province = establish(admin, "T", "Đảng bộ tỉnh Thử", "province", None)
    district_a = establish(admin, "T-A", "Đảng bộ huyện An Bình", "district", province)
    district_b = establish(admin, "T-B", "Đảng bộ huyện Bắc Sơn", "district", province)
    commune_a1 = establish(admin, "T-A-1", "Đảng bộ xã Đồng Tâm", "commune", district_a)
    commune_a2 = establish(admin, "T-A-2", "Đảng bộ xã Hòa Bình", "commune", district_a)
    cell_a1a = establish(admin, "T-A-1-a", "Chi bộ thôn Nà Rì", "cell", commune_a1)
    cell_a1b = establish(admin, "T-A-1-b", "Chi bộ thôn Khuổi Hỏm", "cell", commune_a1)
    commune_b1 = establish(admin, "T-B-1", "Đảng bộ xã Lương Hạ", "commune", district_b)

    def person(username: str) -> User:
        return user_create(actor=admin, username=username, password=f"{username}-pass-123", full_name=username)

    board = RoleKind.objects.get(code="organization-board")
    secretary = RoleKind.objects.get(code="cell-secretary")
    province_officer, district_officer = person("province"), person("district")
    cell_secretary, member, outsider = person("secretary"), person("member"), person("outsider")
    role_grant(actor=admin, user=province_officer, kind=board, organization=province)
    role_grant(actor=admin, user=district_officer, kind=board, organization=district_a)
    role_grant(actor=admin, user=cell_secretary, kind=secretary, organization=cell_a1a)
    role_grant(actor=admin, user=outsider, kind=board, organization=district_b)
    return Cast(admin, province_officer, district_officer, cell_secretary, member, outsider, province,
                district_a, district_b, commune_a1, commune_a2, cell_a1a, cell_a1b, commune_b1)
