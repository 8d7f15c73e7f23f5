"""Inspection and discipline figures of an organization subtree for a period (docs/figures.md, namespace
"inspection").

An inspection or supervision counts when it starts in [date_from, date_to] and the organization conducting it
stood, on its start date, under the organization (the tree of that date). A discipline decision counts when it
is dated in the period and its subject's unit (the organization disciplined, or the member's cell) stood then
under the organization. Decisions later annulled on appeal still count as decided (`disciplines_annulled` says
how many). Every key K comes with K_previous (the same dates a year before) and K_change (K - K_previous).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.figures import FigureRequest, labels_with_previous, register, register_labels, with_previous
from inspection.models import (
    INSPECTION_KINDS,
    Appeal,
    AppealOutcome,
    Discipline,
    DisciplineSubject,
    Form,
    Inspection,
    InspectionKind,
    SubjectKind,
)
from organizations.models import Organization, OrganizationVersion


def year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)




def _paths(organization: Organization, date_from: dt.date, date_to: dt.date) -> list[str]:
    return list(OrganizationVersion.objects.filter(organization=organization, valid_from__lte=date_to)
                .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=date_from)).values_list("path", flat=True).distinct())


def _stood_under(paths: list[str], *, organization_field: str, date_field: str) -> Exists:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__under=path)
    return Exists(OrganizationVersion.objects.filter(organization=OuterRef(organization_field),
                                                     valid_from__lte=OuterRef(date_field))
                  .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=OuterRef(date_field))).filter(condition))


def counts(organization: Organization, date_from: dt.date, date_to: dt.date) -> dict[str, int]:
    """The figures of one period (without the previous period)."""
    paths = _paths(organization, date_from, date_to) if date_from <= date_to else []
    inspections = Inspection.objects.filter(starts_on__gte=date_from, starts_on__lte=date_to).filter(
        _stood_under(paths, organization_field="organization", date_field="starts_on"))
    is_inspection = Q(kind__in=INSPECTION_KINDS)
    is_supervision = Q(kind=InspectionKind.SUPERVISION)
    wanted: dict[str, Any] = {
        "inspections": Count("id", filter=is_inspection),
        "supervisions": Count("id", filter=is_supervision),
        "inspections_concluded_violations": Count("id", filter=is_inspection & Q(violations_found=True)),
    }
    for subject in SubjectKind.values:
        wanted[f"inspections_{subject}"] = Count("id", filter=is_inspection & Q(subject_kind=subject))
        wanted[f"supervisions_{subject}"] = Count("id", filter=is_supervision & Q(subject_kind=subject))
    for kind in INSPECTION_KINDS:
        for subject in SubjectKind.values:
            wanted[f"inspections_{kind}_{subject}"] = Count("id", filter=Q(kind=kind, subject_kind=subject))
    figures: dict[str, int] = inspections.aggregate(**wanted)
    disciplines = Discipline.objects.filter(decision_date__gte=date_from, decision_date__lte=date_to).filter(
        _stood_under(paths, organization_field="unit", date_field="decision_date"))
    members = Q(subject__in=[DisciplineSubject.OFFICIAL, DisciplineSubject.PROBATIONARY])
    annulled = Appeal.objects.filter(discipline=OuterRef("pk"), outcome=AppealOutcome.ANNULLED)
    wanted = {"disciplines": Count("id"),
              "disciplines_organization": Count("id", filter=Q(subject=DisciplineSubject.ORGANIZATION)),
              "disciplines_member": Count("id", filter=members),
              "disciplines_probationary": Count("id", filter=Q(subject=DisciplineSubject.PROBATIONARY)),
              "disciplines_annulled": Count("id", filter=Q(is_annulled=True))}
    for form in Form.values:
        wanted[f"disciplines_{form}"] = Count("id", filter=Q(form=form))
        wanted[f"disciplines_{form}_organization"] = Count(
            "id", filter=Q(form=form, subject=DisciplineSubject.ORGANIZATION))
        wanted[f"disciplines_{form}_member"] = Count("id", filter=Q(form=form) & members)
    figures |= disciplines.annotate(is_annulled=Exists(annulled)).aggregate(**wanted)
    return {key: value or 0 for key, value in figures.items()}


def inspection_figures(organization: Organization, *, date_from: dt.date, date_to: dt.date) -> dict[str, int]:
    return with_previous(counts(organization, date_from, date_to),
                         counts(organization, year_before(date_from), year_before(date_to)))


@register("inspection")
def inspection_contribution(request: FigureRequest) -> dict[str, int]:
    """The "inspection" namespace of the figures service (docs/figures.md)."""
    return inspection_figures(request.organization, date_from=request.date_from, date_to=request.date_to)


_LABELS: dict[str, Any] = {
    "inspections": _("Inspections"),
    "supervisions": _("Thematic supervisions"),
    "inspections_organization": _("Inspections of party organizations"),
    "inspections_member": _("Inspections of party members"),
    "supervisions_organization": _("Supervisions of party organizations"),
    "supervisions_member": _("Supervisions of party members"),
    "inspections_concluded_violations": _("Inspections that found violations"),
    "disciplines": _("Discipline decisions"),
    "disciplines_organization": _("Party organizations disciplined"),
    "disciplines_member": _("Party members disciplined"),
    "disciplines_probationary": _("Probationary members disciplined"),
    "disciplines_reprimand": _("Reprimands"),
    "disciplines_warning": _("Warnings"),
    "disciplines_dismissal": _("Removals from post"),
    "disciplines_expulsion": _("Expulsions"),
    "disciplines_dissolution": _("Dissolutions"),
    "disciplines_annulled": _("Discipline decisions annulled on appeal"),
}
for _kind in INSPECTION_KINDS:
    for _subject in SubjectKind:
        _LABELS[f"inspections_{_kind}_{_subject.value}"] = format_lazy("{}: {}", InspectionKind(_kind).label,
                                                                       _subject.label)
for _form in Form:
    _LABELS[f"disciplines_{_form.value}_organization"] = format_lazy("{}: {}", _form.label,
                                                                     SubjectKind.ORGANIZATION.label)
    _LABELS[f"disciplines_{_form.value}_member"] = format_lazy("{}: {}", _form.label, SubjectKind.MEMBER.label)
register_labels("inspection", _("Inspection, supervision and discipline"), labels_with_previous(_LABELS))
