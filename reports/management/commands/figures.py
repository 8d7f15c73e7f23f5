"""Print the figures of an organization's subtree as JSON (the same as the API returns)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from core.errors import DomainError
from organizations.queries import organization_get_by_code
from reports.figures import compute, make_request, parse_namespaces


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value}") from exc


class Command(BaseCommand):
    help = "Print the figures of an organization's subtree as JSON, seen with a user's scope."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("code", help="organization code, e.g. DB-DBH-NT")
        parser.add_argument("--user", required=True, help="user whose scope applies, e.g. admin")
        parser.add_argument("--from", dest="date_from", help="period start YYYY-MM-DD (default: 1 January)")
        parser.add_argument("--to", dest="date_to", help="period end YYYY-MM-DD (default: as-of date)")
        parser.add_argument("--as-of", dest="as_of", help="date of the stock figures YYYY-MM-DD (default: today)")
        parser.add_argument("--with-predecessors", action="store_true",
                            help="count the subtrees of the organizations it took over from, as they stood then")
        parser.add_argument("--namespaces", default="",
                            help="comma-separated namespaces to count, e.g. members,rating (default: all)")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {options['user']!r}.")
        try:
            organization = organization_get_by_code(user, code=options["code"])
            request = make_request(organization=organization, date_from=_date(options["date_from"]),
                                   date_to=_date(options["date_to"]), as_of=_date(options["as_of"]))
            asked = parse_namespaces(options["namespaces"])
        except DomainError as exc:
            raise CommandError(str(exc.message)) from exc
        result = compute(request, with_predecessors=options["with_predecessors"], namespaces=asked)
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
