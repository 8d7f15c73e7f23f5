"""Organization API: the tree, its history, restructuring events and covered units.

Handlers parse, fetch every id through the caller's scope (out of scope or missing: 404), call a
query or a service, and answer. Services raise DomainError for refused input (400 with the field).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Q, QuerySet, prefetch_related_objects
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router

from core.decisions import Decision
from core.errors import DomainError, NotInScope
from core.schemas import Day, ErrorOut, Id, Limit, Offset, ShortText, Text, ValidationErrorOut
from core.scope import CHANGE, OUT_OF_SCOPE, VIEW
from core.text import fold
from organizations import queries, services
from organizations.models import (
    CoveredUnit,
    CoveredUnitKind,
    LineageEvent,
    LineageKind,
    Organization,
    OrganizationKind,
    UnitEvent,
)
from organizations.schemas import (
    ChangeRecordOut,
    CoveredUnitAssignIn,
    CoveredUnitCreateIn,
    CoveredUnitDetailOut,
    CoveredUnitOut,
    DecisionIn,
    DissolveIn,
    LineageEventIn,
    LineageEventOut,
    LineageEventPageOut,
    MergeIn,
    MoveIn,
    NewOrganizationIn,
    NewUnitIn,
    OrganizationChildOut,
    OrganizationEstablishIn,
    OrganizationOut,
    OrganizationPageOut,
    OrganizationUpdateIn,
    RenameIn,
    SplitIn,
    TreeOut,
    UnitDissolveIn,
    UnitEventIn,
    UnitEventOut,
    UnitMergeIn,
    UnitRenameIn,
)

router = Router(tags=["organizations"])

READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
WRITE_ERRORS: dict[int, Any] = {400: ErrorOut, **READ_ERRORS}


# ----------------------------------------------------------------------------- parsing helpers


def _org(request: HttpRequest, pk: int, action: str = VIEW) -> Organization:
    return queries.organization_get(request.user, pk=pk, action=action)


def _orgs(request: HttpRequest, pks: Sequence[int], action: str = CHANGE) -> list[Organization]:
    """Several organizations in the order given; any one missing or out of scope is a 404."""
    found = queries.organizations_visible(request.user, action).in_bulk(list(pks))
    if len(found) != len(set(pks)):
        raise NotInScope(_("Not found."))
    return [found[pk] for pk in pks]


def _organization_kind(code: str, *, field: str = "kind") -> OrganizationKind:
    kind = OrganizationKind.objects.filter(code=code.strip()).first()
    if kind is None:
        raise DomainError(_("Unknown organization kind “%(code)s”.") % {"code": code[:50]}, field=field)
    return kind


def _covered_unit_kind(code: str, *, field: str = "kind") -> CoveredUnitKind:
    kind = CoveredUnitKind.objects.filter(code=code.strip()).first()
    if kind is None:
        raise DomainError(_("Unknown covered unit kind “%(code)s”.") % {"code": code[:50]}, field=field)
    return kind


def _decision(decision: DecisionIn) -> Decision:
    return Decision(number=decision.number, date=decision.date, issuer=decision.issuer)


def _new_organization(request: HttpRequest, spec: NewOrganizationIn, *, field: str) -> services.NewOrganization:
    parent = _org(request, spec.parent_id, CHANGE) if spec.parent_id else None
    kind = _organization_kind(spec.kind, field=f"{field}.kind")
    return services.NewOrganization(code=spec.code, name=spec.name, kind=kind, parent=parent)


def _page(queryset: QuerySet[Any], *, limit: int, offset: int) -> dict[str, Any]:
    items = list(queryset[offset : offset + limit])
    return {"count": queryset.count(), "limit": limit, "offset": offset, "items": items}


def _events_out(request: HttpRequest, events: Iterable[LineageEvent]) -> list[dict[str, Any]]:
    """Events with their links; an organization the caller cannot see is "(out of scope)", without id or code."""
    events = list(events)
    prefetch_related_objects(events, "links__organization")
    linked = {link.organization_id for event in events for link in event.links.all()}
    linked |= {pk for event in events for pk in queries.lineage_detail_ids(event.details)}
    visible = set(queries.organizations_visible(request.user).filter(pk__in=linked).values_list("pk", flat=True))
    hidden = str(OUT_OF_SCOPE)
    return [
        {
            "id": event.pk,
            "kind": event.kind,
            "effective_on": event.effective_on,
            "decision": event.decision,
            "details": queries.lineage_details_in_scope(event.details, visible),
            "note": event.note,
            "links": [
                {
                    "organization_id": link.organization_id,
                    "code": link.organization.code,
                    "name": link.organization.name,
                    "role": link.role,
                }
                if link.organization_id in visible
                else {"organization_id": None, "code": "", "name": hidden, "role": link.role}
                for link in sorted(event.links.all(), key=lambda link: link.pk)
            ],
        }
        for event in events
    ]


# ----------------------------------------------------------------------------- organizations


@router.get("/organizations", response={200: OrganizationPageOut, **READ_ERRORS})
def organization_list(
    request: HttpRequest,
    q: Text | None = None,
    code: ShortText | None = None,
    parent: Id | None = None,
    kind: ShortText | None = None,
    active: bool | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Organizations in the caller's scope. `q` matches every word of the name, ignoring diacritics, or the
    beginning of the code (`BK-NR` finds Na Rì and everything coded under it); `code` is one exact code."""
    organizations = queries.organizations_visible(request.user)
    if parent is not None:
        organizations = organizations.filter(parent=_org(request, parent))
    if kind:
        organizations = organizations.filter(kind__code=kind)
    if active is not None:
        organizations = organizations.filter(dissolved_on__isnull=active)
    if code:
        organizations = organizations.filter(code__iexact=code.strip())
    if q and q.strip():
        words = Q()
        for word in fold(q).split():
            words &= Q(search_name__contains=word)
        organizations = organizations.filter(words | Q(code__istartswith=q.strip()))
    return _page(organizations.order_by("depth", "sort_name", "pk"), limit=limit, offset=offset)


