"""Writing the change log. Services call `log_change` inside their transaction, so every write is logged."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from core.context import current_request_id
from core.models import ChangeAction, ChangeRecord


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes):
        return None
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The instance's concrete fields as JSON-ready values (foreign keys by id)."""
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in getattr(instance, "changelog_exclude", ()):
            continue
        data[field.attname] = _jsonable(field.value_from_object(instance))
    return data


def log_change(
    *,
    actor: Any,
    action: ChangeAction,
    instance: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> ChangeRecord:
    """Write one change record. `after` defaults to a snapshot of the instance unless it was deleted."""
    if after is None and action != ChangeAction.DELETE:
        after = snapshot(instance)
    user = actor if getattr(actor, "pk", None) else None
    return ChangeRecord.objects.create(
        user=user,
        user_name=getattr(actor, "username", "") or "system",
        request_id=current_request_id(),
        action=action,
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        before=before,
        after=after,
        reason=reason or "",
    )
