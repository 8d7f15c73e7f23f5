"""The only code that writes training records. Each service runs in one transaction, checks the actor's scope
first (out of scope: NotInScope, a 404 revealing nothing), gathers every fault of the input and raises them at
once (nothing written), writes, logs each row (core.changelog.log_change) and re-checks the scope.

A completion writes elsewhere through the owning app's service, in the same transaction: the Party-awareness
course becomes the candidate's `awareness_course` event (members.services.awareness_course_record), and a
political-theory programme raises the member's political-theory level (members.services.person_update).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.changelog import log_change
from core.models import ChangeAction
from core.scope import require_covers, require_in_scope
from core.text import fold
from members.models import Person, PoliticalTheory
from organizations.models import Organization
from training.checks import FaultList, date_value, day_text, require_existed, text
from training.models import THEORY_LEVEL, Category, ClassKind, Learner, LearnerTag, Result, TrainingClass

CHANGE_PERMISSION = "training.change"
MAX_LEARNERS = 5000
THEORY_ORDER = [PoliticalTheory.NONE, PoliticalTheory.ELEMENTARY, PoliticalTheory.INTERMEDIATE,
                PoliticalTheory.ADVANCED, PoliticalTheory.BACHELOR]


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


# ----------------------------------------------------------------------------- classes


def _class_values(*, host: Organization, kind: ClassKind | None, title: str, starts_on: dt.date | None,
                  ends_on: dt.date | None, code: str, organizer: Organization | None, organizer_name: str,
                  co_organizers: str, target_group: str, place: str, planned_learners: int | None, note: str,
                  faults: FaultList | None = None) -> dict[str, Any]:
    """A class's checked fields (every fault at once, raised unless the caller passes its own `faults`)."""
    own = faults is None
    faults = faults if faults is not None else FaultList()
    values: dict[str, Any] = {
        "code": text(code, field_name="code", faults=faults, max_length=40, label=_("Class code")),
        "title": text(title, field_name="title", faults=faults, required=True, label=_("Title")),
        "organizer_name": text(organizer_name, field_name="organizer_name", faults=faults, label=_("Organized by")),
        "co_organizers": text(co_organizers, field_name="co_organizers", faults=faults, max_length=500,
                              label=_("Co-organizers")),
        "target_group": text(target_group, field_name="target_group", faults=faults, label=_("For")),
        "place": text(place, field_name="place", faults=faults, label=_("Place")),
        "note": text(note, field_name="note", faults=faults, max_length=4000, multiline=True, label=_("Note")),
    }
    if kind is None or not kind.is_active:
        faults.add(_("Kind: choose a kind of class in use."), "kind")
    start = date_value(starts_on, field_name="starts_on", label=_("Starts on"), faults=faults)
    end = date_value(ends_on, field_name="ends_on", label=_("Ends on"), faults=faults)
    if start and end and end < start:
        faults.add(_("Ends on: the class ends on %(end)s, before it starts (%(start)s).")
                   % {"end": day_text(end), "start": day_text(start)}, "ends_on")
    if start:
        require_existed(host, start, field_name="host", faults=faults)
    if planned_learners is not None and not 0 <= planned_learners <= 100000:
        faults.add(_("Planned learners: enter a number from 0 to 100000."), "planned_learners")
    if not (organizer or values["organizer_name"]):
        faults.add(_("Organized by: name the organizing organization or body."), "organizer_name")
    if own:
        faults.check()
    values.update(kind=kind, starts_on=start, ends_on=end, organizer=organizer, planned_learners=planned_learners)
    return values


@transaction.atomic
def class_create(
    *,
    actor: Any,
    host: Organization,
    kind: ClassKind | None,
    title: str,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    code: str = "",
    organizer: Organization | None = None,
    organizer_name: str = "",
    co_organizers: str = "",
    target_group: str = "",
    place: str = "",
    planned_learners: int | None = None,
    note: str = "",
    reason: str = "",
) -> TrainingClass:
    """Record a class held by `host`. The end may not come before the start; the host must exist then."""
    require_covers(actor, host, CHANGE_PERMISSION)
    values = _class_values(host=host, kind=kind, title=title, starts_on=starts_on, ends_on=ends_on, code=code,
                           organizer=organizer, organizer_name=organizer_name, co_organizers=co_organizers,
                           target_group=target_group, place=place, planned_learners=planned_learners, note=note)
    training_class = TrainingClass(host=host, created_by=_user(actor), **values)
    training_class.save()
    log_change(actor=actor, action=ChangeAction.CREATE, instance=training_class, reason=reason)
    require_in_scope(training_class, actor, CHANGE_PERMISSION)
    return training_class


