"""The only code that writes commendations, honour-book entries, contests and results. Each service checks the
actor's scope over the organization first (out of scope: NotInScope, a 404 revealing nothing), gathers every
fault and raises them at once (nothing written), writes one row, logs it and re-checks the scope."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from core.changelog import log_change
from core.errors import DomainError
from core.models import ChangeAction
from core.scope import holds, require_covers, require_in_scope
from honours.models import Campaign, Commendation, Contest, ContestResult, Form, HonourEntry, Level, Prize, Target
from members.models import Person
from organizations.models import Organization
from training.checks import FaultList, date_value, day_text, require_existed, text

CHANGE_PERMISSION = "honours.change"


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _recipient(target: str, name: str, person: Person | None, *, organization: Organization, actor: Any,
               field_name: str, faults: FaultList) -> str:
    """The recipient's name as kept: nothing for an organization; a name or a member file otherwise."""
    if target not in Target.values:
        faults.add(_("Commended: choose an organization, a named collective or an individual."), "target")
        return ""
    clean = text(name, field_name=field_name, faults=faults, label=_("Collective or person"))
    if target == Target.ORGANIZATION:
        if person is not None:
            faults.add(_("Member file: an organization is commended, not a person."), "person")
        return ""
    if person is not None:
        require_in_scope(person, actor, "members.view")
        if target != Target.INDIVIDUAL:
            faults.add(_("Member file: a collective is commended, not a person."), "person")
        return ""
    if not clean:
        faults.add(_("Collective or person: name who is commended, or choose a member file."), field_name)
    return clean


@transaction.atomic
def commendation_create(
    *,
    actor: Any,
    organization: Organization,
    target: str,
    level: Level | None,
    form: Form | None,
    decided_on: dt.date | None,
    decided_by: str,
    recipient_name: str = "",
    person: Person | None = None,
    campaign: Campaign | None = None,
    decision_number: str = "",
    reason_text: str = "",
    reason: str = "",
) -> Commendation:
    """A commendation to `organization` itself (target "organization") or to a collective or person under it."""
    require_covers(actor, organization, CHANGE_PERMISSION)
    faults = FaultList()
    name = _recipient(target, recipient_name, person, organization=organization, actor=actor,
                      field_name="recipient_name", faults=faults)
    if level is None:
        faults.add(_("Level: choose the level of the commending body."), "level")
    if form is None:
        faults.add(_("Form: choose the form of commendation."), "form")
    day = date_value(decided_on, field_name="decided_on", label=_("Decision date"), faults=faults)
    values = {
        "decided_by": text(decided_by, field_name="decided_by", faults=faults, required=True, label=_("Decided by")),
        "decision_number": text(decision_number, field_name="decision_number", faults=faults, max_length=64,
                                label=_("Decision number")),
        "reason_text": text(reason_text, field_name="reason_text", faults=faults, max_length=4000, multiline=True,
                            label=_("Achievement")),
    }
    if day:
        require_existed(organization, day, field_name="decided_on", faults=faults)
    faults.check()
    assert day is not None
    commendation = Commendation(organization=organization, target=target, recipient_name=name, person=person,
                                level=level, form=form, campaign=campaign, decided_on=day,
                                created_by=_user(actor), **values)
    commendation.save()
    log_change(actor=actor, action=ChangeAction.CREATE, instance=commendation, reason=reason)
    require_in_scope(commendation, actor, CHANGE_PERMISSION)
    return commendation


@transaction.atomic
def honour_entry_create(
    *,
    actor: Any,
    organization: Organization,
    target: str,
    deed: str,
    entered_on: dt.date | None,
    name: str = "",
    person: Person | None = None,
    deed_on: dt.date | None = None,
    campaign: Campaign | None = None,
    reason: str = "",
) -> HonourEntry:
    """An entry of the "người tốt, việc tốt" register kept by `organization`."""
    require_covers(actor, organization, CHANGE_PERMISSION)
    faults = FaultList()
    clean_name = _recipient(target, name, person, organization=organization, actor=actor, field_name="name",
                            faults=faults)
    clean_deed = text(deed, field_name="deed", faults=faults, required=True, max_length=4000, multiline=True,
                      label=_("Good deed"))
    entered = date_value(entered_on, field_name="entered_on", label=_("Entered on"), faults=faults)
    deed_day = date_value(deed_on, field_name="deed_on", label=_("Date of the deed"), faults=faults, required=False)
    if entered and deed_day and deed_day > entered:
        faults.add(_("Date of the deed: %(deed)s is after the entry (%(entered)s).")
                   % {"deed": day_text(deed_day), "entered": day_text(entered)}, "deed_on")
    if entered:
        require_existed(organization, entered, field_name="entered_on", faults=faults)
    faults.check()
    assert entered is not None
    entry = HonourEntry(organization=organization, target=target, name=clean_name, person=person, deed=clean_deed,
                        deed_on=deed_day, entered_on=entered, campaign=campaign, created_by=_user(actor))
    entry.save()
    log_change(actor=actor, action=ChangeAction.CREATE, instance=entry, reason=reason)
    require_in_scope(entry, actor, CHANGE_PERMISSION)
    return entry


