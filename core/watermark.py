"""The write watermark: a value read in one cheap query that changes after every committed write, anywhere.

A cache of derived values (the figures, core.figures.cache) keys its entries by it, so an entry made before a
write is never found after it: nothing is invalidated, a write moves the watermark and the next reader misses.

What moves it. Every statement that changes rows, in every process of the installation, whichever code sent it
(a service, an import, a rebuild command, a data migration, the admin): an execute wrapper on every database
connection (`watch`, installed by core.apps) sees INSERT, UPDATE, DELETE and any other statement that is not a
plain read; when it changed rows, the row of core_writewatermark gets `number + 1` once the transaction commits
(transaction.on_commit, one bump per transaction), or at once in autocommit. Not only the change log: it holds
what services write, but rebuilds of derived rows (tallies_rebuild) and the report worker write without it.
Writes to tables no figure reads (sessions, sign-in attempts, an API token's last use, the report worker's
queue, the row itself) and a sign-in's update of the user's last login move nothing: a session refresh must not
empty the cache every minute.

Why a counter bumped after commit and not max(change log id) alone: ids are drawn when a row is inserted, not
when its transaction commits. A transaction holding id 100 may commit after another holding 101; a reader between
the two sees max = 101 without the writes of 100, and after 100 commits max is still 101: a stale entry would be
served until the next write. The counter is bumped after the data is committed, so a reader that sees number n
sees every write whose bump made n. The latest change log id stays in the watermark too, for a logged write whose
process died between its commit and its bump. `epoch`, random per database (migration 0003 or a re-made row),
keeps a recreated database from meeting another one's entries.

Not seen: rows written outside Django (psql, COPY through the driver's own cursor, a restored backup). After
those, `manage.py figures_cache_clear` moves the watermark.

Uncommitted writes of the current transaction are visible to it and to nobody else: `uncommitted_writes()` says
so, and the cache then neither reads nor stores (a report built in the transaction that wrote sees its writes).
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from typing import Any

from django.db import DEFAULT_DB_ALIAS, DatabaseError, IntegrityError, connections, transaction

logger = logging.getLogger(__name__)

TABLE = "core_writewatermark"
#: Tables no figure reads, written while serving reads: sessions, sign-in attempts, a token's last use, and the
#: report worker's queue (a queued build's progress must not make every figure count again).
IGNORED_TABLES = frozenset({
    TABLE, "django_session", "axes_accessattempt", "axes_accessattemptexpiration", "axes_accesslog",
    "axes_accessfailurelog", "accounts_apitoken", "reports_reportjob",
})
_READS = ("SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT", "SET", "SHOW", "EXPLAIN", "PRAGMA")
_TARGET = re.compile(r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+["`]?(\w+)',
                     re.IGNORECASE)
#: A sign-in's update of the user's last login (django.contrib.auth.models.update_last_login) and nothing else.
_LAST_LOGIN = re.compile(r'\s*UPDATE\s+"accounts_user"\s+SET\s+"last_login"\s*=\s*%s\s+WHERE\s', re.IGNORECASE)
_WRITE_WORD = re.compile(r"\b(?:INSERT|UPDATE|DELETE|MERGE)\b", re.IGNORECASE)

Watermark = tuple[str, int, int]


def writes(sql: str) -> bool:
    """Whether the statement may change rows that a figure reads (a statement of unknown kind: yes)."""
    head = sql.lstrip()[:10].upper()
    if head.startswith("WITH"):
        return bool(_WRITE_WORD.search(sql))
    if head.startswith(_READS):
        return False
    target = _TARGET.match(sql)
    return not (target and target.group(1).lower() in IGNORED_TABLES) and not _LAST_LOGIN.match(sql)


class _Bump:
    """The on-commit hook of one transaction that wrote (a class: `uncommitted_writes` finds it by its type)."""

    def __init__(self, alias: str) -> None:
        self.alias = alias

    def __call__(self) -> None:
        bump(using=self.alias)


def _watch(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]) -> Any:
    result = execute(sql, params, many, context)
    if writes(sql) and getattr(context["cursor"], "rowcount", -1) != 0:  # -1: unknown, counted as a change
        written(context["connection"])
    return result


def watch(sender: Any = None, connection: Any = None, **kwargs: Any) -> None:
    """connection_created handler: wrap the new connection's statements (once: Django reuses the wrapper)."""
    if connection is not None and _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


def written(connection: Any) -> None:
    """Rows changed on `connection`: move the watermark when they are committed (once per transaction)."""
    if connection.alias not in connections.settings:
        return  # a connection Django makes for itself (PostgreSQL's "__no_db__" to create a database)
    if not connection.in_atomic_block:
        if connection.get_autocommit():
            bump(using=connection.alias)  # the statement is committed already
        else:  # manual transaction management has no commit hook: the bump commits or rolls back with the rows
            _increment(connection)
        return
    mark = getattr(connection, "_dangvu_watermark_hook", None)
    hooks = connection.run_on_commit
    if mark is not None and mark[1] < len(hooks) and hooks[mark[1]][1] is mark[0]:
        return  # this transaction's hook is registered already (if a rollback moved it, a second one is harmless)
    hook = _Bump(connection.alias)
    transaction.on_commit(hook, using=connection.alias)
    connection._dangvu_watermark_hook = (hook, len(connection.run_on_commit) - 1)


def _increment(connection: Any) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET number = number + 1 WHERE id = 1")  # noqa: S608 - a constant
        if cursor.rowcount == 0:  # the row is gone (a test flushed every table): a new one, with a new epoch
            cursor.execute(f"INSERT INTO {TABLE} (id, epoch, number) VALUES (1, %s, 1)",  # noqa: S608
                           [uuid.uuid4().hex])


def bump(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """Move the watermark now (after a commit, or by `manage.py figures_cache_clear`).

    If the database refuses (its table not migrated yet, a lost connection), the figures cache is emptied
    instead, so that no entry made before the write can be found after it."""
    connection = connections[using]
    try:
        _increment(connection)
    except IntegrityError:
        pass  # another process made the row at the same moment: a new epoch, every entry is missed anyway
    except DatabaseError as error:
        from django.core.cache import caches

        logger.info("Write watermark not moved (%s): the figures cache is emptied instead", error)
        caches["figures"].clear()


def current(*, using: str = DEFAULT_DB_ALIAS) -> Watermark | None:
    """(epoch, number, latest change log id) in one query; None when the row is missing (then cache nothing)."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT epoch, number, (SELECT MAX(id) FROM core_changerecord) FROM {TABLE} "  # noqa: S608
                       "WHERE id = 1")
        row = cursor.fetchone()
    return (str(row[0]), int(row[1]), int(row[2] or 0)) if row else None


def uncommitted_writes(*, using: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether the current transaction has written rows that are not committed yet (then others cannot see them).

    Under manual transaction management (no atomic block, autocommit off) nothing says: assumed yes."""
    connection = connections[using]
    if not connection.in_atomic_block:
        return connection.connection is not None and not connection.get_autocommit()
    return any(isinstance(hook[1], _Bump) for hook in connection.run_on_commit)
