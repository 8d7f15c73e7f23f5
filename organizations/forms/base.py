"""The two-step action form (preview, confirm) and its dated variant with the decision behind the event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from django import forms
from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.decisions import Decision
from core.errors import DomainError
from organizations.forms.fields import date_field
from organizations.models import Organization


def _readable(value: Any) -> str:
    if isinstance(value, dt.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, QuerySet | list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


DECISION_FIELDS = ("effective_on", "decision_number", "decision_date", "decision_issuer", "reason")


class ActionForm(forms.Form):
    """Base of every two-step form: the service it feeds and how its fields become the service's arguments."""

    service: ClassVar[Callable[..., Any]]
    title: ClassVar[Any] = ""
    intro: ClassVar[Any] = ""
    success_message: ClassVar[Any] = ""
    template_name_page: ClassVar[str] = "organizations/action_form.html"

    def __init__(self, data: Any = None, *, actor: Any, organization: Organization, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(data, **kwargs)
        self.actor = actor
        self.organization = organization

    def service_kwargs(self) -> dict[str, Any]:
        raise NotImplementedError

    def run(self) -> Any:
        return type(self).service(**self.service_kwargs())

    def error_field(self, error: DomainError) -> str | None:
        """Where a service's refusal is shown: the field it names, if this form has it."""
        return error.field

    def summary(self) -> list[tuple[str, str]]:
        """What the user entered, readable, for the preview step."""
        rows = []
        for name, bound in self._bound_items():
            value = self.cleaned_data.get(name)
            if value in (None, "", []) or (isinstance(value, QuerySet) and not value.exists()):
                continue
            if isinstance(bound.field, forms.ChoiceField) and not isinstance(bound.field, forms.ModelChoiceField):
                value = dict(bound.field.choices).get(value, value)  # type: ignore[arg-type]
            rows.append((str(bound.label), _readable(value)))
        return rows

    def _bound_items(self) -> Iterable[tuple[str, forms.BoundField]]:
        return ((name, self[name]) for name in self.fields)

    def decision_fields(self) -> list[forms.BoundField]:
        return []

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields]


class DecisionForm(ActionForm):
    """The date of the event, the decision that ordered it and an optional reason (shown in the change log)."""

    effective_on = date_field(_("Effective from"))
    decision_number = forms.CharField(
        label=_("Decision number"), max_length=64, help_text=_("For example 05-QĐ/TU or 855/NQ-UBTVQH14.")
    )
    decision_date = date_field(_("Decision date"))
    decision_issuer = forms.CharField(
        label=_("Issued by"), max_length=255, required=False, help_text=_("For example Tỉnh ủy Bắc Kạn.")
    )
    reason = forms.CharField(
        label=_("Reason or note"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the change log."),
    )

    def decision_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in DECISION_FIELDS]

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in DECISION_FIELDS]

    def decision(self) -> Decision:
        data = self.cleaned_data
        return Decision(data["decision_number"], data["decision_date"], data.get("decision_issuer") or "")

    def common_kwargs(self) -> dict[str, Any]:
        return {"actor": self.actor, "decision": self.decision(), "reason": self.cleaned_data.get("reason") or ""}

    def order_decision_last(self) -> None:
        self.order_fields([n for n in self.fields if n not in DECISION_FIELDS] + list(DECISION_FIELDS))



ERROR_SHOWN = "__shown__"  # `error_field` placed the error itself (e.g. on a row of successors)

