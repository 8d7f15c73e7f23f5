"""Corrections of training records: a class's fields and a learner's details and attendance. Same rules as
training.services (one transaction, scope first, every fault at once, change log with the values before); a
result is recorded by training.services.learner_result_record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from core.changelog import log_change
from core.models import ChangeAction
from core.scope import require_in_scope
from core.text import fold
from organizations.models import Organization
from training.checks import FaultList, date_value, day_text, text
from training.models import ClassKind, Learner, Result, TrainingClass
from training.services import CHANGE_PERMISSION, _class_values, _tag

CLASS_FIELDS = ("code", "title", "kind", "organizer", "organizer_name", "co_organizers", "target_group", "place",
                "starts_on", "ends_on", "planned_learners", "note")


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return getattr(value, "pk", value)


def _check_against_learners(training_class: TrainingClass, values: dict[str, Any], faults: FaultList) -> None:
    learners = Learner.objects.filter(training_class=training_class)
    completed = learners.filter(result=Result.COMPLETED)
    kind = values["kind"]
    if kind is not None and kind.pk != training_class.kind_id and completed.exists():
        faults.add(_("Kind: completions are already recorded under the present kind; it can no longer change."),
                   "kind")
    start = values["starts_on"]
    if start and completed.filter(certificate_date__lt=start).exists():
        faults.add(_("Starts on: a learner's certificate is dated before %(date)s.") % {"date": day_text(start)},
                   "starts_on")
    if start and learners.filter(birth_date__gt=start).exists():
        faults.add(_("Starts on: a learner was born after %(date)s.") % {"date": day_text(start)}, "starts_on")


@transaction.atomic
def class_update(*, actor: Any, training_class: TrainingClass, kind: ClassKind | None, title: str,
                 starts_on: dt.date | None, ends_on: dt.date | None, code: str = "",
                 organizer: Organization | None = None, organizer_name: str = "", co_organizers: str = "",
                 target_group: str = "", place: str = "", planned_learners: int | None = None, note: str = "",
                 reason: str = "") -> TrainingClass:
    """Correct a class's fields (its host stays). The kind may not change once completions are recorded; the
    start may not move after a certificate date or a learner's birth."""
    require_in_scope(training_class, actor, CHANGE_PERMISSION)
    training_class = TrainingClass.objects.select_for_update().get(pk=training_class.pk)
    faults = FaultList()
    values = _class_values(host=training_class.host, kind=kind, title=title, starts_on=starts_on, ends_on=ends_on,
                           code=code, organizer=organizer, organizer_name=organizer_name,
                           co_organizers=co_organizers, target_group=target_group, place=place,
                           planned_learners=planned_learners, note=note, faults=faults)
    _check_against_learners(training_class, values, faults)
    faults.check()
    before = {name: _plain(getattr(training_class, name)) for name in CLASS_FIELDS}
    for name in CLASS_FIELDS:
        setattr(training_class, name, values[name])
    training_class.save(update_fields=list(CLASS_FIELDS))
    log_change(actor=actor, action=ChangeAction.UPDATE, instance=training_class, before=before, reason=reason)
    require_in_scope(training_class, actor, CHANGE_PERMISSION)
    return training_class


def _learner_values(learner: Learner, *, full_name: str, birth_date: dt.date | None, unit: str, note: str,
                    tags: Sequence[str], faults: FaultList) -> dict[str, Any]:
    training_class = learner.training_class
    if learner.person_id:
        name, birth = learner.full_name, learner.birth_date
    else:
        name = text(full_name, field_name="full_name", faults=faults, max_length=200, required=True,
                    label=_("Full name"))
        birth = date_value(birth_date, field_name="birth_date", label=_("Date of birth"), faults=faults,
                           required=False) if birth_date else None
        if birth and birth > training_class.starts_on:
            faults.add(_("Date of birth: %(date)s is after the class started.") % {"date": day_text(birth)},
                       "birth_date")
        twins = Learner.objects.filter(training_class=training_class, person__isnull=True,
                                       folded_name=fold(name)[:200], birth_date=birth).exclude(pk=learner.pk)
        if name and twins.exists():
            faults.add(_("Full name: %(name)s is already a learner of this class.") % {"name": name}, "full_name")
    return {
        "full_name": name, "birth_date": birth,
        "unit": text(unit, field_name="unit", faults=faults, label=_("Unit")),
        "note": text(note, field_name="note", faults=faults, max_length=500, label=_("Note")),
        "tags": [text(t, field_name="tags", faults=faults, max_length=200, label=_("Tags"))
                 for t in tags if str(t).strip()],
    }


@transaction.atomic
def learner_update(*, actor: Any, learner: Learner, full_name: str = "", birth_date: dt.date | None = None,
                   unit: str = "", attended: bool = True, tags: Sequence[str] = (), note: str = "",
                   reason: str = "") -> Learner:
    """Correct a learner's details and attendance. A member's name and birth date come from the member file and
    stay; a learner who completed cannot be marked absent."""
    require_in_scope(learner, actor, CHANGE_PERMISSION)
    learner = Learner.objects.select_for_update().select_related("training_class").get(pk=learner.pk)
    faults = FaultList()
    values = _learner_values(learner, full_name=full_name, birth_date=birth_date, unit=unit, note=note, tags=tags,
                             faults=faults)
    if not attended and learner.result == Result.COMPLETED:
        faults.add(_("Attended: this learner completed the class, so attended it."), "attended")
    faults.check()
    before = {"full_name": learner.full_name, "birth_date": _plain(learner.birth_date), "unit": learner.unit,
              "attended": learner.attended, "note": learner.note,
              "tags": sorted(learner.tags.values_list("code", flat=True))}
    tag_rows = [_tag(actor, t) for t in values.pop("tags")]
    for name, value in values.items():
        setattr(learner, name, value)
    learner.attended = attended
    learner.folded_name = fold(learner.full_name)[:200]
    learner.save()
    learner.tags.set(tag_rows)
    after = {**{k: _plain(v) for k, v in values.items()}, "attended": attended,
             "tags": sorted(t.code for t in tag_rows)}
    log_change(actor=actor, action=ChangeAction.UPDATE, instance=learner, before=before, after=after, reason=reason)
    require_in_scope(learner, actor, CHANGE_PERMISSION)
    return learner
