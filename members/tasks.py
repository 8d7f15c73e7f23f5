"""What the member files ask of the user today, for the home page (core.tasks).

Read through the members app's own public reads, never recomputed here: the due lists (`queries.due_list`:
decisions, ceremonies, recognitions and transfer letters, overdue first; probation ending this month), the
admission pipeline (`pages.pipeline`), and the Party badges due at the next presentation day
(`queries.badges_due`). Each is a fixed number of queries whatever the size of the subtree.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.scope import covers
from core.tasks import TaskAction, TaskEntry, TaskGroup, Tasks, days_in_words, register
from members import pages, queries
from members.due import DueItem, DueKind
from members.party_age import next_presentation_day

SHOWN = 8  # entries listed under a group; the link leads to all of them
CANDIDATE_STAGES = {pages.Stage.REGISTERED, pages.Stage.COURSE_DONE, pages.Stage.DOSSIER,
                    pages.Stage.DECISION_PENDING, pages.Stage.CEREMONY_PENDING}


def _url(name: str, organization: Any, **params: str) -> str:
    return f"{reverse(name)}?{urlencode({'organization': organization.pk, **params})}"


def _counts(ids: Iterable[int | None]) -> dict[int, int]:
    return dict(Counter(i for i in ids if i is not None))


def _deadline_entry(item: DueItem) -> TaskEntry:
    label = pages.DUE_LABELS.get(item.kind, (item.kind, ""))[0]
    return TaskEntry(
        label=f"{item.person_name} — {label} {date_format(item.deadline, 'SHORT_DATE_FORMAT')}",
        url=reverse("members:detail", args=[item.person_id]),
        when=days_in_words(item.days_left),
        urgent=item.overdue,
    )


def _due_groups(user: Any, organization: Any, on: dt.date) -> list[TaskGroup]:
    items = queries.due_list(user, organization, on=on)
    deadlines = sorted((i for i in items if i.kind != DueKind.PROBATION_ENDING),
                       key=lambda i: (i.days_left, i.person_name))
    ending = [i for i in items if i.kind == DueKind.PROBATION_ENDING]
    due_url = _url("members:due", organization)
    return [
        TaskGroup(
            key="members.deadlines", title=_("Deadlines: decisions, ceremonies, recognitions, letters"),
            short=_("Deadlines to meet"),
            count=len(deadlines), url=due_url, urgent=sum(1 for i in deadlines if i.overdue),
            entries=[_deadline_entry(i) for i in deadlines[:SHOWN]],
            by_organization=_counts(i.organization_id for i in deadlines),
        ),
        TaskGroup(
            key="members.probation_ending", title=_("Members whose probation ends this month"),
            short=_("Probation ending"),
            count=len(ending), url=due_url, entries=[_deadline_entry(i) for i in ending[:SHOWN]],
            by_organization=_counts(i.organization_id for i in ending),
        ),
    ]


def _pipeline_group(user: Any, organization: Any, on: dt.date) -> TaskGroup:
    board = pages.pipeline(user, organization=organization, on=on)
    cards = [card for column in board.columns if column.stage in CANDIDATE_STAGES for card in column.cards]
    labels = dict(pages.STAGES)
    cards.sort(key=lambda c: (not c.overdue, c.since))
    return TaskGroup(
        key="members.pipeline", title=_("Candidates in the admission pipeline"),
        short=_("Candidates (pipeline)"), count=len(cards),
        url=_url("members:pipeline", organization), urgent=sum(1 for c in cards if c.overdue),
        entries=[TaskEntry(label=f"{c.name} — {labels[c.stage]}", url=reverse("members:detail", args=[c.person_id]),
                           urgent=c.overdue) for c in cards[:SHOWN]],
        by_organization=_counts(c.organization_id for c in cards),
    )


def _badge_group(user: Any, organization: Any, on: dt.date) -> TaskGroup | None:
    try:
        day = next_presentation_day(on)
    except DomainError:  # no presentation day configured in the rules
        return None
    badges = queries.badges_due(user, organization, presentation_on=day)
    return TaskGroup(
        key="members.badges",
        title=_("Party badges due at the presentation day %(day)s") % {"day": date_format(day, "SHORT_DATE_FORMAT")},
        short=_("Badges"), count=len(badges), url=_url("members:due", organization) + "#badges",
        entries=[TaskEntry(label=_("%(name)s — %(years)s-year badge") % {"name": b.full_name, "years": b.badge_years},
                           url=reverse("members:detail", args=[b.person_id])) for b in badges[:SHOWN]],
        by_organization=_counts(b.organization_id for b in badges),
    )


def _actions(user: Any, organization: Any) -> list[TaskAction]:
    found = []
    if covers(user, organization, "members.change"):
        new_url = reverse("members:create")
        if organization.kind.holds_members:
            new_url += f"?{urlencode({'organization': organization.pk})}"
        found.append(TaskAction(key="members.new_candidate", label=_("New candidate file"), url=new_url, primary=True))
        found.append(TaskAction(key="members.record_event", label=_("Record an event"),
                                url=_url("members:list", organization, status=pages.STATUS_ACTIVE)))
    found.append(TaskAction(key="members.find", label=_("Find a member"), url=reverse("members:list"), search="q",
                            hidden=(("organization", str(organization.pk)),)))
    return found


@register
def member_tasks(user: Any, organization: Any, on: dt.date) -> Tasks:
    """Deadlines, probation ending, candidates and badges of the member files under the organization."""
    if not covers(user, organization, "members.view"):
        return Tasks()
    groups = [*_due_groups(user, organization, on), _pipeline_group(user, organization, on)]
    badges = _badge_group(user, organization, on)
    if badges is not None:
        groups.append(badges)
    return Tasks(groups=groups, actions=_actions(user, organization))
