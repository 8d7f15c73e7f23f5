"""References an API client sends: an id or a code (organizations by code, member files by exchange code, kinds
and tags by code). Whatever cannot name a record in the caller's scope is NotInScope (404) naming the field."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from core.errors import NotInScope
from core.refs import id_or_code, id_or_uuid
from core.scope import get_in_scope
from members.models import Person
from organizations.models import Organization

lookup = id_or_code  # the name the training and honours APIs call it by


def organization(user: Any, ref: str | int, permission: str, *, field: str = "organization") -> Organization:
    try:
        return get_in_scope(Organization.objects.all(), user, permission, **lookup(ref))
    except NotInScope as exc:
        raise NotInScope(_("Organization not found."), field=field) from exc


def person(user: Any, ref: str | int, *, field: str = "person") -> Person:
    try:
        return get_in_scope(Person.objects.all(), user, "members.view", **id_or_uuid(ref))
    except (NotInScope, ValueError) as exc:
        raise NotInScope(_("Member file not found."), field=field) from exc


def reference(model: Any, ref: str | int | None, *, field: str, required: bool = True) -> Any:
    """A reference-data row (kind, level, form, campaign) by id or code; a 400 naming the field otherwise."""
    from core.errors import DomainError

    if ref is None or ref == "":
        if required:
            raise DomainError(_("This field is required."), field=field)
        return None
    try:
        row = model.objects.filter(**lookup(ref)).first()
    except NotInScope:
        row = None
    if row is None:
        raise DomainError(_("No such code: %(code)s.") % {"code": str(ref)[:64]}, field=field)
    return row
