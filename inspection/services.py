"""Every write on inspection programmes, inspections and supervisions, follow-ups, discipline decisions and
appeals. One transaction each, logged (core.changelog), all-or-nothing; every fault of an input is reported at
once (a DomainError naming the field, or Faults listing each) and nothing is written. The actor must hold
"inspection.change" over the keeping organization; anything else answers as missing (404).

An expulsion (khai trừ) writes the member's expulsion event through members.services.member_expel (one door).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.changelog import log_change, snapshot
from core.decisions import Decision
from core.errors import DomainError
from core.models import ChangeAction
from core.scope import covers, require_covers, require_in_scope
from inspection.checks import (
    OFFICIAL_STATUSES,
    FaultList,
    FollowUpInput,
    TeamInput,
    check_day,
    check_document,
    clean_text,
    day_text,
    member_under,
    seats_held,
    spell_on,
    stands_under,
)
from inspection.models import (
    Appeal,
    AppealOutcome,
    Body,
    Discipline,
    DisciplineSubject,
    FollowUp,
    FollowUpStatus,
    Form,
    FormRule,
    Inspection,
    InspectionKind,
    Programme,
    SubjectKind,
    TeamMember,
    TeamRole,
)
from inspection.queries import CHANGE_PERMISSION, form_rules_on
from members.models import Person
from organizations.models import Organization

__all__ = ["FollowUpInput", "TeamInput"]


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _choice(value: str, choices: Any, field_name: str, faults: FaultList) -> str:
    if value not in choices.values:
        faults.add(_("Choose one of the listed values."), field_name)
    return value


def _create(actor: Any, instance: Any, reason: str) -> Any:
    instance.save()
    log_change(actor=actor, action=ChangeAction.CREATE, instance=instance, reason=reason)
    require_in_scope(instance, actor)
    return instance


# ----------------------------------------------------------------------------- programmes


@transaction.atomic
def programme_create(*, actor: Any, organization: Organization, body: str, year: int, title: str,
                     document_number: str = "", document_date: dt.date | None = None, note: str = "",
                     reason: str = "") -> Programme:
    """The annual programme of inspection and supervision of an organization's committee or inspection committee."""
    require_covers(actor, organization, CHANGE_PERMISSION)
    faults = FaultList()
    _choice(body, Body, "body", faults)
    if not isinstance(year, int) or not 1930 <= year <= 2999:
        faults.add(_("The year is not plausible."), "year")
    title = clean_text(title, field_name="title", faults=faults, max_length=300, multiline=False)
    if not title:
        faults.add(_("The title is required."), "title")
    document_number = check_document(document_number, document_date, faults)
    note = clean_text(note, field_name="note", faults=faults)
    if not faults.errors and Programme.objects.filter(organization=organization, body=body, year=year).exists():
        faults.add(_("%(name)s already has a programme of this body for %(year)s.")
                   % {"name": organization.name, "year": year}, "year")
    faults.check()
    return _create(actor, Programme(organization=organization, body=body, year=year, title=title,
                                    document_number=document_number, document_date=document_date, note=note,
                                    created_by=_user(actor)), reason)


# ----------------------------------------------------------------------------- inspections


def _check_follow_ups(items: Sequence[FollowUpInput], starts_on: dt.date | None, faults: FaultList,
                      prefix: str = "follow_ups") -> list[FollowUpInput]:
    clean = []
    for index, item in enumerate(items):
        text = clean_text(item.text, field_name=f"{prefix}.{index}.text", faults=faults)
        if not text:
            faults.add(_("Say what is to be done."), f"{prefix}.{index}.text")
        owner = clean_text(item.owner, field_name=f"{prefix}.{index}.owner", faults=faults, max_length=300,
                           multiline=False)
        if check_day(item.due_on, f"{prefix}.{index}.due_on", faults) and starts_on and item.due_on < starts_on:
            faults.add(_("A follow-up cannot be due (%(due)s) before the inspection starts (%(start)s).")
                       % {"due": day_text(item.due_on), "start": day_text(starts_on)}, f"{prefix}.{index}.due_on")
        clean.append(FollowUpInput(text, item.due_on, owner))
    return clean


