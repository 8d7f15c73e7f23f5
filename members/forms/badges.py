"""The form that records a Party badge as presented (members.services.badge_presentation_record)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import date_field


class BadgePresentationForm(forms.Form):
    """The badge's years, the day it was presented and the decision awarding it."""

    title = _("Record a Party badge as presented")
    years = forms.IntegerField(label=_("Badge (years)"), min_value=1, max_value=100)
    presented_on = date_field(_("Presented on"))
    decision_number = forms.CharField(label=_("Decision number"), max_length=64,
                                      help_text=_("For example 125-QĐ/HU or 30-QĐ/ĐU."))
    decision_date = date_field(_("Decision date"))
    decision_issuer = forms.CharField(label=_("Issued by"), max_length=255, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
