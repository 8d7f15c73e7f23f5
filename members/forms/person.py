"""The member file's forms: open a file, correct it, void it."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from members import services, voiding
from members.forms.base import MEMBER_CELLS, Fieldset, _reason, _text, cell_picker, preselect_only
from members.models import (
    Ethnicity,
    Gender,
    MemberEvent,
    Person,
    PoliticalTheory,
    Religion,
)
from members.places import units_offered
from members.services.places import PREFIXES, PlaceInput, current_places
from organizations.forms import date_field
from organizations.models import CoveredUnit
from organizations.picker import scope_picker


class UnitChoiceField(forms.ModelChoiceField):
    """A covered unit (village, school …), shown with its kind and the organization on whose territory it lies."""

    def label_from_instance(self, obj: Any) -> str:
        assert isinstance(obj, CoveredUnit)
        return f"{obj.name} ({obj.kind.name}, {obj.territory.name})"


def _unit(label: Any) -> UnitChoiceField:
    return UnitChoiceField(label=label, queryset=CoveredUnit.objects.none(), required=False,
                           empty_label=str(_("— none recorded —")))


class PersonForm(forms.Form):
    """The fields of the member file (Phiếu đảng viên 2-HSĐV, core set)."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    other_names = _text(_("Other names"), max_length=150)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, widget=forms.RadioSelect)
    birth_date = date_field(_("Date of birth"))
    birth_place = _text(_("Place of birth"))
    hometown = _text(_("Home town"))
    ethnicity = forms.ModelChoiceField(label=_("Ethnicity"), queryset=Ethnicity.objects.all(), required=False)
    religion = forms.ModelChoiceField(label=_("Religion"), queryset=Religion.objects.all(), required=False,
                                      empty_label=str(_("— none —")))
    citizen_id = _text(_("Citizen ID"), max_length=12)
    phone = _text(_("Phone"), max_length=20)
    address = _text(_("Address"))
    general_education = _text(_("General education"), max_length=20, help_text=_("For example 12/12 or 9/12."))
    professional_qualification = _text(_("Professional qualification"))
    political_theory = forms.ChoiceField(label=_("Political theory"), choices=PoliticalTheory.choices,
                                         initial=PoliticalTheory.NONE)
    occupation = _text(_("Occupation or post"))
    party_card_number = _text(_("Party card number"), max_length=20)
    history_number = _text(_("Personal-history number"), max_length=30)
    seriously_ill = forms.BooleanField(label=_("Seriously ill (badges may be presented early)"), required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    # Where the person lives and works (members.services.places): a covered unit from a date.
    residence_unit = _unit(_("Lives in (village, residential group …)"))
    residence_since = date_field(_("Lives there since"), required=False,
                                 help_text=_("The date of the move; empty for the first place if unknown."))
    workplace_unit = _unit(_("Works in (school, clinic, agency …)"))
    workplace_since = date_field(_("Works there since"), required=False,
                                 help_text=_("The date of the move; empty for the first place if unknown."))

    FILE_FIELDS: ClassVar[tuple[str, ...]] = services.FILE_FIELDS
    groups: ClassVar[list[tuple[Any, tuple[str, ...]]]] = [
        (_("Identity"), ("full_name", "other_names", "gender", "birth_date", "birth_place", "hometown", "ethnicity",
                         "religion", "citizen_id")),
        (_("Contact"), ("phone", "address")),
        (_("Education and work"), ("general_education", "professional_qualification", "political_theory",
                                   "occupation")),
        (_("Party records"), ("party_card_number", "history_number", "seriously_ill", "note")),
        (_("Where they live and work"), ("residence_unit", "residence_since", "workplace_unit", "workplace_since")),
    ]

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(data, **kwargs)
        self.fields["ethnicity"].empty_label = str(_("— choose —"))  # type: ignore[attr-defined]

    def file_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self.FILE_FIELDS if name in self.fields}

    def offer_units(self, actor: Any) -> None:
        """Only the units the actor may see are offered (the service refuses the others too)."""
        for prefix in PREFIXES.values():
            self.fields[f"{prefix}_unit"].queryset = units_offered(actor)  # type: ignore[attr-defined]

    def places(self) -> list[PlaceInput]:
        return [PlaceInput(kind=kind, unit=self.cleaned_data.get(f"{prefix}_unit"),
                           since=self.cleaned_data.get(f"{prefix}_since")) for kind, prefix in PREFIXES.items()]

    def fieldsets(self) -> list[Fieldset]:
        grouped = {n for _legend, names in self.groups for n in names}
        first = [self[n] for n in self.fields if n not in grouped and n != "reason"]
        sets = [Fieldset("", first), *(Fieldset(legend, [self[n] for n in names if n in self.fields])
                                       for legend, names in self.groups)]
        if "reason" in self.fields:
            sets.append(Fieldset("", [self["reason"]]))
        return [s for s in sets if s.fields]

    def error_field(self, error: DomainError) -> str | None:
        return error.field if error.field in self.fields else None


