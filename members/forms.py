"""Forms of the member pages: the list filters, the member file, and one form per event of the log.

Each event form turns what the user typed into the keyword arguments of one service (`service_kwargs`); the
rules live in the services, so a form only parses. A service's refusal is shown beside the field it names
(`field_map` translates the service's field names to the form's). `deadlines()` says, before submitting,
which deadlines are running for the person and which one the event will start.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from core.decisions import Decision
from core.errors import DomainError
from core.scope import CHANGE
from members import queries, ruling, services, voiding
from members.due import DueItem
from members.models import (
    CELL_RESOLUTION_FORM,
    DossierForm,
    Ethnicity,
    EventKind,
    Gender,
    MemberEvent,
    Person,
    PoliticalTheory,
    Religion,
    Status,
    StrikeOffGround,
    TemporaryPurpose,
)
from members.pages import (
    AGE_BANDS,
    DOSSIER_LABELS,
    EXCEPTION_AREA_LABELS,
    EXPULSION_GROUNDS,
    GROUND_LABELS,
    PARTY_AGE_BANDS,
    STATUS_ACTIVE,
    STATUS_MEMBERS,
    Deadline,
    MemberFilter,
    OrganizationChoice,
    describe_due,
    member_organizations,
    month_deadline,
    working_deadline,
)
from members.ruling import Snapshot
from members.status import Timeline
from organizations.forms import date_field
from organizations.models import Organization
from organizations.queries import organizations_visible

FILE_OPENED = _("The file of %(name)s was opened.")
FILE_SAVED = _("The member file was saved.")
EVENT_RECORDED = _("Recorded for %(name)s: %(event)s.")
FILE_VOIDED = _("The file of %(name)s was voided; it no longer appears in lists and counts.")

# ----------------------------------------------------------------------------- the list filters


def _choices(empty: Any, items: Sequence[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    return [("", empty), *items]


class MemberFilterForm(forms.Form):
    """The filters of the member list. Every field is optional; an unknown value is an error beside its field."""

    q = forms.CharField(
        label=_("Name, card number or citizen ID"), required=False, max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off",
                                      "placeholder": _("For example: nguyen van duc")}),
    )
    organization = forms.TypedChoiceField(label=_("Organization"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False)
    gender = forms.ChoiceField(label=_("Gender"), required=False)
    ethnicity = forms.ChoiceField(label=_("Ethnicity"), required=False)
    age_band = forms.ChoiceField(label=_("Age"), required=False)
    party_age_band = forms.ChoiceField(label=_("Party age"), required=False)

    def __init__(self, data: Any = None, *, organizations: Sequence[OrganizationChoice], **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(data, **kwargs)
        self.organizations = {c.organization.pk: c.organization for c in organizations}
        fields = self.fields
        fields["organization"].choices = _choices(_("All my organizations"),  # type: ignore[attr-defined]
                                                  [(c.organization.pk, c.label) for c in organizations])
        statuses = [(STATUS_ACTIVE, _("Candidates and members")), (STATUS_MEMBERS, _("Members (all kinds)")),
                    *Status.choices]
        fields["status"].choices = _choices(_("Any status"), statuses)  # type: ignore[attr-defined]
        fields["gender"].choices = _choices(_("Any gender"), Gender.choices)  # type: ignore[attr-defined]
        ethnicities = [(e.code, e.name) for e in Ethnicity.objects.all()]
        fields["ethnicity"].choices = _choices(_("Any ethnicity"), ethnicities)  # type: ignore[attr-defined]
        fields["age_band"].choices = _choices(_("Any age"),  # type: ignore[attr-defined]
                                              [(b.code, b.label) for b in AGE_BANDS])
        fields["party_age_band"].choices = _choices(_("Any Party age"),  # type: ignore[attr-defined]
                                                    [(b.code, b.label) for b in PARTY_AGE_BANDS])

    def spec(self) -> MemberFilter:
        """What the list is narrowed to: the valid filters (an unbound form narrows nothing)."""
        if not self.is_bound:
            return MemberFilter()
        self.is_valid()
        data = self.cleaned_data
        pk = data.get("organization")
        return MemberFilter(
            organization=self.organizations.get(pk) if pk is not None else None,
            status=data.get("status") or "", gender=data.get("gender") or "", ethnicity=data.get("ethnicity") or "",
            age_band=data.get("age_band") or "", party_age_band=data.get("party_age_band") or "",
            q=data.get("q") or "",
        )


# ----------------------------------------------------------------------------- base of the event forms


def _decision_number(required: bool = True, label: Any = None, help_text: Any = None) -> forms.CharField:
    return forms.CharField(
        label=label or _("Decision number"), max_length=64, required=required,
        help_text=help_text if help_text is not None else _("For example 125-QĐ/HU or 30-QĐ/ĐU."),
    )


def _issuer(label: Any = None) -> forms.CharField:
    return forms.CharField(label=label or _("Issued by"), max_length=255, required=False,
                           help_text=_("For example Huyện ủy Na Rì."))


def _text(label: Any, *, required: bool = False, max_length: int = 255, help_text: Any = "") -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=max_length, help_text=help_text)


def _reason(required: bool = False, help_text: Any = None) -> forms.CharField:
    return forms.CharField(
        label=_("Reason or note"), required=required, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=help_text if help_text is not None else _("Kept in the change log."),
    )


class PersonChoiceField(forms.ModelChoiceField):
    """A member, shown with their Party card number when they have one."""

    def label_from_instance(self, obj: Model) -> str:
        assert isinstance(obj, Person)
        return f"{obj.full_name} ({obj.party_card_number})" if obj.party_card_number else obj.full_name


class CellChoiceField(forms.ModelChoiceField):
    """A cell, shown with the organization above it."""

    def label_from_instance(self, obj: Model) -> str:
        assert isinstance(obj, Organization)
        return f"{obj.name} — {obj.parent.name}" if obj.parent else obj.name


DECISION = ("decision_number", "decision_date", "decision_issuer")


def writable_cells(actor: Any) -> QuerySet[Organization]:
    """Active cells where the actor may change member files."""
    cells = [c.organization.pk for c in member_organizations(actor, action=CHANGE, cells_only=True)]
    return organizations_visible(actor).filter(pk__in=cells).order_by("parent__sort_name", "sort_name")


@dataclass(frozen=True)
class Fieldset:
    legend: Any
    fields: list[forms.BoundField]
    css_class: str = ""


class EventForm(forms.Form):
    """Base of the event forms: the service it feeds, where its refusals go, the deadlines it shows."""

    service: ClassVar[Callable[..., Any]]
    slug: ClassVar[str]
    title: ClassVar[Any]
    intro: ClassVar[Any] = ""
    kinds: ClassVar[tuple[str, ...]] = ()
    field_map: ClassVar[dict[str, str | None]] = {}
    # Field groups shown as fieldsets, in order: (legend, field names); the other fields come first.
    groups: ClassVar[list[tuple[Any, tuple[str, ...]]]] = []
    group_classes: ClassVar[dict[str, str]] = {}  # first field of a group -> CSS class of its fieldset
    form_class: ClassVar[str] = ""
    template_name_page: ClassVar[str] = "members/event_form.html"

    reason = _reason()

    def __init__(
        self,
        data: Any = None,
        *,
        actor: Any,
        person: Person,
        timeline: Timeline,
        due: Sequence[DueItem] = (),
        today: dt.date,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(data, **kwargs)
        self.actor = actor
        self.person = person
        self.timeline = timeline
        self.state = timeline.state
        self.due = list(due)
        self.today = today
        self.setup()
        self.order_fields([*(n for n in self.fields if n != "reason"), "reason"])

    def setup(self) -> None:
        """Per-instance choices and initial values."""

    # -- running the service

    def service_kwargs(self) -> dict[str, Any]:
        return {"actor": self.actor, "person": self.person, "reason": self.cleaned_data.get("reason") or ""}

    def run(self) -> Any:
        return type(self).service(**self.service_kwargs())

    def error_field(self, error: DomainError) -> str | None:
        """The form field where a service's refusal is shown (None: on top of the form)."""
        name = self.field_map.get(error.field or "", error.field)
        return name if name in self.fields else None

    # -- display

    def fieldsets(self) -> list[Fieldset]:
        grouped = {name for _legend, names in self.groups for name in names}
        first = [self[n] for n in self.fields if n not in grouped and n != "reason"]
        sets = [Fieldset("", first)] if first else []
        for legend, names in self.groups:
            bound = [self[n] for n in names if n in self.fields]
            if bound:
                sets.append(Fieldset(legend, bound, self.group_classes.get(names[0], "")))
        sets.append(Fieldset("", [self["reason"]]))
        return sets

    def typed(self, name: str) -> Any:
        """The value of a field as typed so far (None when empty or unreadable): for the live deadlines."""
        field = self.fields.get(name)
        if field is None:
            return None
        if not self.is_bound:
            return self.get_initial_for_field(field, name)
        try:
            return field.clean(field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name)))
        except ValidationError:
            return None

    def deadlines(self) -> list[Deadline]:
        """What this event will start (from what is typed), then the person's running deadlines."""
        coming = [replace(d, coming=True, days_left=None) for d in self.coming()]
        rules = Snapshot() if self.due else None
        return [*coming, *(describe_due(item, today=self.today, rules=rules) for item in self.due)]

    def coming(self) -> list[Deadline]:
        return []

    def decision(self, prefix: str = "decision") -> Decision | None:
        data = self.cleaned_data
        number = (data.get(f"{prefix}_number") or "").strip()
        if not number:
            return None
        return Decision(number, data.get(f"{prefix}_date"), data.get(f"{prefix}_issuer") or "")  # type: ignore[arg-type]


