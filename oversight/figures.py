"""Oversight coverage of an organization subtree on the as-of date (docs/figures.md, namespace "oversight").

Cells are the subordinate cells (kinds that hold members and are not grassroots) that stood under the
organization on `as_of`; a cell is overseen when an assignment to it is in force that day. Two queries.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.figures import FigureRequest, RecordRow, Records, register, register_labels, register_records
from members.models import Person
from organizations.models import Organization, OrganizationVersion
from organizations.queries import subtree_versions_as_of
from oversight.models import Assignment

KEYS = ("cells", "cells_overseen", "cells_without_overseer", "overseers", "assignments")


def in_force(on: dt.date) -> Q:
    return Q(starts_on__lte=on) & (Q(ended_on__isnull=True) | Q(ended_on__gt=on))


def cell_versions(organization: Organization, *, as_of: dt.date) -> QuerySet[OrganizationVersion]:
    """The subordinate cells under the organization on `as_of` (their versions of that day)."""
    return subtree_versions_as_of(organization, on=as_of).filter(kind__holds_members=True, kind__is_grassroots=False)


def assignments_in_force(organization: Organization, *, as_of: dt.date,
                         cell_ids: set[int] | None = None) -> QuerySet[Assignment]:
    """The assignments in force on `as_of` to those cells (`cell_ids`: their ids, when already read)."""
    if cell_ids is None:
        cell_ids = set(cell_versions(organization, as_of=as_of).values_list("organization_id", flat=True))
    return Assignment.objects.filter(in_force(as_of), organization_id__in=cell_ids)


def oversight_figures(organization: Organization, *, as_of: dt.date) -> dict[str, int]:
    cell_ids = set(cell_versions(organization, as_of=as_of).values_list("organization_id", flat=True))
    rows = list(assignments_in_force(organization, as_of=as_of, cell_ids=cell_ids)
                .values_list("organization_id", "person_id"))
    overseen = {organization_id for organization_id, _person in rows}
    return {
        "cells": len(cell_ids),
        "cells_overseen": len(overseen),
        "cells_without_overseer": len(cell_ids - overseen),
        "overseers": len({person for _org, person in rows}),
        "assignments": len(rows),
    }


@register("oversight")
def oversight_contribution(request: FigureRequest) -> dict[str, int]:
    """The "oversight" namespace of the figures service (docs/figures.md)."""
    return oversight_figures(request.organization, as_of=request.as_of)


register_labels("oversight", _("Oversight of cells"), {
    "cells": _("Cells under a grassroots committee"),
    "cells_overseen": _("Cells with a committee member overseeing them"),
    "cells_without_overseer": _("Cells nobody oversees"),
    "overseers": _("Committee members overseeing cells"),
    "assignments": _("Oversight assignments in force"),
}, stocks=KEYS)


# The records behind the keys (core.figures.records): the cells, the overseers and the assignments counted.
def _cells(request: FigureRequest, key: str) -> QuerySet[OrganizationVersion]:
    overseen = Assignment.objects.filter(in_force(request.as_of), organization_id=OuterRef("organization_id"))
    cells = cell_versions(request.organization, as_of=request.as_of).annotate(overseen=Exists(overseen))
    if key != "cells":
        cells = cells.filter(overseen=key == "cells_overseen")
    return cells.select_related("kind").order_by("path", "id")


def _describe_cell(version: OrganizationVersion) -> RecordRow:
    return RecordRow(text=version.name, url=reverse("oversight:coverage", args=[version.organization_id]),
                     on=version.valid_from, detail=version.kind.name)


def _overseers(request: FigureRequest, key: str) -> QuerySet[Person]:
    people = assignments_in_force(request.organization, as_of=request.as_of).values("person_id")
    return Person.objects.filter(pk__in=people).order_by("sort_name", "id")


def _describe_person(person: Person) -> RecordRow:
    return RecordRow(text=person.full_name, url=reverse("members:detail", args=[person.pk]))


def _assignments(request: FigureRequest, key: str) -> QuerySet[Assignment]:
    return (assignments_in_force(request.organization, as_of=request.as_of)
            .select_related("person", "organization").order_by("organization__path", "starts_on", "id"))


def _describe_assignment(assignment: Assignment) -> RecordRow:
    return RecordRow(text=assignment.person.full_name,
                     url=reverse("oversight:coverage", args=[assignment.organization_id]), on=assignment.starts_on,
                     detail=assignment.organization.name)


_PERMISSION = "oversight.view"
register_records("oversight", {
    **{key: Records(rows=_cells, describe=_describe_cell, permission=_PERMISSION, stock=True)
       for key in ("cells", "cells_overseen", "cells_without_overseer")},
    "overseers": Records(rows=_overseers, describe=_describe_person, permission=_PERMISSION, stock=True),
    "assignments": Records(rows=_assignments, describe=_describe_assignment, permission=_PERMISSION, stock=True),
})
