"""Deadlines shown on the pages: a rule's working days or months after an event, and the due lists grouped."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from members import ruling
from members.due import DueItem, DueKind
from members.ruling import Snapshot
from organizations.kinds import Competence, competences, periods


@dataclass(frozen=True)
class Deadline:
    """A date set by a rule: `amount` working days or months after `after` of `started_on` (citation)."""

    label: Any
    date: dt.date
    amount: int
    unit: str  # "working_days" or "months"
    after: Any
    started_on: dt.date
    citation: str
    days_left: int | None = None  # working days from the reference day; negative: overdue
    coming: bool = False  # started by the event being entered (not yet running)
    decided_by: Any = ""  # the committee competent on the day (organizations.kinds), "" when nothing says
    decided_by_source: str = ""
    decided_by_confirmed: bool = True

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    @property
    def days_overdue(self) -> int:
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0


def working_deadline(label: Any, key: str, start: dt.date, after: Any, *, today: dt.date) -> Deadline | None:
    """The rule's number of working days after `start` (None when the rule is not configured for that date)."""
    try:
        rule = ruling.rule(key, on=start)
    except DomainError:
        return None
    days = int(rule.value)
    end = ruling.add_working_days(start, days)
    return Deadline(label=label, date=end, amount=days, unit="working_days", after=after, started_on=start,
                    citation=str(rule.citation), days_left=ruling.working_days_between(today, end))


def month_deadline(label: Any, key: str, start: dt.date, after: Any, *, today: dt.date) -> Deadline | None:
    """The rule's number of months after `start` (end of probation, certificate validity ...)."""
    try:
        rule = ruling.rule(key, on=start)
    except DomainError:
        return None
    months = int(rule.value)
    end = ruling.add_months(start, months)
    return Deadline(label=label, date=end, amount=months, unit="months", after=after, started_on=start,
                    citation=str(rule.citation), days_left=ruling.working_days_between(today, end))


# Deadlines of a decision by a committee: the act whose competent committee the page names beside the deadline.
DECIDED_ACTS: dict[str, str] = {DueKind.ADMISSION_DECISION: "admission", DueKind.RECOGNITION: "recognition"}


def decision_day(started_on: dt.date, today: dt.date) -> dt.date:
    """The day whose competent committee decides a pending step: today, or the start when it lies ahead."""
    return max(started_on, today)


def with_competence(deadline: Deadline, competence: Competence | None) -> Deadline:
    """The deadline naming the committee competent on the day (Điều lệ Đảng Điều 4; the level follows the date:
    from 01/07/2025 the commune committee, Quy định 294-QĐ/TW — organizations.kinds)."""
    if not competence:
        return deadline
    return replace(deadline, decided_by=competence.text, decided_by_source=competence.source,
                   decided_by_confirmed=competence.confirmed)


def competence_of(act: str, organization_id: int | None, on: dt.date) -> Competence | None:
    """Who decides `act` for a member of that cell on `on` (None when nothing says)."""
    if organization_id is None:
        return None
    return competences([organization_id], on, act=act).get(organization_id)


DUE_LABELS: dict[str, tuple[Any, Any]] = {
    # kind: (label of the deadline, what it runs from)
    DueKind.ADMISSION_DECISION: (_("Admission decision due by"), _("the cell's resolution")),
    DueKind.ADMISSION_CEREMONY: (_("Admission ceremony due by"), _("the admission decision")),
    DueKind.PROBATION_ENDING: (_("Probation ends on"), _("the admission ceremony")),
    DueKind.RECOGNITION: (_("Recognition to be considered by"), _("the end of probation")),
    DueKind.TRANSFER_PRESENTATION: (_("Transfer letter to be presented by"), _("the transfer letter")),
}
DUE_GROUPS: list[tuple[str, Any]] = [
    (DueKind.ADMISSION_DECISION, _("Candidates waiting for the admission decision")),
    (DueKind.ADMISSION_CEREMONY, _("Admitted, waiting for the ceremony")),
    (DueKind.RECOGNITION, _("Probation ended, recognition to be considered")),
    (DueKind.PROBATION_ENDING, _("Probation ending this month")),
    (DueKind.TRANSFER_PRESENTATION, _("Transfer letters not yet presented")),
]


def describe_due(item: DueItem, *, today: dt.date, rules: Snapshot | None = None,
                 who: dict[tuple[str, int, dt.date], Competence] | None = None) -> Deadline:
    """A due item of members.due, with what it runs from and the rule's amount, for display; a decision's deadline
    names the committee competent on the day (`who`: read beforehand for many items, see `grouped_due`)."""
    label, after = DUE_LABELS.get(item.kind, (item.kind, ""))
    try:
        amount = int((rules or Snapshot()).value(item.rule_key, on=item.started_on))
    except DomainError:
        amount = 0
    unit = "months" if item.rule_key.endswith("_months") else "working_days"
    deadline = Deadline(label=label, date=item.deadline, amount=amount, unit=unit, after=after,
                        started_on=item.started_on, citation=item.citation, days_left=item.days_left)
    act = DECIDED_ACTS.get(item.kind)
    if act is None or item.organization_id is None:
        return deadline
    day = decision_day(item.started_on, today)
    if who is not None:
        return with_competence(deadline, who.get((act, item.organization_id, day)))
    return with_competence(deadline, competence_of(act, item.organization_id, day))


def competences_of(items: Sequence[DueItem], *, today: dt.date) -> dict[tuple[str, int, dt.date], Competence]:
    """Who decides each decision step of many due items: a few queries per act and day, not per item."""
    wanted: dict[tuple[str, dt.date], set[int]] = defaultdict(set)
    for item in items:
        act = DECIDED_ACTS.get(item.kind)
        if act is not None and item.organization_id is not None:
            wanted[(act, decision_day(item.started_on, today))].add(item.organization_id)
    table = periods() if wanted else None
    return {(act, pk, day): found for (act, day), ids in wanted.items()
            for pk, found in competences(ids, day, act=act, table=table).items()}


def grouped_due(items: Sequence[DueItem], *, today: dt.date) -> list[tuple[str, Any, list[tuple[DueItem, Deadline]]]]:
    """Due items grouped by kind, in the order of DUE_GROUPS (empty groups kept, so every heading shows)."""
    by_kind: dict[str, list[tuple[DueItem, Deadline]]] = defaultdict(list)
    rules = Snapshot() if items else None
    who = competences_of(items, today=today)
    for item in items:
        by_kind[item.kind].append((item, describe_due(item, today=today, rules=rules, who=who)))
    return [(kind, label, by_kind.get(kind, [])) for kind, label in DUE_GROUPS]

