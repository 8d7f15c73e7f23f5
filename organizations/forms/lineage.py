"""Forms for events on one organization: establish, dissolve, rename, move."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from organizations.forms.base import DecisionForm
from organizations.models import Organization, OrganizationKind
from organizations.picker import OrganizationPickerField, Scope, kinds_or_none, scope_picker
from organizations.services import (
    organization_dissolve,
    organization_establish,
    organization_move,
    organization_rename,
)


class EstablishForm(DecisionForm):
    """Establish a new organization under this one."""

    service = staticmethod(organization_establish)
    title = _("Establish an organization under this one")
    intro = _("The new organization exists from the date of establishment.")
    success_message = _("The new organization was established.")

    code = forms.CharField(label=_("Code"), max_length=50, help_text=_("A short unique code, without spaces."))
    name = forms.CharField(label=_("Name"), max_length=255)
    kind = forms.ModelChoiceField(label=_("Kind"), queryset=OrganizationKind.objects.none())
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["effective_on"].label = _("Established on")
        self.fields["kind"].queryset = OrganizationKind.objects.filter(  # type: ignore[attr-defined]
            rank__gt=self.organization.kind.rank
        )
        self.order_decision_last()

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **self.common_kwargs(),
            "code": data["code"],
            "name": data["name"],
            "kind": data["kind"],
            "parent": self.organization,
            "established_on": data["effective_on"],
            "note": data.get("note") or "",
        }

    def error_field(self, error: DomainError) -> str | None:
        return None if error.field == "parent" else error.field


class DissolveForm(DecisionForm):
    """Dissolve this organization (it must have no active organization under it)."""

    service = staticmethod(organization_dissolve)
    title = _("Dissolve this organization")
    intro = _("Its records are kept; it simply stops existing after the date.")
    success_message = _("The organization was dissolved.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["effective_on"].label = _("Dissolved on")

    def service_kwargs(self) -> dict[str, Any]:
        return {
            **self.common_kwargs(),
            "organization": self.organization,
            "dissolved_on": self.cleaned_data["effective_on"],
        }


class RenameForm(DecisionForm):
    """Rename this organization from a date on; the old name stays for earlier dates."""

    service = staticmethod(organization_rename)
    title = _("Rename this organization")
    intro = _("The old name stays in the history for earlier dates.")
    success_message = _("The organization was renamed.")

    new_name = forms.CharField(label=_("New name"), max_length=255)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["effective_on"].label = _("New name used from")
        self.order_decision_last()

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **self.common_kwargs(),
            "organization": self.organization,
            "new_name": data["new_name"],
            "effective_on": data["effective_on"],
        }


class MoveForm(DecisionForm):
    """Move this organization, with everything under it, under another parent."""

    service = staticmethod(organization_move)
    title = _("Move this organization under another parent")
    intro = _("Everything under it moves with it.")
    success_message = _("The organization was moved.")

    new_parent = OrganizationPickerField(label=_("New parent organization"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Never itself nor one of its descendants; only kinds that sit above its kind.
        above = OrganizationKind.objects.filter(rank__lt=self.organization.kind.rank).values_list("code", flat=True)
        scope = Scope(permission="organizations.change", exclude_subtree_of=self.organization,
                      kinds=kinds_or_none(above))
        scope_picker(self, ["new_parent"], user=self.actor, scope=scope)
        self.fields["new_parent"].explain = self._own_descendant  # type: ignore[attr-defined]
        self.fields["effective_on"].label = _("Moved on")
        self.order_decision_last()

    def _own_descendant(self, text: str) -> str | None:
        """The service's refusal when the typed code is this organization or one under it."""
        own = Organization.objects.filter(path__startswith=self.organization.path)
        if own.filter(Q(code=text) | Q(pk=int(text)) if text.isdigit() and len(text) < 18 else Q(code=text)).exists():
            return _("%(name)s cannot be moved under itself or one of its own descendants.") % {
                "name": self.organization.name}
        return None

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **self.common_kwargs(),
            "organization": self.organization,
            "new_parent": data["new_parent"],
            "effective_on": data["effective_on"],
        }


