"""Forms: a congress with its election results, an appointed committee, seats added mid-term, a seat that ends.

A whole committee is entered in one form: one row per person, with the positions that person holds. The
service writes every seat or none; its refusals come back beside the field or on the row they concern.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from committees import queries
from committees.models import ConcurrentPost, SeatBasis, SeatEnd, SeatKind
from committees.services import CongressInput, SeatInput, Sizes
from core.decisions import Decision
from core.errors import DomainError, NotInScope
from members.models import Person
from organizations.forms import OrganizationChoiceField, date_field
from organizations.models import Organization

DEFAULT_ROWS = 12
MAX_ROWS = 80
_PERSON_REF = re.compile(r"#(\d{1,18})\s*$")

POSTS = [("", _("executive committee member only")), (SeatKind.SECRETARY.value, _("secretary")),
         (SeatKind.DEPUTY_SECRETARY.value, _("deputy secretary"))]
INSPECTION = [("", _("no")), (SeatKind.INSPECTION.value, _("member")), (SeatKind.INSPECTION_CHAIR.value, _("chair"))]


def person_label(person: Person) -> str:
    """How a member is offered and typed in a row: name, year of birth and the file number ("#123")."""
    return f"{person.full_name} · {person.birth_date.year} · #{person.pk}"


def rows_wanted(value: Any) -> int:
    try:
        return max(1, min(MAX_ROWS, int(value)))
    except (TypeError, ValueError):
        return DEFAULT_ROWS


class SeatRowForm(forms.Form):
    """One person of the committee and the positions they hold."""

    person = forms.CharField(label=_("Member"), required=False, max_length=300,
                             widget=forms.TextInput(attrs={"list": "eligible-members", "autocomplete": "off",
                                                           "size": 34}))
    executive = forms.BooleanField(label=_("Executive committee"), required=False, initial=True)
    standing = forms.BooleanField(label=_("Standing committee"), required=False)
    post = forms.ChoiceField(label=_("Post"), choices=POSTS, required=False)
    inspection = forms.ChoiceField(label=_("Inspection committee"), choices=INSPECTION, required=False)
    concurrent_post = forms.ChoiceField(label=_("Also holds"), choices=ConcurrentPost.choices, required=False)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_person(self) -> Person | None:
        text = (self.cleaned_data.get("person") or "").strip()
        if not text:
            return None
        match = _PERSON_REF.search(text)
        if match is None:
            raise forms.ValidationError(gettext("Choose the member from the list (the entry ends with #number)."))
        try:
            return queries.person_get(self.user, pk=int(match.group(1)))
        except NotInScope as exc:
            raise forms.ValidationError(gettext("No such member file.")) from exc

    def seat_inputs(self, starts_on: dt.date | None = None) -> list[tuple[SeatInput, str]]:
        """The seats this row asks for, each with the row field an error about it belongs to."""
        person = self.cleaned_data.get("person")
        if person is None:
            return []
        post = self.cleaned_data.get("concurrent_post") or ""
        wanted: list[tuple[str, str]] = []
        if self.cleaned_data.get("executive"):
            wanted.append((SeatKind.EXECUTIVE, "executive"))
        if self.cleaned_data.get("standing"):
            wanted.append((SeatKind.STANDING, "standing"))
        if self.cleaned_data.get("post"):
            wanted.append((self.cleaned_data["post"], "post"))
        if self.cleaned_data.get("inspection"):
            wanted.append((self.cleaned_data["inspection"], "inspection"))
        return [
            (SeatInput(person, kind, starts_on=starts_on, concurrent_post=post if kind == SeatKind.SECRETARY else ""),
             field)
            for kind, field in wanted
        ]


class SeatRowFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def clean(self) -> None:
        if any(self.errors):
            return
        if not any(form.cleaned_data.get("person") for form in self.forms):
            raise forms.ValidationError(gettext("Enter at least one member."))


def seat_formset(data: Any, *, user: Any, rows: int, prefix: str = "seats") -> SeatRowFormSet:
    factory = forms.formset_factory(SeatRowForm, formset=SeatRowFormSet, extra=rows, max_num=MAX_ROWS,
                                    validate_max=True)
    return factory(data, prefix=prefix, form_kwargs={"user": user})  # type: ignore[return-value]


class _CommitteeForm(forms.Form):
    """Shared: the sizes the congress or decision set, a note and a reason; and mapping service faults back."""

    executive_seats = forms.IntegerField(label=_("Executive committee seats"), required=False, min_value=0,
                                         max_value=500)
    standing_seats = forms.IntegerField(label=_("Standing committee seats"), required=False, min_value=0,
                                        max_value=500)
    deputy_secretary_seats = forms.IntegerField(label=_("Deputy secretary seats"), required=False, min_value=0,
                                                max_value=50)
    inspection_seats = forms.IntegerField(label=_("Inspection committee seats"), required=False, min_value=0,
                                          max_value=500)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    SIZE_FIELDS = {"sizes.executive": "executive_seats", "sizes.standing": "standing_seats",
                   "sizes.deputy_secretaries": "deputy_secretary_seats", "sizes.inspection": "inspection_seats"}

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.organization = organization

    def sizes(self) -> Sizes:
        data = self.cleaned_data
        return Sizes(data.get("executive_seats"), data.get("standing_seats"), data.get("deputy_secretary_seats"),
                     data.get("inspection_seats"))

    def field_for(self, error_field: str | None) -> str | None:
        if error_field is None:
            return None
        name = self.SIZE_FIELDS.get(error_field) or error_field.split(".")[-1]
        return name if name in self.fields else None


def attach_faults(form: _CommitteeForm, rows: SeatRowFormSet, error: DomainError,
                  row_of: list[tuple[int, str]]) -> None:
    """Put each fault of a refusal beside its field: the row and column for a seat, else the form's field."""
    for fault in getattr(error, "errors", None) or [error]:
        field = fault.field or ""
        if field.startswith("seats."):
            index = int(field.split(".")[1])
            row, column = row_of[index] if index < len(row_of) else (0, "")
            target = "person" if field.endswith(".person") else column or None
            rows.forms[row].add_error(target, str(fault.message))
        else:
            form.add_error(form.field_for(field), str(fault.message))


