"""The form of the report page: period, as-of date, format, header fields, next year's tasks, own template."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.forms import date_field


class ReportForm(forms.Form):
    """Empty dates: the year before today's (1/1–31/12, as of 31/12)."""

    year = forms.IntegerField(label=_("Year"), min_value=1930, max_value=2999, required=False)
    date_from = date_field(_("Period from"), required=False)
    date_to = date_field(_("to"), required=False)
    as_of = date_field(_("Stocks as of"), required=False)
    format = forms.ChoiceField(label=_("File format"), choices=[
        ("docx", _("Annual report (Word, DOCX)")), ("pdf", _("Annual report (PDF)")),
        ("xlsx", _("Statistical forms (Excel, XLSX)"))])
    number = forms.CharField(label=_("Document number"), max_length=30, required=False)
    place = forms.CharField(label=_("Place"), max_length=100, required=False)
    signer = forms.CharField(label=_("Signed by"), max_length=150, required=False)
    next_tasks = forms.CharField(label=_("Tasks for next year (one per line)"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 4}), max_length=20000)
    with_predecessors = forms.BooleanField(
        label=_("With predecessors (count the organizations it took over from, e.g. before the 2025 reorganization)"),
        required=False)
    template = forms.FileField(label=_("Own template (DOCX, optional)"), required=False)
    background = forms.BooleanField(label=_("Build in the background (with a progress bar; not with an own template)"),
                                    required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