@transaction.atomic
def contest_create(*, actor: Any, name: str, organizer_name: str, year: int | None, level: Level | None = None,
                   campaign: Campaign | None = None, reason: str = "") -> Contest:
    """A contest (not tied to one subtree: anyone who keeps honours records may name one)."""
    if not holds(actor, CHANGE_PERMISSION):
        raise DomainError(_("You may not record contests."), field="name")
    faults = FaultList()
    clean = text(name, field_name="name", faults=faults, required=True, max_length=300, label=_("Name"))
    organizer = text(organizer_name, field_name="organizer_name", faults=faults, required=True,
                     label=_("Organized by"))
    if year is None or not 1930 <= year <= 2200:
        faults.add(_("Year: enter the year the contest was held."), "year")
    if clean and year and Contest.objects.filter(name=clean, year=year).exists():
        faults.add(_("Name: this contest is already recorded for that year."), "name")
    faults.check()
    assert year is not None
    contest = Contest(name=clean, organizer_name=organizer, year=year, level=level, campaign=campaign)
    contest.save()
    log_change(actor=actor, action=ChangeAction.CREATE, instance=contest, reason=reason)
    return contest


def _result_values(year: int | None, *, organization: Organization, prize: str, awarded_on: dt.date | None,
                   participant: str, faults: FaultList) -> tuple[str, dt.date | None]:
    clean = text(participant, field_name="participant", faults=faults, label=_("Participant"))
    if prize not in Prize.values:
        faults.add(_("Prize: choose the prize awarded."), "prize")
    day = date_value(awarded_on, field_name="awarded_on", label=_("Awarded on"), faults=faults)
    if day:
        require_existed(organization, day, field_name="awarded_on", faults=faults)
        if year and day.year < year:
            faults.add(_("Awarded on: %(date)s is before the contest's year.") % {"date": day_text(day)},
                       "awarded_on")
    return clean, day


@transaction.atomic
def contest_result_record(*, actor: Any, contest: Contest, organization: Organization, prize: str,
                          awarded_on: dt.date | None, participant: str = "", reason: str = "") -> ContestResult:
    """The result of `organization` (or a participant under it) in a contest."""
    require_covers(actor, organization, CHANGE_PERMISSION)
    faults = FaultList()
    clean, day = _result_values(contest.year, organization=organization, prize=prize, awarded_on=awarded_on,
                                participant=participant, faults=faults)
    faults.check()
    assert day is not None
    result = ContestResult(contest=contest, organization=organization, participant=clean, prize=prize,
                           awarded_on=day, created_by=_user(actor))
    result.save()
    log_change(actor=actor, action=ChangeAction.CREATE, instance=result, reason=reason)
    require_in_scope(result, actor, CHANGE_PERMISSION)
    return result


@transaction.atomic
def contest_entry_record(*, actor: Any, contest: Contest | None, organization: Organization, prize: str,
                         awarded_on: dt.date | None, participant: str = "", name: str = "", organizer_name: str = "",
                         year: int | None = None, level: Level | None = None, campaign: Campaign | None = None,
                         reason: str = "") -> ContestResult:
    """A contest result in one step: an existing contest, or a new one named here (created in the same
    transaction). Every fault of both parts at once; nothing written on any."""
    require_covers(actor, organization, CHANGE_PERMISSION)
    faults = FaultList()
    if contest is None:
        try:
            with transaction.atomic():
                contest = contest_create(actor=actor, name=name, organizer_name=organizer_name, year=year,
                                         level=level, campaign=campaign, reason=reason)
        except DomainError as error:
            for fault in getattr(error, "errors", [error]):
                faults.add(fault.message, fault.field or "name")
    _result_values(contest.year if contest else year, organization=organization, prize=prize,
                   awarded_on=awarded_on, participant=participant, faults=faults)
    faults.check()
    assert contest is not None
    return contest_result_record(actor=actor, contest=contest, organization=organization, prize=prize,
                                 awarded_on=awarded_on, participant=participant, reason=reason)
