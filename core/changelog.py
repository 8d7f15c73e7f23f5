"""Writing the change log. Services call `log_change` inside their transaction, so every write is logged.

Each logged change of a model whose app declares it (core.events.declare) is also published as a domain event.

Change records are never deleted, so nothing secret may ever enter one. Each model declares its secret
fields (`changelog_secret_fields`, or `EXTRA_SECRET_FIELDS` below for models dangvu does not own); their
values never reach a snapshot: the record holds the marker `REDACTED` instead, and `CHANGED` in `after`
when a service says the secret was replaced (a password change says that it happened, never what it is).
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from core.bulk import insert_many
from core.context import current_request_id
from core.events import publish_change
from core.models import ChangeAction, ChangeRecord

REDACTED = "<redacted>"
CHANGED = "<redacted: changed>"
MARKERS = frozenset({REDACTED, CHANGED})

# Secret fields of installed models that dangvu does not define (their classes cannot carry the attribute).
EXTRA_SECRET_FIELDS: dict[str, frozenset[str]] = {
    "sessions.session": frozenset({"session_key", "session_data"}),
    "auth.user": frozenset({"password"}),
    "axes.accesslog": frozenset({"session_hash"}),
}


def secret_fields(model: type[models.Model] | models.Model) -> frozenset[str]:
    """Names and column names (attnames) of the model's secret fields."""
    declared = set(getattr(model, "changelog_secret_fields", ()))
    declared |= EXTRA_SECRET_FIELDS.get(model._meta.label_lower, frozenset())
    names = set(declared)
    for field in model._meta.concrete_fields:
        if field.name in declared or field.attname in declared:
            names |= {field.name, field.attname}
    return frozenset(names)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes):
        return None
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The instance's concrete fields as JSON-ready values (foreign keys by id); secrets as `REDACTED`."""
    secrets = secret_fields(instance)
    excluded = set(getattr(instance, "changelog_exclude", ()))
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in excluded:
            continue
        if field.name in secrets:
            data[field.attname] = REDACTED
            continue
        data[field.attname] = _jsonable(field.value_from_object(instance))
    return data


def redact(model: type[models.Model] | models.Model, data: dict[str, Any] | None) -> dict[str, Any] | None:
    """A copy of `data` whose secret keys hold a marker, whatever the caller put there."""
    if data is None:
        return None
    secrets = secret_fields(model)
    return {key: (value if key not in secrets or value in MARKERS else REDACTED) for key, value in data.items()}


def log_change(
    *,
    actor: Any,
    action: ChangeAction,
    instance: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
    secrets_changed: Iterable[str] = (),
) -> ChangeRecord:
    """Write one change record. `after` defaults to a snapshot of the instance unless it was deleted.

    Secret fields are redacted in `before` and `after` even when the caller built them by hand;
    `secrets_changed` names the secret fields this change replaced, so the record says so.
    """
    if after is None and action != ChangeAction.DELETE:
        after = snapshot(instance)
    before, after = redact(instance, before), redact(instance, after)
    for name in secrets_changed:
        if name not in secret_fields(instance):
            raise ValueError(f"{name!r} is not a declared secret field of {instance._meta.label}.")
        before = {**(before or {}), name: REDACTED}
        after = {**(after or {}), name: CHANGED}
    user = actor if getattr(actor, "pk", None) else None
    record = ChangeRecord.objects.create(
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
    publish_change(instance, action, before, after)  # core.events: the change announced to subscribers on commit
    return record


def log_changes(
    *, actor: Any, action: ChangeAction, changes: Iterable[tuple[models.Model, dict[str, Any] | None]],
    reason: str = "",
) -> list[ChangeRecord]:
    """`log_change` for many instances at once (a bulk import's one record per file): inserted in batches, each
    published as `log_change` publishes it. `after` None: a snapshot of the instance."""
    user = actor if getattr(actor, "pk", None) else None
    user_name = getattr(actor, "username", "") or "system"
    request_id = current_request_id()
    records = []
    for instance, after in changes:
        after = redact(instance, snapshot(instance) if after is None else after)
        records.append(ChangeRecord(
            user=user, user_name=user_name, request_id=request_id, action=action,
            content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
            object_id=str(instance.pk), object_repr=str(instance)[:300], before=None, after=after, reason=reason or "",
        ))
        publish_change(instance, action, None, after)
    insert_many(ChangeRecord, records)
    return records
