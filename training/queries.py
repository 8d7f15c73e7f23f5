"""Reads of training records, always through core.scope."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet

from core.scope import covers, get_in_scope, restrict
from organizations.models import Organization
from training.models import ClassKind, Learner, TrainingClass

VIEW_PERMISSION = "training.view"
CHANGE_PERMISSION = "training.change"


def classes_visible(user: Any) -> QuerySet[TrainingClass]:
    return restrict(TrainingClass.objects.select_related("kind", "host", "organizer"), user, VIEW_PERMISSION)


def class_list(user: Any, *, kind: ClassKind | None = None, organization: Organization | None = None,
               date_from: dt.date | None = None, date_to: dt.date | None = None,
               organizer: str = "") -> QuerySet[TrainingClass]:
    """Classes the user may see: of a kind, hosted under an organization, overlapping a period, by organizer."""
    queryset = classes_visible(user).annotate(learner_count=Count("learners"))
    if kind is not None:
        queryset = queryset.filter(kind=kind)
    if organization is not None:
        queryset = queryset.filter(host__path__under=organization.path)
    if date_from is not None:
        queryset = queryset.filter(ends_on__gte=date_from)
    if date_to is not None:
        queryset = queryset.filter(starts_on__lte=date_to)
    if organizer:
        queryset = queryset.filter(Q(organizer_name__icontains=organizer) | Q(organizer__name__icontains=organizer)
                                   | Q(co_organizers__icontains=organizer))
    return queryset


def class_get(user: Any, *, pk: Any, action: str = VIEW_PERMISSION) -> TrainingClass:
    return get_in_scope(TrainingClass.objects.select_related("kind", "host", "organizer"), user, action, pk=pk)


def learners_of(training_class: TrainingClass) -> QuerySet[Learner]:
    """The class's learners (the class was fetched through the scope)."""
    return training_class.learners.select_related("person").prefetch_related("tags").order_by("id")


def learner_get(user: Any, *, pk: Any, action: str = CHANGE_PERMISSION) -> Learner:
    return get_in_scope(Learner.objects.select_related("training_class__kind", "person"), user, action, pk=pk)


def host_choices(user: Any) -> QuerySet[Organization]:
    """Organizations where the user may record classes."""
    active = Organization.objects.filter(dissolved_on__isnull=True)
    return restrict(active, user, CHANGE_PERMISSION, via="path").order_by("path")


def organization_get(user: Any, *, pk: Any = None, code: Any = None, action: str = VIEW_PERMISSION) -> Organization:
    lookup = {"pk": pk} if pk is not None else {"code": code}
    return get_in_scope(Organization.objects.all(), user, action, **lookup)


def can_change(user: Any, training_class: TrainingClass) -> bool:
    return covers(user, training_class.host, CHANGE_PERMISSION)


def trainings_of_person(user: Any, *, person: Any) -> QuerySet[Learner]:
    return restrict(Learner.objects.filter(person=person).select_related("training_class__kind"), user,
                    VIEW_PERMISSION).order_by("-training_class__starts_on")
