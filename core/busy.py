"""A busy database: recognising "database is locked", the message users get, and writing without waiting.

SQLite has one writer at a time: while a long import holds the write lock, a request that must write waits for
the connection's busy timeout (20 s) and then fails. Requests that only read must not write at all, and the
small bookkeeping writes they may make (a token's last use, a session's expiry) run `without_waiting` and are
skipped when the database is busy. What still fails answers 503 (core.middleware.DatabaseBusyMiddleware, and
the API's handler in dangvu/api.py), never a 500.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import OperationalError, connections, transaction
from django.utils.translation import gettext as _

_BUSY_MARKERS = ("database is locked", "database table is locked", "database is busy", "lock timeout",
                 "could not obtain lock", "canceling statement due to lock timeout")


def is_database_busy(exc: BaseException) -> bool:
    """The database refused because another connection holds a lock (SQLite's one writer, a PostgreSQL lock)."""
    return isinstance(exc, OperationalError) and any(m in str(exc).lower() for m in _BUSY_MARKERS)


def busy_message() -> str:
    return str(_("The database is busy; please try again in a few minutes."))


@contextmanager
def without_waiting(using: str = "default") -> Iterator[None]:
    """Run the block's writes without waiting for a lock: OperationalError at once if the database is busy.

    SQLite: busy timeout 0 for the block (restored after). PostgreSQL: its own transaction with a short
    lock_timeout. Use it outside any other transaction, for writes that may be skipped.
    """
    connection = connections[using]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout")
            previous = int(cursor.fetchone()[0])
            cursor.execute("PRAGMA busy_timeout = 0")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA busy_timeout = {previous}")
    elif connection.vendor == "postgresql":
        with transaction.atomic(using=using), connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '200ms'")
            yield
    else:
        yield
