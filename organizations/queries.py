"""Read side of the organization tree. Every function takes the user who asks and goes through `restrict`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from core.models import ChangeRecord
from core.scope import VIEW, get_in_scope, restrict
from core.text import fold
from organizations.models import (
    CoveredUnit,
    CoveredUnitVersion,
    LineageEvent,
    LineageLink,
    LinkRole,
    Organization,
    OrganizationVersion,
    UnitEvent,
)


def organizations_visible(user: Any, action: str = VIEW) -> QuerySet[Organization]:
    return restrict(Organization.objects.select_related("kind", "parent"), user, action)


def organization_get(user: Any, *, pk: Any, action: str = VIEW) -> Organization:
    return get_in_scope(Organization.objects.select_related("kind", "parent"), user, action, pk=pk)


def organization_get_by_code(user: Any, *, code: str, action: str = VIEW) -> Organization:
    return get_in_scope(Organization.objects.select_related("kind", "parent"), user, action, code=code)


def organization_roots(user: Any) -> QuerySet[Organization]:
    """The outermost organizations the user can see: the tops of their subtrees."""
    visible = organizations_visible(user)
    return visible.exclude(parent__in=visible.values("pk")).annotate(child_count=Count("children"))


def organization_children(user: Any, *, parent: Organization, include_dissolved: bool = True) -> QuerySet[Organization]:
    children = organizations_visible(user).filter(parent=parent).annotate(child_count=Count("children"))
    return children if include_dissolved else children.filter(dissolved_on__isnull=True)


def organization_search(user: Any, *, text: str, limit: int = 50) -> QuerySet[Organization]:
    """Names containing every typed word, ignoring diacritics and case ('na ri' finds 'Na Rì')."""
    condition = Q()
    for word in fold(text).split():
        condition &= Q(search_name__contains=word)
    return organizations_visible(user).filter(condition).order_by("depth", "sort_name")[:limit]


def organization_ancestors(user: Any, *, organization: Organization) -> list[Organization]:
    """Visible ancestors, outermost first (for breadcrumbs)."""
    paths = organization.ancestor_paths()[:-1]
    found = {o.path: o for o in organizations_visible(user).filter(path__in=paths)}
    return [found[p] for p in paths if p in found]


@dataclass(frozen=True)
class TreeNode:
    """One organization as it stood on a date."""

    organization_id: int
    code: str
    name: str
    kind_name: str
    parent_id: int | None
    path: str
    depth: int


def versions_as_of(on: dt.date) -> QuerySet[OrganizationVersion]:
    """Every organization version in force on `on` (unscoped; callers restrict)."""
    return OrganizationVersion.objects.filter(valid_from__lte=on).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))


def tree_as_of(user: Any, *, on: dt.date, root: Organization | None = None) -> list[TreeNode]:
    """The visible tree on a date: who existed, under which parent, with which name; sorted parent-first."""
    versions = restrict(versions_as_of(on), user).select_related("kind", "organization")
    if root is not None:
        root_version = versions.filter(organization=root).first()
        if root_version is None:
            return []
        versions = versions.filter(path__under=root_version.path)
    nodes = [
        TreeNode(
            organization_id=v.organization_id,
            code=v.organization.code,
            name=v.name,
            kind_name=v.kind.name,
            parent_id=v.parent_id,
            path=v.path,
            depth=v.path.count(".") - 1,
        )
        for v in versions
    ]
    return sorted(nodes, key=lambda n: (n.path.count("."), n.path))


def subtree_versions_as_of(organization: Organization, *, on: dt.date) -> QuerySet[OrganizationVersion]:
    """Versions on `on` of the organization and everything then under it (for counting under the tree of D)."""
    root = versions_as_of(on).filter(organization=organization).first()
    if root is None:
        return OrganizationVersion.objects.none()
    return versions_as_of(on).filter(path__under=root.path)


def lineage_of(user: Any, *, organization: Organization) -> QuerySet[LineageEvent]:
    """Restructuring events that involve the organization, newest first."""
    return (
        restrict(LineageEvent.objects.all(), user)
        .filter(links__organization=organization)
        .distinct()
        .prefetch_related("links__organization")
    )


def lineage_detail_ids(details: dict[str, Any]) -> set[int]:
    """Organization ids named in a lineage event's details (successor(s), child moves)."""
    ids: set[int] = set()
    if isinstance(details.get("successor"), int):
        ids.add(details["successor"])
    ids |= {pk for pk in details.get("successors") or [] if isinstance(pk, int)}
    for child, parent in (details.get("child_moves") or {}).items():
        ids |= {pk for pk in (_as_int(child), parent) if isinstance(pk, int)}
    return ids


def lineage_details_in_scope(details: dict[str, Any], visible: set[int]) -> dict[str, Any]:
    """The details with ids of organizations outside `visible` blanked (None), so no id leaks."""
    shown = dict(details)
    if "successor" in shown:
        shown["successor"] = shown["successor"] if shown["successor"] in visible else None
    if "successors" in shown:
        shown["successors"] = [pk if pk in visible else None for pk in shown["successors"] or []]
    if "child_moves" in shown:
        shown["child_moves"] = {
            child: (parent if parent in visible else None)
            for child, parent in (shown["child_moves"] or {}).items()
            if _as_int(child) in visible
        }
    return shown


