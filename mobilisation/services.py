"""Every write on dialogues, follow-ups and models: one transaction each, logged, every fault of an input at once.

The actor must be allowed to change mobilisation records ("mobilisation.change") over the organization; anything
else answers as missing (404). A follow-up cannot be due before its dialogue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.changelog import log_change, snapshot
from core.errors import DomainError
from core.models import ChangeAction
from core.scope import require_covers, require_in_scope
from documents.faults import Collector
from mobilisation.models import (
    DIALOGUE_BASIS,
    Audience,
    Dialogue,
    DialogueIssue,
    DialogueKind,
    FollowUp,
    FollowUpStatus,
    MobilisationModel,
    ModelField,
    ModelKind,
)
from organizations.models import Organization

CHANGE_PERMISSION = "mobilisation.change"


@dataclass
class IssueInput:
    content: str
    answer: str = ""
    raised_by: str = ""
    answered_by: str = ""


@dataclass
class FollowUpInput:
    action: str
    owner: str
    due_on: dt.date | None
    issue: int | None = None  # index into the dialogue's issues
    status: str = FollowUpStatus.OPEN
    done_on: dt.date | None = None


@dataclass
class DialogueInput:
    kind: str
    held_on: dt.date | None
    place: str
    chair: str
    chair_title: str = ""
    audience: str = Audience.PEOPLE
    participants: int | None = None
    participants_note: str = ""
    subject: str = ""
    basis: str = DIALOGUE_BASIS
    issues: Sequence[IssueInput] = ()
    follow_ups: Sequence[FollowUpInput] = dataclass_field(default_factory=list)


@dataclass
class ModelInput:
    kind: str
    field: str
    name: str
    year: int | None
    launched_year: int | None
    led_by: str = ""
    result: str = ""


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _check_follow_up(item: FollowUpInput, held_on: dt.date | None, prefix: str, faults: Collector,
                     issue_count: int) -> dict[str, Any]:
    values: dict[str, Any] = {
        "action": faults.text(item.action, f"{prefix}.action", max_length=5000, required=True, multiline=True),
        "owner": faults.text(item.owner, f"{prefix}.owner", max_length=200, required=True),
    }
    due_on = faults.date(item.due_on, f"{prefix}.due_on")
    if due_on and held_on and due_on < held_on:
        faults.add(_("The due date cannot be before the dialogue (%(date)s).")
                   % {"date": date_format(held_on, "SHORT_DATE_FORMAT")}, f"{prefix}.due_on")
    if item.status not in FollowUpStatus.values:
        faults.add(_("Choose a status from the list."), f"{prefix}.status")
    done_on = faults.date(item.done_on, f"{prefix}.done_on", required=False)
    if done_on and item.status != FollowUpStatus.DONE:
        faults.add(_("Only a follow-up that is done has a date done."), f"{prefix}.done_on")
    if done_on and held_on and done_on < held_on:
        faults.add(_("A follow-up cannot be done before the dialogue."), f"{prefix}.done_on")
    if item.issue is not None and not 0 <= item.issue < issue_count:
        faults.add(_("This follow-up names an issue the dialogue does not have."), f"{prefix}.issue")
    values.update(due_on=due_on, done_on=done_on, status=item.status, issue=item.issue)
    return values


def dialogue_record(*, actor: Any, organization: Organization, data: DialogueInput, reason: str = "") -> Dialogue:
    """Record a dialogue with its issues, answers and follow-ups. All or nothing."""
    with transaction.atomic():
        organization = Organization.objects.select_for_update().get(pk=organization.pk)
        require_covers(actor, organization, CHANGE_PERMISSION)
        faults = Collector()
        if data.kind not in DialogueKind.values:
            faults.add(_("Choose periodic or ad hoc."), "kind")
        if data.audience not in Audience.values:
            faults.add(_("Choose with whom the dialogue was held."), "audience")
        held_on = faults.date(data.held_on, "held_on")
        if held_on and held_on < organization.established_on:
            faults.add(_("The organization did not exist yet on this date."), "held_on")
        if held_on and organization.dissolved_on and held_on >= organization.dissolved_on:
            faults.add(_("The organization no longer existed on this date."), "held_on")
        if data.participants is not None and not 0 < data.participants <= 1_000_000:
            faults.add(_("Enter a number of participants above zero."), "participants")
        text = {
            "place": faults.text(data.place, "place", max_length=255, required=True),
            "chair": faults.text(data.chair, "chair", max_length=200, required=True),
            "chair_title": faults.text(data.chair_title, "chair_title", max_length=200),
            "participants_note": faults.text(data.participants_note, "participants_note", max_length=5000,
                                             multiline=True),
            "subject": faults.text(data.subject, "subject", max_length=500),
            "basis": faults.text(data.basis, "basis", max_length=255),
        }
        issues = [{
            "content": faults.text(i.content, f"issues.{n}.content", max_length=5000, required=True, multiline=True),
            "answer": faults.text(i.answer, f"issues.{n}.answer", max_length=5000, multiline=True),
            "raised_by": faults.text(i.raised_by, f"issues.{n}.raised_by", max_length=200),
            "answered_by": faults.text(i.answered_by, f"issues.{n}.answered_by", max_length=200),
        } for n, i in enumerate(data.issues)]
        follow_ups = [_check_follow_up(f, held_on, f"follow_ups.{n}", faults, len(issues))
                      for n, f in enumerate(data.follow_ups)]
        faults.check()
        assert held_on is not None  # a missing date was a fault
        dialogue = Dialogue.objects.create(organization=organization, kind=data.kind, held_on=held_on,
                                           audience=data.audience, participants=data.participants,
                                           created_by=_user(actor), **text)
        log_change(actor=actor, action=ChangeAction.CREATE, instance=dialogue, reason=reason)
        rows = []
        for issue_values in issues:
            issue = DialogueIssue.objects.create(dialogue=dialogue, **issue_values)
            log_change(actor=actor, action=ChangeAction.CREATE, instance=issue)
            rows.append(issue)
        for values in follow_ups:
            index = values.pop("issue")
            follow_up = FollowUp.objects.create(dialogue=dialogue, issue=rows[index] if index is not None else None,
                                                **values)
            log_change(actor=actor, action=ChangeAction.CREATE, instance=follow_up)
        return dialogue


def follow_up_set_status(*, actor: Any, follow_up: FollowUp, status: str, done_on: dt.date | None = None,
                         note: str = "", reason: str = "") -> FollowUp:
    """Move a follow-up on (open, in progress, done on a date); the change is logged."""
    with transaction.atomic():
        follow_up = FollowUp.objects.select_for_update().select_related("dialogue").get(pk=follow_up.pk)
        require_in_scope(follow_up, actor)
        faults = Collector()
        item = FollowUpInput(follow_up.action, follow_up.owner, follow_up.due_on, status=status, done_on=done_on)
        _check_follow_up(item, follow_up.dialogue.held_on, "follow_up", faults, 0)
        if status == FollowUpStatus.DONE and done_on is None:
            faults.add(_("Enter the date it was done."), "follow_up.done_on")
        note = faults.text(note, "note", max_length=5000, multiline=True)
        faults.check()
        before = snapshot(follow_up)
        follow_up.status, follow_up.done_on = status, done_on
        if note:
            follow_up.note = note
        follow_up.save(update_fields=["status", "done_on", "note"])
        log_change(actor=actor, action=ChangeAction.UPDATE, instance=follow_up, before=before, reason=reason)
        return follow_up


def model_register(*, actor: Any, organization: Organization, data: ModelInput, reason: str = "") -> MobilisationModel:
    """Register a model of an organization for a year."""
    with transaction.atomic():
        organization = Organization.objects.select_for_update().get(pk=organization.pk)
        require_covers(actor, organization, CHANGE_PERMISSION)
        faults = Collector()
        if data.kind not in ModelKind.values:
            faults.add(_("Choose a kind of model from the list."), "kind")
        if data.field not in ModelField.values:
            faults.add(_("Choose a field from the list."), "field")
        name = faults.text(data.name, "name", max_length=300, required=True)
        led_by = faults.text(data.led_by, "led_by", max_length=200)
        result = faults.text(data.result, "result", max_length=10_000, multiline=True)
        for value, name_of in ((data.year, "year"), (data.launched_year, "launched_year")):
            if value is None or not 1930 <= value <= 2999:
                faults.add(_("Enter a plausible year."), name_of)
        if data.year and data.launched_year and data.launched_year > data.year:
            faults.add(_("A model cannot be launched after the year it is registered for."), "launched_year")
        if name and data.year and MobilisationModel.objects.filter(organization=organization, year=data.year,
                                                                   name=name).exists():
            faults.add(_("This organization already registered a model of this name for this year."), "name")
        faults.check()
        assert data.year is not None and data.launched_year is not None  # checked above
        try:
            with transaction.atomic():
                row = MobilisationModel.objects.create(
                    organization=organization, kind=data.kind, field=data.field, name=name, year=data.year,
                    launched_year=data.launched_year, led_by=led_by, result=result, created_by=_user(actor))
        except IntegrityError as exc:
            raise DomainError(_("This organization already registered a model of this name for this year."),
                              field="name") from exc
        log_change(actor=actor, action=ChangeAction.CREATE, instance=row, reason=reason)
        return row
