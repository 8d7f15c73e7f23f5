"""The member page: timeline rows (every event, with its details and what superseded it), badge information.
(`allowed_now`, which events the current state allows, is members.kinds'.)
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from members.models import (
    MEMBER_STATUSES,
    EventKind,
    MemberEvent,
    Status,
    StrikeOffGround,
    TemporaryPurpose,
)
from members.pages.vocabularies import DOSSIER_LABELS, EXCEPTION_AREA_LABELS, GROUND_LABELS
from members.party_age import PartyAge, badge_for, next_presentation_day
from members.ruling import Snapshot
from members.status import CONTACT_RESTORED, LOST_CONTACT, Timeline, derive
from organizations.kinds import competences, periods
from rules.calendar import add_months

SUSPENSION = "suspension"  # members.kinds.suspension.SUSPENSION (importing that module here would be circular)


@dataclass(frozen=True)
class BadgeInfo:
    """The next Party badge: its years, the day they are reached, the presentation day; due now or not."""

    presentation_on: dt.date
    due_years: int | None
    early: bool
    next_years: int | None
    next_reached_on: dt.date | None
    next_presentation_on: dt.date | None


def badge_info(
    timeline: Timeline, *, seriously_ill: bool, age: PartyAge | None, on: dt.date, rules: Snapshot | None = None
) -> BadgeInfo | None:
    """Badge due at the next presentation day, and the next badge after it (for members only)."""
    if age is None or timeline.state.status not in MEMBER_STATUSES:
        return None
    rules = rules or Snapshot()
    day = next_presentation_day(on, rules)
    found = badge_for(timeline, seriously_ill=seriously_ill, presentation_on=day, rules=rules)
    years = [int(y) for y in rules.value("party_age.badge_years", on=day)]
    after = [y for y in years if y * 12 > age.total_months and (found is None or y > found[0])]
    next_years = after[0] if after else None
    reached = add_months(age.counted_from, 12 * next_years) if next_years else None
    return BadgeInfo(
        presentation_on=day,
        due_years=found[0] if found else None,
        early=bool(found and found[1]),
        next_years=next_years,
        next_reached_on=reached,
        next_presentation_on=next_presentation_day(reached, rules) if reached else None,
    )


def corrections_of(events: Sequence[MemberEvent]) -> dict[int, MemberEvent]:
    """For each superseded event, the event that supersedes it (a correction or the corrected copy)."""
    return {e.supersedes_id: e for e in events if e.supersedes_id is not None}

def _day(value: Any) -> str:
    if not value:
        return ""
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return date_format(day, "SHORT_DATE_FORMAT")


def _decision_text(value: Any) -> str:
    if not isinstance(value, dict) or not value.get("number"):
        return ""
    text = f"{value['number']} ({_day(value.get('date'))})"
    return f"{text}, {value['issuer']}" if value.get("issuer") else text


def event_details(event: MemberEvent, *, names: dict[int, str]) -> list[tuple[Any, str]]:
    """(label, value) lines describing an event's details, for the timeline."""
    details = event.details or {}
    lines: list[tuple[Any, str]] = []

    def add(label: Any, value: Any) -> None:
        if value not in (None, "", [], {}):
            lines.append((label, str(value)))

    kind = event.kind
    if kind == EventKind.DOSSIER_STEP:
        add(_("Form"), DOSSIER_LABELS.get(details.get("form", ""), details.get("form")))
    if kind == EventKind.AWARENESS_COURSE:
        add(_("Certificate"), details.get("certificate_number"))
        add(_("Issued by"), details.get("issuer"))
        add(_("Valid until"), _day(details.get("valid_until")))
    if kind in (EventKind.ADMISSION_DECISION, EventKind.READMISSION_DECISION):
        add(_("Cell's resolution"), _day(details.get("cell_resolution_on")))
        introducers = [_("%(name)s (worked with the applicant since %(date)s)") % {"name": i.get("name"),
                                                                                   "date": _day(i.get("since"))}
                       for i in details.get("introducers", [])]
        add(_("Introducers"), "; ".join(introducers))
        add(_("Youth Union resolution"), _decision_text(details.get("youth_union_resolution")))
        area = details.get("education_exception_area")
        add(_("Education exception"), EXCEPTION_AREA_LABELS.get(area, area) if area else "")
        override = details.get("age_override")
        if isinstance(override, dict):
            add(_("Age over the limit, allowed by"), _decision_text(override))
        add(_("Consent"), _decision_text(details.get("consent")))
        add(_("Months out of the Party"), details.get("months_out"))
        if details.get("recorded_from"):
            add(_("Source"), _("copied from the member's file") if details["recorded_from"] == "file"
                else _("copied from the transfer letter"))
    if kind == EventKind.RECOGNITION:
        add(_("Decided on"), _day(details.get("decided_on")))
    if kind in (EventKind.TRANSFER_OUT_OFFICIAL, EventKind.TRANSFER_OUT_TEMPORARY):
        destination = names.get(event.counterpart_id) if event.counterpart_id else details.get("destination_outside")
        add(_("Destination"), destination)
        purpose = details.get("purpose")
        add(_("Purpose"), TemporaryPurpose(purpose).label if purpose in TemporaryPurpose.values else purpose)
        add(_("Expected back on"), _day(details.get("until")))
    if kind in (EventKind.TRANSFER_IN_OFFICIAL, EventKind.TRANSFER_IN_TEMPORARY):
        add(_("Coming from"), names.get(event.counterpart_id) if event.counterpart_id else details.get(
            "origin_outside"))
        add(_("Working days taken"), details.get("working_days_taken"))
        add(_("Explanation of the delay"), details.get("late_explanation"))
    letter = details.get("letter") or {}
    if isinstance(letter, dict):
        add(_("Letter register number"), letter.get("register_number"))
        add(_("Number in the cell's list"), letter.get("list_number"))
        paid = letter.get("dues_paid_until")
        add(_("Dues paid up to"), f"{paid[5:7]}/{paid[:4]}" if isinstance(paid, str) and len(paid) == 7 else paid)
    if kind in (EventKind.STRIKE_OFF, EventKind.NOT_RECOGNISED):
        ground = details.get("ground")
        add(_("Ground"), StrikeOffGround(ground).label if ground in StrikeOffGround.values else ground)
        add(_("Months of dues unpaid"), details.get("unpaid_months"))
    if kind == EventKind.EXPULSION or details.get("declared_grounds"):
        grounds = list(details.get("grounds") or []) + list(details.get("declared_grounds") or [])
        add(_("Grounds"), ", ".join(str(GROUND_LABELS.get(g, g)) for g in grounds))
    if kind == EventKind.RESTRUCTURE_MOVE:
        add(_("Moved from"), names.get(event.counterpart_id) if event.counterpart_id else "")
        if details.get("registered_at_founding"):
            add(_("Source"), _("registered on the cell's first day in the tree: the history before it was copied "
                               "from the member's file"))
    if kind == EventKind.FILE_VOIDED:
        before = details.get("status_before")
        add(_("Status before"), Status(before).label if before in Status.values else before)
        released = details.get("released") or {}
        if isinstance(released, dict):
            add(_("Citizen ID released"), released.get("citizen_id"))
            add(_("Party card number released"), released.get("party_card_number"))
    if kind == EventKind.CORRECTION:
        withdrawn = details.get("withdrawn_kind")
        add(_("Withdrawn"), EventKind(withdrawn).label if withdrawn in EventKind.values else withdrawn)
    if kind == SUSPENSION:  # members.kinds.suspension: the last day the decision sets, if it sets one
        until = details.get("until")
        add(_("Suspension period"), _("until the end of %(day)s") % {"day": _day(until)} if until
            else _("until it is lifted (the decision sets no last day)"))
    return lines