class DecisionMixin(forms.Form):
    """The decision behind the event (required)."""

    decision_number = _decision_number()
    decision_date = date_field(_("Decision date"))
    decision_issuer = _issuer()


class OptionalDecisionMixin(forms.Form):
    """A decision, when there is one."""

    decision_number = _decision_number(required=False)
    decision_date = date_field(_("Decision date"), required=False)
    decision_issuer = _issuer()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision_number") and not data.get("decision_date") and "decision_date" not in self.errors:
            self.add_error("decision_date", _("Give the date of the decision."))
        return data


def _decision_group() -> tuple[Any, tuple[str, ...]]:
    return (_("Decision"), DECISION)


# ----------------------------------------------------------------------------- admission


class CandidateRegisterForm(EventForm):
    """Register the person as an outstanding candidate followed by the cell."""

    service = staticmethod(services.candidate_register)
    slug = "register"
    title = _("Register as outstanding candidate")
    intro = _("The cell starts following the person as an outstanding candidate (quần chúng ưu tú).")
    kinds = (EventKind.CANDIDATE_REGISTERED,)
    field_map = {"occurred_on": "registered_on"}

    registered_on = date_field(_("Registered on"))

    def service_kwargs(self) -> dict[str, Any]:
        return {**super().service_kwargs(), "registered_on": self.cleaned_data["registered_on"]}


