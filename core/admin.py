"""Admin building blocks: domain rows are read-only here (services write them); every admin that writes calls
a service, so its input is validated like any other door's and lands in the change log."""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django import forms
from django.contrib import admin
from django.db import models, transaction
from django.forms.models import construct_instance
from django.http import HttpRequest

from core.errors import DomainError
from core.models import ChangeRecord
from core.services import reference_row_save

# The signed-in administrator while an admin view runs, for forms that Django builds without the request.
_admin_actor: contextvars.ContextVar[Any] = contextvars.ContextVar("admin_actor", default=None)


@contextmanager
def admin_actor(user: Any) -> Iterator[None]:
    token = _admin_actor.set(user)
    try:
        yield
    finally:
        _admin_actor.reset(token)


def current_admin_actor() -> Any:
    return _admin_actor.get()


class _DryRun(Exception):
    """Raised inside a savepoint to undo a service call made only to validate a form."""


def dry_run(form: forms.BaseForm, call: Any) -> None:
    """Run `call()` and roll it back; its DomainError becomes a form error beside the field it names."""
    try:
        with transaction.atomic():
            call()
            raise _DryRun
    except _DryRun:
        pass
    except DomainError as exc:
        field = exc.field if exc.field in form.fields else None
        form.add_error(field, str(exc.message))


def copy_into(target: models.Model, source: models.Model) -> None:
    """Make the admin's unsaved object the row the service wrote (the admin reads its pk afterwards)."""
    for model_field in source._meta.concrete_fields:
        setattr(target, model_field.attname, getattr(source, model_field.attname))
    target._state.adding = False
    target._state.db = source._state.db


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shows rows for inspection; every change goes through the app's services and pages."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ServiceAdmin(admin.ModelAdmin):
    """An admin whose saves are service calls. `write(actor, form, change)` calls the service with the form's
    cleaned data and returns the row; it runs once rolled back while the form is validated (so a refusal is
    shown beside its field, nothing written) and once for real in `save_model`. Nothing is deleted here."""

    def write(self, actor: Any, form: Any, change: bool) -> models.Model:  # pragma: no cover - each admin has one
        raise NotImplementedError

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form_class = super().get_form(request, obj, change=change, **kwargs)
        model_admin = self

        class ValidatedByService(form_class):  # type: ignore[misc, valid-type]
            def _post_clean(self) -> None:
                super()._post_clean()
                if not self.errors:
                    dry_run(self, lambda: model_admin.write(request.user, self, change))

        return ValidatedByService

    def fresh(self, form: Any) -> Any:
        """The row the form edits as stored now (or a new one), with the form's values set, unsaved."""
        instance = form.instance
        if instance.pk is not None and not instance._state.adding:
            instance = type(instance)._default_manager.get(pk=instance.pk)
        else:
            instance = type(instance)()
        return construct_instance(form, instance)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        copy_into(obj, self.write(request.user, form, change))

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Many-to-many fields and inlines would be written without the log: admins that write have none."""


class LoggedAdmin(ServiceAdmin):
    """Reference data edited by an administrator through `core.services.reference_row_save`."""

    def write(self, actor: Any, form: Any, change: bool) -> models.Model:
        return reference_row_save(actor=actor, instance=self.fresh(form), reason="admin")


@admin.register(ChangeRecord)
class ChangeRecordAdmin(ReadOnlyAdmin):
    list_display = ["time", "user_name", "action", "content_type", "object_repr", "request_id"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "user_name", "request_id"]
