"""Where a member lives and works (issue 7 §5): a covered unit (village, school, clinic …) from a date.

A move closes the open `PersonPlace` of that kind on its date and opens the next one; nothing is overwritten, so
"units without any member living there" can be counted as of any date (members.places). The file's services
(`person_create`, `person_update`) take the same `places` and call `places_check` / `places_write` in their
transaction; `person_place_set` is the service for one move on its own.

Faults name `residence_unit`, `residence_since`, `workplace_unit`, `workplace_since` (the form's fields; the API
maps them to `residence.unit_id` …, the import to its columns), all of them at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from core.changelog import log_change, snapshot
from core.errors import FaultList
from core.models import ChangeAction
from core.scope import CHANGE, VIEW, require_in_scope, restrict
from members import plausibility
from members.models import Person, PersonPlace, PlaceKind
from members.services.checks import _fmt, _today, _user
from organizations.models import CoveredUnit

#: The prefix of a kind's fields (form fields, service faults, import columns).
PREFIXES = {PlaceKind.RESIDENCE: "residence", PlaceKind.WORK: "workplace"}


@dataclass(frozen=True)
class PlaceInput:
    """From `since` on, the person lives (residence) or works (work) in `unit`; `unit` None: no longer in any
    recorded unit. `since` None: a date unknown, only for the first place of the kind."""

    kind: str
    unit: CoveredUnit | None
    since: dt.date | None = None


def current_places(person: Person) -> dict[str, PersonPlace]:
    """The open place of each kind (none for a file not saved yet)."""
    if person.pk is None:
        return {}
    return {p.kind: p for p in PersonPlace.objects.filter(person=person, valid_to__isnull=True)}


def places_check(*, actor: Any, person: Person, places: Sequence[PlaceInput], faults: FaultList,
                 visible: Collection[int] | None = None) -> list[PlaceInput]:
    """Add every fault of `places` to `faults`; return the places that change something (the others are the
    person's current ones, sent again by a form). `visible`: the ids of the units the actor may see, when the caller
    read them for many files at once (members.services.bulk)."""
    current = current_places(person)
    changes = []
    for place in places:
        if place.kind not in PREFIXES:
            faults.add(_("Choose residence or work."), "kind")
            continue
        prefix = PREFIXES[PlaceKind(place.kind)]
        now = current.get(place.kind)
        if (now.unit_id if now else None) == (place.unit.pk if place.unit else None):
            continue  # unchanged
        _check_unit(actor, place, faults, field=f"{prefix}_unit", visible=visible)
        _check_since(person, place, faults, field=f"{prefix}_since")
        changes.append(place)
    return changes


def _check_unit(actor: Any, place: PlaceInput, faults: FaultList, *, field: str,
                visible: Collection[int] | None = None) -> None:
    unit = place.unit
    if unit is None:
        return
    if not (unit.pk in visible if visible is not None
            else restrict(CoveredUnit.objects.filter(pk=unit.pk), actor, VIEW).exists()):
        faults.add(_("No such unit among those you may see."), field)
    elif unit.dissolved_on is not None and (place.since is None or place.since >= unit.dissolved_on):
        faults.add(_("%(name)s was dissolved on %(date)s.") % {"name": unit.name, "date": _fmt(unit.dissolved_on)},
                   field)
    elif place.since is not None and unit.established_on is not None and place.since < unit.established_on:
        faults.add(_("%(name)s was established on %(date)s, after this date.")
                   % {"name": unit.name, "date": _fmt(unit.established_on)}, field)


def _check_since(person: Person, place: PlaceInput, faults: FaultList, *, field: str) -> None:
    since = place.since
    history = PersonPlace.objects.filter(person=person, kind=place.kind) if person.pk is not None else None
    if since is None:
        if history is not None and history.exists():
            faults.add(_("Give the date from which this applies (the date of the move)."), field)
        return
    problem = plausibility.date_problem(since, today=_today())
    if problem is not None:
        faults.add(problem, field)
        return
    if isinstance(person.birth_date, dt.date) and since < person.birth_date:
        faults.add(_("The date %(date)s is before the date of birth.") % {"date": _fmt(since)}, field)
    if history is not None:
        latest = history.exclude(valid_from=None).order_by("-valid_from").values_list("valid_from", flat=True).first()
        if latest is not None and since < latest:
            faults.add(_("The date is before the last recorded move (%(date)s).") % {"date": _fmt(latest)}, field)


def places_write(*, actor: Any, person: Person, changes: Sequence[PlaceInput], reason: str = "") -> None:
    """Close the open place of each changed kind on its date and open the next one; each row logged."""
    for place in changes:
        for open_row in PersonPlace.objects.filter(person=person, kind=place.kind, valid_to__isnull=True):
            before = snapshot(open_row)
            open_row.valid_to = place.since
            open_row.save(update_fields=["valid_to"])
            log_change(actor=actor, action=ChangeAction.UPDATE, instance=open_row, before=before, reason=reason)
        if place.unit is not None:
            row = PersonPlace.objects.create(person=person, kind=place.kind, unit=place.unit, valid_from=place.since,
                                             created_by=_user(actor))
            log_change(actor=actor, action=ChangeAction.CREATE, instance=row, reason=reason)


@transaction.atomic
def person_place_set(*, actor: Any, person: Person, kind: str, unit: CoveredUnit | None,
                     effective_on: dt.date | None, reason: str = "") -> Person:
    """From `effective_on` on, the person lives (kind residence) or works (work) in `unit` (None: nowhere
    recorded). The previous place ends on that date and stays in the history."""
    require_in_scope(person, actor, CHANGE)
    person = Person.objects.select_for_update().get(pk=person.pk)
    faults = FaultList()
    place = PlaceInput(kind=kind, unit=unit, since=effective_on)
    changes = places_check(actor=actor, person=person, places=[place], faults=faults)
    if not changes and not faults.errors and kind in PREFIXES:
        faults.add(_("This is already the recorded place."), f"{PREFIXES[PlaceKind(kind)]}_unit")
    faults.check()
    places_write(actor=actor, person=person, changes=changes, reason=reason)
    require_in_scope(person, actor, CHANGE)
    return person
