"""Dry runs: run a real service, read the change log it wrote, and roll everything back.

A form's "Preview" step calls `preview(service, **kwargs)`; the service applies every rule exactly as it
would on "Confirm", so what the user is shown is what will happen. A refusal (DomainError) propagates.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.context import request_id_scope
from core.models import ChangeAction, ChangeRecord
from core.scope import OUT_OF_SCOPE, VIEW, restrict

# Columns a reader never needs to see in a preview: keys, derived search/sort columns, bookkeeping.
_HIDDEN_FIELDS = {"id", "path", "depth", "search_name", "sort_name", "details", "created_by", "created_at",
                  "event_id", "event_kind"}

# An app whose records of action EVENT name an event (members: after["event_id"]) says in words what was recorded:
# model -> function(records) -> {record pk: "Ghi nhận: Công nhận đảng viên chính thức, từ 15/02/2018"}.
EventDescriber = Callable[[list[ChangeRecord]], dict[int, str]]
_EVENT_DESCRIBERS: dict[type[models.Model], EventDescriber] = {}


def register_event_describer(model: type[models.Model], describer: EventDescriber) -> None:
    """Called from an app's ready(): the change log of `model` names its events in words (one query for all)."""
    _EVENT_DESCRIBERS[model] = describer


@dataclass(frozen=True)
class PreviewChange:
    """One field that the dry run set or changed, with readable values."""

    field: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class PreviewLine:
    """One object the dry run created, updated or deleted."""

    model_label: str
    object_repr: str
    action: str
    action_label: str
    changes: list[PreviewChange] = field(default_factory=list)
    summary: str = ""  # what an event record recorded, in words (register_event_describer)


class _RollBack(Exception):
    """Raised inside the dry run's transaction so that nothing it wrote survives."""


def preview(fn: Callable[..., Any], **kwargs: Any) -> list[PreviewLine]:
    """Run `fn(**kwargs)` in a transaction, describe the change records it wrote, then roll it all back."""
    lines: list[PreviewLine] = []
    try:
        with request_id_scope() as dry_run_id, transaction.atomic():
            fn(**kwargs)
            records = ChangeRecord.objects.filter(request_id=dry_run_id).order_by("id")
            lines = describe_records(records)  # inside the transaction: new objects still have their names
            raise _RollBack
    except _RollBack:
        pass
    return lines


def describe_records(records: Iterable[ChangeRecord], *, user: Any = None) -> list[PreviewLine]:
    """Change records in the user's words: field labels, names for links, dd/mm/yyyy dates; internals left out.

    Linked objects are fetched with one query per kind of object, however many records there are. Given the
    reader (`user`), a linked object of a scoped model outside the reader's view is "(out of scope)".
    """
    records = list(records)
    fields: list[list[tuple[models.Field[Any, Any] | None, str, Any, Any]]] = []
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    for record in records:
        model = _model_of(record)
        shown = []
        for attname, before, after in record.changed_fields():
            model_field = _field(model, attname)
            name = model_field.name if model_field else attname
            if name in _HIDDEN_FIELDS or (model_field is not None and not model_field.editable):
                continue
            if record.action == ChangeAction.CREATE and after in (None, ""):
                continue
            if isinstance(model_field, models.ForeignKey):
                wanted[model_field.related_model].update(  # type: ignore[index]
                    v for v in (before, after) if v not in (None, "")
                )
            shown.append((model_field, name, before, after))
        fields.append(shown)
    names = {related: _names(related, pks, user) for related, pks in wanted.items()}
    summaries = _event_summaries(records)
    lines = []
    for record, shown in zip(records, fields, strict=True):
        model = _model_of(record)
        lines.append(
            PreviewLine(
                model_label=str(model._meta.verbose_name) if model else record.object_repr,
                object_repr=record.object_repr,
                action=record.action,
                action_label=str(ChangeAction(record.action).label),
                changes=[
                    PreviewChange(
                        field=name,
                        label=str(model_field.verbose_name) if model_field else name,
                        before=_readable(model_field, before, names),
                        after=_readable(model_field, after, names),
                    )
                    for model_field, name, before, after in shown
                ],
                summary=summaries.get(record.pk, ""),
            )
        )
    return lines


def _event_summaries(records: list[ChangeRecord]) -> dict[int, str]:
    """{record pk: words} for the event records of models with a registered describer, one call per model."""
    by_model: dict[type[models.Model], list[ChangeRecord]] = defaultdict(list)
    for record in records:
        model = _model_of(record)
        if record.action == ChangeAction.EVENT and model in _EVENT_DESCRIBERS:
            by_model[model].append(record)
    summaries: dict[int, str] = {}
    for model, chosen in by_model.items():
        summaries.update(_EVENT_DESCRIBERS[model](chosen))
    return summaries


def _names(related: type[models.Model], pks: set[Any], user: Any) -> dict[str, str]:
    """{pk: name} of the linked objects, in one query. Given the reader, a scoped model's objects outside the
    reader's view are "(out of scope)" — never named."""
    manager = related._default_manager
    if user is None or not hasattr(related, "scope_path_lookup"):
        return {str(pk): str(obj) for pk, obj in manager.in_bulk(list(pks)).items()}
    seen = {str(obj.pk): str(obj) for obj in restrict(manager.filter(pk__in=list(pks)), user, VIEW)}
    return {str(pk): seen.get(str(pk), str(OUT_OF_SCOPE)) for pk in pks}


def _model_of(record: ChangeRecord) -> type[models.Model] | None:
    return ContentType.objects.get_for_id(record.content_type_id).model_class()  # cached: no query per record


def _field(model: type[models.Model] | None, attname: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    for candidate in model._meta.concrete_fields:
        if candidate.attname == attname:
            return candidate
    return None


def _readable(model_field: models.Field[Any, Any] | None, value: Any, names: dict[Any, dict[str, str]]) -> str:
    """A stored JSON value as the user would write it: names for links, dd/mm/yyyy for dates."""
    if value is None or value == "":
        return "—"
    if model_field is None:
        return str(value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        return names.get(model_field.related_model, {}).get(str(value), str(value))
    if isinstance(model_field, models.DateField) and not isinstance(model_field, models.DateTimeField):
        try:
            return date_format(dt.date.fromisoformat(str(value)), "SHORT_DATE_FORMAT")
        except ValueError:
            return str(value)
    if isinstance(model_field, models.BooleanField):
        return str(_("yes") if value else _("no"))
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
