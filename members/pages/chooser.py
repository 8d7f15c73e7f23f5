"""The organizations a user may choose on the member pages, depth first, with their names."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from core.scope import VIEW, restrict
from core.text import title_sort_key
from organizations.models import Organization
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
    ids = {o.pk for o in keep}
    under: dict[int | None, list[Organization]] = defaultdict(list)
    for organization in keep:
        under[organization.parent_id if organization.parent_id in ids else None].append(organization)
    for siblings in under.values():
        siblings.sort(key=lambda o: title_sort_key(o.name))
    ordered: list[OrganizationChoice] = []
    stack = [(o, 0) for o in reversed(under[None])]
    while stack:
        organization, level = stack.pop()
        ordered.append(OrganizationChoice(organization, 0 if cells_only else level))
        stack.extend((child, level + 1) for child in reversed(under[organization.pk]))
    return ordered


def default_organization(user: Any) -> Organization | None:
    """The outermost organization of the user's member scope (the first one, when there are several)."""
    choices = member_organizations(user)
    return choices[0].organization if choices else None


def organization_names(ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return dict(Organization.objects.filter(pk__in=wanted).values_list("pk", "name"))

