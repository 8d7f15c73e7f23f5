"""Base of the event forms: field helpers, the choice fields, `EventForm` and the decision mixins."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from core.decisions import Decision
from core.errors import DomainError
from core.scope import CHANGE
from members.due import DueItem
from members.models import (
    Person,
)
from members.pages import (
    Deadline,
    describe_due,
    member_organizations,
)
from members.ruling import Snapshot
from members.status import Timeline
from organizations.forms import date_field
from organizations.models import Organization
from organizations.picker import OrganizationPickerField, PickerInput, Scope
from organizations.queries import organizations_visible


def _decision_number(required: bool = True, label: Any = None, help_text: Any = None) -> forms.CharField:
    return forms.CharField(
        label=label or _("Decision number"), max_length=64, required=required,
        help_text=help_text if help_text is not None else _("For example 125-QĐ/HU or 30-QĐ/ĐU."),
    )


def _issuer(label: Any = None) -> forms.CharField:
    return forms.CharField(label=label or _("Issued by"), max_length=255, required=False,
                           help_text=_("For example Huyện ủy Na Rì."))


def _text(label: Any, *, required: bool = False, max_length: int = 255, help_text: Any = "") -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=max_length, help_text=help_text)


def _reason(required: bool = False, help_text: Any = None) -> forms.CharField:
    return forms.CharField(
        label=_("Reason or note"), required=required, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=help_text if help_text is not None else _("Kept in the change log."),
    )


class PersonChoiceField(forms.ModelChoiceField):
    """A member, shown with their Party card number when they have one."""

    def label_from_instance(self, obj: Model) -> str:
        assert isinstance(obj, Person)
        return f"{obj.full_name} ({obj.party_card_number})" if obj.party_card_number else obj.full_name


class CellChoiceField(forms.ModelChoiceField):
    """A cell, shown with the organization above it."""

    def label_from_instance(self, obj: Model) -> str:
        assert isinstance(obj, Organization)
        return f"{obj.name} — {obj.parent.name}" if obj.parent else obj.name


DECISION = ("decision_number", "decision_date", "decision_issuer")


# The cells where a user may open and change member files, as the organization picker offers them (issue 8 §9).
MEMBER_CELLS = Scope(permission=f"members.{CHANGE}", cells_only=True)


def cell_picker(label: Any, *, required: bool = True, help_text: Any = None) -> OrganizationPickerField:
    """A cell typed or chosen from a page of suggestions; the first page is in the page itself (no JavaScript
    needed) and the chosen cell's name is shown under the box."""
    return OrganizationPickerField(
        label=label, required=required, widget=PickerInput(prefill=True),
        help_text=help_text if help_text is not None else _("Type part of the cell's name or its code, then choose."))


def preselect_only(form: forms.Form, name: str) -> None:
    """When the picker can offer one organization only (a secretary's own cell), it is chosen for him."""
    field = form.fields[name]
    assert isinstance(field, OrganizationPickerField)
    if form.initial.get(name) or field.initial:
        return
    only = list(field.queryset[:2])
    if len(only) == 1:
        form.initial[name] = only[0]


def writable_cells(actor: Any) -> QuerySet[Organization]:
    """Active cells where the actor may change member files."""
    cells = [c.organization.pk for c in member_organizations(actor, action=CHANGE, cells_only=True)]
    return organizations_visible(actor).filter(pk__in=cells).order_by("parent__sort_name", "sort_name")


@dataclass(frozen=True)
class Fieldset:
    legend: Any
    fields: list[forms.BoundField]
    css_class: str = ""


class EventForm(forms.Form):
    """Base of the event forms: the service it feeds, where its refusals go, the deadlines it shows."""

    service: ClassVar[Callable[..., Any]]
    slug: ClassVar[str]
    title: ClassVar[Any]
    intro: ClassVar[Any] = ""
    kinds: ClassVar[tuple[str, ...]] = ()
    field_map: ClassVar[dict[str, str | None]] = {}
    # Field groups shown as fieldsets, in order: (legend, field names); the other fields come first.
    groups: ClassVar[list[tuple[Any, tuple[str, ...]]]] = []
    group_classes: ClassVar[dict[str, str]] = {}  # first field of a group -> CSS class of its fieldset
    form_class: ClassVar[str] = ""
    template_name_page: ClassVar[str] = "members/event_form.html"

    reason = _reason()

    def __init__(
        self,
        data: Any = None,
        *,
        actor: Any,
        person: Person,
        timeline: Timeline,
        due: Sequence[DueItem] = (),
        today: dt.date,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(data, **kwargs)
        self.actor = actor
        self.person = person
        self.timeline = timeline
        self.state = timeline.state
        self.due = list(due)
        self.today = today
        self.setup()
        self.order_fields([*(n for n in self.fields if n != "reason"), "reason"])

    def setup(self) -> None:
        """Per-instance choices and initial values."""

    # -- running the service

    def service_kwargs(self) -> dict[str, Any]:
        return {"actor": self.actor, "person": self.person, "reason": self.cleaned_data.get("reason") or ""}

    def run(self) -> Any:
        return type(self).service(**self.service_kwargs())

    def error_field(self, error: DomainError) -> str | None:
        """The form field where a service's refusal is shown (None: on top of the form)."""
        name = self.field_map.get(error.field or "", error.field)
        return name if name in self.fields else None

    # -- display

    def fieldsets(self) -> list[Fieldset]:
        grouped = {name for _legend, names in self.groups for name in names}
        first = [self[n] for n in self.fields if n not in grouped and n != "reason"]
        sets = [Fieldset("", first)] if first else []
        for legend, names in self.groups:
            bound = [self[n] for n in names if n in self.fields]
            if bound:
                sets.append(Fieldset(legend, bound, self.group_classes.get(names[0], "")))
        sets.append(Fieldset("", [self["reason"]]))
        return sets

    def typed(self, name: str) -> Any:
        """The value of a field as typed so far (None when empty or unreadable): for the live deadlines."""
        field = self.fields.get(name)
        if field is None:
            return None
        if not self.is_bound:
            return self.get_initial_for_field(field, name)
        try:
            return field.clean(field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name)))
        except ValidationError:
            return None

    def deadlines(self) -> list[Deadline]:
        """What this event will start (from what is typed), then the person's running deadlines."""
        coming = [replace(d, coming=True, days_left=None) for d in self.coming()]
        rules = Snapshot() if self.due else None
        return [*coming, *(describe_due(item, today=self.today, rules=rules) for item in self.due)]

    def coming(self) -> list[Deadline]:
        return []

    def decision(self, prefix: str = "decision") -> Decision | None:
        data = self.cleaned_data
        number = (data.get(f"{prefix}_number") or "").strip()
        if not number:
            return None
        return Decision(number, data.get(f"{prefix}_date"), data.get(f"{prefix}_issuer") or "")  # type: ignore[arg-type]


class DecisionMixin(forms.Form):
    """The decision behind the event (required)."""

    decision_number = _decision_number()
    decision_date = date_field(_("Decision date"))
    decision_issuer = _issuer()


class OptionalDecisionMixin(forms.Form):
    """A decision, when there is one."""

    decision_number = _decision_number(required=False)
    decision_date = date_field(_("Decision date"), required=False)
    decision_issuer = _issuer()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision_number") and not data.get("decision_date") and "decision_date" not in self.errors:
            self.add_error("decision_date", _("Give the date of the decision."))
        return data


def _decision_group() -> tuple[Any, tuple[str, ...]]:
    return (_("Decision"), DECISION)
