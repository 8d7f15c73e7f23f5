"""The admission pipeline board: where each candidate or new member stands, per stage and per cell."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.text import title_sort_key
from members import queries
from members.due import DueItem, due_items_of
from members.models import (
    MEMBER_STATUSES,
    EventKind,
    MemberEvent,
    Person,
    Status,
)
from members.pages.chooser import organization_names
from members.ruling import Snapshot
from members.standing import read as standing_read
from members.standing.derive import Stage, stage_of
from members.status import derive
from organizations.models import Organization

STAGES: list[tuple[str, Any]] = [
    (Stage.REGISTERED, _("Registered as outstanding candidate")),
    (Stage.COURSE_DONE, _("Party-awareness course done")),
    (Stage.DOSSIER, _("Dossier in progress")),
    (Stage.DECISION_PENDING, _("Cell resolution made, admission decision pending")),
    (Stage.CEREMONY_PENDING, _("Admitted, ceremony pending")),
    (Stage.PROBATIONARY, _("Probationary")),
    (Stage.RECOGNISED, _("Recognised as official this year")),
]


@dataclass(frozen=True)
class Card:
    person_id: int
    name: str
    organization_id: int | None
    stage: str
    since: dt.date
    days_waiting: int
    overdue: bool = False
    deadline: dt.date | None = None


@dataclass
class Column:
    stage: str
    label: Any
    cards: list[Card] = field(default_factory=list)


@dataclass
class Board:
    columns: list[Column]
    cells: list[tuple[str, int, list[int], int]]  # (cell name, cell id, count per stage, total)
    totals: list[int]
    on: dt.date

    @property
    def total(self) -> int:
        return sum(self.totals)


def pipeline(user: Any, *, organization: Organization | None, on: dt.date, stored: bool | None = None) -> Board:
    """The admission pipeline of the files the user sees (under `organization`). From today on it reads the stored
    standing (members.standing: two indexed queries whatever the number of files); for an earlier date, or with
    stored=False, it folds each person's log (the reference the stored rows are tested against)."""
    people = queries.person_list(user, organization=organization)
    if stored is None:
        stored = on >= timezone.localdate()
    cards = _stored_cards(people, on) if stored else _folded_cards(people, on)
    return _board(cards, on)


def _stored_cards(people: QuerySet[Person], on: dt.date) -> list[Card]:
    return [Card(person_id=row.person_id, name=row.name, organization_id=row.organization_id, stage=row.stage,
                 since=row.since, days_waiting=(on - row.since).days, overdue=row.overdue, deadline=row.deadline)
            for row in standing_read.stage_rows(people, on=on)]


def _folded_cards(people: QuerySet[Person], on: dt.date) -> list[Card]:
    """One query for the people, one for their events; stages from each person's derived timeline."""
    year_start = dt.date(on.year, 1, 1)
    recognised = MemberEvent.objects.current().filter(person=OuterRef("pk"), kind=EventKind.RECOGNITION,
                                                      occurred_on__gte=year_start, occurred_on__lte=on)
    people = people.filter(
        Q(status__in=[Status.CANDIDATE, Status.PROBATIONARY]) | Q(Exists(recognised), status__in=MEMBER_STATUSES)
    )
    persons = list(people.select_related(None).only("pk", "full_name", "organization_id", "sort_name"))
    events: dict[int, list[MemberEvent]] = defaultdict(list)
    for event in MemberEvent.objects.filter(person_id__in=[p.pk for p in persons]).order_by("id"):
        events[event.person_id].append(event)
    rules = Snapshot() if persons else None
    cards = []
    for person in persons:
        rows = [e for e in events.get(person.pk, []) if e.occurred_on <= on]
        timeline = derive(rows)
        found = stage_of(timeline, year=on.year)
        if found is None:
            continue
        stage, since = found
        due: list[DueItem] = due_items_of(person, rows, on=on, rules=rules) if rules else []
        deadline = min((d.deadline for d in due), default=None)
        cards.append(Card(
            person_id=person.pk, name=person.full_name, organization_id=timeline.state.organization_id
            or person.organization_id, stage=stage, since=since, days_waiting=(on - since).days,
            overdue=any(d.overdue for d in due), deadline=deadline,
        ))
    return cards


def _board(cards: list[Card], on: dt.date) -> Board:
    columns = {code: Column(code, label) for code, label in STAGES}
    for card in cards:
        columns[card.stage].cards.append(card)
    for column in columns.values():
        column.cards.sort(key=lambda c: (c.since, c.name, c.person_id))
    names = organization_names(c.organization_id for col in columns.values() for c in col.cards)
    index = {code: i for i, (code, _label) in enumerate(STAGES)}
    per_cell: dict[int, list[int]] = defaultdict(lambda: [0] * len(STAGES))
    for column in columns.values():
        for card in column.cards:
            if card.organization_id is not None:
                per_cell[card.organization_id][index[card.stage]] += 1
    cells = sorted(((names.get(pk, "?"), pk, counts, sum(counts)) for pk, counts in per_cell.items()),
                   key=lambda row: title_sort_key(row[0]))
    totals = [len(columns[code].cards) for code, _label in STAGES]
    return Board(columns=list(columns.values()), cells=cells, totals=totals, on=on)

