"""Event forms of transfers: the letter out, its presentation in, the return from a temporary transfer."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.decisions import Decision
from members import ruling, services
from members.forms.base import MEMBER_CELLS, EventForm, _issuer, _text, cell_picker, preselect_only
from members.models import (
    EventKind,
    Status,
    TemporaryPurpose,
)
from members.pages import (
    Deadline,
    working_deadline,
)
from organizations.forms import date_field
from organizations.picker import Scope, scope_picker


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

    service = staticmethod(services.member_transfer_out)
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
    destination = cell_picker(_("Cell in this system"), required=False,
                              help_text=_("Type part of the cell's name or its code, then choose; leave empty when "
                                          "the destination is not managed here."))
    destination_outside = _text(_("Or: organization outside this system"),
                                help_text=_("Its name, when the destination is not managed here."))
    purpose = forms.ChoiceField(label=_("Purpose"), choices=TemporaryPurpose.choices, required=False,
                                widget=forms.RadioSelect)
    until = date_field(_("Expected back on"), required=False)

    def setup(self) -> None:
        # The cells of queries.transfer_destinations (which the service checks again): active cells the user sees,
        # other than the person's own.
        scope_picker(self, ["destination"], user=self.actor, scope=Scope(
            permission="organizations.view", cells_only=True,
            exclude_subtree_of=self.person.organization if self.person.organization_id else None))
        self.fields["card_number"].initial = self.person.party_card_number
        self.fields["history_number"].initial = self.person.history_number
        self.fields["register_number"].required = True  # the service needs it: marked, and asked with the others

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # Every missing input in one round, before the service (which stops at the first).
        if not data.get("destination") and not (data.get("destination_outside") or "").strip() \
                and "destination" not in self.errors:
            self.add_error("destination", _("Choose the destination cell, or name the organization outside this "
                                            "installation."))
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

    service = staticmethod(services.member_transfer_in)
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
    organization = cell_picker(_("Receiving cell"))
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
        scope_picker(self, ["organization"], user=self.actor, scope=MEMBER_CELLS)
        transit = self.state.transit
        away = self.state.temporary_away
        pending = list(self.timeline.events_of(EventKind.TRANSFER_OUT_TEMPORARY)) if away else []
        if transit is not None and transit.destination_id:
            self.fields["organization"].initial = transit.destination_id
        elif pending and pending[-1].counterpart_id:
            self.fields["organization"].initial = pending[-1].counterpart_id
            self.fields["transfer_kind"].initial = TransferKind.TEMPORARY
        else:
            preselect_only(self, "organization")
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
