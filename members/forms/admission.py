"""Event forms of admission: candidate, awareness course, dossier step, admission decision, ceremony,
recognition or not.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from members import queries, ruling, services
from members.forms.base import (
    DecisionMixin,
    EventForm,
    Fieldset,
    OptionalDecisionMixin,
    PersonChoiceField,
    _decision_group,
    _issuer,
    _reason,
    _text,
)
from members.forms.filters import _choices
from members.models import (
    CELL_RESOLUTION_FORM,
    DossierForm,
    EventKind,
    Person,
    Status,
)
from members.pages import (
    DOSSIER_LABELS,
    EXCEPTION_AREA_LABELS,
    Deadline,
    month_deadline,
    working_deadline,
)
from members.pages.deadlines import competence_of, decision_day, with_competence
from organizations.forms import date_field


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
        if found is None:
            return []
        cell = self.person.organization_id  # who decides on the day follows the date (organizations.kinds)
        return [with_competence(found, competence_of("admission", cell, decision_day(on, self.today)))]




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
        self.resolution_on: dt.date | None = self.timeline.cell_resolution_on()
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