def collect_seats(
    rows: SeatRowFormSet, starts_on: dt.date | None = None
) -> tuple[list[SeatInput], list[tuple[int, str]]]:
    seats: list[SeatInput] = []
    row_of: list[tuple[int, str]] = []
    for index, row in enumerate(rows.forms):
        for seat, column in row.seat_inputs(starts_on):
            seats.append(seat)
            row_of.append((index, column))
    return seats, row_of


class CongressForm(_CommitteeForm):
    """A congress (đại hội) and the committee it elected."""

    ordinal = forms.IntegerField(label=_("Congress number"), min_value=1, max_value=99,
                                 help_text=_("3 for “Đại hội lần thứ III”."))
    opened_on = date_field(_("Opened on"))
    closed_on = date_field(_("Closed on"), help_text=_("The new term starts on this day; the previous one ends."))
    delegates = forms.IntegerField(label=_("Delegates summoned"), required=False, min_value=0, max_value=100_000)
    delegates_present = forms.IntegerField(label=_("Delegates present"), required=False, min_value=0,
                                           max_value=100_000)
    resolution_number = forms.CharField(label=_("Resolution of the congress (number)"), required=False, max_length=64)
    resolution_date = date_field(_("Resolution date"), required=False)
    decision_number = forms.CharField(label=_("Decision approving the results (number)"), required=False,
                                      max_length=64)
    decision_date = date_field(_("Decision date"), required=False)
    decision_issuer = forms.CharField(label=_("Issued by"), required=False, max_length=255)

    def congress(self) -> CongressInput:
        data = self.cleaned_data
        return CongressInput(data["ordinal"], data["opened_on"], data["closed_on"], data.get("delegates"),
                             data.get("delegates_present"), data.get("resolution_number") or "",
                             data.get("resolution_date"))

    def decision(self) -> Decision | None:
        data = self.cleaned_data
        if not data.get("decision_number"):
            return None
        return Decision(data["decision_number"], data.get("decision_date"), data.get("decision_issuer") or "")  # type: ignore[arg-type]

    def field_for(self, error_field: str | None) -> str | None:
        if error_field and error_field.startswith("congress."):
            return error_field.removeprefix("congress.")
        return super().field_for(error_field)


