"""The read model of the home page: the organization it is about, every provider's tasks there, and the same
counts summed per child organization (for a commune office, a district or province board), with drill-down.

Queries: the user's roots (or the organization asked for), its children, the paths of the organizations the
providers' items belong to (one query), plus each provider's own fixed number — none grows with the subtree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.http import urlencode

from core.tasks import TaskAction, TaskGroup, collect
from core.text import title_sort_key
from organizations.models import Organization
from organizations.queries import organization_children, organization_roots


@dataclass(frozen=True)
class ChildRow:
    """One child organization: its counts, in the order of the page's groups, and its own home page."""

    organization: Organization
    cells: list[tuple[str, int]]  # (the group's short title, count)
    url: str

    @property
    def total(self) -> int:
        return sum(count for _label, count in self.cells)


@dataclass
class HomePage:
    organization: Organization | None
    roots: list[Organization]
    groups: list[TaskGroup] = field(default_factory=list)
    actions: list[TaskAction] = field(default_factory=list)
    children: list[ChildRow] = field(default_factory=list)
    on: dt.date | None = None

    @property
    def total(self) -> int:
        return sum(g.count for g in self.groups)

    @property
    def quiet(self) -> list[TaskGroup]:
        """The groups with nothing waiting, listed together at the end."""
        return [g for g in self.groups if not g.count]

    @property
    def urgent(self) -> int:
        return sum(g.urgent for g in self.groups)


def home_url(organization: Organization) -> str:
    return f"{reverse('home:index')}?{urlencode({'organization': organization.pk})}"


def user_roots(user: Any) -> list[Organization]:
    """The tops of the user's subtrees, active ones first, in Vietnamese order."""
    roots = list(organization_roots(user).select_related("kind"))
    return sorted(roots, key=lambda o: (o.dissolved_on is not None, title_sort_key(o.name)))


def _per_child(children: list[Organization], groups: list[TaskGroup]) -> list[ChildRow]:
    """Each group's count summed over the items whose organization lies under each child (one query)."""
    ids = {pk for group in groups for pk in group.by_organization}
    paths = dict(Organization.objects.filter(pk__in=ids).values_list("pk", "path")) if ids and children else {}
    rows = []
    for child in children:
        inside = {pk for pk, path in paths.items() if path.startswith(child.path)}
        cells = [(group.short or group.title, sum(n for pk, n in group.by_organization.items() if pk in inside))
                 for group in groups]
        rows.append(ChildRow(child, cells, home_url(child)))
    return rows


def home_page(user: Any, organization: Organization | None, *, on: dt.date) -> HomePage:
    """What needs doing in `organization`'s subtree (default: the user's first root) on the date."""
    roots = user_roots(user)
    organization = organization or (roots[0] if roots else None)
    page = HomePage(organization=organization, roots=roots, on=on)
    if organization is None:
        return page
    tasks = collect(user, organization, on)
    page.groups, page.actions = tasks.groups, tasks.actions
    children = sorted(organization_children(user, parent=organization, include_dissolved=False),
                      key=lambda o: title_sort_key(o.name))
    page.children = _per_child(children, page.groups)
    return page
