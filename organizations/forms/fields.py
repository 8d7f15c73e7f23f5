"""Fields and choices every organization form (and other apps' forms) use: dates typed dd/mm/yyyy, an
organization shown with its parent, the writable organizations and cells of an actor, the "as of" date."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from core.forms import DATE_INPUT_FORMATS, date_field  # noqa: F401  (re-exported: the shared date field)
from core.scope import CHANGE
from organizations.models import Organization
from organizations.queries import organizations_visible


class OrganizationChoiceField(forms.ModelChoiceField):
    """An organization, shown with its parent so that two communes of the same name can be told apart."""

    def label_from_instance(self, obj: Model) -> str:
        assert isinstance(obj, Organization)
        return f"{obj.name} — {obj.parent.name}" if obj.parent else obj.name


class OrganizationMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Model) -> str:
        assert isinstance(obj, Organization)
        return f"{obj.name} — {obj.parent.name}" if obj.parent else obj.name


def writable(actor: Any) -> QuerySet[Organization]:
    """Active organizations the actor may change, highest levels first."""
    return organizations_visible(actor, CHANGE).filter(dissolved_on__isnull=True).order_by("depth", "sort_name")



def cells_under(actor: Any, territory: Organization) -> QuerySet[Organization]:
    """Active organizations that hold members (cells) in the territory's subtree, within the actor's scope."""
    return writable(actor).filter(path__startswith=territory.path, kind__holds_members=True)


class AsOfForm(forms.Form):
    """The date whose tree to show."""

    on = date_field(_("Tree as of"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
