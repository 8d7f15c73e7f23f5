"""Django's `createsuperuser`, replaced (accounts comes before django.contrib.auth in INSTALLED_APPS) so that an
administrator is created by `accounts.services.user_create` and logged, never with the hash.

    manage.py createsuperuser --username NAME [--email E]          # asks the password twice
    DJANGO_SUPERUSER_PASSWORD=... manage.py createsuperuser --username NAME --noinput
"""

from __future__ import annotations

import getpass
import os
import sys
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import User
from accounts.services import user_create
from core.context import request_id_scope
from core.errors import DomainError


class Command(BaseCommand):
    help = "Create an installation administrator through the accounts service (logged, no hash in the log)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", help="The administrator's user name.")
        parser.add_argument("--email", default="", help="Their e-mail address (optional).")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive",
            help="Ask nothing: the password comes from the environment variable DJANGO_SUPERUSER_PASSWORD.",
        )
        parser.add_argument("--database", default="default", help="Only the default database is supported.")

    def handle(self, *args: Any, username: str | None, email: str, interactive: bool, **options: Any) -> None:
        if options.get("database") not in (None, "default"):
            raise CommandError("Only the default database is supported.")
        username = username or os.environ.get("DJANGO_SUPERUSER_USERNAME", "")
        if interactive and not username:
            username = input("Username: ").strip()
        if not username:
            raise CommandError("A user name is required (--username).")
        password = self._password(username, interactive)
        with request_id_scope():
            try:
                user_create(actor=None, username=username, password=password, email=email, is_superuser=True,
                            reason="createsuperuser")
            except DomainError as exc:
                raise CommandError(str(exc.message)) from exc
        self.stdout.write(f"Administrator {username} created.")

    def _password(self, username: str, interactive: bool) -> str:
        if not interactive:
            password = os.environ.get("DJANGO_SUPERUSER_PASSWORD", "")
            if not password:
                raise CommandError("Set DJANGO_SUPERUSER_PASSWORD when using --noinput.")
        else:
            if not sys.stdin.isatty():
                raise CommandError("No terminal to ask the password on: use --noinput and DJANGO_SUPERUSER_PASSWORD.")
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The two passwords differ.")
        try:
            validate_password(password, User(username=username))
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        return password
