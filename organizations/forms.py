"""Forms for restructuring the tree and registering covered units.

Each form turns what the user typed into the keyword arguments of one service (`service_kwargs`); the
rules themselves live in the services, so the form only parses. Every list of organizations comes from the
user's writable scope.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from django import forms
from django.db.models import Case, Model, QuerySet, Value, When
from django.utils.formats import date_format, get_format_lazy
from django.utils.translation import gettext_lazy as _

from core.decisions import Decision
from core.errors import DomainError
from core.scope import CHANGE
from organizations.models import CoveredUnit, CoveredUnitKind, Organization, OrganizationKind
from organizations.queries import organizations_visible
from organizations.services import (
    NewOrganization,
    covered_unit_assign,
    covered_unit_create,
    organization_dissolve,
    organization_establish,
    organization_merge,
    organization_move,
    organization_rename,
    organization_split,
)

DATE_INPUT_FORMATS = get_format_lazy("DATE_INPUT_FORMATS")


def date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    """A date typed as dd/mm/yyyy (the format module's input formats)."""
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(
            attrs={"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric", "autocomplete": "off", "size": 12}
        ),
    )


class OrganizationChoiceField(forms.ModelChoiceField):
    """An organization, shown with its parent so that two communes of the same name can be told apart."""

    def label_from_instance(self, obj: Model) -> str:
        assert isinstance(obj, Organization)
        return f"{obj.name} — {obj.parent.name}" if obj.parent else obj.name


class OrganizationMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Model) -> str:
        assert isinstance(obj, Organization)
        return f"{obj.name} — {obj.parent.name}" if obj.parent else obj.name


def writable(actor: Any) -> QuerySet[Organization]:
    """Active organizations the actor may change, highest levels first."""
    return organizations_visible(actor, CHANGE).filter(dissolved_on__isnull=True).order_by("depth", "sort_name")


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


class EstablishForm(DecisionForm):
    """Establish a new organization under this one."""

    service = staticmethod(organization_establish)
    title = _("Establish an organization under this one")
    intro = _("The new organization exists from the date of establishment.")
    success_message = _("The new organization was established.")

    code = forms.CharField(label=_("Code"), max_length=50, help_text=_("A short unique code, without spaces."))
    name = forms.CharField(label=_("Name"), max_length=255)
    kind = forms.ModelChoiceField(label=_("Kind"), queryset=OrganizationKind.objects.none())
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["effective_on"].label = _("Established on")
        self.fields["kind"].queryset = OrganizationKind.objects.filter(  # type: ignore[attr-defined]
            rank__gt=self.organization.kind.rank
        )
        self.order_decision_last()

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **self.common_kwargs(),
            "code": data["code"],
            "name": data["name"],
            "kind": data["kind"],
            "parent": self.organization,
            "established_on": data["effective_on"],
            "note": data.get("note") or "",
        }

    def error_field(self, error: DomainError) -> str | None:
        return None if error.field == "parent" else error.field


class DissolveForm(DecisionForm):
    """Dissolve this organization (it must have no active organization under it)."""

    service = staticmethod(organization_dissolve)
    title = _("Dissolve this organization")
    intro = _("Its records are kept; it simply stops existing after the date.")
    success_message = _("The organization was dissolved.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["effective_on"].label = _("Dissolved on")

    def service_kwargs(self) -> dict[str, Any]:
        return {
            **self.common_kwargs(),
            "organization": self.organization,
            "dissolved_on": self.cleaned_data["effective_on"],
        }


class RenameForm(DecisionForm):
    """Rename this organization from a date on; the old name stays for earlier dates."""

    service = staticmethod(organization_rename)
    title = _("Rename this organization")
    intro = _("The old name stays in the history for earlier dates.")
    success_message = _("The organization was renamed.")

    new_name = forms.CharField(label=_("New name"), max_length=255)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["effective_on"].label = _("New name used from")
        self.order_decision_last()

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **self.common_kwargs(),
            "organization": self.organization,
            "new_name": data["new_name"],
            "effective_on": data["effective_on"],
        }


class MoveForm(DecisionForm):
    """Move this organization, with everything under it, under another parent."""

    service = staticmethod(organization_move)
    title = _("Move this organization under another parent")
    intro = _("Everything under it moves with it.")
    success_message = _("The organization was moved.")

    new_parent = OrganizationChoiceField(label=_("New parent organization"), queryset=Organization.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_parent"].queryset = writable(self.actor).exclude(  # type: ignore[attr-defined]
            pk=self.organization.pk
        )
        self.fields["effective_on"].label = _("Moved on")
        self.order_decision_last()

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **self.common_kwargs(),
            "organization": self.organization,
            "new_parent": data["new_parent"],
            "effective_on": data["effective_on"],
        }


ERROR_SHOWN = "__shown__"  # `error_field` placed the error itself (e.g. on a row of successors)
TARGET_NEW = "new"
TARGET_EXISTING = "existing"