class AwarenessCourseForm(EventForm):
    """The certificate of the Party-awareness course."""

    service = staticmethod(services.awareness_course_record)
    slug = "course"
    title = _("Record the Party-awareness course")
    intro = _("The certificate of the course on the Party (form CN-NTVĐ).")
    kinds = (EventKind.AWARENESS_COURSE,)
    field_map = {"occurred_on": "completed_on"}

    completed_on = date_field(_("Completed on"))
    certificate_number = _text(_("Certificate number"), max_length=64)
    issuer = _text(_("Issued by"), help_text=_("For example Trung tâm Chính trị huyện Na Rì."))

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {**super().service_kwargs(), "completed_on": data["completed_on"],
                "certificate_number": data.get("certificate_number") or "", "issuer": data.get("issuer") or ""}

    def coming(self) -> list[Deadline]:
        completed = self.typed("completed_on")
        if not completed:
            return []
        found = month_deadline(_("Certificate valid until"), "awareness_course.certificate_valid_months", completed,
                               _("the course"), today=self.today)
        return [found] if found else []




class DossierStepForm(OptionalDecisionMixin, EventForm):
    """One form of the admission dossier."""

    service = staticmethod(services.dossier_step_record)
    slug = "dossier"
    title = _("Record a dossier step")
    intro = _("One form of the admission dossier. The cell's resolution (6-KNĐ) starts the deadline of the "
              "admission decision.")
    kinds = (EventKind.DOSSIER_STEP,)
    groups = [_decision_group()]

    form = forms.ChoiceField(label=_("Form"), choices=[(v, DOSSIER_LABELS.get(v, v)) for v in DossierForm.values])
    occurred_on = date_field(_("Date"))

    def setup(self) -> None:
        self.fields["decision_number"].label = _("Resolution or decision number")
        self.fields["decision_number"].help_text = _("For the resolutions 6-KNĐ and 8-KNĐ, when numbered.")

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {**super().service_kwargs(), "form": data["form"], "occurred_on": data["occurred_on"],
                "decision": self.decision()}

    def coming(self) -> list[Deadline]:
        on = self.typed("occurred_on")
        if self.typed("form") != CELL_RESOLUTION_FORM or not on:
            return []
        found = working_deadline(_("Admission decision due by"), "admission.decision_deadline_working_days", on,
                                 _("the cell's resolution"), today=self.today)
        return [found] if found else []