def contact_lines(events: Sequence[MemberEvent], timeline: Timeline) -> dict[int, tuple[Any, str]]:
    """For each live loss of contact and restoration (members.kinds.contact), the period without contact as the
    Party age leaves it out (members.status: Timeline.lost_contacts, [lost, restored or exit))."""
    restored_on = {e.occurred_on for e in timeline.events if e.kind == CONTACT_RESTORED}
    lines: dict[int, tuple[Any, str]] = {}
    for start, end in timeline.lost_contacts:
        values = {"start": _day(start), "end": _day(end)}
        if end is None:
            text = _("from %(start)s, contact not restored yet; left out of the Party age") % values
        elif end in restored_on:
            text = _("from %(start)s until contact was restored on %(end)s; left out of the Party age") % values
        else:
            text = _("from %(start)s to %(end)s; left out of the Party age") % values
        for event in timeline.events:
            if (event.kind == LOST_CONTACT and event.occurred_on == start) or (
                    event.kind == CONTACT_RESTORED and end is not None and event.occurred_on == end):
                lines[event.id] = (_("Period without contact"), text)  # type: ignore[index]
    return lines


@dataclass(frozen=True)
class TimelineRow:
    """One event of the log as the member page shows it."""

    event: MemberEvent
    details: list[tuple[Any, str]]
    superseded_by: MemberEvent | None
    correctable: bool


