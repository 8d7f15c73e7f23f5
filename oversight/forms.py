"""Forms of the oversight page: they parse; the service decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Person
from organizations.forms import date_field
from organizations.models import Organization


class AsOfForm(forms.Form):
    on = date_field(_("On"), required=False)


class AssignForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Committee member"), queryset=Person.objects.none())
    organizations = forms.ModelMultipleChoiceField(label=_("Cells"), queryset=Organization.objects.none(),
                                                   widget=forms.CheckboxSelectMultiple)
    starts_on = date_field(_("From"))
    ended_on = date_field(_("Until"), required=False)
    decision_number = forms.CharField(label=_("Decision number"), max_length=64, required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args: Any, people: Any, cells: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
        self.fields["organizations"].queryset = cells  # type: ignore[attr-defined]


class EndForm(forms.Form):
    ended_on = date_field(_("Until"), help_text=_("The first day no longer assigned."))
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)
