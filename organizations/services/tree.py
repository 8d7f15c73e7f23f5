"""The building blocks every change of the tree shares: validation, the lineage event, versions, create,
dissolve and re-parent. Private to the services package; the services themselves are in its other modules.

Restructuring never deletes: it closes the current version of each organization it touches and opens
a new one dated from the event, so the tree of any date stays answerable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.changelog import log_change, snapshot
from core.decisions import Decision, check_date
from core.errors import DomainError
from core.models import ChangeAction
from core.scope import CHANGE, require_in_scope
from core.text import fold, title_sort_key
from core.validators import refuse_control_characters_in
from organizations.models import (
    LineageEvent,
    LineageLink,
    LinkRole,
    Organization,
    OrganizationKind,
    OrganizationVersion,
)

TREE_LOCK_KEY = 4_200_001  # advisory-lock key serialising tree restructurings on PostgreSQL


@dataclass(frozen=True)
class NewOrganization:
    """What a merger or split establishes: code, name, kind (parent: the predecessor's unless given)."""

    code: str
    name: str
    kind: OrganizationKind
    parent: Organization | None = None


@dataclass
class _Context:
    actor: Any
    effective_on: dt.date
    decision: Decision
    reason: str
    touched: list[Organization] = field(default_factory=list)


# ----------------------------------------------------------------------------- helpers


def _lock_tree() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [TREE_LOCK_KEY])


def _refresh(organization: Organization) -> Organization:
    """Re-read under the lock, so a concurrent move cannot leave us with a stale path."""
    return Organization.objects.select_related("kind", "parent").get(pk=organization.pk)