@router.post("/organizations", response={201: OrganizationOut, **WRITE_ERRORS})
def organization_establish(request: HttpRequest, payload: OrganizationEstablishIn) -> tuple[int, Organization]:
    """Establish an organization (event `establish`). Only an installation administrator may omit the parent."""
    parent = _org(request, payload.parent_id, CHANGE) if payload.parent_id else None
    organization = services.organization_establish(
        actor=request.user,
        code=payload.code,
        name=payload.name,
        kind=_organization_kind(payload.kind),
        parent=parent,
        established_on=payload.established_on,
        decision=_decision(payload.decision),
        note=payload.note,
        reason=payload.reason,
    )
    return 201, organization


@router.get("/organizations/{id}", response={200: OrganizationOut, **READ_ERRORS})
def organization_detail(request: HttpRequest, id: Id) -> Organization:
    return _org(request, id)


@router.patch("/organizations/{id}", response={200: OrganizationOut, **WRITE_ERRORS})
def organization_update(request: HttpRequest, id: Id, payload: OrganizationUpdateIn) -> Organization:
    """Correct the current name (a `reason` is required) or the note. A dated rename is a lineage event."""
    return services.organization_update(
        actor=request.user,
        organization=_org(request, id, CHANGE),
        name=payload.name,
        note=payload.note,
        reason=payload.reason,
    )


@router.get("/organizations/{id}/children", response={200: list[OrganizationChildOut], **READ_ERRORS})
def organization_children(request: HttpRequest, id: Id) -> list[Organization]:
    return list(queries.organization_children(request.user, parent=_org(request, id)))


