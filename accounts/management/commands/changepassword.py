"""Django's `changepassword`, replaced (accounts comes before django.contrib.auth in INSTALLED_APPS) so that
this door too goes through `accounts.services.user_password_set`: validated, logged without the hash, tokens
revoked. Same as `user_password_set`; USERNAME defaults to the current system user's name, as in Django."""

from __future__ import annotations

import getpass
from typing import Any

from accounts.management.commands.user_password_set import Command as UserPasswordSet


class Command(UserPasswordSet):
    username_required = False

    def handle(self, *args: Any, username: str | None = None, **options: Any) -> None:
        super().handle(*args, username=username or getpass.getuser(), **options)
