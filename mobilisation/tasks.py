"""What the dialogues ask of the user today, for the home page (core.tasks): the follow-ups not done yet that are
overdue or due within `HORIZON_DAYS`, of the organizations under the one asked about that still exist on the day
(a follow-up of an organization dissolved since is no one's task any more). Two queries whatever the subtree."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.scope import covers, restrict
from core.tasks import TaskEntry, TaskGroup, Tasks, days_in_words, register
from mobilisation.models import FollowUp, FollowUpStatus
from rules.calendar import working_days_between

HORIZON_DAYS = 30  # follow-ups due later are not yet on the home page
SHOWN = 8


def follow_ups_due(user: Any, organization: Any, on: dt.date) -> list[dict[str, Any]]:
    """The follow-ups not done under the organization, due by `on` + HORIZON_DAYS, soonest first."""
    rows = restrict(FollowUp.objects.all(), user, "mobilisation.view").filter(
        dialogue__organization__path__startswith=organization.path, due_on__lte=on + dt.timedelta(days=HORIZON_DAYS),
        dialogue__held_on__lte=on,
    ).exclude(status=FollowUpStatus.DONE).exclude(dialogue__organization__dissolved_on__lte=on)
    return [dict(row) for row in rows.order_by("due_on", "pk").values("pk", "action", "owner", "due_on", "dialogue_id",
                                                     "dialogue__held_on", "dialogue__organization_id")]


@register
def mobilisation_tasks(user: Any, organization: Any, on: dt.date) -> Tasks:
    """Dialogue follow-ups overdue or due soon under the organization."""
    if not covers(user, organization, "mobilisation.view"):
        return Tasks()
    rows = follow_ups_due(user, organization, on)
    for row in rows:
        row["days_left"] = working_days_between(on, row["due_on"])
    entries = [TaskEntry(
        label=_("%(action)s — %(owner)s, due %(due)s (dialogue of %(held)s)") % {
            "action": row["action"][:80], "owner": row["owner"], "due": date_format(row["due_on"], "SHORT_DATE_FORMAT"),
            "held": date_format(row["dialogue__held_on"], "SHORT_DATE_FORMAT")},
        url=reverse("mobilisation:dialogue", args=[row["dialogue_id"]]), when=days_in_words(row["days_left"]),
        urgent=row["due_on"] < on) for row in rows[:SHOWN]]
    return Tasks(groups=[TaskGroup(
        key="mobilisation.follow_ups", title=_("Follow-ups of dialogues with the people"),
        short=_("Dialogue follow-ups"), count=len(rows),
        url=f"{reverse('mobilisation:dialogues')}?{urlencode({'organization': organization.code})}",
        urgent=sum(1 for row in rows if row["due_on"] < on), entries=entries,
        by_organization=dict(Counter(row["dialogue__organization_id"] for row in rows)))])