class AdmissionDecisionForm(DecisionMixin, EventForm):
    """The committee's admission decision (9-KNĐ), checked against the rules on the day of the cell's resolution."""

    service = staticmethod(services.admission_decide)
    slug = "decide"
    title = _("Record the admission decision")
    intro = _("Age, education, introducers and the awareness certificate are checked on the day of the cell's "
              "resolution.")
    kinds = (EventKind.ADMISSION_DECISION,)
    field_map = {
        "birth_date": "cell_resolution_on",
        "general_education": "education_exception_area",
        "introducers": "introducer_1",
        "youth_union_resolution": "youth_union_number",
        "youth_union_resolution_number": "youth_union_number",
        "youth_union_resolution_date": "youth_union_date",
        "trade_union_resolution": "trade_union_number",
        "age_override": "age_override_number",
        "occurred_on": "decision_date",
    }
    groups = [
        _decision_group(),
        (_("Introducers"), ("introducer_1", "since_1", "replacement_1", "introducer_2", "since_2", "replacement_2")),
        (_("Or: the Youth Union's resolution (replaces one introducer)"),
         ("youth_union_number", "youth_union_date", "youth_union_issuer")),
        (_("Or: the grassroots Trade Union's resolution (replaces one introducer)"),
         ("trade_union_number", "trade_union_date", "trade_union_issuer")),
        (_("Age over the limit: decision of the competent committee"),
         ("age_override_number", "age_override_date", "age_override_issuer")),
    ]

    cell_resolution_on = date_field(_("Date of the cell's resolution (6-KNĐ)"), required=False,
                                    help_text=_("Empty: the latest 6-KNĐ recorded."))
    introducer_1 = PersonChoiceField(label=_("First introducer"), queryset=Person.objects.none(), required=False)
    since_1 = date_field(_("Has worked with the applicant since"), required=False)
    introducer_2 = PersonChoiceField(label=_("Second introducer"), queryset=Person.objects.none(), required=False)
    since_2 = date_field(_("Has worked with the applicant since"), required=False)
    replacement_1 = forms.BooleanField(
        label=_("Assigned by the cell in place of an introducer who moved away (§3.2.2)"), required=False)
    replacement_2 = forms.BooleanField(
        label=_("Assigned by the cell in place of an introducer who moved away (§3.2.2)"), required=False)
    trade_union_number = _text(_("Trade Union resolution number"), max_length=64)
    trade_union_date = date_field(_("Trade Union resolution date"), required=False)
    trade_union_issuer = _issuer()
    youth_union_number = _text(_("Youth Union resolution number"), max_length=64)
    youth_union_date = date_field(_("Youth Union resolution date"), required=False)
    youth_union_issuer = _issuer()
    education_exception_area = forms.ChoiceField(label=_("Education exception"), required=False)
    age_override_number = _text(_("Decision number"), max_length=64)
    age_override_date = date_field(_("Decision date"), required=False)
    age_override_issuer = _issuer()

    def setup(self) -> None:
        officials = queries.persons_visible(self.actor).filter(
            organization_id=self.person.organization_id, status=Status.OFFICIAL
        ).exclude(pk=self.person.pk)
        for name in ("introducer_1", "introducer_2"):
            self.fields[name].queryset = officials  # type: ignore[attr-defined]
            self.fields[name].empty_label = str(_("— choose an official member of the cell —"))  # type: ignore
        resolutions = [e for e in self.timeline.events_of(EventKind.DOSSIER_STEP)
                       if e.details.get("form") == CELL_RESOLUTION_FORM]
        self.resolution_on: dt.date | None = resolutions[-1].occurred_on if resolutions else None
        self.fields["cell_resolution_on"].initial = self.resolution_on
        areas: list[str] = []
        try:
            value = ruling.value("admission.min_education", on=self.today) or {}
            areas = sorted(ruling.codes(value.get("exception_areas")))
        except DomainError:
            pass
        self.fields["education_exception_area"].choices = _choices(  # type: ignore[attr-defined]
            _("None: the usual requirement"), [(a, EXCEPTION_AREA_LABELS.get(a, a)) for a in areas])

    def considered_on(self) -> dt.date:
        return self.typed("cell_resolution_on") or self.resolution_on or self.today

    @property
    def age_months(self) -> int:
        return ruling.months_between(self.person.birth_date, self.considered_on())

    @property
    def needs_age_override(self) -> bool:
        """The override fields are shown only when the applicant is over the age limit (or one was typed)."""
        if any(self.errors.get(n) for n in ("age_override_number", "age_override_date")) or self.typed(
                "age_override_number"):
            return True
        try:
            limit = int(ruling.value("admission.max_age_months", on=self.considered_on()))
        except DomainError:
            return False
        return self.age_months > limit

    def fieldsets(self) -> list[Fieldset]:
        sets = super().fieldsets()
        if not self.needs_age_override:
            sets = [s for s in sets if not any(b.name == "age_override_number" for b in s.fields)]
        return sets

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for person_field, since_field in (("introducer_1", "since_1"), ("introducer_2", "since_2")):
            if data.get(person_field) and not data.get(since_field) and since_field not in self.errors:
                self.add_error(since_field, _("Give the date since when they have worked with the applicant."))
        for prefix in ("youth_union", "trade_union", "age_override"):
            if data.get(f"{prefix}_number") and not data.get(f"{prefix}_date") and f"{prefix}_date" not in self.errors:
                self.add_error(f"{prefix}_date", _("Give the date of the decision."))
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        introducers = [services.Introducer(data[p], data[s], replacement=bool(data.get(r)))
                       for p, s, r in (("introducer_1", "since_1", "replacement_1"),
                                       ("introducer_2", "since_2", "replacement_2"))
                       if data.get(p)]
        return {
            **super().service_kwargs(),
            "decision": self.decision(),
            "cell_resolution_on": data.get("cell_resolution_on"),
            "introducers": introducers,
            "youth_union_resolution": self.decision("youth_union"),
            "trade_union_resolution": self.decision("trade_union"),
            "education_exception_area": data.get("education_exception_area") or "",
            "age_override": self.decision("age_override"),
        }

    def coming(self) -> list[Deadline]:
        decided = self.typed("decision_date")
        if not decided:
            return []
        found = working_deadline(_("Admission ceremony due by"), "admission.ceremony_deadline_working_days", decided,
                                 _("the admission decision"), today=self.today)
        return [found] if found else []


class CeremonyForm(EventForm):
    """The cell's admission ceremony: probation starts."""

    service = staticmethod(services.admission_ceremony_record)
    slug = "ceremony"
    title = _("Record the admission ceremony")
    intro = _("Probation counts from the ceremony.")
    kinds = (EventKind.ADMISSION_CEREMONY,)
    field_map = {"occurred_on": "held_on"}

    held_on = date_field(_("Held on"))

    def service_kwargs(self) -> dict[str, Any]:
        return {**super().service_kwargs(), "held_on": self.cleaned_data["held_on"]}

    def coming(self) -> list[Deadline]:
        held = self.typed("held_on")
        return probation_deadlines(held, today=self.today) if held else []


def probation_deadlines(ceremony_on: dt.date, *, today: dt.date) -> list[Deadline]:
    """The end of probation after a ceremony, and the deadline for the cell to consider the recognition."""
    end = month_deadline(_("Probation ends on"), "recognition.probation_months", ceremony_on,
                         _("the admission ceremony"), today=today)
    if end is None:
        return []
    consider = working_deadline(_("Recognition to be considered by"), "recognition.consider_deadline_working_days",
                                end.date, _("the end of probation"), today=today)
    return [end, *([consider] if consider else [])]


