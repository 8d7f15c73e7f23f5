"""The dashboard's drill-down rows: members, admitted and learners of every child organization in a bounded
number of queries (issue 14 §4), whatever the number of children.

Each count is the one the figures service gives for the child alone (members.figures, training.figures), asked
once for all the children and shared out by path: a row of the subtree counts for the child whose path (on the
row's own date: the tree of as_of for members, the event's or class's date for movements) lies under its path.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db.models import Count, OuterRef, Q, Subquery

from members.figures import movement_condition, movement_events_under
from members.models import MEMBER_STATUSES, MembershipSpell
from organizations.models import Organization, OrganizationVersion
from organizations.queries import versions_as_of
from training.checks import stood_under
from training.models import Learner, TrainingClass


def _path_on(organization_field: str, date_field: str) -> Subquery:
    """The path, on the row's own date, of the row's organization."""
    return Subquery(
        OrganizationVersion.objects.filter(organization=OuterRef(organization_field),
                                           valid_from__lte=OuterRef(date_field))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=OuterRef(date_field)))
        .values("path")[:1]
    )


def _share(counted: Iterable[tuple[str, int]], paths: dict[int, list[str]]) -> dict[int, int]:
    """Counts per path shared out to the children whose paths lie above them (a path under none is dropped)."""
    result: Counter[int] = Counter()
    for path, n in counted:
        for child, prefixes in paths.items():
            if any(path.startswith(prefix) for prefix in prefixes):
                result[child] += n
    return dict(result)


def children_counts(children: list[Organization], *, date_from: dt.date, date_to: dt.date,
                    as_of: dt.date) -> dict[str, dict[int, int]]:
    """members_total on as_of (tree of as_of), admitted and learners in [date_from, date_to], per child id."""
    if not children:
        return {"members_total": {}, "admitted": {}, "learners": {}}
    ids = [child.pk for child in children]
    on_date: dict[int, list[str]] = defaultdict(list)
    for pk, path in versions_as_of(as_of).filter(organization_id__in=ids).values_list("organization_id", "path"):
        on_date[pk].append(path)
    in_period: dict[int, list[str]] = defaultdict(list)
    for pk, path in (OrganizationVersion.objects.filter(organization_id__in=ids, valid_from__lte=date_to)
                     .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=date_from))
                     .values_list("organization_id", "path").distinct()):
        in_period[pk].append(path)
    all_on_date = [p for paths in on_date.values() for p in paths]
    all_in_period = sorted({p for paths in in_period.values() for p in paths})

    spells = Counter[str]()
    if all_on_date:
        under = Q(pk__in=[])
        for path in all_on_date:
            under |= Q(path__under=path)
        organizations = versions_as_of(as_of).filter(under).values("organization_id")
        found = (MembershipSpell.objects.filter(organization_id__in=organizations, valid_from__lte=as_of,
                                                status__in=MEMBER_STATUSES)
                 .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=as_of))
                 .annotate(at=Subquery(versions_as_of(as_of).filter(organization=OuterRef("organization"))
                                       .values("path")[:1]))
                 .values("at").annotate(n=Count("id")).values_list("at", "n"))
        spells.update(dict(found))

    admitted: list[tuple[str, int]] = []
    learners: list[tuple[str, int]] = []
    if all_in_period and date_from <= date_to:
        events = movement_events_under(all_in_period, date_from=date_from, date_to=date_to).filter(
            movement_condition("admitted", date_from=date_from, date_to=date_to))
        admitted = list(events.annotate(at=_path_on("organization", "occurred_on"))
                        .values("at").annotate(n=Count("id")).values_list("at", "n"))
        learners = list(
            Learner.objects.filter(training_class__starts_on__gte=date_from, training_class__starts_on__lte=date_to)
            .filter(training_class__in=TrainingClass.objects.filter(
                stood_under(all_in_period, organization_field="host", date_field="starts_on")).values("pk"))
            .annotate(at=_path_on("training_class__host", "training_class__starts_on"))
            .values("at").annotate(n=Count("id")).values_list("at", "n"))
    return {"members_total": _share(spells.items(), on_date), "admitted": _share(admitted, in_period),
            "learners": _share(learners, in_period)}

