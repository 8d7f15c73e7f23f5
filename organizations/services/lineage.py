"""Events on one organization: establish, dissolve, rename, move, and the correction of its current name."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from core.changelog import log_change, snapshot
from core.decisions import Decision
from core.errors import DomainError
from core.models import ChangeAction
from core.scope import CHANGE, is_administrator, require_in_scope
from core.validators import refuse_control_characters_in
from organizations.hooks import run_restructure_handlers
from organizations.models import (
    LineageEvent,
    LineageKind,
    LinkRole,
    Organization,
    OrganizationKind,
    OrganizationVersion,
)
from organizations.services.tree import (
    NewOrganization,
    _active_children,
    _check_scope,
    _close_versions,
    _create,
    _dissolve,
    _link,
    _new_event,
    _open_version,
    _refresh,
    _reparent,
    _require_active,
    _set_names,
    _start,
    _validate_name,
)
from organizations.services.units import end_cover_by


@transaction.atomic
def organization_establish(
    *,
    actor: Any,
    code: str,
    name: str,
    kind: OrganizationKind,
    parent: Organization | None,
    established_on: dt.date,
    decision: Decision,
    note: str = "",
    reason: str = "",
) -> Organization:
    """Establish a new organization under `parent` (a root only for an installation administrator)."""
    ctx = _start(actor, established_on, decision, reason)
    if parent is None and not is_administrator(actor):
        raise DomainError(_("Choose the parent organization."), field="parent")
    if parent is not None:
        require_in_scope(parent, actor, CHANGE)
    event = _new_event(ctx, LineageKind.ESTABLISH)
    organization = _create(NewOrganization(code, name, kind, parent), ctx, event, note=note)
    _check_scope(ctx)
    return organization


@transaction.atomic
def organization_dissolve(
    *, actor: Any, organization: Organization, dissolved_on: dt.date, decision: Decision, reason: str = ""
) -> LineageEvent:
    """Dissolve an organization with no active child. Its records stay; it simply stops existing after the date."""
    ctx = _start(actor, dissolved_on, decision, reason)
    require_in_scope(organization, actor, CHANGE)
    organization = _refresh(organization)
    _require_active(organization, on=dissolved_on, field_name="organization")
    children = _active_children(organization)
    if children:
        raise DomainError(
            _("%(name)s still has %(count)d active organizations under it (%(names)s): move or dissolve them first.")
            % {"name": organization.name, "count": len(children), "names": ", ".join(c.name for c in children[:5])},
            field="organization",
        )
    event = _new_event(ctx, LineageKind.DISSOLVE)
    _dissolve(organization, ctx, event)
    end_cover_by(organization, ctx)  # the units it covered as a cell have no cell from the date
    run_restructure_handlers(actor=actor, event=event, successors={})
    _check_scope(ctx)
    return event


@transaction.atomic
def organization_rename(
    *,
    actor: Any,
    organization: Organization,
    new_name: str,
    effective_on: dt.date,
    decision: Decision,
    reason: str = "",
) -> LineageEvent:
    """Rename from a date on; the old name stays in the versions for earlier dates."""
    ctx = _start(actor, effective_on, decision, reason)
    require_in_scope(organization, actor, CHANGE)
    organization = _refresh(organization)
    _require_active(organization, on=effective_on, field_name="organization")
    new_name = _validate_name(new_name)
    if new_name == organization.name:
        raise DomainError(_("The new name is the same as the current one."), field="new_name")
    event = _new_event(ctx, LineageKind.RENAME, {"from": organization.name, "to": new_name})
    _link(event, organization, LinkRole.SUBJECT)
    before = snapshot(organization)
    organization.name = new_name
    _set_names(organization)
    organization.save(update_fields=["name", "search_name", "sort_name"])
    _close_versions([organization.pk], on=effective_on)
    _open_version(organization, on=effective_on, event=event)
    log_change(actor=actor, action=ChangeAction.UPDATE, instance=organization, before=before, reason=reason)
    ctx.touched.append(organization)
    _check_scope(ctx)
    return event


@transaction.atomic
def organization_move(
    *,
    actor: Any,
    organization: Organization,
    new_parent: Organization,
    effective_on: dt.date,
    decision: Decision,
    reason: str = "",
) -> LineageEvent:
    """Move an organization and its whole subtree under another parent from a date on."""
    ctx = _start(actor, effective_on, decision, reason)
    require_in_scope(organization, actor, CHANGE)
    require_in_scope(new_parent, actor, CHANGE)
    organization = _refresh(organization)
    _require_active(organization, on=effective_on, field_name="organization")
    if organization.parent_id is None:
        raise DomainError(_("A top-level organization cannot be moved."), field="organization")
    if organization.parent_id == new_parent.pk:
        raise DomainError(_("The organization is already under this parent."), field="new_parent")
    event = _new_event(
        ctx, LineageKind.MOVE, {"from_parent": organization.parent_id, "to_parent": new_parent.pk}
    )
    _link(event, organization, LinkRole.SUBJECT)
    _reparent(organization, new_parent, ctx, event)
    _check_scope(ctx)
    return event



@transaction.atomic
def organization_update(
    *, actor: Any, organization: Organization, name: str | None = None, note: str | None = None, reason: str = ""
) -> Organization:
    """Correct the note or a misspelt current name (a rename on a date is `organization_rename`)."""
    require_in_scope(organization, actor, CHANGE)
    organization = _refresh(organization)
    before = snapshot(organization)
    if name is not None and name.strip() != organization.name:
        if not (reason or "").strip():
            raise DomainError(_("Say why the name is corrected."), field="reason")
        organization.name = _validate_name(name)
        _set_names(organization)
        OrganizationVersion.objects.filter(organization=organization, valid_to__isnull=True).update(
            name=organization.name
        )
    if note is not None:
        organization.note = note.strip()
    if snapshot(organization) == before:
        return organization  # nothing changed: nothing to write or log
    refuse_control_characters_in(organization, fields=["name", "note"])
    organization.save()
    log_change(actor=actor, action=ChangeAction.UPDATE, instance=organization, before=before, reason=reason)
    require_in_scope(organization, actor, CHANGE)
    return organization


