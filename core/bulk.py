"""Inserting many rows of one model fast: on PostgreSQL one INSERT … SELECT FROM unnest(arrays) per chunk.

Django's bulk_create sends one placeholder per value; psycopg rewrites every placeholder of a statement that long
on the client (measured: most of a 100 000-row import's time went there, issue 15 §5). Here each column is one
array parameter, so a chunk of thousands of rows is a statement with as many parameters as the model has columns.
The values are prepared as bulk_create prepares them (`pre_save` fills auto_now dates, `get_db_prep_save` adapts
JSON, dates …) and the ids come back in insertion order (RETURNING), set on the objects. Elsewhere (SQLite) it is
bulk_create.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, models

CHUNK = 5_000


def insert_many(model: type[models.Model], objects: Sequence[models.Model]) -> None:
    """Insert `objects` (new, without ids) and set their ids."""
    if not objects:
        return
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(objects, batch_size=1000)
        return
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    arrays = ", ".join(f"%s::{f.db_type(connection)}[]" for f in fields)
    sql = (f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({columns}) SELECT * FROM unnest({arrays}) "  # noqa: S608
           f"RETURNING {connection.ops.quote_name(meta.pk.column)}")
    with connection.cursor() as cursor:
        for first in range(0, len(objects), CHUNK):
            chunk = objects[first:first + CHUNK]
            values: list[list[Any]] = [[] for _ in fields]
            for obj in chunk:
                obj._prepare_related_fields_for_save(operation_name="insert_many")  # type: ignore[attr-defined]
                for column, field in zip(values, fields, strict=True):
                    column.append(field.get_db_prep_save(field.pre_save(obj, add=True), connection))
            cursor.execute(sql, values)
            for obj, (pk,) in zip(chunk, cursor.fetchall(), strict=True):
                obj.pk = pk
                obj._state.adding, obj._state.db = False, connection.alias