class RecognitionForm(DecisionMixin, EventForm):
    """Recognition as an official member, effective at the end of probation."""

    service = staticmethod(services.recognition_record)
    slug = "recognise"
    title = _("Record the recognition as official member")
    intro = _("Recognition takes effect at the end of the 12 months of probation, even when decided later.")
    kinds = (EventKind.RECOGNITION,)
    field_map = {"occurred_on": "decision_date"}

    def service_kwargs(self) -> dict[str, Any]:
        return {**super().service_kwargs(), "decision": self.decision()}

    def coming(self) -> list[Deadline]:
        running = {item.kind for item in self.due}
        if self.state.ceremony_on is None or running & {"probation_ending", "recognition"}:
            return []
        return probation_deadlines(self.state.ceremony_on, today=self.today)


class NotRecognisedForm(RecognitionForm):
    """The probationary member is not recognised: struck off."""

    service = staticmethod(services.not_recognised_record)
    slug = "not-recognised"
    title = _("Record that the member is not recognised")
    intro = _("The probationary member's name is struck off the Party's list.")
    kinds = (EventKind.NOT_RECOGNISED,)

    reason = _reason(required=True, help_text=_("Why the member is not recognised."))


# ----------------------------------------------------------------------------- transfers


class TransferKind:
    OFFICIAL = "official"
    TEMPORARY = "temporary"


TRANSFER_KINDS = [(TransferKind.OFFICIAL, _("Official transfer")), (TransferKind.TEMPORARY, _("Temporary transfer"))]
LETTER = ("register_number", "card_number", "history_number", "list_number", "dues_paid_until", "letter_issuer")
_MONTH = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{4})\s*$")


class MonthField(forms.CharField):
    """A month written mm/yyyy, cleaned to the first day of that month."""

    def to_python(self, value: Any) -> dt.date | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        match = _MONTH.match(text)
        if not match or not 1 <= int(match.group(1)) <= 12:
            raise ValidationError(_("Write the month as mm/yyyy, e.g. 05/2024."))
        return dt.date(int(match.group(2)), int(match.group(1)), 1)


class LetterMixin(forms.Form):
    """The introduction letter (giấy giới thiệu sinh hoạt đảng)."""

    register_number = _text(_("Letter register number"), max_length=64)
    card_number = _text(_("Party card number"), max_length=20)
    history_number = _text(_("Personal-history number"), max_length=30)
    list_number = _text(_("Number in the cell's list"), max_length=20)
    dues_paid_until = MonthField(label=_("Dues paid up to (month)"), required=False,
                                 widget=forms.TextInput(attrs={"placeholder": _("mm/yyyy"), "size": 8}))
    letter_issuer = _issuer(_("Letter issued by"))

    def letter(self, *, issued_on: dt.date | None = None) -> services.TransferLetter:
        data = self.cleaned_data
        return services.TransferLetter(
            register_number=data.get("register_number") or "", card_number=data.get("card_number") or "",
            history_number=data.get("history_number") or "", list_number=data.get("list_number") or "",
            dues_paid_until=data.get("dues_paid_until"), issued_on=issued_on, issuer=data.get("letter_issuer") or "",
        )


class TransferOutForm(LetterMixin, EventForm):
    """Issue the introduction letter: an official transfer or a temporary one."""

    service = staticmethod(services.transfer_out)
    slug = "transfer-out"
    title = _("Record a transfer out")
    intro = _("An official transfer moves the member to another cell; a temporarily transferred member is still "
              "counted here.")
    kinds = (EventKind.TRANSFER_OUT_OFFICIAL, EventKind.TRANSFER_OUT_TEMPORARY)
    groups = [
        (_("Destination"), ("destination", "destination_outside")),
        (_("Temporary transfer"), ("purpose", "until")),
        (_("Introduction letter"), LETTER),
    ]
    group_classes = {"purpose": "temporary-only"}
    form_class = "transfer-form"

    transfer_kind = forms.ChoiceField(label=_("Kind of transfer"), choices=TRANSFER_KINDS,
                                      initial=TransferKind.OFFICIAL, widget=forms.RadioSelect)
    occurred_on = date_field(_("Letter issued on"))
    destination = CellChoiceField(label=_("Cell in this system"), queryset=Organization.objects.none(),
                                  required=False, empty_label=str(_("— not in this system —")))
    destination_outside = _text(_("Or: organization outside this system"),
                                help_text=_("Its name, when the destination is not managed here."))
    purpose = forms.ChoiceField(label=_("Purpose"), choices=TemporaryPurpose.choices, required=False,
                                widget=forms.RadioSelect)
    until = date_field(_("Expected back on"), required=False)

    def setup(self) -> None:
        self.fields["destination"].queryset = queries.transfer_destinations(  # type: ignore[attr-defined]
            self.actor, self.person)
        self.fields["card_number"].initial = self.person.party_card_number
        self.fields["history_number"].initial = self.person.history_number

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("transfer_kind") == TransferKind.TEMPORARY:
            if not data.get("purpose") and "purpose" not in self.errors:
                self.add_error("purpose", _("Say whether the temporary transfer is for work or for study."))
            if not data.get("until") and "until" not in self.errors:
                self.add_error("until", _("Give the expected date of return."))
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        temporary = data["transfer_kind"] == TransferKind.TEMPORARY
        return {
            **super().service_kwargs(),
            "temporary": temporary,
            "occurred_on": data["occurred_on"],
            "letter": self.letter(issued_on=data["occurred_on"]),
            "destination": data.get("destination"),
            "destination_outside": data.get("destination_outside") or "",
            "purpose": data.get("purpose") or None if temporary else None,
            "until": data.get("until") if temporary else None,
        }

    def coming(self) -> list[Deadline]:
        on = self.typed("occurred_on")
        if not on or self.typed("transfer_kind") == TransferKind.TEMPORARY:
            return []
        found = working_deadline(_("Transfer letter to be presented by"), "transfer.present_deadline_working_days",
                                 on, _("the transfer letter"), today=self.today)
        return [found] if found else []


