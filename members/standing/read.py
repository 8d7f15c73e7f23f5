"""Reading the stored state: the due lists, the pipeline board's cards, the badges due and the steps recorded
late, each one indexed query over the people given (a scoped queryset, used as a subquery)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from members.due import DueItem, DueKind
from members.models import BadgeDay, LateStep, PendingStep, Person, Standing
from members.party_age import BadgeDue
from members.ruling import Snapshot
from members.standing.derive import Stage

#: The steps a late record can concern (members.standing.derive.COMPLETES).
LATE_STEP_LABELS = {
    DueKind.ADMISSION_DECISION: _("Admission decision"),
    DueKind.ADMISSION_CEREMONY: _("Admission ceremony"),
    DueKind.RECOGNITION: _("Decision on recognition"),
    DueKind.TRANSFER_PRESENTATION: _("Transfer letter presented"),
}


def _shown_on(on: dt.date) -> Q:
    return Q(shown_from__lte=on) & (Q(shown_until__isnull=True) | Q(shown_until__gte=on))


def due_items(people: QuerySet[Person], *, on: dt.date, kinds: set[str] | None = None,
              rules: Snapshot | None = None) -> list[DueItem]:
    """The pending steps shown on `on` (today or later) of the people, by deadline; days left counted now."""
    rows = PendingStep.objects.filter(_shown_on(on), person__in=people.values("pk"))
    if kinds is not None:
        rows = rows.filter(kind__in=kinds)
    rules = rules or Snapshot()
    items = [
        DueItem(kind=row["kind"], person_id=row["person_id"], person_name=row["person__full_name"],
                organization_id=row["person__organization_id"], started_on=row["started_on"],
                deadline=row["due_on"], days_left=rules.working_days_between(on, row["due_on"]),
                rule_key=row["rule_key"], citation=str(rules.rule(row["rule_key"], on=row["started_on"]).citation))
        for row in rows.values("kind", "person_id", "person__full_name", "person__organization_id", "started_on",
                               "due_on", "rule_key")
    ]
    return sorted(items, key=lambda i: (i.deadline, i.person_name, i.person_id))


@dataclass(frozen=True)
class StageRow:
    person_id: int
    name: str
    organization_id: int
    stage: str
    since: dt.date
    deadline: dt.date | None
    overdue: bool


def stage_rows(people: QuerySet[Person], *, on: dt.date) -> list[StageRow]:
    """Everyone of `people` in the pipeline on `on` (today or later; "recognised" only in that year), with their
    earliest deadline shown then: two indexed queries."""
    in_year = Q(stage=Stage.RECOGNISED, stage_since__gte=dt.date(on.year, 1, 1), stage_since__lte=on)
    standings = Standing.objects.filter(person__in=people.values("pk"), stage_since__isnull=False).exclude(
        stage="").filter(~Q(stage=Stage.RECOGNISED) | in_year)
    rows = list(standings.values("person_id", "person__full_name", "person__organization_id", "stage",
                                 "stage_since"))
    deadlines: dict[int, dt.date] = {}
    for pk, due_on in PendingStep.objects.filter(_shown_on(on), person__in=standings.values("person_id")) \
            .values_list("person_id", "due_on"):
        deadlines[pk] = min(due_on, deadlines.get(pk, due_on))
    rules = Snapshot() if deadlines else None
    return [
        StageRow(row["person_id"], row["person__full_name"], row["person__organization_id"], row["stage"],
                 cast(dt.date, row["stage_since"]), deadlines.get(row["person_id"]),  # not null: filtered
                 rules is not None and row["person_id"] in deadlines
                 and rules.working_days_between(on, deadlines[row["person_id"]]) < 0)
        for row in rows
    ]


def badges_due(people: QuerySet[Person], *, presentation_on: dt.date, citation: str) -> list[BadgeDue]:
    """The badges due at a presentation day (today or later) to the people, by name: one indexed query."""
    rows = BadgeDay.objects.filter(person__in=people.values("pk"), presentation_on=presentation_on).order_by(
        "person__sort_name", "person_id")
    return [
        BadgeDue(row["person_id"], row["person__full_name"], row["person__organization_id"], row["years"],
                 row["age_years"], row["age_months"], row["early"], presentation_on, citation,
                 posthumous=row["posthumous"])
        for row in rows.values("person_id", "person__full_name", "person__organization_id", "years", "age_years",
                               "age_months", "early", "posthumous")
    ]


def late_steps(people: QuerySet[Person], *, date_from: dt.date | None = None,
               date_to: dt.date | None = None) -> QuerySet[LateStep]:
    """Steps recorded after their deadline by the people (optionally done in a period), latest first."""
    rows = LateStep.objects.filter(person__in=people.values("pk")).select_related("person", "person__organization")
    if date_from is not None:
        rows = rows.filter(done_on__gte=date_from)
    if date_to is not None:
        rows = rows.filter(done_on__lte=date_to)
    return rows.order_by("-done_on", "person__sort_name", "person_id")


def first_badge(person: Person, *, on: dt.date) -> Any:
    """The next badge of one person due at a presentation day on or after `on` (the member page), or None."""
    return BadgeDay.objects.filter(person=person, presentation_on__gte=on).order_by("presentation_on").first()