def _fmt(day: dt.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def _validate_common(*, effective_on: dt.date | None, decision: Decision) -> None:
    if effective_on is None:
        raise DomainError(_("The effective date is required."), field="effective_on")
    check_date(effective_on, field="effective_on")
    decision.validate()
    if decision.date.year > effective_on.year + 5:
        raise DomainError(_("The decision date %(date)s is more than five years after the effective date "
                            "%(effective)s: a decision comes before or soon after what it decides; check the year.")
                          % {"date": _fmt(decision.date), "effective": _fmt(effective_on)}, field="decision_date")


def _require_active(organization: Organization, *, on: dt.date, field_name: str) -> None:
    if organization.dissolved_on is not None:
        raise DomainError(
            _("%(name)s was dissolved on %(date)s; a dissolved organization cannot change.")
            % {"name": organization.name, "date": _fmt(organization.dissolved_on)},
            field=field_name,
        )
    if on < organization.established_on:
        raise DomainError(
            _("The date is before %(name)s was established (%(date)s).")
            % {"name": organization.name, "date": _fmt(organization.established_on)},
            field="effective_on",
        )
    latest = organization.versions.order_by("-valid_from").values_list("valid_from", flat=True).first()
    if latest and on < latest:
        raise DomainError(
            _("The date is before the last recorded change of %(name)s (%(date)s).")
            % {"name": organization.name, "date": _fmt(latest)},
            field="effective_on",
        )


def _validate_code(code: str) -> str:
    code = (code or "").strip()
    if not code:
        raise DomainError(_("The code is required."), field="code")
    if len(code) > 50 or any(ch.isspace() or not ch.isprintable() for ch in code):
        raise DomainError(_("The code must be at most 50 characters without spaces."), field="code")
    if Organization.objects.filter(code=code).exists():
        raise DomainError(_("The code “%(code)s” is already used.") % {"code": code}, field="code")
    return code


def _validate_name(name: str) -> str:
    name = " ".join((name or "").split())
    if any(not ch.isprintable() for ch in name):
        raise DomainError(_("The name contains characters that cannot be stored."), field="name")
    if not name:
        raise DomainError(_("The name is required."), field="name")
    if len(name) > 255:
        raise DomainError(_("The name must be at most 255 characters."), field="name")
    return name


def _validate_kind_under(kind: OrganizationKind, parent: Organization | None) -> None:
    if parent is not None and kind.rank <= parent.kind.rank:
        raise DomainError(
            _("A %(kind)s cannot sit under a %(parent_kind)s.") % {"kind": kind.name, "parent_kind": parent.kind.name},
            field="kind",
        )


def _new_event(ctx: _Context, kind: str, details: dict[str, Any] | None = None) -> LineageEvent:
    event = LineageEvent(kind=kind, effective_on=ctx.effective_on, details=details or {}, created_by=_user(ctx.actor))
    event.set_decision(ctx.decision)
    event.note = ctx.reason
    refuse_control_characters_in(event)
    event.save()
    log_change(actor=ctx.actor, action=ChangeAction.CREATE, instance=event, reason=ctx.reason)
    return event


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _link(event: LineageEvent, organization: Organization, role: str) -> None:
    LineageLink.objects.create(event=event, organization=organization, role=role)


def _open_version(organization: Organization, *, on: dt.date, event: LineageEvent) -> None:
    OrganizationVersion.objects.create(
        organization=organization,
        valid_from=on,
        name=organization.name,
        kind=organization.kind,
        parent=organization.parent,
        path=organization.path,
        event=event,
    )


def _close_versions(organization_ids: Iterable[int], *, on: dt.date) -> None:
    OrganizationVersion.objects.filter(organization_id__in=list(organization_ids), valid_to__isnull=True).update(
        valid_to=on
    )


def _set_names(organization: Organization) -> None:
    organization.search_name = fold(organization.name)
    organization.sort_name = title_sort_key(organization.name)


def _create(spec: NewOrganization, ctx: _Context, event: LineageEvent, *, note: str = "") -> Organization:
    code = _validate_code(spec.code)
    name = _validate_name(spec.name)
    parent = _refresh(spec.parent) if spec.parent else None
    if parent is not None:
        _require_active(parent, on=ctx.effective_on, field_name="parent")
    _validate_kind_under(spec.kind, parent)
    organization = Organization(
        code=code,
        name=name,
        kind=spec.kind,
        parent=parent,
        established_on=ctx.effective_on,
        note=note,
        path="",
    )
    _set_names(organization)
    organization.save()
    organization.path = f"{parent.path if parent else ''}{organization.pk}."
    organization.depth = parent.depth + 1 if parent else 0
    organization.save(update_fields=["path", "depth"])
    _open_version(organization, on=ctx.effective_on, event=event)
    _link(event, organization, LinkRole.TARGET)
    log_change(actor=ctx.actor, action=ChangeAction.CREATE, instance=organization, reason=ctx.reason)
    ctx.touched.append(organization)
    return organization


def _dissolve(organization: Organization, ctx: _Context, event: LineageEvent) -> None:
    before = snapshot(organization)
    organization.dissolved_on = ctx.effective_on
    organization.save(update_fields=["dissolved_on"])
    _close_versions([organization.pk], on=ctx.effective_on)
    _link(event, organization, LinkRole.SOURCE)
    log_change(actor=ctx.actor, action=ChangeAction.UPDATE, instance=organization, before=before, reason=ctx.reason)
    ctx.touched.append(organization)


def _reparent(organization: Organization, new_parent: Organization, ctx: _Context, event: LineageEvent) -> None:
    """Move a subtree: rewrite its paths and open new versions for every organization in it."""
    organization = _refresh(organization)
    new_parent = _refresh(new_parent)
    if new_parent.path.startswith(organization.path):
        raise DomainError(
            _("%(name)s cannot be moved under itself or one of its own descendants.") % {"name": organization.name},
            field="new_parent",
        )
    _require_active(new_parent, on=ctx.effective_on, field_name="new_parent")
    _validate_kind_under(organization.kind, new_parent)
    before = snapshot(organization)
    old_path = organization.path
    new_path = f"{new_parent.path}{organization.pk}."
    depth_change = new_parent.depth + 1 - organization.depth
    subtree = Organization.objects.filter(path__under=old_path)
    active_ids = list(subtree.filter(dissolved_on__isnull=True).values_list("pk", flat=True))
    subtree.update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + depth_change,
    )
    Organization.objects.filter(pk=organization.pk).update(parent=new_parent)
    _close_versions(active_ids, on=ctx.effective_on)
    for member in Organization.objects.filter(pk__in=active_ids).select_related("kind", "parent"):
        _open_version(member, on=ctx.effective_on, event=event)
    organization.refresh_from_db()
    log_change(actor=ctx.actor, action=ChangeAction.UPDATE, instance=organization, before=before, reason=ctx.reason)
    ctx.touched.append(organization)


def _active_children(organization: Organization) -> list[Organization]:
    return list(organization.children.filter(dissolved_on__isnull=True).order_by("sort_name"))


def _check_scope(ctx: _Context) -> None:
    """Everything the event touched must still be inside the actor's writable scope."""
    for organization in ctx.touched:
        require_in_scope(organization, ctx.actor, CHANGE)


def _start(actor: Any, effective_on: dt.date, decision: Decision, reason: str) -> _Context:
    _validate_common(effective_on=effective_on, decision=decision)
    _lock_tree()
    return _Context(actor=actor, effective_on=effective_on, decision=decision, reason=reason)

