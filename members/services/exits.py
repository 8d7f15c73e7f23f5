"""Exemption from activities, and leaving the Party (strike-off, expulsion, own request, death), re-admission."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from core.decisions import Decision
from core.errors import DomainError
from members import plausibility, ruling
from members.models import (
    FORMER_STATUSES,
    EventKind,
    MemberEvent,
    Person,
    StrikeOffGround,
)
from members.services.checks import (
    _fmt,
    _Pseudo,
    _require_cell,
    _require_date,
    _require_decision,
    _require_members_scope,
)
from members.services.log import _record, _refusal, _start
from organizations.models import Organization


@transaction.atomic
def exemption_start(
    *, actor: Any, person: Person, occurred_on: dt.date, decision: Decision | None = None, reason: str = ""
) -> MemberEvent:
    """Exempt an official member from activities (miễn sinh hoạt); they stay a member."""
    person, _timeline = _start(actor, person)
    occurred_on = _require_date(occurred_on, "occurred_on")
    if not (reason or "").strip():
        raise DomainError(_("Say why the member is exempted (age, illness ...)."), field="reason")
    return _record(actor=actor, person=person, kind=EventKind.EXEMPTION_START, occurred_on=occurred_on,
                   organization=person.organization, decision=_require_decision(decision, required=False),
                   reason=reason)



@transaction.atomic
def member_strike_off(
    *,
    actor: Any,
    person: Person,
    decision: Decision,
    ground: str,
    warrants_expulsion: bool = False,
    unpaid_months: int | None = None,
    reason: str = "",
) -> MemberEvent:
    """Strike the member's name off (xóa tên) on one of the grounds; never instead of an expulsion."""
    person, _timeline = _start(actor, person)
    decision_ = _require_decision(decision)
    assert decision_ is not None
    on = decision_.date
    if ground not in StrikeOffGround.values or ground == StrikeOffGround.NOT_RECOGNISED:
        raise DomainError(_("Choose the ground for striking off."), field="ground")
    rule = ruling.rule("strike_off.unpaid_dues_months", on=on)
    if warrants_expulsion:
        raise DomainError(
            _("A member whose violation warrants expulsion is expelled, never struck off instead (%(citation)s).")
            % {"citation": rule.citation},
            field="warrants_expulsion",
        )
    details: dict[str, Any] = {"ground": ground}
    if ground == StrikeOffGround.UNPAID_DUES:
        if unpaid_months is None or unpaid_months < int(rule.value):
            raise DomainError(
                _("Striking off for unpaid dues needs at least %(months)s months unpaid in a year without good "
                  "reason (%(citation)s).") % {"months": rule.value, "citation": rule.citation},
                field="unpaid_months",
            )
        details["unpaid_months"] = unpaid_months
    return _record(actor=actor, person=person, kind=EventKind.STRIKE_OFF, occurred_on=on,
                   organization=person.organization, decision=decision_, details=details, reason=reason)


@transaction.atomic
def member_expel(
    *, actor: Any, person: Person, decision: Decision, grounds: Sequence[str] = (), reason: str = ""
) -> MemberEvent:
    """Expel an official member (khai trừ). `grounds` are codes kept for the re-admission bars."""
    person, _timeline = _start(actor, person)
    decision_ = _require_decision(decision)
    assert decision_ is not None
    if not (reason or "").strip():
        raise DomainError(_("Say what the violation was."), field="reason")
    return _record(actor=actor, person=person, kind=EventKind.EXPULSION, occurred_on=decision_.date,
                   organization=person.organization, decision=decision_,
                   details={"grounds": [str(g) for g in grounds]}, reason=reason)


@transaction.atomic
def member_leave(
    *, actor: Any, person: Person, decision: Decision, has_violations: bool = False, reason: str = ""
) -> MemberEvent:
    """The member leaves at own request; only a member without violations (violators are disciplined first)."""
    person, _timeline = _start(actor, person)
    decision_ = _require_decision(decision)
    assert decision_ is not None
    if has_violations:
        raise DomainError(
            _("A member with violations is disciplined first and cannot leave at own request (%(citation)s).")
            % {"citation": ruling.citation("strike_off.unpaid_dues_months", on=decision_.date)},
            field="has_violations",
        )
    return _record(actor=actor, person=person, kind=EventKind.LEFT_VOLUNTARILY, occurred_on=decision_.date,
                   organization=person.organization, decision=decision_, reason=reason)