def _check_team(team: Sequence[TeamInput], faults: FaultList) -> None:
    seen: set[int] = set()
    for index, item in enumerate(team):
        _choice(item.role, TeamRole, f"team.{index}.role", faults)
        if item.person.pk in seen:
            faults.add(_("%(name)s is named twice in the team.") % {"name": item.person.full_name},
                       f"team.{index}.person")
        seen.add(item.person.pk)
    if sum(1 for item in team if item.role == TeamRole.HEAD) > 1:
        faults.add(_("A team has one head."), "team")


def _check_subject(organization: Organization, subject_organization: Organization | None,
                   subject_person: Person | None, on: dt.date, faults: FaultList) -> str:
    if (subject_organization is None) == (subject_person is None):
        faults.add(_("Name either the organization or the member inspected."), "subject_organization")
        return ""
    if subject_organization is not None:
        if not stands_under(subject_organization, organization, on):
            faults.add(_("%(subject)s was not under %(name)s on %(date)s.") % {
                "subject": subject_organization.name, "name": organization.name, "date": day_text(on)},
                "subject_organization")
        return SubjectKind.ORGANIZATION
    assert subject_person is not None
    if member_under(subject_person, organization, on) is None:
        faults.add(_("%(subject)s was not a member under %(name)s on %(date)s.") % {
            "subject": subject_person.full_name, "name": organization.name, "date": day_text(on)}, "subject_person")
    return SubjectKind.MEMBER


@transaction.atomic
def inspection_create(*, actor: Any, organization: Organization, body: str, kind: str, content: str,
                      starts_on: dt.date, subject_organization: Organization | None = None,
                      subject_person: Person | None = None, ends_on: dt.date | None = None,
                      programme: Programme | None = None, document_number: str = "",
                      document_date: dt.date | None = None, team: Sequence[TeamInput] = (),
                      follow_ups: Sequence[FollowUpInput] = (), conclusion: str = "",
                      concluded_on: dt.date | None = None, violations_found: bool | None = None,
                      reason: str = "") -> Inspection:
    """An inspection or thematic supervision, with its team, and its conclusion and follow-ups when known."""
    require_covers(actor, organization, CHANGE_PERMISSION)
    faults = FaultList()
    _choice(body, Body, "body", faults)
    _choice(kind, InspectionKind, "kind", faults)
    content = clean_text(content, field_name="content", faults=faults, max_length=5_000)
    if not content:
        faults.add(_("Say what is inspected or supervised."), "content")
    dated = check_day(starts_on, "starts_on", faults)
    subject_kind = _check_subject(organization, subject_organization, subject_person, starts_on, faults) \
        if dated else ""
    if check_day(ends_on, "ends_on", faults, required=False) and dated and ends_on and ends_on < starts_on:
        faults.add(_("The end (%(end)s) cannot be before the start (%(start)s).")
                   % {"end": day_text(ends_on), "start": day_text(starts_on)}, "ends_on")
    if programme is not None and (programme.organization_id != organization.pk
                                  or (dated and programme.year != starts_on.year)):
        faults.add(_("The programme is %(name)s's for %(year)s: the inspection must be its own and in that year.")
                   % {"name": programme.organization.name, "year": programme.year}, "programme")
    document_number = check_document(document_number, document_date, faults)
    _check_team(team, faults)
    conclusion = clean_text(conclusion, field_name="conclusion", faults=faults, max_length=10_000)
    if check_day(concluded_on, "concluded_on", faults, required=False) and dated and concluded_on \
            and concluded_on < starts_on:
        faults.add(_("The conclusion (%(end)s) cannot be before the start (%(start)s).")
                   % {"end": day_text(concluded_on), "start": day_text(starts_on)}, "concluded_on")
    if conclusion and concluded_on is None:
        faults.add(_("Give the date of the conclusion."), "concluded_on")
    items = _check_follow_ups(follow_ups, starts_on if dated else None, faults)
    faults.check()
    inspection = _create(actor, Inspection(
        organization=organization, body=body, programme=programme, kind=kind, subject_kind=subject_kind,
        subject_organization=subject_organization, subject_person=subject_person, content=content,
        document_number=document_number, document_date=document_date, starts_on=starts_on, ends_on=ends_on,
        conclusion=conclusion, concluded_on=concluded_on, violations_found=violations_found,
        created_by=_user(actor)), reason)
    for item in team:
        seat = seats_held(item.person, starts_on).first()
        _create(actor, TeamMember(inspection=inspection, person=item.person, role=item.role, seat=seat), reason)
    for follow in items:
        _create(actor, FollowUp(inspection=inspection, text=follow.text, owner=follow.owner, due_on=follow.due_on),
                reason)
    return inspection


