"""Reads of oversight assignments, always through core.scope."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from committees.models import COMMITTEE_KINDS, Seat
from core.scope import covers, get_in_scope, restrict
from members.models import Person
from organizations.models import Organization
from organizations.queries import versions_as_of
from oversight.models import Assignment

VIEW_PERMISSION = "oversight.view"
CHANGE_PERMISSION = "oversight.change"


def in_force(on: dt.date) -> Q:
    return Q(starts_on__lte=on) & (Q(ended_on__isnull=True) | Q(ended_on__gt=on))


def organization_get(user: Any, *, pk: Any = None, code: Any = None, action: str = VIEW_PERMISSION) -> Organization:
    lookup = {"pk": pk} if pk is not None else {"code": code}
    return get_in_scope(Organization.objects.select_related("kind"), user, action, **lookup)


def can_change(user: Any, organization: Organization) -> bool:
    return covers(user, organization, CHANGE_PERMISSION)


def cells_under(organization: Organization, on: dt.date) -> list[Organization]:
    """The organizations directly under `organization` on `on` (the cells its committee oversees)."""
    ids = versions_as_of(on).filter(parent=organization).values("organization_id")
    return list(Organization.objects.filter(pk__in=ids).order_by("sort_name"))


def coverage(user: Any, *, organization: Organization, on: dt.date) -> list[dict[str, Any]]:
    """Each cell directly under the organization on `on`, with the assignments in force that day."""
    cells = cells_under(organization, on)
    assignments = restrict(Assignment.objects.filter(in_force(on), organization__in=cells), user,
                           VIEW_PERMISSION).select_related("person")
    by_cell: dict[int, list[Assignment]] = {}
    for assignment in assignments:
        by_cell.setdefault(assignment.organization_id, []).append(assignment)
    return [{"cell": cell, "assignments": by_cell.get(cell.pk, [])} for cell in cells]


def committee_members(organization: Organization, on: dt.date) -> QuerySet[Person]:
    """Who sits on the organization's committee on `on` (those who may be assigned)."""
    seats = Seat.objects.filter(in_force(on), organization=organization, kind__in=COMMITTEE_KINDS)
    return Person.objects.filter(pk__in=seats.values("person_id")).order_by("sort_name")


def assignments_of_person(user: Any, *, person: Person) -> QuerySet[Assignment]:
    return restrict(Assignment.objects.filter(person=person).select_related("organization", "committee_of"), user,
                    VIEW_PERMISSION).order_by("-starts_on")


def assignments_of_cell(user: Any, *, organization: Organization) -> QuerySet[Assignment]:
    return restrict(Assignment.objects.filter(organization=organization).select_related("person"), user,
                    VIEW_PERMISSION).order_by("-starts_on")


def assignment_get(user: Any, *, pk: Any, action: str = CHANGE_PERMISSION) -> Assignment:
    return get_in_scope(Assignment.objects.select_related("organization", "person"), user, action, pk=pk)


def committee_people(user: Any, *, organization: Organization) -> QuerySet[Person]:
    """Everyone who held a committee seat of the organization (the service checks the seat on the day)."""
    seats = Seat.objects.filter(organization=organization, kind__in=COMMITTEE_KINDS).values("person_id")
    return restrict(Person.objects.filter(pk__in=seats), user, "members.view").order_by("sort_name")
