"""The plan entry form: title, committee, date, decision, and the rows pasted or uploaded as XLSX."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.forms import date_field


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    organization = forms.CharField(label=_("Committee entering the plan (code)"), max_length=50)
    effective_on = date_field(_("Effective on"))
    decision_number = forms.CharField(label=_("Decision number"), max_length=64,
                                      help_text=_("e.g. 202/2025/QH15; rows may name their own decision"))
    decision_date = date_field(_("Decision date"))
    decision_issuer = forms.CharField(label=_("Issued by"), max_length=255, required=False)
    rows_text = forms.CharField(label=_("Rows pasted from a spreadsheet (header first)"), required=False,
                                help_text=_("An “appoint” row names a new organization's code and, in the "
                                            "“Appointed committee” column, its committee: "
                                            "secretary: 12; executive: 12, 13 (member file ids)."),
                                widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}))
    rows_file = forms.FileField(label=_("or an XLSX file"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("rows_text", "").strip() and not data.get("rows_file"):
            raise forms.ValidationError(_("Paste the rows or choose an XLSX file."))
        return data
