"""Build the annual report (DOCX, PDF) or the statistical forms (XLSX) of an organization into a file."""

from __future__ import annotations

import datetime as dt
import pathlib
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from core.errors import DomainError, NotInScope
from organizations.queries import organization_get_by_code
from reports.build import FORMATS, report_file


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value}") from exc


class Command(BaseCommand):
    help = "Build the annual Party-building report (docx, pdf) or the statistical forms (xlsx) of an organization."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("code", help="organization code, e.g. BK-NR")
        parser.add_argument("--user", required=True, help="user whose scope applies, e.g. admin")
        parser.add_argument("--year", type=int, help="calendar year of the report (period 1/1–31/12, as of 31/12)")
        parser.add_argument("--from", dest="date_from", help="period start YYYY-MM-DD (instead of --year)")
        parser.add_argument("--to", dest="date_to", help="period end YYYY-MM-DD (instead of --year)")
        parser.add_argument("--as-of", dest="as_of", help="date of the stock figures YYYY-MM-DD (default: the end)")
        parser.add_argument("--format", dest="fmt", choices=sorted(FORMATS), default="docx")
        parser.add_argument("--out", required=True, help="file to write")
        parser.add_argument("--template", help="a DOCX template of one's own (default: the built-in one)")
        parser.add_argument("--number", default="", help="document number, e.g. 125")
        parser.add_argument("--place", default="", help="place written before the date, e.g. Na Rì")
        parser.add_argument("--signer", default="", help="name of the signer")
        parser.add_argument("--signed-on", dest="signed_on", help="date of the document YYYY-MM-DD (default: today)")
        parser.add_argument("--next-tasks-file", dest="next_tasks", help="text file with next year's tasks")
        parser.add_argument("--with-predecessors", action="store_true",
                            help="count the organizations it took over from (figures across a reorganization)")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {options['user']!r}.")
        date_from, date_to = _date(options["date_from"]), _date(options["date_to"])
        if options["year"]:
            date_from, date_to = dt.date(options["year"], 1, 1), dt.date(options["year"], 12, 31)
        template = pathlib.Path(options["template"]).read_bytes() if options["template"] else None
        next_tasks = pathlib.Path(options["next_tasks"]).read_text("utf-8") if options["next_tasks"] else ""
        try:
            organization = organization_get_by_code(user, code=options["code"])
            built = report_file(actor=user, organization=organization, fmt=options["fmt"], date_from=date_from,
                                date_to=date_to, as_of=_date(options["as_of"]), number=options["number"],
                                place=options["place"], signer=options["signer"], next_tasks=next_tasks,
                                signed_on=_date(options["signed_on"]), template=template,
                                with_predecessors=options["with_predecessors"])
        except NotInScope as exc:
            raise CommandError(str(exc.message)) from exc
        except DomainError as exc:
            raise CommandError(f"{exc.field}: {exc.message}" if exc.field else str(exc.message)) from exc
        pathlib.Path(options["out"]).write_bytes(built.content)
        self.stdout.write(f"{options['out']} ({len(built.content)} bytes)")
