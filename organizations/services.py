"""Every write to the organization tree. Each function is one transaction that also writes the change log.

Restructuring never deletes: it closes the current version of each organization it touches and opens
a new one dated from the event, so the tree of any date stays answerable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.changelog import log_change, snapshot
from core.decisions import Decision, check_date
from core.errors import DomainError
from core.models import ChangeAction
from core.scope import CHANGE, is_administrator, require_in_scope
from core.text import fold, title_sort_key
from core.validators import refuse_control_characters_in
from organizations.hooks import run_restructure_handlers
from organizations.models import (
    CoveredUnit,
    CoveredUnitKind,
    LineageEvent,
    LineageKind,
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
        raise DomainError(_("The decision date is not plausible."), field="decision_date")


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


def _move_units(source: Organization, successor: Organization, ctx: _Context) -> None:
    """Villages and other units on a dissolved organization's territory pass to its successor."""
    for unit in CoveredUnit.objects.filter(territory=source):
        before = snapshot(unit)
        unit.territory = successor
        unit.save(update_fields=["territory"])
        log_change(actor=ctx.actor, action=ChangeAction.UPDATE, instance=unit, before=before, reason=ctx.reason)


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


# ----------------------------------------------------------------------------- services


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


def _resolve_child_moves(
    children: Sequence[Organization], child_moves: dict[Organization, Organization] | None, default: Organization | None
) -> dict[Organization, Organization]:
    moves = dict(child_moves or {})
    for child in children:
        if child not in moves:
            if default is None:
                raise DomainError(
                    _("Say which successor takes over %(name)s.") % {"name": child.name}, field="child_moves"
                )
            moves[child] = default
    return moves


@transaction.atomic
def organization_merge(
    *,
    actor: Any,
    sources: Sequence[Organization],
    target: Organization | NewOrganization,
    effective_on: dt.date,
    decision: Decision,
    child_moves: dict[Organization, Organization] | None = None,
    reason: str = "",
) -> LineageEvent:
    """Merge n organizations into one (existing or new). Predecessors are dissolved, never deleted.

    Active children of every dissolved predecessor move to the successor unless `child_moves` says otherwise.
    """
    ctx = _start(actor, effective_on, decision, reason)
    sources = [_refresh(s) for s in dict.fromkeys(sources)]
    involved = {*sources, target} if isinstance(target, Organization) else set(sources)
    if len(involved) < 2:
        raise DomainError(_("A merger needs at least two organizations."), field="sources")
    for source in sources:
        require_in_scope(source, actor, CHANGE)
        _require_active(source, on=effective_on, field_name="sources")
    if isinstance(target, Organization):
        require_in_scope(target, actor, CHANGE)
    event = _new_event(ctx, LineageKind.MERGE)
    if isinstance(target, Organization):
        successor = _refresh(target)
        _require_active(successor, on=effective_on, field_name="target")
        _link(event, successor, LinkRole.TARGET)
    else:
        spec = target if target.parent else NewOrganization(target.code, target.name, target.kind, sources[0].parent)
        if spec.parent is not None:
            require_in_scope(spec.parent, actor, CHANGE)
        successor = _create(spec, ctx, event)
    dissolving = [s for s in sources if s.pk != successor.pk]
    for destination in (child_moves or {}).values():
        if destination in dissolving or destination.dissolved_on is not None:
            raise DomainError(
                _("%(name)s is dissolved by this merger and cannot take over an organization.")
                % {"name": destination.name},
                field="child_moves",
            )
    moves_done = _move_children(dissolving, child_moves, successor, ctx, event)
    for source in dissolving:
        _move_units(source, successor, ctx)
        _dissolve(_refresh(source), ctx, event)
    event.details = {"successor": successor.pk, "child_moves": moves_done}
    event.save(update_fields=["details"])
    run_restructure_handlers(actor=actor, event=event, successors=dict.fromkeys(dissolving, successor))
    _check_scope(ctx)
    return event


@transaction.atomic
def organization_split(
    *,
    actor: Any,
    source: Organization,
    targets: Sequence[NewOrganization],
    effective_on: dt.date,
    decision: Decision,
    child_moves: dict[Organization, str] | None = None,
    member_successor_code: str | None = None,
    reason: str = "",
) -> LineageEvent:
    """Split one organization into several new ones. Each active child is mapped explicitly to a successor code."""
    ctx = _start(actor, effective_on, decision, reason)
    require_in_scope(source, actor, CHANGE)
    source = _refresh(source)
    _require_active(source, on=effective_on, field_name="source")
    if len(targets) < 2:
        raise DomainError(_("A split needs at least two successors."), field="targets")
    codes = [t.code.strip() for t in targets]
    if len(set(codes)) != len(codes):
        raise DomainError(_("Each successor needs its own code."), field="targets")
    children = _active_children(source)
    mapping = dict(child_moves or {})
    missing = [c.name for c in children if c not in mapping]
    if missing:
        raise DomainError(
            _("Say which successor takes over: %(names)s.") % {"names": ", ".join(missing)}, field="child_moves"
        )
    unknown = [code for code in mapping.values() if code not in codes]
    if unknown:
        raise DomainError(_("Unknown successor code: %(code)s.") % {"code": unknown[0]}, field="child_moves")
    heir_code = (member_successor_code or codes[0]).strip()
    if heir_code not in codes:
        raise DomainError(_("Unknown successor code: %(code)s.") % {"code": heir_code}, field="member_successor_code")
    event = _new_event(ctx, LineageKind.SPLIT)
    by_code = {}
    for spec in targets:
        parent = spec.parent or source.parent
        if parent is not None and parent.pk != source.parent_id:
            require_in_scope(parent, actor, CHANGE)
        by_code[spec.code.strip()] = _create(NewOrganization(spec.code, spec.name, spec.kind, parent), ctx, event)
    moves = {child: by_code[code] for child, code in mapping.items()}
    moves_done = _move_children([source], moves, None, ctx, event)
    _move_units(source, by_code[heir_code], ctx)
    _dissolve(_refresh(source), ctx, event)
    event.details = {"successors": [o.pk for o in by_code.values()], "child_moves": moves_done}
    event.save(update_fields=["details"])
    run_restructure_handlers(actor=actor, event=event, successors={source: by_code[heir_code]})
    _check_scope(ctx)
    return event


