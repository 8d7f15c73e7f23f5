"""Reads of commendations, honour-book entries and contest results, always through core.scope."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext

from core.errors import NotInScope
from core.scope import covers, get_in_scope, holds, restrict
from honours.models import COLLECTIVE_TARGETS, Commendation, Contest, ContestResult, HonourEntry, Target
from organizations.models import Organization

VIEW_PERMISSION = "honours.view"
CHANGE_PERMISSION = "honours.change"


def commendation_list(user: Any, *, organization: Organization | None = None, target: str = "",
                      level: Any = None, form: Any = None, campaign: Any = None,
                      date_from: dt.date | None = None, date_to: dt.date | None = None) -> QuerySet[Commendation]:
    queryset = restrict(Commendation.objects.select_related("organization", "person", "level", "form", "campaign"),
                        user, VIEW_PERMISSION)
    if organization is not None:
        queryset = queryset.filter(organization__path__under=organization.path)
    if target == "collective":
        queryset = queryset.filter(target__in=COLLECTIVE_TARGETS)
    elif target == Target.INDIVIDUAL:
        queryset = queryset.filter(target=Target.INDIVIDUAL)
    for name, value in (("level", level), ("form", form), ("campaign", campaign)):
        if value is not None:
            queryset = queryset.filter(**{name: value})
    if date_from is not None:
        queryset = queryset.filter(decided_on__gte=date_from)
    if date_to is not None:
        queryset = queryset.filter(decided_on__lte=date_to)
    return queryset


def commendation_get(user: Any, *, pk: Any) -> Commendation:
    return get_in_scope(Commendation.objects.select_related("organization", "person", "level", "form", "campaign"),
                        user, VIEW_PERMISSION, pk=pk)


def honour_entries(user: Any, *, organization: Organization | None = None) -> QuerySet[HonourEntry]:
    queryset = restrict(HonourEntry.objects.select_related("organization", "person", "campaign"), user,
                        VIEW_PERMISSION)
    if organization is not None:
        queryset = queryset.filter(organization__path__under=organization.path)
    return queryset


def contest_results(user: Any) -> QuerySet[ContestResult]:
    return restrict(ContestResult.objects.select_related("contest", "organization"), user, VIEW_PERMISSION)


def organization_choices(user: Any) -> QuerySet[Organization]:
    return restrict(Organization.objects.filter(dissolved_on__isnull=True), user, CHANGE_PERMISSION,
                    via="path").order_by("path")


def organization_get(user: Any, *, pk: Any = None, code: Any = None, action: str = VIEW_PERMISSION) -> Organization:
    lookup = {"pk": pk} if pk is not None else {"code": code}
    return get_in_scope(Organization.objects.all(), user, action, **lookup)


def can_change(user: Any, organization: Organization) -> bool:
    return covers(user, organization, CHANGE_PERMISSION)


def commendations_of_person(user: Any, *, person: Any) -> QuerySet[Commendation]:
    return restrict(Commendation.objects.filter(person=person).select_related("level", "form", "campaign"), user,
                    VIEW_PERMISSION)


def contest_get(user: Any, *, pk: Any) -> Contest:
    """A contest (contests belong to no subtree: anyone who may see commendations sees them)."""
    if not holds(user, VIEW_PERMISSION):
        raise NotInScope(gettext("Not found."))
    try:
        return Contest.objects.get(pk=pk)
    except (Contest.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise NotInScope(gettext("Not found.")) from exc
