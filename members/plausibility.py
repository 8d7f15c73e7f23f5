"""Plausibility rules on a person's dates, checked by the services whatever door calls them.

Every event is dated on or after the person's birth; some steps have an age floor kept as data in the
rules app (`candidate.min_age_months`, `awareness_course.min_age_months`, and `admission.min_age_months` for
an admission copied from a file). The services call `check_event` for every event they write and
`not_before_birth` before any other check on a date, so the page, the API, the import, the demo and the
commands all meet the same refusal. An event before birth and an age floor name the date of birth; the age
of an admission copied from a file names its decision date (`age_field`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.errors import DomainError
from members import ruling
from members.kinds import kind_label
from members.models import EventKind

#: Age floors by kind of event: the rule key. An admission copied from a file ("recorded_from") is checked
#: against the admission age on its decision date (the cell's resolution date is not known then).
AGE_FLOORS: dict[str, str] = {
    EventKind.CANDIDATE_REGISTERED: "candidate.min_age_months",
    EventKind.AWARENESS_COURSE: "awareness_course.min_age_months",
}
RECORD_AGE_KEY = "admission.min_age_months"
#: No date of birth before this year, no event before this one (the Party was founded in 1930).
EARLIEST_BIRTH_YEAR = 1900
EARLIEST_EVENT_YEAR = 1930


def _fmt(day: dt.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def age_in_words(months: int) -> str:
    """An age given in months, as people say it: "17 tuổi 10 tháng", "18 tuổi" (never "214 tháng tuổi")."""
    years, rest = divmod(max(int(months), 0), 12)
    if rest == 0:
        return _("%(years)s years old") % {"years": years}
    return _("%(years)s years %(months)s months old") % {"years": years, "months": rest}


def date_problem(day: dt.date, *, birth: bool = False, today: dt.date | None = None) -> str | None:
    """Why a date of birth (`birth`) or of an event is not plausible (in the future, or before the earliest year
    of its kind), None when it is. The one definition behind the services and the import."""
    today = today or timezone.localdate()
    if birth and day > today:
        return _("The date of birth %(date)s is in the future.") % {"date": _fmt(day)}
    if birth and day.year < EARLIEST_BIRTH_YEAR:
        return _("The date of birth %(date)s is not plausible.") % {"date": _fmt(day)}
    if day > today:
        return _("The date %(date)s is in the future; record events once they have happened.") % {"date": _fmt(day)}
    if not birth and day.year < EARLIEST_EVENT_YEAR:
        return _("The date %(date)s is not plausible.") % {"date": _fmt(day)}
    return None


def floor_rule(key: str, *, on: dt.date) -> Any:
    """The rule in force on the date; before its first recorded version, that first version (an age floor
    known from the Party Charter or a plausibility floor applies to older dates of record too)."""
    try:
        return ruling.rule(key, on=on)
    except DomainError:
        from rules.queries import rulebook

        versions = rulebook().by_key.get(key) or []
        if versions and on < versions[0].valid_from:
            return versions[0]
        raise


def _citation(rule: Any) -> str:
    if getattr(rule, "confirmed", True):
        return str(rule.citation)
    return _("plausibility floor %(key)s, not confirmed by a regulation") % {"key": rule.key}


def birth_problem(birth: Any, on: Any, kind: str | None, *, name: str) -> str | None:
    """Why an event of `kind` on `on` cannot be (before the date of birth), or None."""
    if not isinstance(birth, dt.date) or not isinstance(on, dt.date) or on >= birth:
        return None
    return _(
        "“%(event)s” on %(date)s is before the date of birth of %(name)s (%(birth)s): check the date of birth or "
        "the date of the event."
    ) % {"event": kind_label(kind) if kind else _("event"), "date": _fmt(on), "name": name, "birth": _fmt(birth)}


def not_before_birth(person: Any, on: dt.date, *, kind: str | None = None) -> None:
    """Refuse an event dated before the person's birth, naming the date of birth (field birth_date)."""
    problem = birth_problem(getattr(person, "birth_date", None), on, kind, name=person.full_name)
    if problem:
        raise DomainError(problem, field="birth_date")


def age_problem(birth: dt.date, on: dt.date, kind: str, *, name: str, of_record: bool = False) -> str | None:
    """Why a person born on `birth` is too young for the event of `kind` on `on` (None when plausible)."""
    key = RECORD_AGE_KEY if of_record else AGE_FLOORS.get(kind)
    if key is None or on < birth:
        return None
    rule = floor_rule(key, on=on)
    months = ruling.months_between(birth, on)
    if months >= int(rule.value):
        return None
    return _(
        "%(name)s is %(age)s on %(date)s (%(months)s months): “%(event)s” needs at least %(min_age)s "
        "(%(min)s months) (%(citation)s)."
    ) % {"name": name, "age": age_in_words(months), "months": months, "date": _fmt(on), "event": kind_label(kind),
         "min_age": age_in_words(int(rule.value)), "min": rule.value, "citation": _citation(rule)}


def check_event(person: Any, event: Any) -> None:
    """The plausibility rules for one event about to be written (refusal names the date of birth)."""
    on = event.occurred_on
    not_before_birth(person, on, kind=event.kind)
    details = getattr(event, "details", None) or {}
    of_record = event.kind == EventKind.ADMISSION_DECISION and bool(details.get("recorded_from"))
    problem = age_problem(person.birth_date, on, event.kind, name=person.full_name, of_record=of_record)
    if problem:
        raise DomainError(problem, field=age_field(event.kind, of_record=of_record))


def age_field(kind: str, *, of_record: bool = False) -> str:
    """The input an age refusal names: the admission date of a copied admission, else the date of birth."""
    return "admission_decision_date" if of_record and kind == EventKind.ADMISSION_DECISION else "birth_date"


def check_log(person: Any, events: Any) -> None:
    """Every event of the log against a (new) date of birth: used when the date of birth is corrected."""
    for event in events:
        check_event(person, event)
