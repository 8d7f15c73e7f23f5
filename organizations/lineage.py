"""Predecessors through the lineage: which organizations a younger one took over from, as they stood on a date.

A new commune formed on 01/07/2025 from three old communes has, for 2024, the three old communes as its
predecessors; if one of those was itself formed in 2020 from two others, counting 2019 goes one step further.
`predecessor_roots` walks the merger and split links backwards (transitively) and returns the organizations
whose subtrees, as they stood then, together make up the organization's past — without one inside another,
so that summing their figures never counts an organization twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from organizations.models import LineageKind, LineageLink, LinkRole, Organization, OrganizationVersion

# Mergers and splits hand an organization's past on to its successors; moves and renames keep the same one.
_HANDING_ON = (LineageKind.MERGE, LineageKind.SPLIT)


@dataclass(frozen=True)
class Root:
    """One predecessor whose subtree is counted, and the date on which its place in the tree was read."""

    organization: Organization
    on: dt.date
    path: str


def lineage_closure(organization: Organization, *, since: dt.date) -> list[Organization]:
    """The organization and, transitively, every organization it took over from in a merger or split after `since`."""
    seen: dict[int, Organization] = {organization.pk: organization}
    frontier = [organization.pk]
    while frontier:
        events = LineageLink.objects.filter(
            organization_id__in=frontier, role=LinkRole.TARGET,
            event__kind__in=_HANDING_ON, event__effective_on__gt=since,
        ).values("event_id")
        sources = (Organization.objects.filter(lineage_links__event_id__in=events,
                                               lineage_links__role=LinkRole.SOURCE)
                   .exclude(pk__in=list(seen)).select_related("kind").distinct())
        frontier = []
        for source in sources:
            seen[source.pk] = source
            frontier.append(source.pk)
    return list(seen.values())


def predecessor_roots(organization: Organization, *, date_from: dt.date, date_to: dt.date,
                      as_of: dt.date) -> list[Root]:
    """The organizations to count for `organization` "with predecessors" over a period and a stock date.

    Every organization of the lineage closure that existed at some time between the earliest and the latest of
    the dates, read on the latest such date; one whose path then lay under another root's path on that date is
    left out (its figures are already in the other's subtree).
    """
    start, end = min(date_from, as_of), max(date_to, as_of)
    candidates = lineage_closure(organization, since=start)
    versions = (OrganizationVersion.objects.filter(organization__in=candidates, valid_from__lte=end)
                .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=start)).order_by("organization_id", "valid_from"))
    latest: dict[int, OrganizationVersion] = {}
    for version in versions:
        latest[version.organization_id] = version  # the last version overlapping the window
    by_pk = {o.pk: o for o in candidates}
    roots = []
    for pk, version in latest.items():
        last_day = end if version.valid_to is None or version.valid_to > end else version.valid_to - dt.timedelta(1)
        roots.append(Root(organization=by_pk[pk], on=max(last_day, version.valid_from), path=version.path))
    return [root for root in roots if not _inside_another(root, roots)]


def _inside_another(root: Root, roots: list[Root]) -> bool:
    """Whether, on the root's date, the root stood under another root of the set."""
    others = [r.organization.pk for r in roots if r.organization.pk != root.organization.pk]
    if not others:
        return False
    ancestors = root.path.strip(".").split(".")[:-1]
    if not ancestors:
        return False
    return (OrganizationVersion.objects.filter(organization_id__in=others, valid_from__lte=root.on)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=root.on))
            .filter(organization_id__in=[int(a) for a in ancestors]).exists())
