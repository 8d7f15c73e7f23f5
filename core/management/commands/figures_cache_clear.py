"""manage.py figures_cache_clear: after rows were written outside Django (psql, a driver's COPY, a restored
backup), move the write watermark and empty the figures cache, so that no answer counted before is served."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from core.figures import cache


class Command(BaseCommand):
    help = "Empty the figures cache and move the write watermark (after writes made outside dangvu)."

    def handle(self, *args: Any, **options: Any) -> None:
        cache.clear()
        self.stdout.write("figures cache emptied; write watermark moved")