class MergeForm(DecisionForm):
    """Merge this organization and others into a new or an existing organization."""

    service = staticmethod(organization_merge)
    title = _("Merge this organization with others")
    intro = _(
        "The merged organizations are dissolved; their records are kept. The organizations under them move to the "
        "successor unless you choose otherwise."
    )
    success_message = _("The merger was recorded.")
    template_name_page = "organizations/merge_form.html"

    sources = OrganizationMultipleChoiceField(
        label=_("Merge with"), queryset=Organization.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    target_mode = forms.ChoiceField(
        label=_("Successor"),
        choices=[(TARGET_NEW, _("A new organization")), (TARGET_EXISTING, _("An existing organization"))],
        initial=TARGET_NEW,
        widget=forms.RadioSelect,
    )
    code = forms.CharField(label=_("Code of the new organization"), max_length=50, required=False)
    name = forms.CharField(label=_("Name of the new organization"), max_length=255, required=False)
    kind = forms.ModelChoiceField(
        label=_("Kind of the new organization"), queryset=OrganizationKind.objects.all(), required=False
    )
    target = OrganizationChoiceField(
        label=_("Existing successor"), queryset=Organization.objects.none(), required=False,
        help_text=_("This organization or one of those it merges with."),
    )

    def __init__(self, *args: Any, source_pks: Iterable[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Organizations of the same kind, those under the same parent first (the usual merger of neighbours).
        same_kind = writable(self.actor).filter(kind=self.organization.kind).annotate(
            neighbour=Case(When(parent=self.organization.parent_id, then=Value(0)), default=Value(1))
        ).order_by("neighbour", "parent__sort_name", "sort_name")
        peers = same_kind.exclude(pk=self.organization.pk)
        self.fields["sources"].queryset = peers  # type: ignore[attr-defined]
        self.fields["target"].queryset = same_kind  # type: ignore[attr-defined]
        self.fields["kind"].initial = self.organization.kind
        self.fields["effective_on"].label = _("Merged on")
        chosen = peers.filter(pk__in=[int(pk) for pk in source_pks if str(pk).isdigit()])
        merging = [self.organization, *chosen]
        self.child_names: list[str] = []
        children = (
            organizations_visible(self.actor, CHANGE)
            .filter(parent__in=merging, dissolved_on__isnull=True)
            .order_by("parent__sort_name", "sort_name")
        )
        for child in children:
            name = f"child_{child.pk}"
            self.fields[name] = OrganizationChoiceField(
                label=child.name,
                queryset=writable(self.actor).filter(kind__rank__lt=child.kind.rank),
                required=False,
                empty_label=str(_("— the successor —")),
            )
            self.child_names.append(name)
        self.children = {f"child_{c.pk}": c for c in children}
        self.order_decision_last()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("target_mode") == TARGET_EXISTING:
            if not data.get("target"):
                self.add_error("target", _("Choose the organization that takes over."))
        else:
            for name in ("code", "name", "kind"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("This field is required."))
        return data

    def child_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.child_names]

    def plain_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in self.child_names]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        target: Organization | NewOrganization
        if data["target_mode"] == TARGET_EXISTING:
            target = data["target"]
        else:
            target = NewOrganization(data["code"], data["name"], data["kind"])
        moves = {self.children[name]: data[name] for name in self.child_names if data.get(name)}
        return {
            **self.common_kwargs(),
            "sources": [self.organization, *data["sources"]],
            "target": target,
            "effective_on": data["effective_on"],
            "child_moves": moves or None,
        }

    def error_field(self, error: DomainError) -> str | None:
        if error.field == "child_moves":
            return self.child_names[0] if self.child_names else None
        return error.field

    def summary(self) -> list[tuple[str, str]]:
        skip = {"code", "name", "kind"} if self.cleaned_data.get("target_mode") == TARGET_EXISTING else {"target"}
        labels = {str(self.fields[name].label) for name in skip}
        return [row for row in super().summary() if row[0] not in labels]


class SuccessorRowForm(forms.Form):
    """One organization that a split establishes."""

    code = forms.CharField(label=_("Code"), max_length=50)
    name = forms.CharField(label=_("Name"), max_length=255)
    kind = forms.ModelChoiceField(label=_("Kind"), queryset=OrganizationKind.objects.all())

    def __init__(self, *args: Any, default_kind: OrganizationKind | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["kind"].initial = default_kind

    def has_changed(self) -> bool:
        """A row counts once a code or a name is typed; the preselected kind alone leaves it unused."""
        return any((self.data.get(self.add_prefix(name)) or "").strip() for name in ("code", "name"))


SuccessorFormSet = forms.formset_factory(SuccessorRowForm, extra=4, max_num=20)


class SplitForm(DecisionForm):
    """Split this organization into two or more new ones; each organization under it goes to one of them."""

    service = staticmethod(organization_split)
    title = _("Split this organization")
    intro = _(
        "This organization is dissolved and two or more new ones are established. Write one new organization per "
        "row (leave unused rows empty), then say which of them takes over each organization under this one."
    )
    success_message = _("The split was recorded.")
    template_name_page = "organizations/split_form.html"

    member_successor_code = forms.CharField(
        label=_("Code of the successor that takes over the members"), max_length=50, required=False,
        help_text=_("Empty: the first new organization."),
    )

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["effective_on"].label = _("Split on")
        self.rows = SuccessorFormSet(data, prefix="rows", form_kwargs={"default_kind": self.organization.kind})
        self.child_names: list[str] = []
        self.children: dict[str, Organization] = {}
        children = organizations_visible(self.actor, CHANGE).filter(
            parent=self.organization, dissolved_on__isnull=True
        )
        for child in children:
            name = f"child_{child.pk}"
            self.fields[name] = forms.CharField(
                label=child.name, max_length=50, required=False,
                help_text=_("Code of the new organization that takes it over."),
            )
            self.child_names.append(name)
            self.children[name] = child
        self.order_decision_last()

    def is_valid(self) -> bool:
        form_ok = super().is_valid()
        rows_ok = self.rows.is_valid()
        return form_ok and rows_ok

    def successors(self) -> list[NewOrganization]:
        return [
            NewOrganization(row.cleaned_data["code"], row.cleaned_data["name"], row.cleaned_data["kind"])
            for row in self.rows
            if row.cleaned_data and row.has_changed()
        ]

    def child_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.child_names]

    def plain_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in self.child_names]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        moves = {self.children[name]: data[name].strip() for name in self.child_names if data.get(name)}
        return {
            **self.common_kwargs(),
            "source": self.organization,
            "targets": self.successors(),
            "effective_on": data["effective_on"],
            "child_moves": moves,
            "member_successor_code": data.get("member_successor_code") or None,
        }

    def summary(self) -> list[tuple[str, str]]:
        rows = [
            (str(_("New organization %(number)d")) % {"number": i}, f"{s.code} — {s.name} ({s.kind})")
            for i, s in enumerate(self.successors(), 1)
        ]
        return rows + super().summary()

    def error_field(self, error: DomainError) -> str | None:
        message = str(error.message)
        if error.field == "child_moves":
            codes = {s.code.strip() for s in self.successors()}
            for name in self.child_names:
                value = (self.cleaned_data.get(name) or "").strip()
                if not value or value not in codes:
                    return name
            return None
        if error.field in ("code", "name", "kind", "targets"):
            for row in self.rows:
                code = ((row.cleaned_data or {}).get("code") or "").strip()
                if error.field == "code" and code and code in message:
                    row.add_error("code", message)
                    return ERROR_SHOWN
            self.rows.non_form_errors().append(message)
            return ERROR_SHOWN
        return error.field