class AppointmentForm(_CommitteeForm):
    """A committee appointed (chỉ định) by the committee above, e.g. for an organization just established."""

    starts_on = date_field(_("Term starts on"), help_text=_("Usually the day the organization was established."))
    appointed_by = OrganizationChoiceField(label=_("Appointed by"), queryset=Organization.objects.none())
    decision_number = forms.CharField(label=_("Decision number"), max_length=64)
    decision_date = date_field(_("Decision date"))
    decision_issuer = forms.CharField(label=_("Issued by"), required=False, max_length=255)

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, organization=organization, **kwargs)
        field = self.fields["appointed_by"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organization.objects.filter(
            path__in=organization.ancestor_paths()[:-1]).select_related("parent").order_by("-depth")
        if organization.parent_id and not self.is_bound:
            self.initial.setdefault("appointed_by", organization.parent_id)
            self.initial.setdefault("starts_on", organization.established_on)

    def decision(self) -> Decision:
        data = self.cleaned_data
        return Decision(data["decision_number"], data["decision_date"], data.get("decision_issuer") or "")


class SeatsAddForm(_CommitteeForm):
    """Seats added during a term (bổ sung), or appointed mid-term."""

    basis = forms.ChoiceField(label=_("Basis"), choices=[(SeatBasis.ADDED.value, SeatBasis.ADDED.label),
                                                      (SeatBasis.APPOINTED.value, SeatBasis.APPOINTED.label),
                                                      (SeatBasis.ELECTED.value, SeatBasis.ELECTED.label)])
    starts_on = date_field(_("From"))
    appointed_by = OrganizationChoiceField(label=_("Appointed by"), queryset=Organization.objects.none(),
                                           required=False)
    decision_number = forms.CharField(label=_("Decision number"), required=False, max_length=64)
    decision_date = date_field(_("Decision date"), required=False)
    decision_issuer = forms.CharField(label=_("Issued by"), required=False, max_length=255)

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, organization=organization, **kwargs)
        for name in ("executive_seats", "standing_seats", "deputy_secretary_seats", "inspection_seats"):
            del self.fields[name]
        field = self.fields["appointed_by"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organization.objects.filter(path__in=organization.ancestor_paths()[:-1]).order_by("-depth")

    def decision(self) -> Decision | None:
        data = self.cleaned_data
        if not data.get("decision_number"):
            return None
        return Decision(data["decision_number"], data.get("decision_date"), data.get("decision_issuer") or "")  # type: ignore[arg-type]


class SeatEndForm(forms.Form):
    """A seat ends: resignation, transfer, dismissal, death..."""

    ended_on = date_field(_("No longer held from"), help_text=_("The first day the seat is no longer held."))
    end_reason = forms.ChoiceField(label=_("Why"), choices=[c for c in SeatEnd.choices
                                                            if c[0] not in (SeatEnd.TERM_ENDED,
                                                                            SeatEnd.ORGANIZATION_ENDED)])
    decision_number = forms.CharField(label=_("Decision number"), required=False, max_length=64)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class AsOfForm(forms.Form):
    on = date_field(_("Committee as of"), required=False)


class SeatCorrectForm(forms.Form):
    """A seat entered wrongly, corrected: what is left empty stays as recorded."""

    person = forms.CharField(label=_("Member"), required=False, max_length=300,
                             help_text=_("Leave empty to keep the member recorded."),
                             widget=forms.TextInput(attrs={"autocomplete": "off", "size": 34}))
    kind = forms.ChoiceField(label=_("Position"), choices=[("", ""), *SeatKind.choices], required=False)
    starts_on = date_field(_("From"), required=False)
    ended_on = date_field(_("Until"), required=False)
    corrected_on = date_field(_("Corrected on"))
    reason = forms.CharField(label=_("What was recorded wrongly"), max_length=500, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.user = user

    clean_person = SeatRowForm.clean_person
