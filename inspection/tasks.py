"""What the inspection committee's work asks of the user today, for the home page (core.tasks): the follow-ups of
conclusions still open that are overdue or due within `HORIZON_DAYS`, and the inspections and supervisions
started and not concluded (late once their planned end has passed). Kept by the organizations under the one asked
about that still exist on the day (an organization dissolved since has no tasks). Two queries whatever the
subtree."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.scope import covers, restrict
from core.tasks import TaskEntry, TaskGroup, Tasks, days_in_words, register
from inspection.models import FollowUp, FollowUpStatus, Inspection
from inspection.queries import VIEW_PERMISSION
from rules.calendar import working_days_between

HORIZON_DAYS = 30  # follow-ups due later are not yet on the home page
SHOWN = 8


def _day(day: dt.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def _follow_ups(user: Any, organization: Any, on: dt.date) -> TaskGroup:
    rows = list(restrict(FollowUp.objects.all(), user, VIEW_PERMISSION).filter(
        inspection__organization__path__startswith=organization.path, status=FollowUpStatus.OPEN,
        due_on__lte=on + dt.timedelta(days=HORIZON_DAYS), inspection__starts_on__lte=on,
    ).exclude(inspection__organization__dissolved_on__lte=on).order_by("due_on", "pk").values(
        "text", "owner", "due_on", "inspection_id", "inspection__organization_id"))
    return TaskGroup(
        key="inspection.follow_ups", title=_("Follow-ups of inspection conclusions"),
        short=_("Inspection follow-ups"), count=len(rows), url=reverse("inspection:index"),
        urgent=sum(1 for row in rows if row["due_on"] < on),
        entries=[TaskEntry(label=_("%(text)s — %(owner)s, due %(due)s") % {
            "text": row["text"][:80], "owner": row["owner"], "due": _day(row["due_on"])},
            url=reverse("inspection:inspection", args=[row["inspection_id"]]),
            when=days_in_words(working_days_between(on, row["due_on"])), urgent=row["due_on"] < on)
            for row in rows[:SHOWN]],
        by_organization=dict(Counter(row["inspection__organization_id"] for row in rows)))


def _in_progress(user: Any, organization: Any, on: dt.date) -> TaskGroup:
    rows = list(restrict(Inspection.objects.all(), user, VIEW_PERMISSION).filter(
        organization__path__startswith=organization.path, starts_on__lte=on, concluded_on__isnull=True,
    ).exclude(organization__dissolved_on__lte=on).select_related("subject_organization", "subject_person")
        .order_by("ends_on", "pk"))

    def late(row: Inspection) -> bool:
        return row.ends_on is not None and row.ends_on < on

    rows.sort(key=lambda row: (not late(row), row.ends_on or dt.date.max, row.pk))
    return TaskGroup(
        key="inspection.in_progress", title=_("Inspections and supervisions to conclude"),
        short=_("Inspections in progress"), count=len(rows), url=reverse("inspection:index"),
        urgent=sum(1 for row in rows if late(row)),
        entries=[TaskEntry(
            label=_("%(kind)s: %(subject)s, from %(start)s") % {
                "kind": capfirst(row.get_kind_display()), "subject": row.subject_label, "start": _day(row.starts_on)},
            url=reverse("inspection:inspection", args=[row.pk]),
            when=days_in_words(working_days_between(on, row.ends_on)) if row.ends_on else "", urgent=late(row))
            for row in rows[:SHOWN]],
        by_organization=dict(Counter(row.organization_id for row in rows)))


@register
def inspection_tasks(user: Any, organization: Any, on: dt.date) -> Tasks:
    """Inspection follow-ups due and inspections to conclude under the organization."""
    if not covers(user, organization, VIEW_PERMISSION):
        return Tasks()
    return Tasks(groups=[_follow_ups(user, organization, on), _in_progress(user, organization, on)])
