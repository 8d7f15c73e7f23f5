"""Forms of the inspection pages: a programme, an inspection or supervision (with its team and follow-ups as
lines of text), a discipline decision, a follow-up's status, an appeal and its outcome. The services validate;
their refusals come back beside the field they name."""

from __future__ import annotations

import re
import uuid
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError, NotInScope
from core.scope import get_in_scope, restrict
from documents.forms import organization_picker, scope_organizations
from inspection.models import (
    AppealOutcome,
    Body,
    DisciplineSubject,
    FollowUpStatus,
    Form,
    InspectionKind,
    Programme,
    SubjectKind,
    TeamRole,
)
from inspection.services import FollowUpInput, TeamInput
from members.models import Person
from organizations.forms import date_field
from organizations.models import Organization

_REF = re.compile(r"#?\s*(\d{1,18})\s*$")
BLANK = [("", "—")]


def person_from(user: Any, text: str, field_name: str) -> Person | None:
    """A member named by file number ("#123", "123") or code (UUID), among those the user may see."""
    text = (text or "").strip()
    if not text:
        return None
    match = _REF.search(text)
    try:
        if match:
            return get_in_scope(Person.objects.all(), user, "members.view", pk=int(match.group(1)))
        return get_in_scope(Person.objects.all(), user, "members.view", code=uuid.UUID(text))
    except (NotInScope, ValueError) as error:
        raise forms.ValidationError(gettext("No member file with this number or code."), code=field_name) from error


def visible(user: Any) -> QuerySet[Organization]:
    return restrict(Organization.objects.select_related("parent"), user, "inspection.view", via="path") \
        .order_by("depth", "sort_name")


def scope_pickers(form: forms.Form, user: Any) -> None:
    """The acting organization among those where the user may change inspection records (his only one chosen for
    him); the organization inspected or disciplined among those he may see. Both typed, a page of suggestions."""
    scope_organizations(form, ["organization"], user=user, permission="inspection.change")
    if "subject_organization" in form.fields:
        scope_organizations(form, ["subject_organization"], user=user, permission="inspection.view", preselect=False)


class FiltersForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1930, max_value=2999)
    kind = forms.ChoiceField(label=_("Kind"), choices=BLANK + list(InspectionKind.choices), required=False)
    subject = forms.ChoiceField(label=_("Subject"), choices=BLANK + list(SubjectKind.choices), required=False)


class ExportForm(forms.Form):
    organization = forms.IntegerField(min_value=1, max_value=2**62)
    year = forms.IntegerField(min_value=1930, max_value=2999, required=False)
    period = forms.ChoiceField(choices=[(p, p) for p in ("month", "quarter", "cumulative", "year")],
                               required=False)


class ProgrammeForm(forms.Form):
    organization = organization_picker(_("Organization"))
    body = forms.ChoiceField(label=_("Conducted by"), choices=Body.choices, initial=Body.INSPECTION_COMMITTEE)
    year = forms.IntegerField(label=_("Year"), min_value=1930, max_value=2999)
    title = forms.CharField(label=_("Title"), max_length=300)
    document_number = forms.CharField(label=_("Document number"), max_length=64, required=False)
    document_date = date_field(_("Document date"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope_pickers(self, user)


class InspectionForm(forms.Form):
    organization = organization_picker(_("Conducted by (organization)"))
    body = forms.ChoiceField(label=_("Conducted by"), choices=Body.choices, initial=Body.INSPECTION_COMMITTEE)
    kind = forms.ChoiceField(label=_("Kind"), choices=InspectionKind.choices)
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none(), required=False)
    subject_organization = organization_picker(_("Organization inspected"), required=False)
    subject_person = forms.CharField(label=_("Member inspected (file number or code)"), max_length=64,
                                     required=False)
    content = forms.CharField(label=_("Content"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    document_number = forms.CharField(label=_("Resolution inspected (number)"), max_length=64, required=False)
    document_date = date_field(_("Resolution date"), required=False)
    starts_on = date_field(_("Starts on"))
    ends_on = date_field(_("Ends on"), required=False)
    team = forms.CharField(label=_("Team (one member per line: file number, then head/deputy/member)"),
                           required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        scope_pickers(self, user)
        self.fields["programme"].queryset = restrict(Programme.objects.all(), user,  # type: ignore[attr-defined]
                                                     "inspection.change")

    def clean_subject_person(self) -> Person | None:
        return person_from(self.user, self.cleaned_data.get("subject_person", ""), "subject_person")

    def clean_team(self) -> list[TeamInput]:
        team = []
        for line in (self.cleaned_data.get("team") or "").splitlines():
            if not line.strip():
                continue
            ref, _sep, role = line.strip().partition(" ")
            role = role.strip() or TeamRole.MEMBER
            if role not in TeamRole.values:
                raise forms.ValidationError(gettext("Write the role as head, deputy or member."))
            person = person_from(self.user, ref, "team")
            assert person is not None
            team.append(TeamInput(person, role))
        return team


class ConcludeForm(forms.Form):
    conclusion = forms.CharField(label=_("Conclusion"), max_length=10000, widget=forms.Textarea(attrs={"rows": 3}))
    concluded_on = date_field(_("Concluded on"))
    violations_found = forms.NullBooleanField(label=_("Violations found"), required=False)
    follow_up = forms.CharField(label=_("Follow-up"), max_length=2000, required=False)
    follow_up_owner = forms.CharField(label=_("Owner"), max_length=300, required=False)
    follow_up_due_on = date_field(_("Due on"), required=False)
    reason = forms.CharField(label=_("Reason for a correction"), max_length=500, required=False)

    def follow_ups(self) -> list[FollowUpInput]:
        data = self.cleaned_data
        if not data.get("follow_up"):
            return []
        return [FollowUpInput(data["follow_up"], data.get("follow_up_due_on"), data.get("follow_up_owner") or "")]  # type: ignore[arg-type]


class FollowUpStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=FollowUpStatus.choices)
    done_on = date_field(_("Done on"), required=False)


class DisciplineForm(forms.Form):
    organization = organization_picker(_("Decided by (organization)"))
    body = forms.ChoiceField(label=_("Competent level"), choices=Body.choices, initial=Body.INSPECTION_COMMITTEE)
    subject_organization = organization_picker(_("Organization disciplined"), required=False)
    subject_person = forms.CharField(label=_("Member disciplined (file number or code)"), max_length=64,
                                     required=False)
    form = forms.ChoiceField(label=_("Form"), choices=Form.choices)
    grounds = forms.CharField(label=_("Grounds"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    decision_number = forms.CharField(label=_("Decision number"), max_length=64)
    decision_date = date_field(_("Decision date"))
    decision_issuer = forms.CharField(label=_("Issued by"), max_length=255, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        scope_pickers(self, user)

    def clean_subject_person(self) -> Person | None:
        return person_from(self.user, self.cleaned_data.get("subject_person", ""), "subject_person")


class AppealForm(forms.Form):
    filed_on = date_field(_("Filed on"))
    filed_with = forms.CharField(label=_("Filed with"), max_length=255)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class AppealDecideForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[c for c in AppealOutcome.choices if c[0] != "pending"])
    decided_on = date_field(_("Decided on"))
    new_form = forms.ChoiceField(label=_("Form after the appeal"), choices=BLANK + list(Form.choices), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


SUBJECT_LABELS = dict(DisciplineSubject.choices)
__all__ = ["DomainError"]
