"""Load the demo data through the services, and the demo users. Safe to run again: nothing is duplicated.

Every installed app's `demo` module loads its data (`load(admin)`, in INSTALLED_APPS order); then each one that
has a `finish(admin)` runs it (e.g. organizations' demo users, granted once the tree is complete) and returns the
lines to print.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services import user_create
from core.apps_modules import import_from_apps
from core.context import request_id_scope

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "dangvu-demo"  # noqa: S105 - demo installation only; printed for the newcomer


class Command(BaseCommand):
    help = "Load demo data (Na Rì 2020, Na Tông 2016, the current year as of the load date) and demo users."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", dest="as_of", default=None,
                            help="YYYY-MM-DD: the day the present-day data is generated for (default today)")

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = self._as_of(options.get("as_of"))
        with request_id_scope(), transaction.atomic():
            admin = self._admin()
            modules = import_from_apps("demo")
            for module in modules:
                module.load(admin)
            # Then the present, generated from the load date (`load_present(admin, as_of=)`, same order).
            for module in modules:
                if hasattr(module, "load_present"):
                    self.stdout.write(module.load_present(admin, as_of=as_of))
            lines = [line for module in modules if hasattr(module, "finish") for line in module.finish(admin)]
        self.stdout.write(
            f"Demo data loaded. Sign in at http://127.0.0.1:8000/ as {ADMIN_USERNAME} / {ADMIN_PASSWORD}"
            + "".join(f"\n  {line}" for line in lines)
        )

    @staticmethod
    def _as_of(text: str | None) -> dt.date:
        today = timezone.localdate()
        if not text:
            return today
        try:
            day = dt.date.fromisoformat(text)
        except ValueError as exc:
            raise CommandError(f"--as-of: {text!r} is not a date (YYYY-MM-DD).") from exc
        if day > today:
            raise CommandError(f"--as-of: {text} is after today; events are recorded once they have happened.")
        return day

    def _admin(self) -> User:
        """The demo's administrator, created by the installation itself (actor None) through the service."""
        admin = User.objects.filter(username=ADMIN_USERNAME).first()
        if admin is None:
            admin = user_create(
                actor=None, username=ADMIN_USERNAME, password=ADMIN_PASSWORD,
                is_superuser=True, reason="demo",
            )
        return admin
