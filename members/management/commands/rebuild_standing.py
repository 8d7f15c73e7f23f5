"""Rewrite every person's stored standing (pipeline stage, pending steps, steps recorded late, badges due) from the
event log. Run it after a change of rules or holidays; the writes of the services keep it current otherwise."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from members.standing.store import rebuild


class Command(BaseCommand):
    help = "Rewrite every person's stored standing (pipeline, due lists, late steps, badges) from the event log."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        count = rebuild()
        self.stdout.write(f"{count} people rebuilt in {time.monotonic() - started:.1f} s")
