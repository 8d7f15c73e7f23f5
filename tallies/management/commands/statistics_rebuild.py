"""manage.py statistics_rebuild [--check]: rebuild every member tally from the stored rows, or compare."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tallies.rebuild import differences, tallies_rebuild


class Command(BaseCommand):
    help = "Rebuild the pre-aggregated member statistics from the member rows (--check: compare, change nothing)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--check", action="store_true", help="compare the stored tallies with a rebuild")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        if not options["check"]:
            points = tallies_rebuild()
            self.stdout.write(f"rebuilt: {points} points in {time.perf_counter() - started:.1f} s")
            started = time.perf_counter()
        count, examples = differences()
        for line in examples:
            self.stdout.write(line)
        if count:
            raise CommandError(f"{count} series differ from a rebuild")
        self.stdout.write(f"check: the stored tallies equal a rebuild ({time.perf_counter() - started:.1f} s)")
