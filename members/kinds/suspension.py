"""Suspension from Party activities (đình chỉ sinh hoạt đảng) and its end: two kinds of the member event log.

Quy định 22-QĐ/TW of 28/07/2021 on inspection, supervision and discipline: Điều 28 (a member showing signs of a
serious violation who obstructs the inspection, or who is prosecuted or detained, is suspended), Điều 29 (who
decides), Điều 30 (procedure), Điều 31 (90 days, at most 180 with an extension; for a prosecuted or detained
member the period the law sets). The member stays a member (status unchanged, counted as before); the rating of
the year does not rate a member suspended on its reference date (rating.subjects, `assessment.excluded_members`).

- `member_suspend(*, actor, person, decision, occurred_on, until=None, reason)`: suspended from `occurred_on`
  (the decision is required), until the last day `until` when the decision sets one (kept in details).
- `suspension_end(*, actor, person, occurred_on, decision=None, reason="")`: active again from `occurred_on`.
- `suspensions_on(person_ids, on)`: the suspension in force on a date for each person (live events only): one
  that started on or before `on`, not ended on or before `on`, whose `until` (when given) is not before `on`.

The 90/180-day period is not enforced: a prosecuted or detained member's period follows the law's (Điều 31.2).
The texts by date (`article(on)`): Quy định 30-QĐ/TW of 26/07/2016 before 28/07/2021 and Quy định 296-QĐ/TW of
30/05/2025 (which replaces 22-QĐ/TW) from then, their article numbers UNCONFIRMED (docs/rules.md).
Declared through the registry (members.kinds), registered by one line of members.kinds.declarations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Literal

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.decisions import Decision
from core.errors import DomainError
from core.eventkinds import Door, EventKindSpec
from core.forms import date_field
from core.schemas import Day
from members.forms.base import DecisionMixin, EventForm, OptionalDecisionMixin, _decision_group, _reason
from members.kinds import MEMBER_EVENTS
from members.models import MemberEvent, Person, Status
from members.schemas.common import MemberDecisionIn
from members.schemas.events import EventIn
from members.services.checks import _fmt, _require_date, _require_decision
from members.services.log import _record, _start
from members.status import Timeline

SUSPENSION = "suspension"
SUSPENSION_END = "suspension_end"
ARTICLE = "Quy định 22-QĐ/TW ngày 28/07/2021, Điều 28–31"
# The regulation on inspection, supervision and discipline in force on a date (its articles on suspension).
ARTICLES = (
    (dt.date(2016, 7, 26), "Quy định 30-QĐ/TW ngày 26/07/2016 (điều khoản: CHƯA XÁC NHẬN)"),
    (dt.date(2021, 7, 28), ARTICLE),
    (dt.date(2025, 5, 30), "Quy định 296-QĐ/TW ngày 30/05/2025 (điều khoản: CHƯA XÁC NHẬN)"),
)


def article(on: dt.date) -> str:
    """The text a suspension of that date rests on (Quy định 22-QĐ/TW between 28/07/2021 and 29/05/2025)."""
    found = ARTICLES[0][1]
    for since, text in ARTICLES:
        if on >= since:
            found = text
    return found
_MEMBERS = frozenset({Status.PROBATIONARY, Status.OFFICIAL, Status.EXEMPTED})


def _until(event: Any) -> dt.date | None:
    value = (event.details or {}).get("until")
    return dt.date.fromisoformat(value) if value else None


def open_suspension(events: Iterable[Any], *, on: dt.date | None = None) -> Any:
    """The suspension in force among one person's live events (on a date; None: after the last event)."""
    current = None
    for event in sorted(events, key=lambda e: (e.occurred_on, e.id or 0)):
        if on is not None and event.occurred_on > on:
            break
        if event.kind == SUSPENSION:
            current = event
        elif event.kind == SUSPENSION_END:
            current = None
    if current is not None and on is not None:
        until = _until(current)
        if until is not None and until < on:
            return None
    return current


def suspensions_on(person_ids: Iterable[int], on: dt.date) -> dict[int, MemberEvent]:
    """The suspension in force on `on` of each person who has one (live events: not superseded)."""
    events: dict[int, list[MemberEvent]] = {}
    for event in MemberEvent.objects.current().filter(person_id__in=list(person_ids),
                                                      kind__in=[SUSPENSION, SUSPENSION_END], occurred_on__lte=on):
        events.setdefault(event.person_id, []).append(event)
    found = {}
    for person_id, items in events.items():
        event = open_suspension(items, on=on)
        if event is not None:
            found[person_id] = event
    return found


def describe(event: MemberEvent) -> str:
    """"suspended from 01/03/2024 (12-QĐ/UBKTHU) until 29/05/2024" for the lists that name the reason."""
    text = _("suspended from Party activities from %(day)s") % {"day": _fmt(event.occurred_on)}
    if event.decision_number:
        text += f" ({event.decision_number})"
    until = _until(event)
    if until is not None:
        text += " " + _("until %(day)s") % {"day": _fmt(until)}
    return text


# -- services

