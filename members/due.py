"""Due lists: deadlines computed from the event log and the rules, in working days.

On a reference date D, from the events dated on or before D:
- admission_decision: a candidate whose cell resolved to propose admission (form 6-KNĐ) and has no decision
  yet; deadline = the rule's working days after the cell's resolution.
- admission_ceremony: an admission (or re-admission) decision without ceremony; deadline = the rule's working
  days after the decision reached the cell (details "received_on", else the decision date).
- probation_ending: a probationary member whose probation (months from the ceremony) ends later in D's month.
- recognition: probation has ended, no recognition yet; deadline = the rule's working days after its end
  for the cell to consider it.
- transfer_presentation: an official transfer to a cell of this installation not yet presented; deadline =
  the rule's working days after the letter.
`days_left` counts working days from D to the deadline: negative when overdue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from members.models import MemberEvent, MembershipSpell, Person, Status
from members.ruling import Snapshot
from members.status import Timeline, derive


class DueKind:
    ADMISSION_DECISION = "admission_decision"
    ADMISSION_CEREMONY = "admission_ceremony"
    PROBATION_ENDING = "probation_ending"
    RECOGNITION = "recognition"
    TRANSFER_PRESENTATION = "transfer_presentation"


@dataclass(frozen=True)
class DueItem:
    """One pending step with its deadline."""

    kind: str
    person_id: int
    person_name: str
    organization_id: int | None
    started_on: dt.date  # the event the deadline runs from
    deadline: dt.date
    days_left: int  # working days from the reference date to the deadline; negative: overdue
    rule_key: str
    citation: str

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


def _item(kind: str, person: Person, timeline: Timeline, *, started_on: dt.date, key: str, on: dt.date,
          rules: Snapshot, deadline: dt.date | None = None) -> DueItem:
    rule = rules.rule(key, on=started_on)
    if deadline is None:
        deadline = rules.add_working_days(started_on, int(rule.value))
    return DueItem(
        kind=kind,
        person_id=person.pk,
        person_name=person.full_name,
        organization_id=timeline.state.organization_id or person.organization_id,
        started_on=started_on,
        deadline=deadline,
        days_left=rules.working_days_between(on, deadline),
        rule_key=key,
        citation=str(rule.citation),
    )


def due_items_of(person: Person, events: list[MemberEvent], *, on: dt.date, rules: Snapshot) -> list[DueItem]:
    """The pending steps of one person on `on`, from that person's events."""
    timeline = derive([e for e in events if e.occurred_on <= on])
    state = timeline.state
    items: list[DueItem] = []
    if state.status == Status.CANDIDATE:
        resolution_on = timeline.cell_resolution_on()
        if resolution_on is not None:
            items.append(_item(DueKind.ADMISSION_DECISION, person, timeline, started_on=resolution_on,
                               key="admission.decision_deadline_working_days", on=on, rules=rules))
    elif state.status == Status.PROBATIONARY and state.decision_on is not None:
        if state.ceremony_on is None:
            decision = next(e for e in timeline.events if e.id == state.decision_event_id)
            received = decision.details.get("received_on")
            started = dt.date.fromisoformat(received) if received else state.decision_on
            items.append(_item(DueKind.ADMISSION_CEREMONY, person, timeline, started_on=started,
                               key="admission.ceremony_deadline_working_days", on=on, rules=rules))
        else:
            end = timeline.probation_end(rules)
            assert end is not None  # the ceremony is recorded here
            if end > on and (end.year, end.month) == (on.year, on.month):
                items.append(_item(DueKind.PROBATION_ENDING, person, timeline, started_on=state.ceremony_on,
                                   key="recognition.probation_months", on=on, rules=rules, deadline=end))
            elif end <= on:
                items.append(_item(DueKind.RECOGNITION, person, timeline, started_on=end,
                                   key="recognition.consider_deadline_working_days", on=on, rules=rules))
    elif state.status == Status.TRANSFERRED_OUT and state.transit is not None and state.transit.destination_id:
        items.append(_item(DueKind.TRANSFER_PRESENTATION, person, timeline, started_on=state.transit.out_on,
                           key="transfer.present_deadline_working_days", on=on, rules=rules))
    return items


DUE_STATUSES = (Status.CANDIDATE, Status.PROBATIONARY, Status.TRANSFERRED_OUT)


def due_items(people: QuerySet[Person], *, on: dt.date, kinds: set[str] | None = None) -> list[DueItem]:
    """Pending steps of every person in `people` (candidates, probationary, in transfer on `on`), by deadline.

    One query for the people, one for their events; rules and calendar are read once.
    """
    rules = Snapshot()
    pending_then = MembershipSpell.objects.filter(
        person=OuterRef("pk"), status__in=DUE_STATUSES, valid_from__lte=on
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))
    persons = list(
        people.filter(Exists(pending_then)).select_related(None).only("pk", "full_name", "organization_id")
    )
    events: dict[int, list[MemberEvent]] = {}
    for event in MemberEvent.objects.filter(person_id__in=[p.pk for p in persons]).order_by("id"):
        events.setdefault(event.person_id, []).append(event)
    items = [item for person in persons for item in due_items_of(person, events.get(person.pk, []), on=on,
                                                                     rules=rules)]
    if kinds is not None:
        items = [i for i in items if i.kind in kinds]
    return sorted(items, key=lambda i: (i.deadline, i.person_name, i.person_id))


def person_due_items(person: Person, *, on: dt.date) -> list[DueItem]:
    """Pending steps of one person (the member page)."""
    events = list(MemberEvent.objects.filter(person=person).order_by("id"))
    return due_items_of(person, events, on=on, rules=Snapshot())