class TransferInForm(LetterMixin, EventForm):
    """The member presents the letter to the receiving cell (official) or the host cell (temporary)."""

    service = staticmethod(services.transfer_in)
    slug = "transfer-in"
    title = _("Record a transfer in")
    intro = _("The member presents the introduction letter to the receiving cell.")
    kinds = (EventKind.TRANSFER_IN_OFFICIAL, EventKind.TRANSFER_IN_TEMPORARY)
    field_map = {
        "admission_decision_number": "arriving_decision_number",
        "admission_decision_date": "arriving_decision_date",
        "ceremony_on": "arriving_ceremony_on",
        "recognised_on": "arriving_recognised_on",
        "arriving": "arriving_decision_number",
    }
    groups = [
        (_("Introduction letter"), LETTER),
        (_("Admission history from the member's file"),
         ("arriving_decision_number", "arriving_decision_date", "arriving_decision_issuer", "arriving_ceremony_on",
          "arriving_recognised_on")),
    ]

    transfer_kind = forms.ChoiceField(label=_("Kind of transfer"), choices=TRANSFER_KINDS,
                                      initial=TransferKind.OFFICIAL, widget=forms.RadioSelect)
    organization = CellChoiceField(label=_("Receiving cell"), queryset=Organization.objects.none())
    occurred_on = date_field(_("Letter presented on"))
    late_explanation = forms.CharField(
        label=_("The member's written explanation of the delay"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}), help_text=_("Needed when the letter is presented late."),
    )
    origin_outside = _text(_("Coming from (organization outside this system)"))
    arriving_decision_number = _text(_("Admission decision number"), max_length=64)
    arriving_decision_date = date_field(_("Admission decision date"), required=False)
    arriving_decision_issuer = _issuer()
    arriving_ceremony_on = date_field(_("Admission ceremony held on"), required=False)
    arriving_recognised_on = date_field(_("Recognised as official on"), required=False)

    ARRIVING = ("arriving_decision_number", "arriving_decision_date", "arriving_decision_issuer",
                "arriving_ceremony_on", "arriving_recognised_on")

    def setup(self) -> None:
        self.fields["organization"].queryset = writable_cells(self.actor)  # type: ignore[attr-defined]
        transit = self.state.transit
        away = self.state.temporary_away
        pending = list(self.timeline.events_of(EventKind.TRANSFER_OUT_TEMPORARY)) if away else []
        if transit is not None and transit.destination_id:
            self.fields["organization"].initial = transit.destination_id
        elif pending and pending[-1].counterpart_id:
            self.fields["organization"].initial = pending[-1].counterpart_id
            self.fields["transfer_kind"].initial = TransferKind.TEMPORARY
        self.arriving = self.state.status == Status.NONE
        if not self.arriving:
            for name in self.ARRIVING:
                del self.fields[name]
        else:
            self.fields["transfer_kind"].choices = TRANSFER_KINDS[:1]  # type: ignore[attr-defined]
            self.fields["origin_outside"].required = True
            self.fields["arriving_decision_number"].required = True
            self.fields["arriving_decision_date"].required = True

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        letter = self.letter()
        arriving = None
        if self.arriving:
            arriving = services.AdmissionRecord(
                decision=Decision(data["arriving_decision_number"], data["arriving_decision_date"],
                                  data.get("arriving_decision_issuer") or ""),
                ceremony_on=data.get("arriving_ceremony_on"), recognised_on=data.get("arriving_recognised_on"),
            )
        return {
            **super().service_kwargs(),
            "temporary": data["transfer_kind"] == TransferKind.TEMPORARY,
            "organization": data["organization"],
            "occurred_on": data["occurred_on"],
            "letter": letter if any(letter.as_details().values()) else None,
            "late_explanation": data.get("late_explanation") or "",
            "origin_outside": data.get("origin_outside") or "",
            "arriving": arriving,
        }

    def coming(self) -> list[Deadline]:
        transit = self.state.transit
        on = self.typed("occurred_on")
        if transit is None or not on:
            return []
        used = ruling.working_days_between(transit.out_on, on)
        found = working_deadline(_("Transfer letter to be presented by"), "transfer.present_deadline_working_days",
                                 transit.out_on, _("the transfer letter"), today=on)
        if found is None:
            return []
        return [replace(found, label=_("Presented after %(used)s working days; deadline") % {"used": used})]


class TemporaryReturnForm(EventForm):
    """The temporarily transferred member is back in the home cell."""

    service = staticmethod(services.temporary_return)
    slug = "return"
    title = _("Record the return from a temporary transfer")
    kinds = (EventKind.TEMPORARY_RETURN,)
    field_map = {"occurred_on": "returned_on"}

    returned_on = date_field(_("Returned on"))

    def service_kwargs(self) -> dict[str, Any]:
        return {**super().service_kwargs(), "returned_on": self.cleaned_data["returned_on"]}


# ----------------------------------------------------------------------------- exemption, leaving