_DECIDED: dict[str, str] = {EventKind.ADMISSION_DECISION: "admission", EventKind.RECOGNITION: "recognition"}


def _decided_on(event: MemberEvent) -> dt.date:
    decided = (event.details or {}).get("decided_on")
    try:
        return dt.date.fromisoformat(decided) if isinstance(decided, str) else event.occurred_on
    except ValueError:
        return event.occurred_on


def competent_lines(events: Sequence[MemberEvent]) -> dict[int, tuple[Any, str]]:
    """For each admission decision and recognition recorded here (not copied from a file), the committee competent
    on its date for its cell (organizations.kinds: the level follows the date, 294-QĐ/TW from 01/07/2025)."""
    wanted: dict[tuple[str, dt.date], set[int]] = defaultdict(set)
    decided = [e for e in events if e.kind in _DECIDED and e.organization_id is not None
               and not (e.details or {}).get("recorded_from")]
    for event in decided:
        wanted[(_DECIDED[event.kind], _decided_on(event))].add(event.organization_id)  # type: ignore[arg-type]
    table = periods() if wanted else None
    found = {(act, day): competences(ids, day, act=act, table=table) for (act, day), ids in wanted.items()}
    lines = {}
    for event in decided:
        who = found[(_DECIDED[event.kind], _decided_on(event))].get(event.organization_id)  # type: ignore[arg-type]
        if who:
            text = f"{who.text} ({who.source})" if who.confirmed else f"{who.text} ({who.source}; {_('not confirmed')})"
            lines[event.pk] = (_("Competent committee on that date"), text)
    return lines


def timeline_rows(events: Sequence[MemberEvent], *, timeline: Timeline | None = None) -> list[TimelineRow]:
    """Every event, superseded ones included (with what superseded them), in date order. `timeline` is the fold
    of `events` when the caller has it (members.status.derive)."""
    corrections = corrections_of(events)
    names = {e.counterpart.pk: e.counterpart.name for e in events if e.counterpart is not None}
    competent = competent_lines(events)
    contact = contact_lines(events, timeline if timeline is not None else derive(events))
    rows = []
    for event in events:
        later = corrections.get(event.pk)
        details = event_details(event, names=names)
        if event.pk in competent:
            details.append(competent[event.pk])
        if event.pk in contact:
            details.append(contact[event.pk])
        rows.append(TimelineRow(
            event=event, details=details, superseded_by=later,
            correctable=later is None and event.kind not in (EventKind.CORRECTION, EventKind.RESTRUCTURE_MOVE),
        ))
    return rows
