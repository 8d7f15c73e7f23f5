"""Forms of the mass mobilisation pages: they parse into a service's input; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from documents.forms import organization_picker, scope_organizations
from mobilisation.models import DIALOGUE_BASIS, Audience, DialogueKind, FollowUpStatus, ModelField, ModelKind
from mobilisation.services import DialogueInput, FollowUpInput, IssueInput, ModelInput
from organizations.forms import date_field

ROWS = 5


class DialogueForm(forms.Form):
    organization = organization_picker(_("Organization"))
    kind = forms.ChoiceField(label=_("Kind"), choices=DialogueKind.choices)
    held_on = date_field(_("Date"))
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    chair = forms.CharField(label=_("Chaired by"), max_length=200, required=False)
    chair_title = forms.CharField(label=_("Chair's post"), max_length=200, required=False)
    audience = forms.ChoiceField(label=_("With"), choices=Audience.choices)
    participants = forms.IntegerField(label=_("Participants"), required=False, min_value=1)
    subject = forms.CharField(label=_("Main subject"), max_length=500, required=False)
    basis = forms.CharField(label=_("Held under"), max_length=255, required=False, initial=DIALOGUE_BASIS)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope_organizations(self, ["organization"], user=user, permission="mobilisation.change")


class IssueRow(forms.Form):
    content = forms.CharField(label=_("Issue raised"), required=False, max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 2}))
    raised_by = forms.CharField(label=_("Raised by"), required=False, max_length=200)
    answer = forms.CharField(label=_("Answer"), required=False, max_length=5000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class FollowUpRow(forms.Form):
    action = forms.CharField(label=_("To do"), required=False, max_length=5000)
    owner = forms.CharField(label=_("Owner"), required=False, max_length=200)
    due_on = date_field(_("Due date"), required=False)
    issue = forms.IntegerField(label=_("Issue no."), required=False, min_value=1, max_value=ROWS)


IssueRows = forms.formset_factory(IssueRow, extra=ROWS, max_num=ROWS, validate_max=True)
FollowUpRows = forms.formset_factory(FollowUpRow, extra=ROWS, max_num=ROWS, validate_max=True)


def dialogue_input(form: DialogueForm, issues: Any, follow_ups: Any) -> DialogueInput:
    data = form.cleaned_data
    issue_rows = [IssueInput(r.cleaned_data["content"], r.cleaned_data.get("answer") or "",
                             r.cleaned_data.get("raised_by") or "")
                  for r in issues.forms if r.cleaned_data.get("content")]
    follow_rows = [FollowUpInput(r.cleaned_data.get("action") or "", r.cleaned_data.get("owner") or "",
                                 r.cleaned_data.get("due_on"),
                                 issue=r.cleaned_data["issue"] - 1 if r.cleaned_data.get("issue") else None)
                   for r in follow_ups.forms
                   if r.cleaned_data.get("action") or r.cleaned_data.get("owner") or r.cleaned_data.get("due_on")]
    return DialogueInput(kind=data["kind"], held_on=data["held_on"], place=data.get("place") or "",
                         chair=data.get("chair") or "", chair_title=data.get("chair_title") or "",
                         audience=data["audience"], participants=data.get("participants"),
                         subject=data.get("subject") or "", basis=data.get("basis") or "",
                         issues=issue_rows, follow_ups=follow_rows)


def attach_dialogue_faults(form: DialogueForm, issues: Any, follow_ups: Any, error: DomainError) -> None:
    """Each fault beside its field: follow_ups.N.field on the Nth filled follow-up row."""
    filled = [r for r in follow_ups.forms
              if r.cleaned_data.get("action") or r.cleaned_data.get("owner") or r.cleaned_data.get("due_on")]
    for fault in getattr(error, "errors", None) or [error]:
        name = fault.field or ""
        parts = name.split(".")
        if parts[0] == "follow_ups" and len(parts) == 3 and int(parts[1]) < len(filled):
            row = filled[int(parts[1])]
            row.add_error(parts[2] if parts[2] in row.fields else None, str(fault.message))
        elif parts[0] == "issues":
            form.add_error(None, str(fault.message))
        else:
            form.add_error(name if name in form.fields else None, str(fault.message))


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=FollowUpStatus.choices)
    done_on = date_field(_("Done on"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=5000)


class ModelForm(forms.Form):
    organization = organization_picker(_("Organization"))
    kind = forms.ChoiceField(label=_("Kind"), choices=ModelKind.choices)
    field = forms.ChoiceField(label=_("Field"), choices=ModelField.choices)
    name = forms.CharField(label=_("Name"), max_length=300, required=False)
    year = forms.IntegerField(label=_("Year"), required=False)
    launched_year = forms.IntegerField(label=_("Launched in"), required=False)
    led_by = forms.CharField(label=_("Led by"), max_length=200, required=False)
    result = forms.CharField(label=_("Result"), required=False, max_length=10_000,
                             widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope_organizations(self, ["organization"], user=user, permission="mobilisation.change")

    def model_input(self) -> ModelInput:
        data = self.cleaned_data
        return ModelInput(data["kind"], data["field"], data.get("name") or "", data.get("year"),
                          data.get("launched_year"), data.get("led_by") or "", data.get("result") or "")


def attach_faults(form: forms.Form, error: DomainError) -> None:
    for fault in getattr(error, "errors", None) or [error]:
        form.add_error(fault.field if fault.field in form.fields else None, str(fault.message))
