"""What the rating asks of the user today, for the home page (core.tasks): the campaigns in progress under the
organization asked about — opened with a deadline, no decision recorded yet, kept by an organization that still
exists on the day — with their next deadline (the self-assessments until their day, then the decision), late once
the decision's day has passed. The campaign's board (`/rating/campaigns/<id>/`) says who waits for what. One
query whatever the subtree."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.scope import covers
from core.tasks import TaskEntry, TaskGroup, Tasks, days_in_words, register
from rating.models import Campaign, RatingStep, StepKind
from rating.queries import VIEW_PERMISSION, campaigns_visible
from rules.calendar import working_days_between

SHOWN = 8


def campaigns_in_progress(user: Any, organization: Any, on: dt.date) -> list[Campaign]:
    decided = RatingStep.objects.filter(rating__campaign=OuterRef("pk"), kind=StepKind.DECISION)
    rows = campaigns_visible(user).filter(
        organization__path__startswith=organization.path, historic=False, organization__established_on__lte=on,
    ).filter(Q(self_assessment_due__isnull=False) | Q(decision_due__isnull=False)).exclude(
        organization__dissolved_on__lte=on).exclude(Exists(decided))
    return list(rows.order_by("decision_due", "pk"))


def _next(campaign: Campaign, on: dt.date) -> tuple[str, dt.date | None]:
    if campaign.self_assessment_due and on <= campaign.self_assessment_due:
        return _("self-assessment due"), campaign.self_assessment_due
    return _("decision due"), campaign.decision_due


@register
def rating_tasks(user: Any, organization: Any, on: dt.date) -> Tasks:
    """The rating campaigns in progress under the organization."""
    if not covers(user, organization, VIEW_PERMISSION):
        return Tasks()
    rows = campaigns_in_progress(user, organization, on)

    def late(campaign: Campaign) -> bool:
        return campaign.decision_due is not None and campaign.decision_due < on

    entries = []
    for campaign in rows[:SHOWN]:
        what, due = _next(campaign, on)
        entries.append(TaskEntry(
            label=_("Rating %(year)s — %(organization)s: %(what)s %(due)s") % {
                "year": campaign.year, "organization": campaign.organization.name, "what": what,
                "due": date_format(due, "SHORT_DATE_FORMAT") if due else ""},
            url=reverse("rating:board", args=[campaign.pk]),
            when=days_in_words(working_days_between(on, due)) if due else "", urgent=late(campaign)))
    return Tasks(groups=[TaskGroup(
        key="rating.campaigns", title=_("Rating campaigns in progress"), short=_("Rating in progress"),
        count=len(rows), url=reverse("rating:campaigns", args=[organization.pk]),
        urgent=sum(1 for campaign in rows if late(campaign)), entries=entries,
        by_organization=dict(Counter(campaign.organization_id for campaign in rows)))])