class ExemptionStartForm(OptionalDecisionMixin, EventForm):
    """Exempt an official member from activities (miễn sinh hoạt)."""

    service = staticmethod(services.exemption_start)
    slug = "exemption-start"
    title = _("Exempt from Party activities")
    intro = _("The member stays a member and is counted; they are exempted from meetings and tasks.")
    kinds = (EventKind.EXEMPTION_START,)
    groups = [_decision_group()]

    occurred_on = date_field(_("Exempted from"))
    reason = _reason(required=True, help_text=_("Why the member is exempted (age, illness ...)."))

    def service_kwargs(self) -> dict[str, Any]:
        return {**super().service_kwargs(), "occurred_on": self.cleaned_data["occurred_on"],
                "decision": self.decision()}


class ExemptionEndForm(ExemptionStartForm):
    """The member takes part in activities again."""

    service = staticmethod(services.exemption_end)
    slug = "exemption-end"
    title = _("End the exemption from activities")
    intro = _("The member takes part in the cell's activities again.")
    kinds = (EventKind.EXEMPTION_END,)

    occurred_on = date_field(_("Takes part again from"))
    reason = _reason()




class StrikeOffForm(DecisionMixin, EventForm):
    """Strike the member's name off on one of the grounds."""

    service = staticmethod(services.strike_off)
    slug = "strike-off"
    title = _("Strike off (xóa tên)")
    kinds = (EventKind.STRIKE_OFF,)
    field_map = {"occurred_on": "decision_date"}

    ground = forms.ChoiceField(
        label=_("Ground"), widget=forms.RadioSelect,
        choices=[(v, label) for v, label in StrikeOffGround.choices if v != StrikeOffGround.NOT_RECOGNISED],
    )
    unpaid_months = forms.IntegerField(label=_("Months of dues unpaid in the year"), required=False, min_value=0,
                                       max_value=12, help_text=_("Only for the ground of unpaid dues."))
    warrants_expulsion = forms.BooleanField(label=_("The violation warrants expulsion"), required=False)

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {**super().service_kwargs(), "decision": self.decision(), "ground": data["ground"],
                "warrants_expulsion": bool(data.get("warrants_expulsion")), "unpaid_months": data.get("unpaid_months")}


class ExpelForm(DecisionMixin, EventForm):
    """Expel an official member (khai trừ)."""

    service = staticmethod(services.expel)
    slug = "expel"
    title = _("Expel (khai trừ)")
    kinds = (EventKind.EXPULSION,)
    field_map = {"occurred_on": "decision_date"}

    grounds = forms.MultipleChoiceField(
        label=_("Grounds that bar re-admission"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(g, GROUND_LABELS[g]) for g in EXPULSION_GROUNDS],
    )
    reason = _reason(required=True, help_text=_("What the violation was."))

    def service_kwargs(self) -> dict[str, Any]:
        return {**super().service_kwargs(), "decision": self.decision(),
                "grounds": list(self.cleaned_data.get("grounds") or [])}


class LeaveForm(DecisionMixin, EventForm):
    """The member leaves at own request."""

    service = staticmethod(services.leave)
    slug = "leave"
    title = _("Leave at own request")
    kinds = (EventKind.LEFT_VOLUNTARILY,)
    field_map = {"occurred_on": "decision_date"}

    has_violations = forms.BooleanField(label=_("The member has violations to answer for"), required=False)

    def service_kwargs(self) -> dict[str, Any]:
        return {**super().service_kwargs(), "decision": self.decision(),
                "has_violations": bool(self.cleaned_data.get("has_violations"))}


class DeathForm(EventForm):
    """The member (or candidate) died."""

    service = staticmethod(services.death_record)
    slug = "death"
    title = _("Record the death")
    kinds = (EventKind.DEATH,)
    field_map = {"occurred_on": "died_on"}

    died_on = date_field(_("Died on"))

    def service_kwargs(self) -> dict[str, Any]:
        return {**super().service_kwargs(), "died_on": self.cleaned_data["died_on"]}


class ReadmitForm(DecisionMixin, EventForm):
    """Re-admit a former member (probation again)."""

    service = staticmethod(services.readmit)
    slug = "readmit"
    title = _("Record the re-admission decision")
    intro = _("Needs the written consent of the provincial standing committee; a person is re-admitted once only.")
    kinds = (EventKind.READMISSION_DECISION,)
    field_map = {"occurred_on": "decision_date", "person": None}
    groups = [
        _decision_group(),
        (_("Consent of the provincial standing committee"), ("consent_number", "consent_date", "consent_issuer")),
    ]

    cell_resolution_on = date_field(_("Date of the cell's resolution"), required=False,
                                    help_text=_("Empty: the latest 6-KNĐ after leaving, or the decision date."))
    record_cleared_on = date_field(_("Criminal record cleared on"), required=False,
                                   help_text=_("Only when the person had a minor criminal record."))
    declared_grounds = forms.MultipleChoiceField(
        label=_("Other facts that bar re-admission"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(g, GROUND_LABELS[g]) for g in EXPULSION_GROUNDS],
    )
    consent_number = _decision_number(label=_("Consent document number"), help_text="")
    consent_date = date_field(_("Consent date"))
    consent_issuer = _issuer()

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {**super().service_kwargs(), "decision": self.decision(), "consent": self.decision("consent"),
                "cell_resolution_on": data.get("cell_resolution_on"),
                "record_cleared_on": data.get("record_cleared_on"),
                "declared_grounds": list(data.get("declared_grounds") or [])}

    def coming(self) -> list[Deadline]:
        exit_ = self.state.last_exit
        if exit_ is None:
            return []
        found = month_deadline(_("Re-admission possible from"), "readmission.min_months_out", exit_.on,
                               _("leaving the Party"), today=self.today)
        return [found] if found else []