class PersonCreateForm(PersonForm):
    """Open a member file in a cell (a future candidate)."""

    title = _("Open a member file")
    intro = _("Open the file of a person the cell will follow; then register them as an outstanding candidate.")

    organization = cell_picker(_("Cell"))
    # Optional: register as an outstanding candidate in the same step (both or neither are recorded).
    registered_on = date_field(_("Registered as outstanding candidate on"), required=False,
                               help_text=_("Leave empty to register later from the file."))
    # Shown only with the possible duplicates the service named (same name and date of birth).
    confirm_duplicate = forms.BooleanField(
        label=_("I have checked these files: this is another person, open the file anyway"), required=False
    )

    def __init__(self, data: Any = None, *, actor: Any, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.actor = actor
        self.duplicates: list[Person] = []
        # A page of his writable cells as he types (organizations.picker); his only cell chosen for him.
        scope_picker(self, ["organization"], user=actor, scope=MEMBER_CELLS)
        self.offer_units(actor)
        self.order_fields(["organization"])
        preselect_only(self, "organization")

    def fieldsets(self) -> list[Fieldset]:
        sets = [replace(s, fields=[f for f in s.fields if f.name != "confirm_duplicate"]) for s in super().fieldsets()]
        return [s for s in sets if s.fields]

    @transaction.atomic
    def run(self) -> Person:
        data = self.file_fields()
        person = services.person_create(actor=self.actor, organization=self.cleaned_data["organization"],
                                        full_name=data.pop("full_name"), gender=data.pop("gender"),
                                        birth_date=data.pop("birth_date"),
                                        confirm_duplicate=bool(self.cleaned_data.get("confirm_duplicate")),
                                        places=self.places(), **data)
        if self.cleaned_data.get("registered_on"):
            services.candidate_register(actor=self.actor, person=person,
                                        registered_on=self.cleaned_data["registered_on"])
        return person


class PersonUpdateForm(PersonForm):
    """Correct or complete the member file; status and cell change only through events."""

    title = _("Edit the member file")
    intro = _("Status and cell change only through events.")

    reason = _reason()

    def __init__(self, data: Any = None, *, actor: Any, person: Person, **kwargs: Any) -> None:
        initial = {name: getattr(person, name) for name in self.FILE_FIELDS}
        places = current_places(person)
        initial |= {f"{prefix}_unit": places[kind].unit_id for kind, prefix in PREFIXES.items() if kind in places}
        super().__init__(data, initial=initial, **kwargs)
        self.actor = actor
        self.person = person
        self.offer_units(actor)

    def run(self) -> Person:
        return services.person_update(actor=self.actor, person=self.person, places=self.places(),
                                      reason=self.cleaned_data.get("reason") or "", **self.file_fields())


class PersonVoidForm(forms.Form):
    """Void a file entered by mistake: the reason is required, and the file is never deleted."""

    title = _("Void the file (entered by mistake)")
    intro = _("A voided file disappears from lists, due lists, the pipeline and every count; its page and history "
              "stay, marked as voided. Use it only for a file that should never have been opened (a duplicate, a "
              "wrong person); a member who leaves the Party is recorded by an event instead.")

    reason = forms.CharField(label=_("Why the file is voided"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("For example: duplicate of the file of the same person in another cell."))
    confirm = forms.BooleanField(label=_("I confirm that this file was entered by mistake"))

    def __init__(self, data: Any = None, *, actor: Any, person: Person, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(data, **kwargs)
        self.actor = actor
        self.person = person

    def run(self) -> MemberEvent:
        return voiding.person_void(actor=self.actor, person=self.person, reason=self.cleaned_data["reason"])

    def error_field(self, error: DomainError) -> str | None:
        return error.field if error.field in self.fields else None

