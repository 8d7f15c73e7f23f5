"""What the benchmarks share: timing, one throw-away database per size, and the table of ratios."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable


def median_ms(func: Callable[[], object], repeat: int, *, warm: bool = False) -> float:
    """Median wall time of `func` in milliseconds; `warm` runs it once first, untimed."""
    if warm:
        func()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def run_per_size(sizes: list[int], run: Callable[[int], dict[str, float]], *, sqlite_file: str
                 ) -> list[tuple[int, dict[str, float]]]:
    """`run(size)` in a fresh test database for each size (nothing in dangvu is deleted, so none is reused)."""
    from django.db import connection

    if connection.vendor == "sqlite":
        # A file, not the default in-memory test database, so each size really starts empty.
        connection.settings_dict["TEST"]["NAME"] = os.path.join(tempfile.gettempdir(), sqlite_file)
    rows = []
    for size in sizes:
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        try:
            rows.append((size, run(size)))
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            connection.close()
    return rows


def print_table(rows: list[tuple[int, dict[str, float]]], *, size_label: Callable[[int], str], width: int) -> None:
    """One line per metric: its value at each size and the ratio of the last to the first."""
    from django.conf import settings
    from django.db import connection

    print(f"database: {connection.vendor}  ({settings.DATABASES['default']['ENGINE']})")
    print("metric".ljust(width) + "".join(size_label(s).rjust(14) for s, _ in rows) + "   ratio last/first")
    for key in rows[0][1]:
        values = [r[key] for _, r in rows]
        ratio = values[-1] / values[0] if values[0] else float("nan")
        print(key.ljust(width) + "".join(f"{v:14.2f}" for v in values) + f"   {ratio:8.2f}")