@router.get("/organizations/{id}/lineage", response={200: list[LineageEventOut], **READ_ERRORS})
def organization_lineage(request: HttpRequest, id: Id) -> list[dict[str, Any]]:
    """Restructuring events involving the organization, newest first."""
    return _events_out(request, queries.lineage_of(request.user, organization=_org(request, id)))


@router.get("/organizations/{id}/successors", response={200: list[OrganizationOut], **READ_ERRORS})
def organization_successors(request: HttpRequest, id: Id) -> list[Organization]:
    return list(queries.successors_of(request.user, organization=_org(request, id)).select_related("kind"))


@router.get("/organizations/{id}/predecessors", response={200: list[OrganizationOut], **READ_ERRORS})
def organization_predecessors(request: HttpRequest, id: Id) -> list[Organization]:
    return list(queries.predecessors_of(request.user, organization=_org(request, id)).select_related("kind"))


@router.get("/organizations/{id}/changes", response={200: list[ChangeRecordOut], **READ_ERRORS})
def organization_changes(request: HttpRequest, id: Id) -> list[Any]:
    """The organization's change-log rows, newest first (at most 100)."""
    return list(queries.change_log_of(_org(request, id)))


# ----------------------------------------------------------------------------- lineage events


@router.get("/lineage-events", response={200: LineageEventPageOut, **READ_ERRORS})
def lineage_event_list(
    request: HttpRequest,
    kind: LineageKind | None = None,
    date_from: Day | None = Query(None, alias="from"),  # noqa: B008 (ninja's way to rename a parameter)
    date_to: Day | None = Query(None, alias="to"),  # noqa: B008
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Restructuring events involving an organization in scope, newest first; `from`/`to` bound the date."""
    events = queries.lineage_events(request.user)
    if kind:
        events = events.filter(kind=kind)
    if date_from:
        events = events.filter(effective_on__gte=date_from)
    if date_to:
        events = events.filter(effective_on__lte=date_to)
    page = _page(events, limit=limit, offset=offset)
    page["items"] = _events_out(request, page["items"])
    return page


@router.post("/lineage-events", response={201: LineageEventOut, **WRITE_ERRORS})
def lineage_event_record(request: HttpRequest, payload: LineageEventIn) -> tuple[int, dict[str, Any]]:
    """Record a dissolution, rename, move, merger or split; the body's `kind` says which."""
    event = _record(request, payload)
    return 201, _events_out(request, [event])[0]


def _record(request: HttpRequest, payload: DissolveIn | RenameIn | MoveIn | MergeIn | SplitIn) -> LineageEvent:
    common: dict[str, Any] = {
        "actor": request.user,
        "decision": _decision(payload.decision),
        "reason": payload.reason,
    }
    if isinstance(payload, DissolveIn):
        return services.organization_dissolve(
            organization=_org(request, payload.organization_id, CHANGE), dissolved_on=payload.effective_on, **common
        )
    if isinstance(payload, RenameIn):
        return services.organization_rename(
            organization=_org(request, payload.organization_id, CHANGE),
            new_name=payload.new_name,
            effective_on=payload.effective_on,
            **common,
        )
    if isinstance(payload, MoveIn):
        return services.organization_move(
            organization=_org(request, payload.organization_id, CHANGE),
            new_parent=_org(request, payload.new_parent_id, CHANGE),
            effective_on=payload.effective_on,
            **common,
        )
    if isinstance(payload, MergeIn):
        return _merge(request, payload, common)
    return _split(request, payload, common)


def _merge(request: HttpRequest, payload: MergeIn, common: dict[str, Any]) -> LineageEvent:
    if (payload.target_id is None) == (payload.new_target is None):
        raise DomainError(_("Give either target_id or new_target."), field="target_id")
    sources = _orgs(request, payload.source_ids)
    target: Organization | services.NewOrganization
    if payload.target_id is not None:
        target = _org(request, payload.target_id, CHANGE)
    else:
        assert payload.new_target is not None
        target = _new_organization(request, payload.new_target, field="new_target")
    children = _orgs(request, list(payload.child_moves))
    parents = _orgs(request, list(payload.child_moves.values()))
    return services.organization_merge(
        sources=sources,
        target=target,
        effective_on=payload.effective_on,
        child_moves=dict(zip(children, parents, strict=True)),
        **common,
    )


def _split(request: HttpRequest, payload: SplitIn, common: dict[str, Any]) -> LineageEvent:
    targets = [_new_organization(request, t, field=f"targets.{i}") for i, t in enumerate(payload.targets)]
    children = _orgs(request, list(payload.child_moves))
    return services.organization_split(
        source=_org(request, payload.source_id, CHANGE),
        targets=targets,
        effective_on=payload.effective_on,
        child_moves=dict(zip(children, payload.child_moves.values(), strict=True)),
        member_successor_code=payload.member_successor_code,
        **common,
    )


# ----------------------------------------------------------------------------- tree of a date


@router.get("/tree", response={200: TreeOut, **READ_ERRORS})
def tree(request: HttpRequest, as_of: Day | None = None, root: Id | None = None) -> dict[str, Any]:
    """The tree as it stood on `as_of` (default: today), under `root` or from the tops of the caller's scope."""
    on = as_of or timezone.localdate()
    nodes = queries.tree_as_of(request.user, on=on, root=_org(request, root) if root else None)
    return {"as_of": on, "root_id": root, "nodes": nodes}


# ----------------------------------------------------------------------------- covered units


@router.get("/covered-units", response={200: list[CoveredUnitOut], **READ_ERRORS})
def covered_unit_list(
    request: HttpRequest,
    organization: Id | None = None,
    as_of: Day | None = None,
    q: Text | None = None,
    code: ShortText | None = None,
    kind: ShortText | None = None,
    active: bool | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> list[CoveredUnit]:
    """Units in the organization's whole subtree (on its territory or covered by a cell of it; with `as_of`, under
    the tree of that date); `code` is one exact code, `q` a code or every word of the name; `kind` a kind code."""
    units = queries.covered_units_in(
        request.user, organization=_org(request, organization) if organization else None, as_of=as_of,
        text=q or "", code=code or "", kind=kind or "", active=active,
    )
    return list(units[offset : offset + limit])


@router.get("/covered-units/{id}", response={200: CoveredUnitDetailOut, **READ_ERRORS})
def covered_unit_detail(request: HttpRequest, id: Id) -> dict[str, Any]:
    """One unit with its history: versions (name, territory), coverages by cells, and events."""
    unit = queries.covered_unit_get(request.user, pk=id)
    history = queries.covered_unit_history(unit)
    return {
        **{f: getattr(unit, f) for f in ("id", "code", "name", "kind", "territory_id", "covered_by_id",
                                         "established_on", "dissolved_on")},
        "versions": history["versions"],
        "coverages": [{"cell_id": c.cell_id, "cell_name": c.cell.name, "valid_from": c.valid_from,
                       "valid_to": c.valid_to} for c in history["coverages"]],
        "events": [_unit_event_out(request, event) for event in history["events"]],
    }


def _unit_event_out(request: HttpRequest, event: UnitEvent) -> dict[str, Any]:
    visible = set(queries.covered_units_in(request.user).filter(
        pk__in=[link.unit_id for link in event.links.all()]).values_list("pk", flat=True))
    return {
        "id": event.pk, "kind": event.kind, "effective_on": event.effective_on, "decision": event.decision,
        "note": event.note,
        "links": [{"unit_id": link.unit_id, "code": link.unit.code, "name": link.unit.name, "role": link.role}
                  if link.unit_id in visible else {"unit_id": None, "code": "", "name": str(OUT_OF_SCOPE),
                                                   "role": link.role}
                  for link in sorted(event.links.all(), key=lambda link: link.pk)],
    }


@router.post("/covered-units", response={201: CoveredUnitOut, **WRITE_ERRORS})
def covered_unit_create(request: HttpRequest, payload: CoveredUnitCreateIn) -> tuple[int, CoveredUnit]:
    unit = services.covered_unit_create(
        actor=request.user,
        code=payload.code,
        name=payload.name,
        kind=_covered_unit_kind(payload.kind),
        territory=_org(request, payload.territory_id, CHANGE),
        covered_by=_org(request, payload.covered_by_id, CHANGE) if payload.covered_by_id else None,
        established_on=payload.established_on,
        decision=_decision(payload.decision) if payload.decision else None,
        reason=payload.reason,
    )
    return 201, unit


def _unit(request: HttpRequest, pk: int) -> CoveredUnit:
    return queries.covered_unit_get(request.user, pk=pk, action=CHANGE)


@router.post("/covered-units/{id}/assign", response={200: CoveredUnitOut, **WRITE_ERRORS})
def covered_unit_assign(request: HttpRequest, id: Id, payload: CoveredUnitAssignIn) -> CoveredUnit:
    """From `effective_on`, the unit is covered by the cell, or by none (`covered_by_id: null`); the previous
    coverage ends on that date and stays in the history."""
    return services.covered_unit_assign(
        actor=request.user,
        unit=_unit(request, id),
        covered_by=_org(request, payload.covered_by_id, CHANGE) if payload.covered_by_id else None,
        effective_on=payload.effective_on,
        reason=payload.reason,
    )


@router.post("/covered-unit-events", response={201: UnitEventOut, **WRITE_ERRORS})
def covered_unit_event_record(request: HttpRequest, payload: UnitEventIn) -> tuple[int, dict[str, Any]]:
    """Record a unit's rename, dissolution, merger or split with the State decision; the body's `kind` says which."""
    common: dict[str, Any] = {"actor": request.user, "decision": _decision(payload.decision),
                              "reason": payload.reason}
    event: UnitEvent
    if isinstance(payload, UnitRenameIn):
        event = services.covered_unit_rename(unit=_unit(request, payload.unit_id), new_name=payload.new_name,
                                             effective_on=payload.effective_on, **common)
    elif isinstance(payload, UnitDissolveIn):
        event = services.covered_unit_dissolve(unit=_unit(request, payload.unit_id),
                                               dissolved_on=payload.effective_on, **common)
    elif isinstance(payload, UnitMergeIn):
        event = _unit_merge(request, payload, common)
    else:
        event = services.covered_unit_split(
            source=_unit(request, payload.source_id), effective_on=payload.effective_on,
            targets=[_new_unit(request, t, field=f"targets.{i}") for i, t in enumerate(payload.targets)], **common)
    return 201, _unit_event_out(request, event)


def _unit_merge(request: HttpRequest, payload: UnitMergeIn, common: dict[str, Any]) -> UnitEvent:
    if (payload.target_id is None) == (payload.new_target is None):
        raise DomainError(_("Give either target_id or new_target."), field="target_id")
    target: CoveredUnit | services.NewUnit
    if payload.target_id is not None:
        target = _unit(request, payload.target_id)
    else:
        assert payload.new_target is not None
        target = _new_unit(request, payload.new_target, field="new_target")
    return services.covered_unit_merge(sources=[_unit(request, pk) for pk in payload.source_ids], target=target,
                                       effective_on=payload.effective_on, **common)


def _new_unit(request: HttpRequest, spec: NewUnitIn, *, field: str) -> services.NewUnit:
    return services.NewUnit(
        code=spec.code, name=spec.name,
        kind=_covered_unit_kind(spec.kind, field=f"{field}.kind") if spec.kind else None,
        territory=_org(request, spec.territory_id, CHANGE) if spec.territory_id else None,
        covered_by=_org(request, spec.covered_by_id, CHANGE) if spec.covered_by_id else None,
    )
