"""The filters of the member list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import (
    Ethnicity,
    Gender,
    Status,
)
from members.pages import (
    AGE_BANDS,
    PARTY_AGE_BANDS,
    STATUS_ACTIVE,
    STATUS_MEMBERS,
)
from members.queries import MemberFilter
from organizations.picker import OrganizationPickerField, Scope, scope_picker


def _choices(empty: Any, items: Sequence[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    return [("", empty), *items]


class MemberFilterForm(forms.Form):
    """The filters of the member list. Every field is optional; an unknown value is an error beside its field."""

    q = forms.CharField(
        label=_("Name, card number or citizen ID"), required=False, max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off",
                                      "placeholder": _("For example: nguyen van duc")}),
    )
    organization = OrganizationPickerField(
        label=_("Organization"), required=False,
        help_text=_("Empty: all my organizations. Type part of the name or the code."))
    status = forms.ChoiceField(label=_("Status"), required=False)
    gender = forms.ChoiceField(label=_("Gender"), required=False)
    ethnicity = forms.ChoiceField(label=_("Ethnicity"), required=False)
    age_band = forms.ChoiceField(label=_("Age"), required=False)
    party_age_band = forms.ChoiceField(label=_("Party age"), required=False)

    def __init__(self, data: Any = None, *, user: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(data, **kwargs)
        fields = self.fields
        # A page of the organizations in the user's member scope as they type (organizations.picker), never all.
        scope_picker(self, ["organization"], user=user, scope=Scope(permission="members.view"))
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
        return MemberFilter(
            organization=data.get("organization"),
            status=data.get("status") or "", gender=data.get("gender") or "", ethnicity=data.get("ethnicity") or "",
            age_band=data.get("age_band") or "", party_age_band=data.get("party_age_band") or "",
            q=data.get("q") or "",
        )