# ----------------------------------------------------------------------------- re-admission


@transaction.atomic
def member_readmit(
    *,
    actor: Any,
    person: Person,
    decision: Decision,
    consent: Decision,
    cell_resolution_on: dt.date | None = None,
    organization: Organization | None = None,
    record_cleared_on: dt.date | None = None,
    declared_grounds: Sequence[str] = (),
    reason: str = "",
) -> MemberEvent:
    """Re-admit a former member: months out, barred grounds and once only, per the rules; probation again.

    `consent` is the provincial standing committee's written consent; `record_cleared_on` the date a minor
    criminal record was cleared (the longer wait applies); `declared_grounds` other barring facts, as codes.
    """
    person, timeline = _start(actor, person)
    decision_ = _require_decision(decision)
    consent_ = _require_decision(consent, field="consent")
    assert decision_ is not None and consent_ is not None
    state = timeline.state
    exit_ = state.last_exit
    if state.status not in FORMER_STATUSES or exit_ is None:
        raise _refusal(person, _Pseudo(EventKind.READMISSION_DECISION, decision_.date), "status", state)
    if cell_resolution_on is not None:
        considered = _require_date(cell_resolution_on, "cell_resolution_on")
    else:
        considered = timeline.cell_resolution_on() or decision_.date  # the resolution since the exit
    if decision_.date < considered:
        raise DomainError(_("The decision cannot come before the cell's resolution."), field="decision_date")
    out_rule = ruling.rule("readmission.min_months_out", on=considered)
    months_out = ruling.months_between(exit_.on, considered)
    if months_out < int(out_rule.value):
        raise DomainError(
            _("%(name)s has been out of the Party for %(months)s months since %(date)s; re-admission needs at least "
              "%(min)s (%(citation)s).")
            % {"name": person.full_name, "months": months_out, "date": _fmt(exit_.on), "min": out_rule.value,
               "citation": out_rule.citation},
            field="cell_resolution_on",
        )
    if record_cleared_on is not None:
        cleared_rule = ruling.rule("readmission.min_months_after_record_cleared", on=considered)
        months_cleared = ruling.months_between(_require_date(record_cleared_on, "record_cleared_on"), considered)
        if months_cleared < int(cleared_rule.value):
            raise DomainError(
                _("The criminal record was cleared %(months)s months before; re-admission needs at least %(min)s "
                  "(%(citation)s).")
                % {"months": months_cleared, "min": cleared_rule.value, "citation": cleared_rule.citation},
                field="record_cleared_on",
            )
    barred_rule = ruling.rule("readmission.barred_grounds", on=considered)
    grounds = {g for x in timeline.exits for g in x.grounds} | {str(g) for g in declared_grounds}
    barred = sorted(grounds & ruling.codes(barred_rule.value))
    if barred:
        raise DomainError(
            _("%(name)s cannot be re-admitted: barred ground “%(ground)s” (%(citation)s).")
            % {"name": person.full_name, "ground": barred[0], "citation": barred_rule.citation},
            field="declared_grounds",
        )
    times_rule = ruling.rule("readmission.max_times", on=considered)
    if state.readmissions >= int(times_rule.value):
        raise DomainError(
            _("%(name)s has already been re-admitted %(times)s time(s); the limit is %(max)s (%(citation)s).")
            % {"name": person.full_name, "times": state.readmissions, "max": times_rule.value,
               "citation": times_rule.citation},
            field="person",
        )
    plausibility.not_before_birth(person, decision_.date)
    cell = _require_cell(organization or person.organization, on=decision_.date, field="organization")
    _require_members_scope(actor, cell)
    details = {
        "cell_resolution_on": considered.isoformat(),
        "consent": {"number": consent_.number, "date": consent_.date.isoformat(), "issuer": consent_.issuer},
        "months_out": months_out,
        "declared_grounds": sorted(str(g) for g in declared_grounds),
    }
    if record_cleared_on is not None:
        details["record_cleared_on"] = record_cleared_on.isoformat()
    return _record(actor=actor, person=person, kind=EventKind.READMISSION_DECISION, occurred_on=decision_.date,
                   organization=cell, decision=decision_, details=details, reason=reason)
