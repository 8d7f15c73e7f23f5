"""Issue an API token for a user and print the raw key, which is shown this once and never stored."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from accounts.models import User
from accounts.services import api_token_create
from core.context import request_id_scope
from core.errors import DomainError


class Command(BaseCommand):
    help = "Create an API token for USERNAME and print its key once (only a hash is kept)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="api", help="A label to recognise the token by (default: api).")
        parser.add_argument(
            "--days", type=int, default=None,
            help="Days the token lives (default: the setting DANGVU_API_TOKEN_DAYS, 90 unless set).",
        )

    def handle(self, *args: Any, username: str, name: str, days: int | None, **options: Any) -> None:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {username!r}.")
        if len(name.strip()) > 100:
            raise CommandError("The token name must be at most 100 characters.")
        with request_id_scope():
            try:
                token, raw = api_token_create(actor=user, user=user, name=name, days=days)
            except DomainError as exc:
                raise CommandError(str(exc.message)) from exc
        expires = timezone.localtime(token.expires_at).strftime("%d/%m/%Y %H:%M")
        self.stderr.write(
            f"Token {token.name!r} for {user.username} (prefix {token.prefix}), valid until {expires}. "
            "Store the key now:"
        )
        self.stdout.write(raw)