def _as_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def lineage_events(user: Any) -> QuerySet[LineageEvent]:
    return restrict(LineageEvent.objects.all(), user).prefetch_related("links__organization")


def _linked(organization: Organization, *, mine: str, theirs: str) -> QuerySet[Organization]:
    events = LineageLink.objects.filter(organization=organization, role=mine).values("event")
    return (
        Organization.objects.filter(lineage_links__event__in=events, lineage_links__role=theirs)
        .exclude(pk=organization.pk)
        .distinct()
    )


def successors_of(user: Any, *, organization: Organization) -> QuerySet[Organization]:
    """Organizations that took over from this one in a merger or split."""
    return restrict(_linked(organization, mine=LinkRole.SOURCE, theirs=LinkRole.TARGET), user)


def predecessors_of(user: Any, *, organization: Organization) -> QuerySet[Organization]:
    """Organizations this one took over from in a merger or split."""
    return restrict(_linked(organization, mine=LinkRole.TARGET, theirs=LinkRole.SOURCE), user)


def covered_units_of(user: Any, *, organization: Organization) -> QuerySet[CoveredUnit]:
    """Units on the organization's territory or covered by it."""
    return (
        restrict(CoveredUnit.objects.select_related("kind", "covered_by"), user)
        .filter(Q(territory=organization) | Q(covered_by=organization))
        .distinct()
    )


def covered_units_in(user: Any, *, organization: Organization | None = None, as_of: dt.date | None = None,
                     text: str = "", code: str = "", kind: str = "", active: bool | None = None
                     ) -> QuerySet[CoveredUnit]:
    """Visible units filtered: in the organization's whole subtree (today's, or under the tree of `as_of`), by exact
    code, by `text` (every word of the name, or the code), by kind code, active or dissolved."""
    units = restrict(CoveredUnit.objects.select_related("kind", "covered_by", "territory"), user)
    if organization is not None and as_of is None:
        units = units.filter(Q(territory__path__under=organization.path) | Q(covered_by__path__under=organization.path))
    if as_of is not None:
        if organization is None:
            units = units.filter(pk__in=versions_in_force(as_of).values("unit_id"))
        else:
            territories = subtree_versions_as_of(organization, on=as_of).values("organization_id")
            units = units.filter(pk__in=versions_in_force(as_of).filter(territory_id__in=territories).values("unit_id"))
    if code.strip():
        units = units.filter(code__iexact=code.strip())
    if text.strip():
        units = units.filter(Q(code__iexact=text.strip()) | _words(text))
    if kind.strip():
        units = units.filter(kind__code=kind.strip())
    if active is not None:
        units = units.filter(dissolved_on__isnull=active)
    return units.order_by("sort_name", "pk")


def _words(text: str) -> Q:
    condition = Q()
    for word in fold(text).split():
        condition &= Q(search_name__contains=word)
    return condition


def in_force(on: dt.date) -> Q:
    """A dated row (valid_from: empty = since a date unknown; valid_to exclusive) in force on `on`."""
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=on)) & (Q(valid_to__isnull=True) | Q(valid_to__gt=on))


def versions_in_force(on: dt.date) -> QuerySet[CoveredUnitVersion]:
    """Every covered unit's version in force on `on` (the units that existed then; unscoped)."""
    return CoveredUnitVersion.objects.filter(in_force(on))


def covered_unit_get(user: Any, *, pk: Any, action: str = VIEW) -> CoveredUnit:
    units = CoveredUnit.objects.select_related("kind", "covered_by", "territory__kind", "territory__parent")
    return get_in_scope(units, user, action, pk=pk)


def covered_unit_history(unit: CoveredUnit) -> dict[str, Any]:
    """A unit fetched through its scope: its versions (name, territory), coverages and events, oldest first."""
    return {
        "versions": list(unit.versions.select_related("territory", "event", "lineage_event")),
        "coverages": list(unit.coverages.select_related("cell")),
        "events": list(UnitEvent.objects.filter(links__unit=unit).distinct().order_by("effective_on", "pk")
                       .prefetch_related("links__unit")),
    }


def coverage_counts(user: Any, *, organization: Organization) -> dict[str, int]:
    """Units in the subtree, and how many have no cell yet ("chưa có chi bộ")."""
    units = restrict(CoveredUnit.objects.all(), user).filter(
        territory__path__under=organization.path, dissolved_on__isnull=True
    )
    return {"units": units.count(), "without_cell": units.filter(covered_by__isnull=True).count()}


def change_log_of(obj: Any, *, limit: int = 100) -> QuerySet[ChangeRecord]:
    """Change records of an object the caller has already fetched through its scope."""
    return ChangeRecord.objects.for_object(obj).select_related("user")[:limit]
