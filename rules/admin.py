"""Administration of rule versions and the working-day calendar. Every save goes through `rules.services`,
so it is validated the same way and lands in the change log with the reason given in the form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import dateformat, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from rules import services
from rules.calendar import calendar_reminder
from rules.models import Holiday, HolidayStatus, RuleVersion
from rules.reference import RULE_SPECS


class _DryRun(Exception):
    """Raised inside a savepoint to undo a service call made only to validate the form."""


class ServiceForm(forms.ModelForm):
    """A form whose validation is the service itself, run and rolled back in `clean()`; `save_model` runs it for
    real. The model's own constraint checks are skipped: the service keeps them (it closes the open version
    before it opens the next one, which a row-by-row check would refuse)."""

    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor: Any = None

    def call_service(self) -> Any:  # pragma: no cover - each form defines it
        raise NotImplementedError

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            with transaction.atomic():
                self.call_service()
                raise _DryRun
        except _DryRun:
            pass
        except DomainError as exc:
            field = exc.field if exc.field in self.fields else None
            self.add_error(field, str(exc.message))
        return cleaned

    def _post_clean(self) -> None:
        pass


def _copy_into(target: Any, source: Any) -> None:
    for model_field in source._meta.concrete_fields:
        setattr(target, model_field.attname, getattr(source, model_field.attname))
    target._state.adding = False


def remind_calendar(request: HttpRequest, *, on: Any = None) -> str | None:
    """In December, tell an administrator to confirm next year's Tết and swapped days; returns the message."""
    reminder = calendar_reminder(on or timezone.localdate())
    if reminder is None or not getattr(request.user, "is_superuser", False):
        return None
    values = {"year": reminder.year, "count": reminder.days_recorded, "decided": reminder.decided_recorded}
    if reminder.tet_missing:
        text = gettext(
            "December: no day off is recorded for %(year)s yet. Enter the Tết Nguyên đán days and any swapped "
            "working days of %(year)s from the government's notice (Holidays → Add), naming the notice."
        ) % values
    else:
        text = gettext(
            "December: confirm the days off of %(year)s against the government's notice — Tết Nguyên đán and "
            "any swapped working days. %(count)s days are recorded for %(year)s, %(decided)s of them with the "
            "notice that decided them."
        ) % values
    messages.warning(request, text)
    return text


class _AdministratorsOnly:
    """Rules and the calendar are installation-wide: only installation administrators see or change them here."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # history is kept: a new version or a withdrawn day instead


# ----------------------------------------------------------------------------- rule versions


def _key_choices() -> list[tuple[str, str]]:
    return [(key, f"{key} — {spec.meaning}") for key, spec in sorted(RULE_SPECS.items())]


class RuleVersionAddForm(ServiceForm):
    key = forms.ChoiceField(label=_("Key"), choices=_key_choices)

    class Meta:
        model = RuleVersion
        fields = ["key", "value", "regulation", "regulation_kind", "regulation_date", "article", "valid_from",
                  "confirmed", "note"]

    def call_service(self) -> RuleVersion:
        data = self.cleaned_data
        return services.rule_version_add(
            actor=self.actor, key=data["key"], value=data["value"], regulation=data["regulation"],
            article=data["article"], valid_from=data["valid_from"], confirmed=data["confirmed"], note=data["note"],
            reason=data["reason"], regulation_kind=data["regulation_kind"], regulation_date=data["regulation_date"],
        )


class RuleVersionChangeForm(ServiceForm):
    class Meta:
        model = RuleVersion
        fields = ["regulation_kind", "regulation_date", "article", "confirmed", "note"]

    def call_service(self) -> RuleVersion:
        data = self.cleaned_data
        return services.rule_version_annotate(
            actor=self.actor, version=self.instance, reason=data["reason"], article=data["article"],
            confirmed=data["confirmed"], note=data["note"], regulation_kind=data["regulation_kind"],
            regulation_date=data["regulation_date"],
        )


@admin.register(RuleVersion)
class RuleVersionAdmin(_AdministratorsOnly, admin.ModelAdmin):
    list_display = ["key", "value", "citation", "valid_from", "valid_to", "confirmed"]
    list_filter = ["confirmed", "regulation", "key"]
    search_fields = ["key", "regulation", "note"]
    ordering = ["key", "valid_from"]
    readonly_when_editing = ["key", "value", "regulation", "valid_from", "valid_to", "created_at", "updated_at"]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        kwargs["form"] = RuleVersionChangeForm if obj is not None else RuleVersionAddForm
        form_class = super().get_form(request, obj, change=change, **kwargs)

        class WithActor(form_class):  # type: ignore[misc, valid-type]
            def __init__(self, *args: Any, **inner: Any) -> None:
                super().__init__(*args, **inner)
                self.actor = request.user

        return WithActor

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return [*RuleVersionAddForm.Meta.fields, "reason"]
        return [*self.readonly_when_editing, *RuleVersionChangeForm.Meta.fields, "reason"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return list(self.readonly_when_editing) if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        _copy_into(obj, form.call_service())

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        if request.method == "GET":
            remind_calendar(request)
        return super().changelist_view(request, extra_context)


# ----------------------------------------------------------------------------- holidays


class HolidayForm(ServiceForm):
    status = forms.ChoiceField(label=_("Status"), choices=HolidayStatus.choices)

    class Meta:
        model = Holiday
        fields = ["date", "name", "basis"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["status"].initial = self.instance.status
        else:  # a new row is a day off or a worked weekend day; withdrawing needs an existing one
            status = self.fields["status"]
            assert isinstance(status, forms.ChoiceField)
            status.choices = [c for c in HolidayStatus.choices if c[0] != HolidayStatus.WITHDRAWN]

    def call_service(self) -> Holiday:
        data = self.cleaned_data
        day = self.instance.date if self.instance.pk else data["date"]
        common = {"actor": self.actor, "day": day, "reason": data["reason"]}
        if data["status"] == HolidayStatus.WITHDRAWN:
            return services.holiday_remove(**common)
        if data["status"] == HolidayStatus.WORKDAY:
            return services.workday_set(name=data["name"], basis=data.get("basis") or "", **common)
        return services.holiday_set(name=data["name"], basis=data.get("basis") or "", **common)


@admin.register(Holiday)
class HolidayAdmin(_AdministratorsOnly, admin.ModelAdmin):
    form = HolidayForm
    list_display = ["date", "weekday", "name", "status_label", "source", "basis", "updated_at"]
    list_filter = ["year", "is_day_off", "is_workday", "source"]
    search_fields = ["name", "basis"]
    date_hierarchy = "date"
    ordering = ["-date"]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form_class = super().get_form(request, obj, change=change, **kwargs)

        class WithActor(form_class):  # type: ignore[misc, valid-type]
            def __init__(self, *args: Any, **inner: Any) -> None:
                super().__init__(*args, **inner)
                self.actor = request.user

        return WithActor

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ["date", "name", "status", "basis", "reason"]
        return ["date", "year", "source", "updated_at", "name", "status", "basis", "reason"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["date", "year", "source", "updated_at"] if obj is not None else []

    @admin.display(description=_("weekday"))
    def weekday(self, obj: Holiday) -> str:
        return str(dateformat.format(obj.date, "l"))

    @admin.display(description=_("status"))
    def status_label(self, obj: Holiday) -> str:
        return str(HolidayStatus(obj.status).label)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        _copy_into(obj, form.call_service())

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        if request.method == "GET":
            remind_calendar(request)
        return super().changelist_view(request, extra_context)
