"""In-process copies of small tables (rules, holidays, dated organization kinds), rebuilt when the table changes.

Before each use the cache asks the database for (row count, max(updated_at)): one aggregate over a table of a
few hundred rows. When the answer differs from the one the copy was built under, the copy is rebuilt. This
needs no signals, works across processes (several web workers, commands, jobs) and also notices rolled-back
writes, because the stamp then changes back and differs again. Services also drop the copy at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.db import connections, models, router

T = TypeVar("T")


class TableCache(Generic[T]):
    """A value built from every row of `model`, kept until the table's stamp changes."""

    def __init__(self, model: type[models.Model], build: Callable[[models.QuerySet[Any]], T]) -> None:
        self._model = model
        self._build = build
        self._lock = threading.Lock()
        self._value: T | None = None
        self._stamp: tuple[Any, ...] | None = None

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
        stamp = self.stamp()
        with self._lock:
            if self._value is not None and self._stamp == stamp:
                return self._value
        value = self._build(self._model._default_manager.all())
        with self._lock:
            self._value, self._stamp = value, stamp
        return value

    def forget(self) -> None:
        with self._lock:
            self._value, self._stamp = None, None