# ----------------------------------------------------------------------------- learners


@dataclass
class LearnerInput:
    """One learner as entered: a member file, or a name with birth date and unit; tags by name."""

    full_name: str = ""
    birth_date: dt.date | None = None
    unit: str = ""
    person: Person | None = None
    tags: Sequence[str] = field(default_factory=tuple)
    attended: bool = True
    result: str = Result.PENDING
    certificate_number: str = ""
    certificate_date: dt.date | None = None
    note: str = ""


def _tag(actor: Any, name: str) -> LearnerTag:
    """The tag of that name (matched ignoring case and diacritics), created and logged if new."""
    code = slugify(fold(name))[:40] or "tag"
    tag = LearnerTag.objects.filter(code=code).first()
    if tag is None:
        tag = LearnerTag(code=code, name=name[:200])
        tag.save()
        log_change(actor=actor, action=ChangeAction.CREATE, instance=tag)
    return tag


def _check_result(result: str, number: str, on: dt.date | None, *, training_class: TrainingClass, prefix: str,
                  fields: tuple[str, str, str], faults: FaultList) -> None:
    """`fields`: the names of the result, certificate number and certificate date inputs."""
    if result not in Result.values:
        faults.add(prefix + _("Result: choose completed, did not complete or not yet known."), fields[0])
        return
    if (number or on) and result != Result.COMPLETED:
        faults.add(prefix + _("Certificate: only a learner who completed the class receives a certificate."),
                   fields[1])
    if on and on < training_class.starts_on:
        faults.add(prefix + _("Certificate date: %(date)s is before the class started (%(start)s).")
                   % {"date": day_text(on), "start": day_text(training_class.starts_on)}, fields[2])


@transaction.atomic
def learners_add(*, actor: Any, training_class: TrainingClass, learners: Sequence[LearnerInput],
                 reason: str = "") -> list[Learner]:
    """Add learners to a class, all or none. Every faulty line is named; a person appears once in a class."""
    require_in_scope(training_class, actor, CHANGE_PERMISSION)
    faults = FaultList()
    if not learners:
        faults.add(_("Learners: enter at least one learner."), "learners")
    if len(learners) > MAX_LEARNERS:
        faults.add(_("Learners: at most %(count)d at once.") % {"count": MAX_LEARNERS}, "learners")
        faults.check()
    existing = list(Learner.objects.filter(training_class=training_class).values_list("person_id", "folded_name",
                                                                                       "birth_date"))
    seen_people = {p for p, _n, _b in existing if p}
    seen_names = {(n, b) for p, n, b in existing if not p}
    rows: list[tuple[LearnerInput, dict[str, Any]]] = []
    for number, given in enumerate(learners, 1):
        prefix = _("Learner %(line)d: ") % {"line": number}
        before = len(faults.errors)
        person = given.person
        name = person.full_name if person else text(given.full_name, field_name="learners", faults=faults,
                                                     max_length=200, required=True, label=prefix + _("Full name"))
        unit = text(given.unit, field_name="learners", faults=faults, label=prefix + _("Unit"))
        note = text(given.note, field_name="learners", faults=faults, max_length=500, label=prefix + _("Note"))
        certificate = text(given.certificate_number, field_name="learners", faults=faults, max_length=64,
                           label=prefix + _("Certificate number"))
        birth = person.birth_date if person else given.birth_date
        if birth and birth > training_class.starts_on:
            faults.add(prefix + _("Date of birth: %(date)s is after the class started.") % {"date": day_text(birth)},
                       "learners")
        tags = [text(t, field_name="learners", faults=faults, max_length=200, label=prefix + _("Tags"))
                for t in given.tags if str(t).strip()]
        _check_result(given.result, certificate, given.certificate_date, training_class=training_class,
                      prefix=prefix, fields=("learners", "learners", "learners"), faults=faults)
        if person is not None:
            require_in_scope(person, actor, "members.view")
            if person.pk in seen_people:
                faults.add(prefix + _("%(name)s is already a learner of this class.") % {"name": name}, "learners")
            seen_people.add(person.pk)
        elif name:
            key = (fold(name), birth)
            if key in seen_names:
                faults.add(prefix + _("%(name)s is already a learner of this class.") % {"name": name}, "learners")
            seen_names.add(key)
        if len(faults.errors) == before:
            rows.append((given, {"person": person, "full_name": name, "birth_date": birth, "unit": unit,
                                 "note": note, "certificate_number": certificate, "tags": tags}))
    faults.check()
    created = []
    for given, values in rows:
        tag_rows = [_tag(actor, t) for t in values.pop("tags")]
        learner = Learner(training_class=training_class, attended=given.attended, result=Result.PENDING,
                          folded_name=fold(values["full_name"])[:200], **values)
        learner.save()
        learner.tags.set(tag_rows)
        log_change(actor=actor, action=ChangeAction.CREATE, instance=learner,
                   after={"full_name": learner.full_name, "tags": [t.code for t in tag_rows]}, reason=reason)
        if given.result != Result.PENDING:
            _set_result(actor, learner, result=given.result, certificate_number=values["certificate_number"],
                        certificate_date=given.certificate_date, reason=reason)
        created.append(learner)
    require_in_scope(training_class, actor, CHANGE_PERMISSION)
    return created