class CoveredUnitForm(ActionForm):
    """Register a village, school, clinic or agency on this organization's territory."""

    service = staticmethod(covered_unit_create)
    title = _("Register a covered unit")
    intro = _("A village, residential group, school, clinic or agency on this organization's territory.")
    success_message = _("The unit was registered.")

    code = forms.CharField(label=_("Code"), max_length=50)
    name = forms.CharField(label=_("Name"), max_length=255)
    kind = forms.ModelChoiceField(label=_("Kind"), queryset=CoveredUnitKind.objects.all())
    covered_by = OrganizationChoiceField(
        label=_("Covered by the cell"), queryset=Organization.objects.none(), required=False,
        empty_label=str(_("— no cell yet —")),
    )
    reason = forms.CharField(label=_("Reason or note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["covered_by"].queryset = cells_under(self.actor, self.organization)  # type: ignore[attr-defined]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "actor": self.actor,
            "code": data["code"],
            "name": data["name"],
            "kind": data["kind"],
            "territory": self.organization,
            "covered_by": data.get("covered_by"),
            "reason": data.get("reason") or "",
        }


class CoverForm(ActionForm):
    """Attach a unit to the cell that covers it, or record that it has no cell yet."""

    service = staticmethod(covered_unit_assign)
    title = _("Change the cell covering a unit")
    success_message = _("The covering cell was changed.")

    covered_by = OrganizationChoiceField(
        label=_("Covered by the cell"), queryset=Organization.objects.none(), required=False,
        empty_label=str(_("— no cell yet —")),
    )
    reason = forms.CharField(label=_("Reason or note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, unit: CoveredUnit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["covered_by"].queryset = cells_under(self.actor, unit.territory)  # type: ignore[attr-defined]
        self.fields["covered_by"].initial = unit.covered_by_id

    def service_kwargs(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "unit": self.unit,
            "covered_by": self.cleaned_data.get("covered_by"),
            "reason": self.cleaned_data.get("reason") or "",
        }

    def summary(self) -> list[tuple[str, str]]:
        rows = super().summary()
        if self.cleaned_data.get("covered_by") is None:
            rows.insert(0, (str(self.fields["covered_by"].label), str(_("no cell yet"))))
        return rows


def cells_under(actor: Any, territory: Organization) -> QuerySet[Organization]:
    """Active organizations that hold members (cells) in the territory's subtree, within the actor's scope."""
    return writable(actor).filter(path__startswith=territory.path, kind__holds_members=True)


class AsOfForm(forms.Form):
    """The date whose tree to show."""

    on = date_field(_("Tree as of"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
