"""References an API client sends: an id or a code (organizations by code, member files by exchange code, kinds
and tags by code). Whatever cannot name a record in the caller's scope is NotInScope (404) naming the field."""

from __future__ import annotations

import uuid
from typing import Any

from django.utils.translation import gettext as _

from core.errors import NotInScope
from core.scope import get_in_scope
from core.validators import has_control_characters
from members.models import Person
from organizations.models import Organization


def lookup(ref: str | int) -> dict[str, Any]:
    """{"pk": n} for an id, {"code": text} otherwise; NotInScope for what no record can be named by."""
    text = str(ref).strip()
    if not text or len(text) > 64 or has_control_characters(text):
        raise NotInScope(_("Not found."))
    if text.isdigit() and len(text) <= 18:
        return {"pk": int(text)}
    return {"code": text}


def organization(user: Any, ref: str | int, permission: str, *, field: str = "organization") -> Organization:
    try:
        return get_in_scope(Organization.objects.all(), user, permission, **lookup(ref))
    except NotInScope as exc:
        raise NotInScope(_("Organization not found."), field=field) from exc


def person(user: Any, ref: str | int, *, field: str = "person") -> Person:
    try:
        found = lookup(ref)
        if "code" in found:
            found = {"code": uuid.UUID(found["code"])}
        return get_in_scope(Person.objects.all(), user, "members.view", **found)
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
