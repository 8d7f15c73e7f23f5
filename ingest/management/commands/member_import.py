"""Import member files from an XLSX or CSV file, as a user (whose scope applies): every row, or none."""

from __future__ import annotations

import pathlib
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from core.context import request_id_scope
from core.errors import DomainError
from ingest.parsing import MAX_BYTES
from ingest.services import members_import


class Command(BaseCommand):
    help = ("Import member files and their admission history from an XLSX or CSV file in the columns of the "
            "template (docs/import-template.md). Every row is checked first; any error and nothing is written.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="the .xlsx or .csv file")
        parser.add_argument("--user", required=True, help="user whose scope applies and who is recorded, e.g. admin")
        parser.add_argument("--dry-run", action="store_true", help="check every row and write nothing")
        parser.add_argument("--progress", action="store_true",
                            help="print how many rows are checked and written (a large file, set-based)")

    def _progress(self, stage: str, done: int, total: int) -> None:
        self.stderr.write(f"{stage} {done}/{total}")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {options['user']!r}.")
        path = pathlib.Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        if path.stat().st_size > MAX_BYTES:
            raise CommandError(f"The file is larger than {MAX_BYTES // 2**20} MB; split it into smaller files.")
        with request_id_scope():
            try:
                result = members_import(actor=user, content=path.read_bytes(), file_name=path.name,
                                        dry_run=options["dry_run"],
                                        progress=self._progress if options["progress"] else None)
            except DomainError as exc:  # NotInScope: the user may change member files nowhere
                raise CommandError(f"{options['user']} may not import member files.") from exc
        summary = result.summary()
        if result.ok:
            verb = "would create" if result.dry_run else "created"
            self.stdout.write(f"{summary['file_name']}: {summary['rows']} rows, {verb} {summary['created']}, "
                              f"unchanged {summary['skipped']} (import #{summary['batch']}).")
            return
        for problem in result.problems:
            row = problem.row if problem.row is not None else "-"
            self.stderr.write(f"{row}\t{problem.column or '-'}\t{problem.message}")
        raise CommandError(f"{summary['file_name']}: not imported, {len(result.problems)} problems; nothing written "
                           f"(import #{summary['batch']}).")
