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

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.dates import year_before
from core.figures import (
    FigureRequest,
    RecordRow,
    Records,
    labels_with_previous,
    register,
    register_labels,
    register_records,
    with_previous,
)
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


def _inspection_conditions() -> dict[str, Q]:
    """Key -> condition on the inspections of the period."""
    is_inspection = Q(kind__in=INSPECTION_KINDS)
    is_supervision = Q(kind=InspectionKind.SUPERVISION)
    wanted: dict[str, Q] = {"inspections": is_inspection, "supervisions": is_supervision,
                            "inspections_concluded_violations": is_inspection & Q(violations_found=True)}
    for subject in SubjectKind.values:
        wanted[f"inspections_{subject}"] = is_inspection & Q(subject_kind=subject)
        wanted[f"supervisions_{subject}"] = is_supervision & Q(subject_kind=subject)
    for kind in INSPECTION_KINDS:
        for subject in SubjectKind.values:
            wanted[f"inspections_{kind}_{subject}"] = Q(kind=kind, subject_kind=subject)
    return wanted


def _discipline_conditions() -> dict[str, Q]:
    """Key -> condition on the discipline decisions of the period (annotated `is_annulled`)."""
    members = Q(subject__in=[DisciplineSubject.OFFICIAL, DisciplineSubject.PROBATIONARY])
    wanted: dict[str, Q] = {"disciplines": Q(), "disciplines_organization": Q(subject=DisciplineSubject.ORGANIZATION),
                            "disciplines_member": members,
                            "disciplines_probationary": Q(subject=DisciplineSubject.PROBATIONARY),
                            "disciplines_annulled": Q(is_annulled=True)}
    for form in Form.values:
        wanted[f"disciplines_{form}"] = Q(form=form)
        wanted[f"disciplines_{form}_organization"] = Q(form=form, subject=DisciplineSubject.ORGANIZATION)
        wanted[f"disciplines_{form}_member"] = Q(form=form) & members
    return wanted


INSPECTION_CONDITIONS = _inspection_conditions()
DISCIPLINE_CONDITIONS = _discipline_conditions()


def period_rows(organization: Organization, date_from: dt.date,
                date_to: dt.date) -> tuple[QuerySet[Inspection], QuerySet[Discipline]]:
    """The inspections and supervisions started, and the discipline decisions (annotated `is_annulled`) dated, in
    the period under the organization: what the keys count."""
    paths = _paths(organization, date_from, date_to) if date_from <= date_to else []
    inspections = Inspection.objects.filter(starts_on__gte=date_from, starts_on__lte=date_to).filter(
        _stood_under(paths, organization_field="organization", date_field="starts_on"))
    disciplines = Discipline.objects.filter(decision_date__gte=date_from, decision_date__lte=date_to).filter(
        _stood_under(paths, organization_field="unit", date_field="decision_date"))
    annulled = Appeal.objects.filter(discipline=OuterRef("pk"), outcome=AppealOutcome.ANNULLED)
    return inspections, disciplines.annotate(is_annulled=Exists(annulled))


def counts(organization: Organization, date_from: dt.date, date_to: dt.date) -> dict[str, int]:
    """The figures of one period (without the previous period)."""
    inspections, disciplines = period_rows(organization, date_from, date_to)
    figures: dict[str, int] = inspections.aggregate(
        **{key: Count("id", filter=condition) for key, condition in INSPECTION_CONDITIONS.items()})
    figures |= disciplines.aggregate(
        **{key: Count("id", filter=condition) for key, condition in DISCIPLINE_CONDITIONS.items()})
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


# The records behind the keys (core.figures.records): the inspections and discipline decisions they count;
# `K_previous` lists those of the same dates a year before; `K_change` (a difference) has none.
def _rows(request: FigureRequest, key: str) -> QuerySet[Any]:
    date_from, date_to = request.date_from, request.date_to
    if key.endswith("_previous"):
        key, date_from, date_to = key.removesuffix("_previous"), year_before(date_from), year_before(date_to)
    inspections, disciplines = period_rows(request.organization, date_from, date_to)
    if key in INSPECTION_CONDITIONS:
        return (inspections.filter(INSPECTION_CONDITIONS[key]).select_related("organization")
                .order_by("starts_on", "id"))
    return (disciplines.filter(DISCIPLINE_CONDITIONS[key]).select_related("unit", "subject_person",
                                                                          "subject_organization")
            .order_by("decision_date", "id"))


def _describe(record: Inspection | Discipline) -> RecordRow:
    if isinstance(record, Inspection):
        return RecordRow(text=f"{record.get_kind_display()} · {record.organization.name}",
                         url=reverse("inspection:inspection", args=[record.pk]), on=record.starts_on,
                         detail=record.get_subject_kind_display())
    subject = (record.subject_person.full_name if record.subject_person else
               record.subject_organization.name if record.subject_organization else record.unit.name)
    return RecordRow(text=subject,
                     url=reverse("inspection:discipline", args=[record.pk]), on=record.decision_date,
                     detail=f"{record.get_form_display()} · {record.decision_number}")


_RECORDS = Records(rows=_rows, describe=_describe, permission="inspection.view")
register_records("inspection", {
    name: _RECORDS for key in (*INSPECTION_CONDITIONS, *DISCIPLINE_CONDITIONS) for name in (key, f"{key}_previous")
})