@transaction.atomic
def member_suspend(*, actor: Any, person: Person, decision: Decision | None, occurred_on: dt.date | None,
                   until: dt.date | None = None, reason: str = "") -> MemberEvent:
    """Suspend a member from Party activities (đình chỉ sinh hoạt đảng) under a decision; they stay a member."""
    person, timeline = _start(actor, person)
    decision_ = _require_decision(decision)
    on = _require_date(occurred_on, "occurred_on")
    if not (reason or "").strip():
        raise DomainError(_("Say why the member is suspended (%(article)s).") % {"article": article(on)},
                          field="reason")
    if until is not None and until < on:
        raise DomainError(_("The suspension ends on %(until)s, before it starts on %(day)s (%(article)s).")
                          % {"until": _fmt(until), "day": _fmt(on), "article": article(on)}, field="until")
    current = open_suspension(timeline.events, on=on)
    if current is not None:
        raise DomainError(_("%(name)s is already suspended from Party activities since %(day)s (%(article)s).")
                          % {"name": person.full_name, "day": _fmt(current.occurred_on), "article": article(on)},
                          field="occurred_on")
    details = {"until": until.isoformat()} if until is not None else {}
    return _record(actor=actor, person=person, kind=SUSPENSION, occurred_on=on, organization=person.organization,
                   decision=decision_, details=details, reason=reason)


@transaction.atomic
def suspension_end(*, actor: Any, person: Person, occurred_on: dt.date | None, decision: Decision | None = None,
                   reason: str = "") -> MemberEvent:
    """The suspension is lifted: the member takes part in activities again from `occurred_on`."""
    person, timeline = _start(actor, person)
    on = _require_date(occurred_on, "occurred_on")
    current = open_suspension(timeline.events)
    if current is None:
        raise DomainError(_("%(name)s is not suspended from Party activities (%(article)s).")
                          % {"name": person.full_name, "article": article(on)}, field="occurred_on")
    if on < current.occurred_on:
        raise DomainError(_("The suspension started on %(start)s; it cannot end on %(day)s (%(article)s).")
                          % {"start": _fmt(current.occurred_on), "day": _fmt(on), "article": article(on)},
                          field="occurred_on")
    return _record(actor=actor, person=person, kind=SUSPENSION_END, occurred_on=on, organization=person.organization,
                   decision=_require_decision(decision, required=False), reason=reason)


# -- API input and recorders

class SuspensionIn(EventIn):
    """Suspended from Party activities (đình chỉ sinh hoạt đảng) under a decision; `reason` is required."""

    kind: Literal["suspension"]
    occurred_on: Day
    until: Day | None = None
    decision: MemberDecisionIn


class SuspensionEndIn(EventIn):
    """The suspension is lifted from `occurred_on`."""

    kind: Literal["suspension_end"]
    occurred_on: Day
    decision: MemberDecisionIn | None = None


def _decision(body: MemberDecisionIn | None) -> Decision | None:
    return None if body is None else Decision(number=body.number, date=body.date, issuer=body.issuer)


def record_suspension(request: HttpRequest, pk: int, body: SuspensionIn) -> MemberEvent:
    from members.api.recorders import changeable

    return member_suspend(actor=request.user, person=changeable(request, pk), decision=_decision(body.decision),
                          occurred_on=body.occurred_on, until=body.until, reason=body.reason)


def record_suspension_end(request: HttpRequest, pk: int, body: SuspensionEndIn) -> MemberEvent:
    from members.api.recorders import changeable

    return suspension_end(actor=request.user, person=changeable(request, pk), occurred_on=body.occurred_on,
                          decision=_decision(body.decision), reason=body.reason)


# -- page forms

class SuspensionForm(DecisionMixin, EventForm):
    service = staticmethod(member_suspend)
    slug = "suspension"
    title = gettext_lazy("Suspend from Party activities")
    intro = gettext_lazy("The member stays a member and is counted; while suspended they are not rated in the "
                         "year's quality rating (Quy định 22-QĐ/TW, Điều 28–31).")
    kinds = (SUSPENSION,)
    groups = [_decision_group()]

    occurred_on = date_field(gettext_lazy("Suspended from"))
    until = date_field(gettext_lazy("Suspended until"), required=False,
                       help_text=gettext_lazy("The last day the decision sets, if it sets one (90 days, at most "
                                              "180 with an extension)."))
    reason = _reason(required=True, help_text=gettext_lazy("Why the member is suspended."))

    def service_kwargs(self) -> dict[str, Any]:
        return {**super().service_kwargs(), "occurred_on": self.cleaned_data["occurred_on"],
                "until": self.cleaned_data.get("until"), "decision": self.decision()}


class SuspensionEndForm(OptionalDecisionMixin, EventForm):
    service = staticmethod(suspension_end)
    slug = "suspension-end"
    title = gettext_lazy("End of the suspension")
    kinds = (SUSPENSION_END,)
    groups = [_decision_group()]

    occurred_on = date_field(gettext_lazy("Active again from"))

    def service_kwargs(self) -> dict[str, Any]:
        return {**super().service_kwargs(), "occurred_on": self.cleaned_data["occurred_on"],
                "decision": self.decision()}


# -- the declarations

def _not_while_suspended(timeline: Timeline) -> bool | None:
    return False if open_suspension(timeline.events) is not None else None


def _only_while_suspended(timeline: Timeline) -> bool | None:
    return None if open_suspension(timeline.events) is not None else False


SUSPENSION_DOOR = Door("suspension", service=member_suspend, schema=SuspensionIn, record=record_suspension,
                       form=SuspensionForm, offered=_not_while_suspended)
SUSPENSION_END_DOOR = Door("suspension_end", service=suspension_end, schema=SuspensionEndIn,
                           record=record_suspension_end, form=SuspensionEndForm, offered=_only_while_suspended)

MEMBER_EVENTS.register_all([
    EventKindSpec(SUSPENSION, _MEMBERS, door=SUSPENSION_DOOR,
                  label=gettext_lazy("suspended from Party activities")),
    EventKindSpec(SUSPENSION_END, _MEMBERS, door=SUSPENSION_END_DOOR,
                  label=gettext_lazy("suspension from Party activities ended")),
])
