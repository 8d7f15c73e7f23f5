"""The correction form: a new copy of an event, or its withdrawal."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from members import services
from members.forms.base import DECISION, EventForm, OptionalDecisionMixin, _reason
from members.models import (
    MemberEvent,
)
from organizations.forms import date_field


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