@transaction.atomic
def inspection_conclude(*, actor: Any, inspection: Inspection, conclusion: str, concluded_on: dt.date,
                        violations_found: bool | None = None, follow_ups: Sequence[FollowUpInput] = (),
                        reason: str = "") -> Inspection:
    """Record the conclusion of an inspection (a correction of an earlier one is logged with its reason)."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    require_in_scope(inspection, actor)
    faults = FaultList()
    conclusion = clean_text(conclusion, field_name="conclusion", faults=faults, max_length=10_000)
    if not conclusion:
        faults.add(_("The conclusion is required."), "conclusion")
    if check_day(concluded_on, "concluded_on", faults) and concluded_on < inspection.starts_on:
        faults.add(_("The conclusion (%(end)s) cannot be before the start (%(start)s).")
                   % {"end": day_text(concluded_on), "start": day_text(inspection.starts_on)}, "concluded_on")
    if inspection.concluded_on and not (reason or "").strip():
        faults.add(_("The inspection is already concluded: say why the conclusion is corrected."), "reason")
    items = _check_follow_ups(follow_ups, inspection.starts_on, faults)
    faults.check()
    before = snapshot(inspection)
    inspection.conclusion, inspection.concluded_on = conclusion, concluded_on
    inspection.violations_found = violations_found
    inspection.save(update_fields=["conclusion", "concluded_on", "violations_found"])
    log_change(actor=actor, action=ChangeAction.UPDATE, instance=inspection, before=before, reason=reason)
    for follow in items:
        _create(actor, FollowUp(inspection=inspection, text=follow.text, owner=follow.owner, due_on=follow.due_on),
                reason)
    return inspection


@transaction.atomic
def follow_up_set_status(*, actor: Any, follow_up: FollowUp, status: str, done_on: dt.date | None = None,
                         reason: str = "") -> FollowUp:
    """Mark a follow-up done (with its date), cancelled or open again; logged, never deleted."""
    follow_up = FollowUp.objects.select_for_update().select_related("inspection").get(pk=follow_up.pk)
    require_in_scope(follow_up, actor)
    faults = FaultList()
    _choice(status, FollowUpStatus, "status", faults)
    if status == FollowUpStatus.DONE:
        if check_day(done_on, "done_on", faults) and done_on and done_on < follow_up.inspection.starts_on:
            faults.add(_("It cannot be done before the inspection starts (%(start)s).")
                       % {"start": day_text(follow_up.inspection.starts_on)}, "done_on")
    elif done_on is not None:
        faults.add(_("Only a follow-up that is done has a date of completion."), "done_on")
    faults.check()
    before = snapshot(follow_up)
    follow_up.status, follow_up.done_on = status, done_on if status == FollowUpStatus.DONE else None
    follow_up.save(update_fields=["status", "done_on"])
    log_change(actor=actor, action=ChangeAction.UPDATE, instance=follow_up, before=before, reason=reason)
    return follow_up


# ----------------------------------------------------------------------------- discipline


def allowed_forms(subject: str, on: dt.date) -> list[FormRule]:
    """The rule data in force on `on` for a kind of subject (empty when no regulation is recorded)."""
    return list(form_rules_on(subject, on))


def _form_labels(rules: Sequence[FormRule]) -> str:
    return ", ".join(str(Form(r.form).label) for r in rules)


def _discipline_subject(subject_organization: Organization | None, subject_person: Person | None, on: dt.date,
                        faults: FaultList) -> tuple[str, Organization | None]:
    """The kind of subject on `on` and the unit it stood in (the organization, or the member's cell)."""
    if (subject_organization is None) == (subject_person is None):
        faults.add(_("Name either the organization or the member disciplined."), "subject_organization")
        return "", None
    if subject_organization is not None:
        return DisciplineSubject.ORGANIZATION, subject_organization
    assert subject_person is not None
    spell = spell_on(subject_person, on)
    if spell is None or spell.status not in (*OFFICIAL_STATUSES, "probationary"):
        faults.add(_("%(name)s was not a party member on %(date)s.")
                   % {"name": subject_person.full_name, "date": day_text(on)}, "subject_person")
        return "", None
    kind = DisciplineSubject.PROBATIONARY if spell.status == "probationary" else DisciplineSubject.OFFICIAL
    return kind, spell.organization


def _check_form(subject: str, form: str, person: Person | None, on: dt.date, faults: FaultList) -> FormRule | None:
    rules = allowed_forms(subject, on)
    if not rules:
        faults.add(_("No rule on the forms of discipline is recorded for %(date)s (%(subject)s).")
                   % {"date": day_text(on), "subject": DisciplineSubject(subject).label}, "decision_date")
        return None
    chosen = next((r for r in rules if r.form == form), None)
    if chosen is None:
        faults.add(_("“%(form)s” is not a form of discipline for a %(subject)s under %(citation)s; the forms are: "
                     "%(forms)s.") % {"form": Form(form).label if form in Form.values else form,
                                      "subject": DisciplineSubject(subject).label, "citation": rules[0].citation,
                                      "forms": _form_labels(rules)}, "form")
        return None
    if chosen.needs_post and person is not None and not seats_held(person, on).exists():
        faults.add(_("Removal from post is only for a member holding a post (%(citation)s): %(name)s held no "
                     "committee seat on %(date)s.") % {"citation": chosen.citation, "name": person.full_name,
                                                       "date": day_text(on)}, "form")
    return chosen


@transaction.atomic
def discipline_decide(*, actor: Any, organization: Organization, body: str, form: str, decision: Decision,
                      grounds: str, subject_organization: Organization | None = None,
                      subject_person: Person | None = None, inspection: Inspection | None = None,
                      reason: str = "") -> Discipline:
    """A discipline decision; the form must be one the rule of the decision date allows for the subject."""
    require_covers(actor, organization, CHANGE_PERMISSION)
    faults = FaultList()
    _choice(body, Body, "body", faults)
    _choice(form, Form, "form", faults)
    grounds = clean_text(grounds, field_name="grounds", faults=faults, max_length=5_000)
    if not grounds:
        faults.add(_("Say what the violation was."), "grounds")
    try:
        decision.validate(field_prefix="decision")
    except DomainError as error:
        faults.errors.append(error)
    on = decision.date
    if not isinstance(on, dt.date) or not 1930 <= on.year <= 2999:
        faults.check()
    if on > timezone.localdate():
        faults.add(_("The date %(date)s is in the future; record decisions once they are made.")
                   % {"date": day_text(on)}, "decision_date")
    subject, unit = _discipline_subject(subject_organization, subject_person, on, faults)
    rule = _check_form(subject, form, subject_person, on, faults) if subject and form in Form.values else None
    if unit is not None and not stands_under(unit, organization, on):
        faults.add(_("%(subject)s was not under %(name)s on %(date)s: a discipline is decided by the subject's own "
                     "organization or one above it.") % {"subject": unit.name, "name": organization.name,
                                                          "date": day_text(on)}, "organization")
    if body == Body.CELL and (subject == DisciplineSubject.ORGANIZATION
                              or form not in (Form.REPRIMAND, Form.WARNING)):
        faults.add(_("A cell decides only reprimands and warnings of its members (Điều lệ Đảng)."), "body")
    if inspection is not None and inspection.organization_id != organization.pk:
        faults.add(_("The inspection belongs to another organization."), "inspection")
    home = subject_person.organization if subject_person is not None else None
    if form == Form.EXPULSION and subject_person is not None and (
            home is None or not covers(actor, home, "members.change")):
        faults.add(_("An expulsion is written into the member's file: it needs the right to change member files "
                     "in %(name)s.") % {"name": home.name if home else subject_person.full_name}, "form")
    faults.check()
    assert rule is not None and unit is not None
    post_seat = seats_held(subject_person, on).first() if rule.needs_post and subject_person else None
    discipline = _create(actor, Discipline(
        organization=organization, body=body, subject=subject, subject_organization=subject_organization,
        subject_person=subject_person, unit=unit, form=form, rule=rule, post_seat=post_seat, inspection=inspection,
        grounds=grounds, decision_number=decision.number.strip(), decision_date=on,
        decision_issuer=(decision.issuer or "").strip(), created_by=_user(actor)), reason)
    if form == Form.EXPULSION and subject_person is not None:
        from members.services import member_expel

        event = member_expel(actor=actor, person=subject_person, decision=decision, grounds=["discipline"],
                             reason=grounds)
        before = snapshot(discipline)
        discipline.expulsion_event = event
        discipline.save(update_fields=["expulsion_event"])
        log_change(actor=actor, action=ChangeAction.UPDATE, instance=discipline, before=before, reason=reason)
    return discipline


@transaction.atomic
def appeal_file(*, actor: Any, discipline: Discipline, filed_on: dt.date, filed_with: str, note: str = "",
                reason: str = "") -> Appeal:
    """An appeal against a discipline decision, pending until decided."""
    require_in_scope(discipline, actor)
    faults = FaultList()
    if check_day(filed_on, "filed_on", faults) and filed_on < discipline.decision_date:
        faults.add(_("An appeal cannot be filed (%(filed)s) before the decision (%(date)s).")
                   % {"filed": day_text(filed_on), "date": day_text(discipline.decision_date)}, "filed_on")
    filed_with = clean_text(filed_with, field_name="filed_with", faults=faults, max_length=255, multiline=False)
    if not filed_with:
        faults.add(_("Say with whom the appeal was filed."), "filed_with")
    note = clean_text(note, field_name="note", faults=faults)
    faults.check()
    return _create(actor, Appeal(discipline=discipline, filed_on=filed_on, filed_with=filed_with, note=note), reason)


@transaction.atomic
def appeal_decide(*, actor: Any, appeal: Appeal, outcome: str, decided_on: dt.date, new_form: str = "",
                  note: str = "", reason: str = "") -> Appeal:
    """The outcome of an appeal: upheld, the form changed (to one the rule allowed), or annulled."""
    appeal = Appeal.objects.select_for_update().select_related("discipline").get(pk=appeal.pk)
    require_in_scope(appeal, actor)
    discipline = appeal.discipline
    faults = FaultList()
    if outcome not in AppealOutcome.values or outcome == AppealOutcome.PENDING:
        faults.add(_("Choose the outcome."), "outcome")
    if check_day(decided_on, "decided_on", faults) and decided_on < appeal.filed_on:
        faults.add(_("An appeal cannot be decided (%(date)s) before it was filed (%(filed)s).")
                   % {"date": day_text(decided_on), "filed": day_text(appeal.filed_on)}, "decided_on")
    if outcome == AppealOutcome.CHANGED:
        allowed = {r.form for r in allowed_forms(discipline.subject, discipline.decision_date)}
        if new_form not in allowed or new_form == discipline.form:
            faults.add(_("Choose the new form among those allowed for the subject: %(forms)s.")
                       % {"forms": _form_labels(allowed_forms(discipline.subject, discipline.decision_date))},
                       "new_form")
    elif new_form:
        faults.add(_("Only a changed decision has a new form."), "new_form")
    note = clean_text(note, field_name="note", faults=faults)
    if appeal.outcome != AppealOutcome.PENDING:
        faults.add(_("This appeal is already decided."), "outcome")
    faults.check()
    before = snapshot(appeal)
    appeal.outcome, appeal.decided_on, appeal.new_form = outcome, decided_on, new_form
    appeal.note = note or appeal.note
    appeal.save(update_fields=["outcome", "decided_on", "new_form", "note"])
    log_change(actor=actor, action=ChangeAction.UPDATE, instance=appeal, before=before, reason=reason)
    return appeal


# ----------------------------------------------------------------------------- bulk (API)


def _prefixed(error: DomainError, prefix: str) -> list[DomainError]:
    errors = getattr(error, "errors", None) or [error]
    return [DomainError(e.message, field=f"{prefix}.{e.field}" if e.field else prefix) for e in errors]


@transaction.atomic
def items_create(*, actor: Any, service: Any, items: Sequence[dict[str, Any]]) -> list[Any]:
    """Run one creating service (inspection_create, discipline_decide...) for every item: all or none. Every
    item's faults are reported at once, each field prefixed with "items.<index>."."""
    faults = FaultList()
    written = []
    for index, item in enumerate(items):
        try:
            with transaction.atomic():
                written.append(service(actor=actor, **item))
        except DomainError as error:
            if error.status_code == 404:
                raise
            faults.errors.extend(_prefixed(error, f"items.{index}"))
    faults.check()
    return written
