"""Forms for a covered unit's own events: rename, dissolve, merge with others, split (each with the State decision)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from core.scope import CHANGE, restrict
from organizations.forms.base import DecisionForm
from organizations.forms.fields import OrganizationChoiceField, cells_under
from organizations.models import CoveredUnit, Organization
from organizations.services import (
    NewUnit,
    covered_unit_dissolve,
    covered_unit_merge,
    covered_unit_rename,
    covered_unit_split,
)


class UnitChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Model) -> str:
        assert isinstance(obj, CoveredUnit)
        return f"{obj.name} ({obj.code})"


class UnitEventForm(DecisionForm):
    """Base of the unit forms: the unit in the URL, on its territory (the organization the page is about)."""

    def __init__(self, *args: Any, unit: CoveredUnit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.order_decision_last()


class UnitRenameForm(UnitEventForm):
    """Rename this unit from a date on; the old name stays for earlier dates."""

    service = staticmethod(covered_unit_rename)
    title = _("Rename this unit")
    success_message = _("The unit was renamed.")

    new_name = forms.CharField(label=_("New name"), max_length=255)

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {**self.common_kwargs(), "unit": self.unit, "new_name": data["new_name"],
                "effective_on": data["effective_on"]}


class UnitDissolveForm(UnitEventForm):
    """Dissolve this unit: it and its coverage end on the date; its history stays."""

    service = staticmethod(covered_unit_dissolve)
    title = _("Dissolve this unit")
    intro = _("Its history is kept; it simply stops existing from the date.")
    success_message = _("The unit was dissolved.")

    def service_kwargs(self) -> dict[str, Any]:
        return {**self.common_kwargs(), "unit": self.unit, "dissolved_on": self.cleaned_data["effective_on"]}


class UnitMergeForm(UnitEventForm):
    """Merge this unit with others of the same territory into a new unit."""

    service = staticmethod(covered_unit_merge)
    title = _("Merge this unit with others")
    intro = _("The merged units end on the date; the new unit starts then. Without a cell chosen, it keeps the cell "
              "that covered all of them, if they had the same one.")
    success_message = _("The merger was recorded.")

    sources = UnitChoiceField(label=_("Merge with"), queryset=CoveredUnit.objects.none(),
                              widget=forms.CheckboxSelectMultiple)
    code = forms.CharField(label=_("Code of the new unit"), max_length=50)
    name = forms.CharField(label=_("Name of the new unit"), max_length=255)
    covered_by = OrganizationChoiceField(label=_("Covered by the cell"), queryset=Organization.objects.none(),
                                         required=False, empty_label=str(_("— as the merged units —")))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        peers = restrict(CoveredUnit.objects.filter(territory=self.unit.territory, dissolved_on__isnull=True),
                         self.actor, CHANGE).exclude(pk=self.unit.pk).order_by("sort_name")
        self.fields["sources"].queryset = peers  # type: ignore[attr-defined]
        self.fields["covered_by"].queryset = cells_under(self.actor, self.unit.territory)  # type: ignore[attr-defined]
        self.order_decision_last()

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        target = NewUnit(data["code"], data["name"], covered_by=data.get("covered_by"))
        return {**self.common_kwargs(), "sources": [self.unit, *data["sources"]], "target": target,
                "effective_on": data["effective_on"]}

    def error_field(self, error: Any) -> str | None:
        return {"target.code": "code", "target.name": "name", "target.covered_by": "covered_by"}.get(
            error.field or "", error.field)


class UnitSplitForm(UnitEventForm):
    """Split this unit into new ones on the same territory (two or three; leave the third empty)."""

    service = staticmethod(covered_unit_split)
    title = _("Split this unit")
    intro = _("This unit ends on the date and the new ones start then, without a cell unless you choose one.")
    success_message = _("The split was recorded.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cells = cells_under(self.actor, self.unit.territory)
        for i in (1, 2, 3):
            self.fields[f"code_{i}"] = forms.CharField(label=_("Code of new unit %(n)d") % {"n": i}, max_length=50,
                                                       required=i < 3)
            self.fields[f"name_{i}"] = forms.CharField(label=_("Name of new unit %(n)d") % {"n": i}, max_length=255,
                                                       required=i < 3)
            self.fields[f"cell_{i}"] = OrganizationChoiceField(
                label=_("Cell of new unit %(n)d") % {"n": i}, queryset=cells, required=False,
                empty_label=str(_("— no cell yet —")))
        self.order_decision_last()

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        targets = [NewUnit(data[f"code_{i}"], data[f"name_{i}"], covered_by=data.get(f"cell_{i}"))
                   for i in (1, 2, 3) if data.get(f"code_{i}") or data.get(f"name_{i}")]
        return {**self.common_kwargs(), "source": self.unit, "targets": targets,
                "effective_on": data["effective_on"]}

    def error_field(self, error: Any) -> str | None:
        field = error.field or ""
        if field.startswith("targets."):
            index, _dot, part = field.removeprefix("targets.").partition(".")
            name = {"code": "code", "name": "name", "covered_by": "cell"}.get(part)
            return f"{name}_{int(index) + 1}" if name and index.isdigit() else None
        return None if field in ("source", "targets") else field