def _raise_theory_level(actor: Any, person: Person, level: str, reason: str) -> None:
    current = person.political_theory if person.political_theory in THEORY_ORDER else PoliticalTheory.NONE
    if THEORY_ORDER.index(PoliticalTheory(level)) > THEORY_ORDER.index(PoliticalTheory(current)):
        from members.services import person_update

        person_update(actor=actor, person=person, political_theory=level,
                      reason=reason or _("Completed a political-theory course"))


def _set_result(actor: Any, learner: Learner, *, result: str, certificate_number: str,
                certificate_date: dt.date | None, reason: str) -> None:
    before = {"result": learner.result, "certificate_number": learner.certificate_number,
              "certificate_date": learner.certificate_date.isoformat() if learner.certificate_date else None}
    learner.result = result
    learner.certificate_number = certificate_number if result == Result.COMPLETED else ""
    learner.certificate_date = certificate_date if result == Result.COMPLETED else None
    learner.save(update_fields=["result", "certificate_number", "certificate_date"])
    log_change(actor=actor, action=ChangeAction.UPDATE, instance=learner, before=before, reason=reason)
    training_class = learner.training_class
    if result != Result.COMPLETED or learner.person is None:
        return
    category = training_class.kind.category
    if category == Category.AWARENESS:
        from members.services import awareness_course_record

        awareness_course_record(actor=actor, person=learner.person,
                                completed_on=certificate_date or training_class.ends_on,
                                certificate_number=certificate_number, issuer=training_class.organizer_label,
                                reason=reason or str(training_class))
    elif category in THEORY_LEVEL:
        _raise_theory_level(actor, Person.objects.get(pk=learner.person.pk), THEORY_LEVEL[Category(category)],
                            reason)


@transaction.atomic
def learner_result_record(
    *,
    actor: Any,
    learner: Learner,
    result: str,
    certificate_number: str = "",
    certificate_date: dt.date | None = None,
    reason: str = "",
) -> Learner:
    """A learner's result and certificate; a completion writes the course event or theory level (see above)."""
    require_in_scope(learner, actor, CHANGE_PERMISSION)
    learner = Learner.objects.select_for_update().select_related("training_class__kind").get(pk=learner.pk)
    faults = FaultList()
    number = text(certificate_number, field_name="certificate_number", faults=faults, max_length=64,
                  label=_("Certificate number"))
    if certificate_date is not None:
        date_value(certificate_date, field_name="certificate_date", label=_("Certificate date"), faults=faults)
    _check_result(result, number, certificate_date, training_class=learner.training_class, prefix="",
                  fields=("result", "certificate_number", "certificate_date"), faults=faults)
    if learner.result == Result.COMPLETED and result == Result.COMPLETED:
        faults.add(_("Result: this learner's completion is already recorded."), "result")
    faults.check()
    _set_result(actor, learner, result=result, certificate_number=number, certificate_date=certificate_date,
                reason=reason)
    require_in_scope(learner, actor, CHANGE_PERMISSION)
    return learner
