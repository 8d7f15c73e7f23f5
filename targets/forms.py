"""Entry forms: a resolution, a target with up to two plans, a result, an XLSX of results, the year shown.

Forms only parse what was typed; the services check the rules and their refusals come back beside the field
they name (core.views.attach_error)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.forms import date_field
from targets.models import Field, ResolutionKind, ResultKind, TargetKind, TargetPeriod, Wording
from targets.services import PlanInput


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1930, max_value=2200, required=False)


class ResolutionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ResolutionKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    number = forms.CharField(label=_("Number"), max_length=64, required=False)
    adopted_on = date_field(_("Adopted on"), required=False)
    start_year = forms.IntegerField(label=_("First year"), min_value=1930, max_value=2200)
    end_year = forms.IntegerField(label=_("Last year"), min_value=1930, max_value=2200)
    document_ref = forms.CharField(label=_("Document in the register"), max_length=200, required=False)


class TargetForm(forms.Form):
    """A target and its plans; the indicator is chosen by code or made here from its name and unit."""

    indicator_code = forms.SlugField(label=_("Indicator code"), max_length=60)
    indicator_name = forms.CharField(label=_("Indicator (when new)"), max_length=255, required=False)
    indicator_unit = forms.CharField(label=_("Unit (when new)"), max_length=40, required=False)
    indicator_decimals = forms.IntegerField(label=_("Decimals (when new)"), min_value=0, max_value=4, initial=0,
                                            required=False)
    indicator_field = forms.ChoiceField(label=_("Field (when new)"), choices=Field.choices, required=False)
    figure_key = forms.CharField(label=_("Computed from the figure (when new)"), max_length=100, required=False,
                                 help_text=_("e.g. members.admitted: the value is counted, never typed."))
    kind = forms.ChoiceField(label=_("Kind"), choices=TargetKind.choices)
    period = forms.ChoiceField(label=_("Period"), choices=TargetPeriod.choices, initial=TargetPeriod.EACH_YEAR)
    year = forms.IntegerField(label=_("Year"), min_value=1930, max_value=2200, required=False)
    wording = forms.ChoiceField(label=_("Wording of the share of plan"), choices=Wording.choices)
    text = forms.CharField(label=_("Text of the target"), max_length=500, required=False)
    plan_value = forms.CharField(label=_("Plan"), max_length=40)
    plan_high = forms.CharField(label=_("High bound (range)"), max_length=40, required=False)
    plan_unit = forms.CharField(label=_("Unit of the plan"), max_length=40)
    plan_source = forms.CharField(label=_("Source of the plan"), max_length=200)
    plan_label = forms.CharField(label=_("Written as"), max_length=60, initial="KH")
    plan2_value = forms.CharField(label=_("Second plan"), max_length=40, required=False)
    plan2_source = forms.CharField(label=_("Source of the second plan"), max_length=200, required=False)
    plan2_label = forms.CharField(label=_("Second plan written as"), max_length=60, required=False)

    def plans(self) -> list[PlanInput]:
        data = self.cleaned_data
        plans = [PlanInput(data["plan_value"], data["plan_unit"], data["plan_source"], data["plan_label"] or "KH",
                           value_high=data.get("plan_high") or None)]
        if data.get("plan2_value"):
            plans.append(PlanInput(data["plan2_value"], data["plan_unit"], data.get("plan2_source") or "",
                                   data.get("plan2_label") or "KH"))
        return plans


class ResultForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1930, max_value=2200)
    value = forms.CharField(label=_("Value"), max_length=40)
    kind = forms.ChoiceField(label=_("Kind"), choices=ResultKind.choices, initial=ResultKind.FINAL)
    source = forms.CharField(label=_("Source"), max_length=300)
    reported_on = date_field(_("Reported on"))
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Workbook (.xlsx)"))

    def content(self) -> bytes:
        upload: Any = self.cleaned_data["file"]
        return bytes(upload.read(20 * 1024 * 1024 + 1))
