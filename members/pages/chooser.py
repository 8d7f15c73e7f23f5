"""The organizations a user may choose on the member pages, depth first, with their names."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from core.scope import VIEW, restrict
from organizations.models import Organization
from organizations.ordering import depth_first
from organizations.picker import Scope, organization_pick
from organizations.queries import organizations_visible


@dataclass(frozen=True)
class OrganizationChoice:
    organization: Organization
    level: int

    @property
    def label(self) -> str:
        return "\u00a0\u00a0\u00a0" * self.level + self.organization.name


def member_organizations(user: Any, *, action: str = VIEW, cells_only: bool = False) -> list[OrganizationChoice]:
    """Active organizations where the user may `action` member files that hold cells (or are cells), depth first.

    One query; siblings in Vietnamese order. `cells_only` keeps the organizations that hold members.
    """
    visible = restrict(organizations_visible(user).filter(dissolved_on__isnull=True), user, f"members.{action}",
                       via="path")
    rows = list(visible.select_related("kind").only("pk", "name", "path", "depth", "parent_id", "kind__holds_members"))
    cell_paths = [o.path for o in rows if o.kind.holds_members]
    if cells_only:
        keep = [o for o in rows if o.kind.holds_members]
    else:
        prefixes = {cell[: i + 1] for cell in cell_paths for i, ch in enumerate(cell) if ch == "."}
        keep = [o for o in rows if o.path in prefixes]
    ordered = depth_first(keep, pk=lambda o: o.pk, parent=lambda o: o.parent_id)
    return [OrganizationChoice(organization, 0 if cells_only else level) for organization, level in ordered]


def default_organization(user: Any) -> Organization | None:
    """The outermost organization of the user's member scope (the first one, when there are several); one query."""
    found = organization_pick(user, scope=Scope(permission=f"members.{VIEW}"), limit=1).choices
    return found[0] if found else None


def organization_names(ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return dict(Organization.objects.filter(pk__in=wanted).values_list("pk", "name"))

