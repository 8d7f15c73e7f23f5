"""Write the empty member-file import template (XLSX) to a file."""

from __future__ import annotations

import pathlib
from typing import Any

from django.core.management.base import BaseCommand

from ingest.workbook import template_xlsx


class Command(BaseCommand):
    help = "Write the member-file import template (header row + a sheet explaining every column) to an .xlsx file."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("out", help="path of the .xlsx file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        path = pathlib.Path(options["out"])
        path.write_bytes(template_xlsx())
        self.stdout.write(f"Template written to {path}.")
