"""Forms for covered units: register one, change the cell covering it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.decisions import Decision
from organizations.forms.base import ActionForm
from organizations.forms.fields import (
    OrganizationChoiceField,
    cells_under,
    date_field,
)
from organizations.models import CoveredUnit, CoveredUnitKind, Organization
from organizations.services import (
    covered_unit_assign,
    covered_unit_create,
)


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
    effective_on = date_field(_("Established on"), required=False,
                                help_text=_("Leave empty if unknown: the unit is then shown as “date unknown”."))
    decision_number = forms.CharField(label=_("Decision number"), max_length=64, required=False,
                                      help_text=_("The State decision establishing it, if known (e.g. 12/NQ-HĐND)."))
    decision_date = date_field(_("Decision date"), required=False)
    decision_issuer = forms.CharField(label=_("Issued by"), max_length=255, required=False)
    reason = forms.CharField(label=_("Reason or note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["covered_by"].queryset = cells_under(self.actor, self.organization)  # type: ignore[attr-defined]

    def error_field(self, error: Any) -> str | None:
        return "effective_on" if error.field == "established_on" else error.field

    def decision(self) -> Decision | None:
        data = self.cleaned_data
        if not (data.get("decision_number") or data.get("decision_date")):
            return None
        return Decision(data.get("decision_number") or "", data.get("decision_date"),  # type: ignore[arg-type]
                        data.get("decision_issuer") or "")

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "actor": self.actor,
            "code": data["code"],
            "name": data["name"],
            "kind": data["kind"],
            "territory": self.organization,
            "covered_by": data.get("covered_by"),
            "established_on": data.get("effective_on"),
            "decision": self.decision(),
            "reason": data.get("reason") or "",
        }


class CoverForm(ActionForm):
    """Attach a unit to the cell that covers it, or record that it has no cell yet."""

    service = staticmethod(covered_unit_assign)
    title = _("Change the cell covering a unit")
    intro = _("The previous cell's coverage ends on the date and stays in the history. A cell may cover several "
              "units (joint cell, “sinh hoạt ghép”).")
    success_message = _("The covering cell was changed.")

    covered_by = OrganizationChoiceField(
        label=_("Covered by the cell"), queryset=Organization.objects.none(), required=False,
        empty_label=str(_("— no cell yet —")),
    )
    effective_on = date_field(_("From"))
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
            "effective_on": self.cleaned_data.get("effective_on"),
            "reason": self.cleaned_data.get("reason") or "",
        }

    def summary(self) -> list[tuple[str, str]]:
        rows = super().summary()
        if self.cleaned_data.get("covered_by") is None:
            rows.insert(0, (str(self.fields["covered_by"].label), str(_("no cell yet"))))
        return rows


