"""Bulk loading: rows (dicts of attribute names) into a model's table by COPY on PostgreSQL, bulk_create elsewhere.

Rows carry explicit ids (so events, spells and caches can refer to each other before anything is written);
`reset_sequences` then moves every id sequence past them, so that the services' later writes get fresh ids.
Missing attributes take the field's default, as `Model.save` would give them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone


def _columns(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return list(model._meta.concrete_fields)


def _defaults(model: type[models.Model]) -> dict[str, Any]:
    now = timezone.now()
    values: dict[str, Any] = {}
    for field in _columns(model):
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            values[field.attname] = now
        elif field.has_default():
            default = field.default
            values[field.attname] = None if callable(default) and field.attname == "code" else field.get_default()
        elif field.null:
            values[field.attname] = None
        else:
            values[field.attname] = "" if isinstance(field, models.CharField | models.TextField) else None
    return values


def load(model: type[models.Model], rows: Iterable[dict[str, Any]]) -> int:
    """Write the rows; returns how many."""
    fields = _columns(model)
    defaults = _defaults(model)
    callables = {f.attname: f.default for f in fields if f.has_default() and callable(f.default)}
    json_fields = {f.attname for f in fields if isinstance(f, models.JSONField)}
    count = 0
    if connection.vendor != "postgresql":
        objects = [model(**{**defaults, **{k: v() for k, v in callables.items()}, **row}) for row in rows]
        model.objects.bulk_create(objects, batch_size=2000)  # type: ignore[attr-defined]
        return len(objects)
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({names}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            values = []
            for field in fields:
                name = field.attname
                value = row[name] if name in row else (callables[name]() if name in callables else defaults[name])
                if name in json_fields:
                    value = json.dumps(value, ensure_ascii=False)
                values.append(value)
            copy.write_row(values)
            count += 1
    return count


def next_id(model: type[models.Model]) -> int:
    """The first id after those already in the table."""
    return int(model.objects.aggregate(top=models.Max("pk"))["top"] or 0) + 1  # type: ignore[attr-defined]


def reset_sequences(*models_: type[models.Model]) -> None:
    """Every id sequence past the largest id written (PostgreSQL; SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def analyze(*models_: type[models.Model]) -> None:
    """Fresh planner statistics for the tables just loaded (PostgreSQL)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in models_:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


EPOCH = dt.date(1955, 1, 1)  # the tree's first day: before the earliest admission of record generated
