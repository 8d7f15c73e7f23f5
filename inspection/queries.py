"""Reads of inspection records, always through core.scope; and the answers to core.discipline's questions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from django.db.models import Q, QuerySet

from core.scope import CHANGE, VIEW, covers, get_in_scope, holds, restrict
from inspection.models import (
    Appeal,
    AppealOutcome,
    Discipline,
    DisciplineSubject,
    FollowUp,
    FormRule,
    Inspection,
    Programme,
    TeamMember,
)
from organizations.models import Organization

VIEW_PERMISSION, CHANGE_PERMISSION = "inspection.view", "inspection.change"


def programmes_visible(user: Any, action: str = VIEW) -> QuerySet[Programme]:
    return restrict(Programme.objects.select_related("organization"), user, f"inspection.{action}")


def inspections_visible(user: Any, action: str = VIEW) -> QuerySet[Inspection]:
    return restrict(
        Inspection.objects.select_related("organization", "programme", "subject_organization", "subject_person"),
        user, f"inspection.{action}")


def disciplines_visible(user: Any, action: str = VIEW) -> QuerySet[Discipline]:
    return restrict(
        Discipline.objects.select_related("organization", "subject_organization", "subject_person", "rule", "unit"),
        user, f"inspection.{action}")


def programme_get(user: Any, *, pk: Any, action: str = VIEW) -> Programme:
    return get_in_scope(Programme.objects.select_related("organization"), user, f"inspection.{action}", pk=pk)


def inspection_get(user: Any, *, pk: Any, action: str = VIEW) -> Inspection:
    return get_in_scope(inspections_visible(user, action), user, f"inspection.{action}", pk=pk)


def discipline_get(user: Any, *, pk: Any, action: str = VIEW) -> Discipline:
    return get_in_scope(disciplines_visible(user, action), user, f"inspection.{action}", pk=pk)


def follow_up_get(user: Any, *, pk: Any, action: str = CHANGE) -> FollowUp:
    return get_in_scope(FollowUp.objects.select_related("inspection"), user, f"inspection.{action}", pk=pk)


def appeal_get(user: Any, *, pk: Any, action: str = CHANGE) -> Appeal:
    return get_in_scope(Appeal.objects.select_related("discipline"), user, f"inspection.{action}", pk=pk)


def team_of(inspection: Inspection) -> QuerySet[TeamMember]:
    """The team of an inspection already fetched in scope."""
    return inspection.team.select_related("person", "seat").order_by("role", "id")


def follow_ups_of(inspection: Inspection) -> QuerySet[FollowUp]:
    return inspection.follow_ups.order_by("due_on", "id")


def appeals_of(discipline: Discipline) -> QuerySet[Appeal]:
    return discipline.appeals.order_by("filed_on", "id")


def can_change(user: Any, organization: Organization) -> bool:
    return covers(user, organization, CHANGE_PERMISSION)


def may_record(user: Any) -> bool:
    return holds(user, CHANGE_PERMISSION)


def form_rules_on(subject: str, on: dt.date) -> QuerySet[FormRule]:
    """The rule data in force on `on` for a kind of subject (reference data, not scoped)."""
    return FormRule.objects.filter(subject=subject, valid_from__lte=on).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=on)).order_by("form")


# ----------------------------------------------------------------------------- core.discipline source


def _standing(year: int) -> QuerySet[Discipline]:
    """Decisions dated in `year` that an appeal has not annulled."""
    annulled = Appeal.objects.filter(outcome=AppealOutcome.ANNULLED).values("discipline_id")
    return Discipline.objects.filter(decision_date__year=year).exclude(pk__in=annulled)


def people_disciplined_in(person_ids: Collection[int], year: int) -> set[int]:
    return set(_standing(year).filter(subject_person_id__in=list(person_ids))
               .exclude(subject=DisciplineSubject.ORGANIZATION).values_list("subject_person_id", flat=True))


def organizations_disciplined_in(organization_ids: Collection[int], year: int) -> set[int]:
    return set(_standing(year).filter(subject_organization_id__in=list(organization_ids))
               .values_list("subject_organization_id", flat=True))


def documents_named(user: Any, *, number: str, on: dt.date | None) -> list[Any]:
    """The register's documents (documents app, in the user's scope) with this number and date: the link from an
    inspection of a resolution's implementation to the document, resolved when read (the inspection keeps the
    number and date)."""
    from django.apps import apps

    if not number or on is None or not apps.is_installed("documents"):
        return []
    from documents.queries import documents_visible

    return list(documents_visible(user).filter(number=number, issued_on=on)[:5])
