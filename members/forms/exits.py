"""Event forms of exemption and leaving: exemption start and end, strike-off, expulsion, leaving, death,
re-admission.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from members import services
from members.forms.base import (
    DecisionMixin,
    EventForm,
    OptionalDecisionMixin,
    _decision_group,
    _decision_number,
    _issuer,
    _reason,
)
from members.models import (
    EventKind,
    StrikeOffGround,
)
from members.pages import (
    EXPULSION_GROUNDS,
    GROUND_LABELS,
    Deadline,
    month_deadline,
)
from organizations.forms import date_field


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





class StrikeOffForm(DecisionMixin, EventForm):
    """Strike the member's name off on one of the grounds."""

    service = staticmethod(services.member_strike_off)
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

    service = staticmethod(services.member_expel)
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

    service = staticmethod(services.member_leave)
    slug = "leave"
    title = _("Leave at own request")
    kinds = (EventKind.LEFT_VOLUNTARILY,)
    field_map = {"occurred_on": "decision_date"}

    has_violations = forms.BooleanField(label=_("The member has violations to answer for"), required=False)

    def service_kwargs(self) -> dict[str, Any]:
        return {**super().service_kwargs(), "decision": self.decision(),
                "has_violations": bool(self.cleaned_data.get("has_violations"))}



class ReadmitForm(DecisionMixin, EventForm):
    """Re-admit a former member (probation again)."""

    service = staticmethod(services.member_readmit)
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

