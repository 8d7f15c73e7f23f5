"""In-process copies of small tables (rules, holidays, dated organization kinds), rebuilt when the table changes.

Before each use the cache asks the database for (row count, max(updated_at)): one aggregate over a table of a
few hundred rows. When the answer differs from the one the copy was built under, the copy is rebuilt. This
needs no signals, works across processes (several web workers, commands, jobs) and also notices rolled-back
writes, because the stamp then changes back and differs again. Services also drop the copy at once.

Within one web request the stamp is asked for once per table (issue 15, run C: the home page asked for the rules'
and the holidays' stamps four times each). Between Django's request_started and request_finished signals the
thread remembers the first answer, so a request sees the table as it stood at its first use, and a change made
by another process shows from the next request on (as before, when it landed between two requests). Remembering
stops for the rest of the request as soon as this process changes the table itself (`forget`, called by every
service that writes it, or a save/delete signal of the model, e.g. from the admin): from then on every use asks
again, so a write, and its rollback, are seen at once as before. Per thread (threading.local), because a gunicorn
worker serves one request per thread (scripts/start.sh; WSGI only). Commands, jobs and code outside a request
(no request_started) ask every time, as before. Why per request and not a time window: a window would let a
rolled-back write of this process, or another process's commit, be missed for its length inside any request,
and would make tests depend on the clock; a request is a natural unit with a clear start and end.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

from django.core.signals import request_finished, request_started
from django.db import connections, models, router
from django.db.models.signals import post_delete, post_save

T = TypeVar("T")

_request = threading.local()  # .stamps: {(cache id, alias): stamp} during a request, else None; .off: cache ids


def _request_began(**kwargs: Any) -> None:
    _request.stamps, _request.off = {}, set()


def _request_ended(**kwargs: Any) -> None:
    _request.stamps, _request.off = None, set()


def request_memo_clear() -> None:
    """Forget the current request's memo. For tests: a streamed response a test leaves unread never sends
    request_finished, and the memo would outlive the test (servers always close the response)."""
    _request_ended()


@contextmanager
def stamps_once() -> Iterator[None]:
    """Outside a request (a command, a job, a large import), ask for each table's stamp once until the block ends,
    as a request does: a long loop over rules then costs one stamp query, not one per use. Inside a request it
    changes nothing."""
    if getattr(_request, "stamps", None) is not None:
        yield
        return
    _request_began()
    try:
        yield
    finally:
        _request_ended()


request_started.connect(_request_began, dispatch_uid="core.caching.request_started")
request_finished.connect(_request_ended, dispatch_uid="core.caching.request_finished")


class TableCache(Generic[T]):
    """A value built from every row of `model`, kept until the table's stamp changes."""

    def __init__(self, model: type[models.Model], build: Callable[[models.QuerySet[Any]], T]) -> None:
        self._model = model
        self._build = build
        self._lock = threading.Lock()
        self._value: T | None = None
        self._stamp: tuple[Any, ...] | None = None
        for signal in (post_save, post_delete):
            signal.connect(self._table_changed, sender=model, weak=False,
                           dispatch_uid=f"core.caching.{model._meta.label}.{signal is post_save}")

    def _table_changed(self, **kwargs: Any) -> None:
        self._stop_remembering()

    def _stop_remembering(self) -> None:
        """This process changed the table during the request: ask for the stamp at every use until it ends."""
        if getattr(_request, "stamps", None) is not None:
            _request.off.add(id(self))

    def _request_stamp(self) -> tuple[Any, ...]:
        """The stamp, asked for once per request (see the module's docstring), at every call outside a request."""
        stamps = getattr(_request, "stamps", None)
        if stamps is None or id(self) in _request.off:
            return self.stamp()
        key = (id(self), router.db_for_read(self._model))
        if key not in stamps:
            stamps[key] = self.stamp()
        stamp: tuple[Any, ...] = stamps[key]
        return stamp

    def stamp(self) -> tuple[Any, ...]:
        # Plain SQL: the ORM's aggregate() costs several times more than the query itself here.
        connection = connections[router.db_for_read(self._model)]
        quote = connection.ops.quote_name
        table = quote(self._model._meta.db_table)
        field = self._model._meta.get_field("updated_at")
        assert isinstance(field, models.Field) and field.column
        column = quote(field.column)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*), MAX({column}) FROM {table}")  # noqa: S608 - names from model meta
            row = cursor.fetchone()
        return (connection.alias, *row)

    def get(self) -> T:
        stamp = self._request_stamp()
        with self._lock:
            if self._value is not None and self._stamp == stamp:
                return self._value
        value = self._build(self._model._default_manager.all())
        with self._lock:
            self._value, self._stamp = value, stamp
        return value

    def forget(self) -> None:
        self._stop_remembering()
        with self._lock:
            self._value, self._stamp = None, None
