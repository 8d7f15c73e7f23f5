"""Forms for mergers and splits."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from core.scope import CHANGE
from organizations.forms.base import ERROR_SHOWN, DecisionForm
from organizations.models import Organization, OrganizationKind
from organizations.picker import (
    OrganizationPickerField,
    PickerInput,
    Scope,
    choosable,
    kinds_or_none,
    scope_picker,
)
from organizations.queries import organizations_visible
from organizations.services import (
    NewOrganization,
    organization_merge,
    organization_split,
)

TARGET_NEW = "new"
MAX_SOURCES = 12  # boxes of "merge with" at most (a province's reorganization is a restructuring plan)


class PickerListInput(PickerInput):
    """Several picker boxes under one name sharing one <datalist> (filled once, and as the user types): one more
    empty box than the organizations already named, three at least."""

    template_name = "organizations/widgets/picker_list.html"

    def __init__(self, attrs: dict[str, Any] | None = None, *, boxes: int = 3) -> None:
        super().__init__(attrs, prefill=True)
        self.boxes = boxes

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        values = data.getlist(name) if hasattr(data, "getlist") else data.get(name) or []
        return [str(v) for v in (values if isinstance(values, list | tuple) else [values])][:MAX_SOURCES]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        values = [v for v in (value if isinstance(value, list | tuple) else [value]) if v not in (None, "")]
        first = super().get_context(name, None, attrs)
        shared = first["widget"]
        boxes = []
        count = min(MAX_SOURCES, max(self.boxes, len(values) + 1))
        for index in range(count):
            own_id = shared["attrs"].get("id") or f"id_{name}"
            box_attrs = {**shared["attrs"], "id": f"{own_id}_{index}" if index else own_id}
            if index:
                box_attrs.pop("required", None)  # one organization at least; the other boxes may stay empty
            box_value = values[index] if index < len(values) else None
            boxes.append({"name": name, "type": self.input_type, "attrs": box_attrs,
                          "value": self.format_value(box_value) if box_value is not None else None})
        shared["boxes"] = boxes
        return first


class OrganizationPickerListField(OrganizationPickerField):
    """Several organizations, each typed or chosen in its own box; every fault named at once."""

    widget = PickerListInput  # type: ignore[assignment]

    def to_python(self, value: Any) -> list[Organization]:  # type: ignore[override]
        texts = list(dict.fromkeys(str(v).strip() for v in (value or []) if str(v or "").strip()))
        found: list[Organization] = []
        errors: list[ValidationError] = []
        for text in texts:
            try:
                organization = super().to_python(text)
            except ValidationError as error:
                errors.extend(error.error_list)
            else:
                if organization is not None and organization not in found:
                    found.append(organization)
        if errors:
            raise ValidationError(errors)
        return found

    def has_changed(self, initial: Any, data: Any) -> bool:
        return any(str(v or "").strip() for v in (data or []))


def kinds_at_level(organization: Organization) -> Any:
    """The kinds a successor of `organization` may have: those that sit below its parent's kind (all for a root)."""
    parent = organization.parent
    if parent is None:
        return OrganizationKind.objects.all()
    return OrganizationKind.objects.filter(rank__gt=parent.kind.rank)
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

    sources = OrganizationPickerListField(
        label=_("Merge with"),
        help_text=_("One organization of the same kind per box: type part of its name or its code, then choose."),
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
    target = OrganizationPickerField(
        label=_("Existing successor"), required=False,
        help_text=_("This organization or one of those it merges with: type part of its name or its code."),
    )

    def __init__(self, *args: Any, sources_named: Iterable[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Writable active organizations of the same kind, never all at once (organizations.picker); the merged
        # organization itself (and what stands under it) is not offered among those it merges with.
        same = Scope(permission="organizations.change", kinds=(self.organization.kind.code,))
        peers_scope = Scope(permission="organizations.change", kinds=(self.organization.kind.code,),
                            exclude_subtree_of=self.organization)
        scope_picker(self, ["sources"], user=self.actor, scope=peers_scope)
        scope_picker(self, ["target"], user=self.actor, scope=same)
        self.fields["kind"].queryset = kinds_at_level(self.organization)  # type: ignore[attr-defined]
        self.fields["kind"].initial = self.organization.kind
        self.fields["effective_on"].label = _("Merged on")
        texts = [str(t).strip() for t in sources_named if str(t or "").strip()][:MAX_SOURCES]
        ids = [int(t) for t in texts if t.isdigit() and len(t) < 18]  # old links named them by id
        chosen = list(choosable(self.actor, peers_scope).filter(Q(code__in=texts) | Q(pk__in=ids)))
        merging = [self.organization, *chosen]
        self.child_names: list[str] = []
        children = (
            organizations_visible(self.actor, CHANGE)
            .filter(parent__in=merging, dissolved_on__isnull=True)
            .order_by("parent__sort_name", "sort_name")
        )
        ranks = list(OrganizationKind.objects.values_list("code", "rank"))
        for child in children:
            name = f"child_{child.pk}"
            self.fields[name] = OrganizationPickerField(
                label=child.name, required=False,
                help_text=_("Empty: the successor. Otherwise the code of its new parent."),
            )
            above = kinds_or_none(code for code, rank in ranks if rank < child.kind.rank)
            scope_picker(self, [name], user=self.actor, scope=Scope(permission="organizations.change", kinds=above))
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

    def __init__(self, *args: Any, default_kind: OrganizationKind | None = None,
                 kinds: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["kind"].initial = default_kind
        if kinds is not None:
            self.fields["kind"].queryset = kinds  # type: ignore[attr-defined]

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
        self.rows = SuccessorFormSet(data, prefix="rows", form_kwargs={
            "default_kind": self.organization.kind, "kinds": kinds_at_level(self.organization)})
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