def _move_children(
    parents: Sequence[Organization],
    child_moves: dict[Organization, Organization] | None,
    default: Organization | None,
    ctx: _Context,
    event: LineageEvent,
) -> dict[str, int]:
    children = [c for p in parents for c in _active_children(p)]
    moves = _resolve_child_moves(children, child_moves, default)
    for parent in parents:
        own = [c for c in children if c.parent_id == parent.pk]
        destinations = {moves[c].pk for c in own}
        if len(own) > 1 and len(destinations) == 1:
            _reparent_all_children(parent, own, moves[own[0]], ctx, event)
        else:
            for child in own:
                _reparent(child, moves[child], ctx, event)
    return {str(child.pk): moves[child].pk for child in children}


def _reparent_all_children(
    parent: Organization, children: list[Organization], new_parent: Organization, ctx: _Context, event: LineageEvent
) -> None:
    """Every active child of `parent` moves under `new_parent`: the same as `_reparent` for each, in a few
    statements for them all (a province's reorganization moves thousands of cells)."""
    parent, new_parent = _refresh(parent), _refresh(new_parent)
    if new_parent.path.startswith(parent.path):
        for child in children:
            _reparent(child, new_parent, ctx, event)
        return
    _require_active(new_parent, on=ctx.effective_on, field_name="new_parent")
    for child in children:
        _validate_kind_under(child.kind, new_parent)
    befores = {child.pk: snapshot(child) for child in children}
    ids = [child.pk for child in children]
    # The moving children's subtrees: everything under `parent` but itself and its children that stay (dissolved).
    subtree = Organization.objects.filter(path__under=parent.path).exclude(pk=parent.pk)
    for staying in Organization.objects.filter(parent=parent).exclude(pk__in=ids).values_list("path", flat=True):
        subtree = subtree.exclude(path__under=staying)
    active_ids = list(subtree.filter(dissolved_on__isnull=True).values_list("pk", flat=True))
    subtree.update(
        path=Concat(Value(new_parent.path), Substr("path", len(parent.path) + 1)),
        depth=F("depth") + (new_parent.depth - parent.depth),
    )
    Organization.objects.filter(pk__in=ids).update(parent=new_parent)
    _close_versions(active_ids, on=ctx.effective_on)
    OrganizationVersion.objects.bulk_create(
        [OrganizationVersion(organization=o, valid_from=ctx.effective_on, name=o.name, kind=o.kind, parent=o.parent,
                             path=o.path, event=event)
         for o in Organization.objects.filter(pk__in=active_ids).select_related("kind", "parent")],
        batch_size=1000,
    )
    for child in Organization.objects.filter(pk__in=ids).select_related("kind", "parent"):
        log_change(actor=ctx.actor, action=ChangeAction.UPDATE, instance=child, before=befores[child.pk],
                   reason=ctx.reason)
        ctx.touched.append(child)


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


# ----------------------------------------------------------------------------- covered units


@transaction.atomic
def covered_unit_create(
    *,
    actor: Any,
    code: str,
    name: str,
    kind: CoveredUnitKind,
    territory: Organization,
    covered_by: Organization | None = None,
    reason: str = "",
) -> CoveredUnit:
    """Register a village, school, clinic or agency on an organization's territory."""
    require_in_scope(territory, actor, CHANGE)
    code = (code or "").strip()
    if not code or len(code) > 50:
        raise DomainError(_("The code is required (at most 50 characters)."), field="code")
    if CoveredUnit.objects.filter(code=code).exists():
        raise DomainError(_("The code “%(code)s” is already used.") % {"code": code}, field="code")
    unit = CoveredUnit(code=code, name=_validate_name(name), kind=kind, territory=territory)
    _assign_cover(unit, covered_by)
    unit.search_name = fold(unit.name)
    unit.sort_name = title_sort_key(unit.name)
    refuse_control_characters_in(unit, fields=["code", "name"])
    unit.save()
    log_change(actor=actor, action=ChangeAction.CREATE, instance=unit, reason=reason)
    require_in_scope(unit, actor, CHANGE)
    return unit


@transaction.atomic
def covered_unit_assign(
    *, actor: Any, unit: CoveredUnit, covered_by: Organization | None, reason: str = ""
) -> CoveredUnit:
    """Attach a unit to the cell that covers it, or detach it ("no cell yet")."""
    require_in_scope(unit, actor, CHANGE)
    before = snapshot(unit)
    _assign_cover(unit, covered_by)
    unit.save(update_fields=["covered_by"])
    log_change(actor=actor, action=ChangeAction.UPDATE, instance=unit, before=before, reason=reason)
    require_in_scope(unit, actor, CHANGE)
    return unit


def _assign_cover(unit: CoveredUnit, covered_by: Organization | None) -> None:
    if covered_by is not None and not covered_by.path.startswith(unit.territory.path):
        raise DomainError(
            _("%(cell)s is not under %(territory)s.") % {"cell": covered_by.name, "territory": unit.territory.name},
            field="covered_by",
        )
    if covered_by is not None and covered_by.dissolved_on is not None:
        raise DomainError(_("%(cell)s has been dissolved.") % {"cell": covered_by.name}, field="covered_by")
    unit.covered_by = covered_by
