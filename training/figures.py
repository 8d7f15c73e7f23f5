"""Training figures of an organization subtree for a period (docs/figures.md, namespace "training").

A class counts in the period when it starts in [date_from, date_to] and its host organization stood, on that
day, under the organization (the tree of the class's date). Its learners count with it. Keys by category
(`classes_<category>`, `learners_<category>`, `completed_<category>`) and by learner tag
(`learners_tagged_<tag code>`, "-" written "_"); `classes_closed` counts classes that end in the period (a
course that opened the year before and closes in this one), under the tree of their last day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.figures import FigureRequest, RecordRow, Records, register, register_labels, register_records
from organizations.models import Organization
from training.checks import key_part, paths_in_period, stood_under
from training.models import Category, Learner, LearnerTag, Result, TrainingClass

TOTAL_KEYS = ("classes", "planned_learners", "learners", "learners_attended", "learners_completed", "certificates")


def classes_in_period(organization: Organization, *, date_from: dt.date, date_to: dt.date) -> QuerySet[TrainingClass]:
    paths = paths_in_period(organization, date_from, date_to)
    if date_to < date_from or not paths:
        return TrainingClass.objects.none()
    return TrainingClass.objects.filter(starts_on__gte=date_from, starts_on__lte=date_to).filter(
        stood_under(paths, organization_field="host", date_field="starts_on"))


def training_figures(organization: Organization, *, date_from: dt.date, date_to: dt.date) -> dict[str, int]:
    classes = classes_in_period(organization, date_from=date_from, date_to=date_to)
    figures: dict[str, int] = {}
    by_class = {"classes": Count("id"), "planned_learners": Sum("planned_learners")}
    for category in Category.values:
        by_class[f"classes_{category}"] = Count("id", filter=Q(kind__category=category))
    figures |= {k: v or 0 for k, v in classes.aggregate(**by_class).items()}
    learners = Learner.objects.filter(training_class__in=classes)
    completed = Q(result=Result.COMPLETED)
    by_learner: dict[str, Any] = {
        "learners": Count("id"),
        "learners_attended": Count("id", filter=Q(attended=True)),
        "learners_completed": Count("id", filter=completed),
        "certificates": Count("id", filter=completed & ~Q(certificate_number="")),
    }
    for category in Category.values:
        in_category = Q(training_class__kind__category=category)
        by_learner[f"learners_{category}"] = Count("id", filter=in_category)
        by_learner[f"completed_{category}"] = Count("id", filter=in_category & completed)
    figures |= learners.aggregate(**by_learner)
    paths = paths_in_period(organization, date_from, date_to) if date_from <= date_to else []
    figures["classes_closed"] = TrainingClass.objects.filter(ends_on__gte=date_from, ends_on__lte=date_to).filter(
        stood_under(paths, organization_field="host", date_field="ends_on")).count()
    tagged = dict(LearnerTag.objects.annotate(n=Count("learners", filter=Q(learners__in=learners)))
                  .values_list("code", "n"))
    for code, count in sorted(tagged.items()):
        figures[f"learners_tagged_{key_part(code)}"] = count
    return figures


@register("training")
def training_contribution(request: FigureRequest) -> dict[str, int]:
    """The "training" namespace of the figures service (docs/figures.md)."""
    return training_figures(request.organization, date_from=request.date_from, date_to=request.date_to)


def _labels() -> dict[str, Any]:
    labels: dict[str, Any] = {
        "classes": _("Classes held (started in the period)"),
        "classes_closed": _("Classes closed (ended in the period)"),
        "planned_learners": _("Learners planned"),
        "learners": _("Learners"),
        "learners_attended": _("Learners who attended"),
        "learners_completed": _("Learners who completed"),
        "certificates": _("Certificates issued"),
    }
    for category, name in Category.choices:
        labels[f"classes_{category}"] = format_lazy("{}: {}", _("Classes"), name)
        labels[f"learners_{category}"] = format_lazy("{}: {}", _("Learners"), name)
        labels[f"completed_{category}"] = format_lazy("{}: {}", _("Learners who completed"), name)
    return labels


register_labels("training", _("Training"), _labels(), prefixes={"learners_tagged_": _("Learners tagged")})


# The records behind the keys (core.figures.records): the classes and learners the counts above aggregate.
_LEARNER_KEYS = {"learners": Q(), "learners_attended": Q(attended=True),
                 "learners_completed": Q(result=Result.COMPLETED),
                 "certificates": Q(result=Result.COMPLETED) & ~Q(certificate_number="")}


def _classes(request: FigureRequest, key: str) -> QuerySet[TrainingClass]:
    return classes_in_period(request.organization, date_from=request.date_from,
                             date_to=request.date_to).select_related("host").order_by("starts_on", "id")


def _learners(request: FigureRequest, key: str) -> QuerySet[Learner]:
    classes = classes_in_period(request.organization, date_from=request.date_from, date_to=request.date_to)
    return (Learner.objects.filter(training_class__in=classes).filter(_LEARNER_KEYS[key])
            .select_related("training_class").order_by("training_class__starts_on", "training_class_id", "id"))


def _describe_class(training_class: TrainingClass) -> RecordRow:
    return RecordRow(text=str(training_class), url=reverse("training:class_detail", args=[training_class.pk]),
                     on=training_class.starts_on, detail=training_class.host.name)


def _describe_learner(learner: Learner) -> RecordRow:
    return RecordRow(text=learner.full_name, url=reverse("training:class_detail", args=[learner.training_class_id]),
                     on=learner.training_class.starts_on, detail=str(learner.training_class))


register_records("training", {
    "classes": Records(rows=_classes, describe=_describe_class, permission="training.view"),
    **{key: Records(rows=_learners, describe=_describe_learner, permission="training.view") for key in _LEARNER_KEYS},
})
