"""Forms of the commendation pages: they parse; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from honours.models import Campaign, Contest, Form, Level, Prize, Target
from organizations.forms import date_field
from organizations.models import Organization

TARGET_FILTER = [("", _("all")), ("collective", _("collectives")), ("individual", _("individuals"))]


class CommendationFilterForm(forms.Form):
    target = forms.ChoiceField(label=_("Commended"), choices=TARGET_FILTER, required=False)
    level = forms.ModelChoiceField(label=_("Level"), queryset=Level.objects.all(), required=False)
    form = forms.ModelChoiceField(label=_("Form"), queryset=Form.objects.all(), required=False)
    campaign = forms.ModelChoiceField(label=_("Campaign or movement"), queryset=Campaign.objects.all(),
                                      required=False)
    date_from = date_field(_("From"), required=False)
    date_to = date_field(_("To"), required=False)
    organization = forms.CharField(label=_("Organization code"), required=False, max_length=50)


class CommendationForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=Organization.objects.none(),
                                          help_text=_("The organization commended, or the one the collective or "
                                                      "person belongs to."))
    target = forms.ChoiceField(label=_("Commended"), choices=Target.choices)
    recipient_name = forms.CharField(label=_("Collective or person"), max_length=255, required=False)
    level = forms.ModelChoiceField(label=_("Level"), queryset=Level.objects.all(), required=False)
    form = forms.ModelChoiceField(label=_("Form"), queryset=Form.objects.all(), required=False)
    campaign = forms.ModelChoiceField(label=_("Campaign or movement"), queryset=Campaign.objects.all(),
                                      required=False)
    decided_on = date_field(_("Decision date"))
    decision_number = forms.CharField(label=_("Decision number"), max_length=64, required=False)
    decided_by = forms.CharField(label=_("Decided by"), max_length=255, required=False)
    reason_text = forms.CharField(label=_("Achievement"), required=False, max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]


class HonourEntryForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=Organization.objects.none())
    target = forms.ChoiceField(label=_("Entered"), choices=Target.choices)
    name = forms.CharField(label=_("Collective or person"), max_length=255, required=False)
    deed = forms.CharField(label=_("Good deed"), required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 2}))
    deed_on = date_field(_("Date of the deed"), required=False)
    entered_on = date_field(_("Entered on"))
    campaign = forms.ModelChoiceField(label=_("Campaign or movement"), queryset=Campaign.objects.all(),
                                      required=False)

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]


class ContestEntryForm(forms.Form):
    """A contest result; the contest chosen from those recorded or named here (then recorded with the result)."""

    contest = forms.ModelChoiceField(label=_("Contest"), queryset=Contest.objects.order_by("-year", "name"),
                                     required=False, help_text=_("Or name a new contest below."))
    name = forms.CharField(label=_("New contest: name"), max_length=300, required=False)
    organizer_name = forms.CharField(label=_("New contest: organized by"), max_length=255, required=False)
    year = forms.IntegerField(label=_("New contest: year"), required=False, min_value=1930, max_value=2200)
    level = forms.ModelChoiceField(label=_("New contest: level"), queryset=Level.objects.all(), required=False)
    campaign = forms.ModelChoiceField(label=_("New contest: campaign or movement"),
                                      queryset=Campaign.objects.all(), required=False)
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=Organization.objects.none())
    participant = forms.CharField(label=_("Participant"), max_length=255, required=False,
                                  help_text=_("A person or team under the organization, if not the organization."))
    prize = forms.ChoiceField(label=_("Prize"), choices=Prize.choices)
    awarded_on = date_field(_("Awarded on"))

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]
