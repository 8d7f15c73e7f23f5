"""Forms of the rating pages: opening a campaign, the bulk entry of a step for a cell's members (one level select
and, where the scheme scores, one score per member), the import of a results file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.decisions import Decision
from core.forms import date_field
from rating.models import StepKind


class CampaignForm(forms.Form):
    year = forms.IntegerField(label=_("Year rated"), min_value=1900, max_value=2100)
    reference_date = date_field(_("Reference date of the rating"), required=False,
                                help_text=_("Empty: 31/12 of the year."))
    self_assessment_due = date_field(_("Self-assessment due"), required=False)
    decision_due = date_field(_("Decision due"), required=False)
    historic = forms.BooleanField(label=_("Results of the past, entered as decided"), required=False)
    decision_number = forms.CharField(label=_("Deciding document"), max_length=64, required=False)
    decision_date = date_field(_("Decision date"), required=False)
    decision_issuer = forms.CharField(label=_("Issued by"), max_length=255, required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))

    def decision(self) -> Decision | None:
        data = self.cleaned_data
        if not data.get("decision_number"):
            return None
        return Decision(data["decision_number"], data["decision_date"], data.get("decision_issuer") or "")


class StepForm(forms.Form):
    """The step, its date and (for decisions) the decision; one level (and score) field per subject."""

    step = forms.ChoiceField(label=_("Step"), choices=StepKind.choices)
    on = date_field(_("Date"))
    decision_number = forms.CharField(label=_("Decision number"), max_length=64, required=False)
    decision_date = date_field(_("Decision date"), required=False)
    decision_issuer = forms.CharField(label=_("Issued by"), max_length=255, required=False)

    def __init__(self, *args: Any, rows: list[Any], levels: list[tuple[str, str]], scored: bool,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.scored = scored
        for index, row in enumerate(rows):
            self.fields[f"level_{index}"] = forms.ChoiceField(
                label=row.name, choices=[("", "—"), *levels], required=False)
            if scored:
                self.fields[f"score_{index}"] = forms.IntegerField(
                    label=_("Score"), min_value=0, max_value=100, required=False,
                    widget=forms.NumberInput(attrs={"inputmode": "numeric"}))

    def decision(self) -> Decision | None:
        data = self.cleaned_data
        if not data.get("decision_number"):
            return None
        return Decision(data["decision_number"], data["decision_date"], data.get("decision_issuer") or "")

    def row_fields(self) -> list[tuple[Any, Any, Any]]:
        """(row, level field, score field or None) for the template."""
        return [(row, self[f"level_{i}"], self[f"score_{i}"] if self.scored else None)
                for i, row in enumerate(self.rows)]


class ImportForm(forms.Form):
    step = forms.ChoiceField(label=_("Step"), choices=StepKind.choices, initial=StepKind.DECISION)
    on = date_field(_("Date"))
    decision_number = forms.CharField(label=_("Decision number"), max_length=64, required=False)
    decision_date = date_field(_("Decision date"), required=False)
    decision_issuer = forms.CharField(label=_("Issued by"), max_length=255, required=False)
    file = forms.FileField(label=_("Results file (.xlsx)"))

    def decision(self) -> Decision | None:
        data = self.cleaned_data
        if not data.get("decision_number"):
            return None
        return Decision(data["decision_number"], data["decision_date"], data.get("decision_issuer") or "")
