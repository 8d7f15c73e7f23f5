"""Forms of the training pages: they parse; the services decide (their refusals are shown beside the field)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.forms import date_field
from organizations.models import Organization
from training.models import ClassKind, Result


class ClassFilterForm(forms.Form):
    kind = forms.ModelChoiceField(label=_("Kind"), queryset=ClassKind.objects.all(), required=False)
    date_from = date_field(_("From"), required=False)
    date_to = date_field(_("To"), required=False)
    organizer = forms.CharField(label=_("Organized by"), required=False, max_length=100)
    organization = forms.CharField(label=_("Organization code"), required=False, max_length=50)


class ClassForm(forms.Form):
    host = forms.ModelChoiceField(label=_("Host organization"), queryset=Organization.objects.none())
    kind = forms.ModelChoiceField(label=_("Kind"), queryset=ClassKind.objects.filter(is_active=True))
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    code = forms.CharField(label=_("Class code"), max_length=40, required=False, help_text=_("K56, K63 …"))
    organizer_name = forms.CharField(label=_("Organized by"), max_length=255, required=False,
                                     help_text=_("A named body, e.g. Trung tâm Chính trị huyện."))
    co_organizers = forms.CharField(label=_("Co-organizers"), max_length=500, required=False)
    target_group = forms.CharField(label=_("For"), max_length=255, required=False)
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    starts_on = date_field(_("Starts on"))
    ends_on = date_field(_("Ends on"))
    planned_learners = forms.IntegerField(label=_("Planned learners"), required=False, min_value=0, max_value=100000)
    note = forms.CharField(label=_("Note"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, hosts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = hosts  # type: ignore[attr-defined]


class LearnersForm(forms.Form):
    pasted = forms.CharField(
        label=_("Learners, one per line"), required=False,
        widget=forms.Textarea(attrs={"rows": 12, "placeholder": _("Name; date of birth (dd/mm/yyyy); unit; tags")}),
        help_text=_("Name; date of birth; unit; tags separated by commas. Or upload an XLSX with these columns."))
    file = forms.FileField(label=_("or an XLSX file"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("pasted") and not data.get("file"):
            raise forms.ValidationError(_("Paste the list or choose a file."))
        return data


class ResultForm(forms.Form):
    result = forms.ChoiceField(label=_("Result"), choices=Result.choices)
    certificate_number = forms.CharField(label=_("Certificate number"), max_length=64, required=False)
    certificate_date = date_field(_("Certificate date"), required=False)


class ClassEditForm(ClassForm):
    """The class form without the host (a class stays with its host)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, hosts=Organization.objects.none(), **kwargs)
        del self.fields["host"]


class LearnerForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    birth_date = date_field(_("Date of birth"), required=False)
    unit = forms.CharField(label=_("Unit"), max_length=255, required=False)
    attended = forms.BooleanField(label=_("Attended"), required=False)
    tags = forms.CharField(label=_("Tags"), max_length=1000, required=False, help_text=_("Separated by commas."))
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args: Any, member: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if member:  # a member's name and birth date come from the member file
            del self.fields["full_name"], self.fields["birth_date"]
        else:
            self.fields["full_name"].required = True

    def clean_tags(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data.get("tags", "").split(",") if t.strip()]
