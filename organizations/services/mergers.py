"""Mergers and splits: several organizations into one, one into several, with what stood under them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from core.changelog import log_change, snapshot
from core.decisions import Decision
from core.errors import DomainError
from core.models import ChangeAction
from core.scope import CHANGE, require_in_scope
from organizations.hooks import run_restructure_handlers
from organizations.models import (
    LineageEvent,
    LineageKind,
    LinkRole,
    Organization,
    OrganizationVersion,
)
from organizations.services.tree import (
    NewOrganization,
    _active_children,
    _check_scope,
    _close_versions,
    _Context,
    _create,
    _dissolve,
    _link,
    _new_event,
    _refresh,
    _reparent,
    _require_active,
    _start,
    _validate_kind_under,
)
from organizations.services.units import move_units_to_successor


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
        move_units_to_successor(source, successor, ctx, event)
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
    move_units_to_successor(source, by_code[heir_code], ctx, event)
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


