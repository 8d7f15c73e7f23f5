"""Run the report jobs queued from the report page (started in the background by scripts/start.sh)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from reports.jobs import report_jobs_work


class Command(BaseCommand):
    help = "Build queued reports in the background; --once stops when the queue is empty."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="run the waiting jobs, then stop")

    def handle(self, *args: Any, **options: Any) -> None:
        count = report_jobs_work(once=options["once"])
        self.stdout.write(f"{count} report job(s) run")
