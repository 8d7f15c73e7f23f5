"""Set a user's password through `accounts.services.user_password_set`: validated, logged without the hash, and
every API token of the user revoked. Django's `changepassword` is replaced by the same command (changepassword.py)."""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import User
from accounts.services import user_password_set
from core.context import request_id_scope
from core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Set the password of USERNAME (asked twice, or one line from standard input with --stdin). "
        "The change log records that it changed; the user's API tokens are revoked."
    )

    username_required = True

    def add_arguments(self, parser: CommandParser) -> None:
        if self.username_required:
            parser.add_argument("username")
        else:
            parser.add_argument("username", nargs="?", default=None)
        parser.add_argument("--stdin", action="store_true", help="Read the password from the first line of stdin.")
        parser.add_argument("--reason", default="", help="Why the password is set (kept in the change log).")

    def handle(self, *args: Any, username: str, stdin: bool, reason: str, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        password = self._read(stdin)
        with request_id_scope():
            try:
                user_password_set(actor=None, user=user, password=password, reason=reason)
            except DomainError as exc:
                raise CommandError(str(exc.message)) from exc
        self.stdout.write(f"Password of {user.username} changed; their API tokens are revoked.")

    def _read(self, stdin: bool) -> str:
        if stdin:
            return sys.stdin.readline().rstrip("\r\n")
        if not sys.stdin.isatty():
            raise CommandError("No terminal to ask the password on: pass it on standard input with --stdin.")
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return first