# ----------------------------------------------------------------------------- corrections


class CorrectionMode:
    CORRECT = "correct"
    WITHDRAW = "withdraw"


class CorrectionForm(OptionalDecisionMixin, EventForm):
    """Correct an event (a corrected copy supersedes it) or withdraw it; the original stays in the log."""

    service = staticmethod(services.event_correct)
    slug = "correct"
    title = _("Correct an event")
    intro = _("Nothing is erased: the corrected event replaces the old one, which stays in the log, struck through.")
    field_map = {"event": None}
    groups = [(_("Decision"), DECISION)]

    mode = forms.ChoiceField(
        label=_("What to do"), widget=forms.RadioSelect, initial=CorrectionMode.CORRECT,
        choices=[(CorrectionMode.CORRECT, _("Correct its date or decision")),
                 (CorrectionMode.WITHDRAW, _("Withdraw it: it was recorded in error"))],
    )
    occurred_on = date_field(_("Correct date"), required=False)
    reason = _reason(required=True, help_text=_("Why the event is corrected."))

    def __init__(self, *args: Any, event: MemberEvent, **kwargs: Any) -> None:
        self.event = event
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        event = self.event
        self.fields["occurred_on"].initial = event.occurred_on
        self.fields["decision_number"].initial = event.decision_number
        self.fields["decision_date"].initial = event.decision_date
        self.fields["decision_issuer"].initial = event.decision_issuer

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        event = self.event
        withdraw = data["mode"] == CorrectionMode.WITHDRAW
        kwargs: dict[str, Any] = {"actor": self.actor, "event": event, "reason": data.get("reason") or "",
                                  "withdraw": withdraw}
        if withdraw:
            return kwargs
        occurred_on = data.get("occurred_on")
        if occurred_on and occurred_on != event.occurred_on:
            kwargs["occurred_on"] = occurred_on
        decision = self.decision()
        if decision is not None and decision != (event.decision if event.has_decision else None):
            kwargs["decision"] = decision
        return kwargs


# ----------------------------------------------------------------------------- the member file


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

    FILE_FIELDS: ClassVar[tuple[str, ...]] = services.FILE_FIELDS
    groups: ClassVar[list[tuple[Any, tuple[str, ...]]]] = [
        (_("Identity"), ("full_name", "other_names", "gender", "birth_date", "birth_place", "hometown", "ethnicity",
                         "religion", "citizen_id")),
        (_("Contact"), ("phone", "address")),
        (_("Education and work"), ("general_education", "professional_qualification", "political_theory",
                                   "occupation")),
        (_("Party records"), ("party_card_number", "history_number", "seriously_ill", "note")),
    ]

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(data, **kwargs)
        self.fields["ethnicity"].empty_label = str(_("— choose —"))  # type: ignore[attr-defined]

    def file_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self.FILE_FIELDS if name in self.fields}

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

    organization = CellChoiceField(label=_("Cell"), queryset=Organization.objects.none())
    # Shown only with the possible duplicates the service named (same name and date of birth).
    confirm_duplicate = forms.BooleanField(
        label=_("I have checked these files: this is another person, open the file anyway"), required=False
    )

    def __init__(self, data: Any = None, *, actor: Any, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.actor = actor
        self.duplicates: list[Person] = []
        self.fields["organization"].queryset = writable_cells(actor)  # type: ignore[attr-defined]
        self.order_fields(["organization"])

    def fieldsets(self) -> list[Fieldset]:
        sets = [replace(s, fields=[f for f in s.fields if f.name != "confirm_duplicate"]) for s in super().fieldsets()]
        return [s for s in sets if s.fields]

    def run(self) -> Person:
        data = self.file_fields()
        return services.person_create(actor=self.actor, organization=self.cleaned_data["organization"],
                                      full_name=data.pop("full_name"), gender=data.pop("gender"),
                                      birth_date=data.pop("birth_date"),
                                      confirm_duplicate=bool(self.cleaned_data.get("confirm_duplicate")), **data)


class PersonUpdateForm(PersonForm):
    """Correct or complete the member file; status and cell change only through events."""

    title = _("Edit the member file")
    intro = _("Status and cell change only through events.")

    reason = _reason()

    def __init__(self, data: Any = None, *, actor: Any, person: Person, **kwargs: Any) -> None:
        initial = {name: getattr(person, name) for name in self.FILE_FIELDS}
        super().__init__(data, initial=initial, **kwargs)
        self.actor = actor
        self.person = person

    def run(self) -> Person:
        return services.person_update(actor=self.actor, person=self.person,
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


# ----------------------------------------------------------------------------- registry

EVENT_FORMS: list[type[EventForm]] = [
    CandidateRegisterForm,
    AwarenessCourseForm,
    DossierStepForm,
    AdmissionDecisionForm,
    CeremonyForm,
    RecognitionForm,
    NotRecognisedForm,
    TransferOutForm,
    TransferInForm,
    TemporaryReturnForm,
    ExemptionStartForm,
    ExemptionEndForm,
    StrikeOffForm,
    ExpelForm,
    LeaveForm,
    DeathForm,
    ReadmitForm,
]
EVENT_FORMS_BY_SLUG = {form.slug: form for form in EVENT_FORMS}
