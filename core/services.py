"""Writes shared by every app: reference data (kinds of things) edited by an installation administrator."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from core.changelog import log_change, snapshot
from core.errors import DomainError
from core.models import ChangeAction
from core.validators import refuse_control_characters_in

M = TypeVar("M", bound=models.Model)


def validation_error_as_domain(model: type[models.Model], error: ValidationError) -> DomainError:
    """One DomainError naming the first field at fault and carrying every message, each with its field."""
    messages: list[str] = []
    first: str | None = None
    for name, texts in error.message_dict.items():
        if name == "__all__":
            messages.extend(texts)
            continue
        first = first or name
        try:
            label = str(getattr(model._meta.get_field(name), "verbose_name", name))
        except FieldDoesNotExist:
            label = name
        messages.extend(f"{label}: {text}" for text in texts)
    return DomainError(" ".join(messages), field=first)


@transaction.atomic
def reference_row_save(*, actor: Any, instance: M, reason: str = "") -> M:
    """Create or update one row of reference data (a kind, an ethnicity...) with the values set on `instance`.

    Only an installation administrator may; the row is validated like a form would; an update that
    changes nothing writes nothing; nothing is ever deleted here.
    """
    if not (getattr(actor, "is_superuser", False) and getattr(actor, "is_active", False)):
        raise DomainError(_("Only an administrator can change reference data."))
    refuse_control_characters_in(instance)
    try:
        instance.full_clean()
    except ValidationError as exc:
        raise validation_error_as_domain(type(instance), exc) from exc
    manager = type(instance)._default_manager
    current = manager.select_for_update().filter(pk=instance.pk).first() if instance.pk is not None else None
    before = snapshot(current) if current is not None else None
    if before is not None and snapshot(instance) == before:
        return instance
    instance.save()
    action = ChangeAction.UPDATE if before is not None else ChangeAction.CREATE
    log_change(actor=actor, action=action, instance=instance, before=before, reason=reason)
    return instance
