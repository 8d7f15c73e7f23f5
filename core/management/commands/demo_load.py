"""Load the demo data through the services, and the demo users. Safe to run again: nothing is duplicated."""

from __future__ import annotations

import importlib
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import RoleKind, User
from accounts.services import role_grant, user_create
from core.context import request_id_scope
from organizations.models import Organization

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "dangvu-demo"  # noqa: S105 - demo installation only; printed for the newcomer

# (username, full name, role kind, organization code)
DEMO_USERS = [
    ("bantochuc.nari", "Hoàng Thị Lan", "organization-board", "BK-NR"),
    ("vanphong.natong", "Lò Thị Xuân", "committee-office", "DB-DBH-NT"),
    ("bithu.pakin1", "Lò Văn Liên", "cell-secretary", "DB-DBH-NT-PK1"),
]


class Command(BaseCommand):
    help = "Load demo data (Na Rì 2020, Na Tông 2016) and demo users."

    def handle(self, *args: Any, **options: Any) -> None:
        with request_id_scope(), transaction.atomic():
            admin = self._admin()
            for app in apps.get_app_configs():
                try:
                    module = importlib.import_module(f"{app.name}.demo")
                except ModuleNotFoundError:
                    continue
                module.load(admin)
            self._users(admin)
        self.stdout.write(
            f"Demo data loaded. Sign in at http://127.0.0.1:8000/ as {ADMIN_USERNAME} / {ADMIN_PASSWORD}"
            + "".join(f"\n  also {u} / {u}-demo ({k})" for u, _n, k, _c in DEMO_USERS)
        )

    def _admin(self) -> User:
        """The demo's administrator, created by the installation itself (actor None) through the service."""
        admin = User.objects.filter(username=ADMIN_USERNAME).first()
        if admin is None:
            admin = user_create(
                actor=None, username=ADMIN_USERNAME, password=ADMIN_PASSWORD,
                is_superuser=True, reason="demo",
            )
        return admin

    def _users(self, admin: User) -> None:
        for username, full_name, kind_code, org_code in DEMO_USERS:
            user = User.objects.filter(username=username).first() or user_create(
                actor=admin, username=username, password=f"{username}-demo", full_name=full_name
            )
            role_grant(
                actor=admin, user=user, kind=RoleKind.objects.get(code=kind_code),
                organization=Organization.objects.get(code=org_code),
            )
