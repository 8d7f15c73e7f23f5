"""Opening many member files at once (a large import): the checks of `person_create` (with an admission history)
and `candidate_register`, over a batch of files, then the writes as bulk inserts.

The rules are the services' own functions, called per file with what they need read for the whole batch in a few
queries (cells and their first day in the tree, citizen IDs and Party card numbers already used, possible
duplicates, the units the writer sees): `_require_cell`, `_clean_fields`, `_require_unique`,
`duplicates.require_confirmed`, `places_check`, `_history`, `_checked` (plausibility, the order of the dates and
the log's own refusals). Each file gets the first refusal the services would raise for it, as they raise it.

The rows written are the ones the services write, derived by the same functions: the person with its caches
(`_apply_state`), its places, its events, its spells (`_spells`), its stored standing (members.standing) and, through
`announce_many`, what the subscribers keep (the tallies). One change record per person (its fields, events and
places; `NewFile.log` adds the caller's own, e.g. the member code), instead of one per row written.

Used inside the caller's transaction (ingest.services): `PersonsBulk.check(files)` for each batch, then, when no
batch had a fault, `write(plans)`; `close()` at the end hands the subscribers everything at once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from core.bulk import insert_many
from core.changelog import log_changes, snapshot
from core.errors import DomainError, FaultList
from core.models import ChangeAction
from core.scope import CHANGE, VIEW, covers, restrict
from members import duplicates, plausibility
from members.models import EventKind, MemberEvent, MembershipSpell, Person, PersonPlace, PersonWord, Status
from members.ruling import Snapshot
from members.services.checks import _Pseudo, _require_cell, _require_date, _user
from members.services.file import _clean_fields, _history, _require_unique, _set_names
from members.services.inputs import AdmissionRecord
from members.services.log import Announcements, _apply_state, _checked, _new_event, _spells
from members.services.places import PlaceInput, places_check
from members.standing.derive import derive_standing
from members.standing.store import _Models
from members.standing.store import _write as store_standing_rows
from members.status import Timeline, derive
from members.words import people_words
from organizations.models import CoveredUnit, Organization, OrganizationVersion

_EMPTY = derive([])


@dataclass
class NewFile:
    """One file to open: `person_create`'s arguments, and `registered_on` for `candidate_register` after it."""

    organization: Organization
    full_name: str
    gender: str
    birth_date: Any
    fields: dict[str, Any] = field(default_factory=dict)
    places: Sequence[PlaceInput] = ()
    admitted: AdmissionRecord | None = None
    registered_on: dt.date | None = None
    log: dict[str, Any] = field(default_factory=dict)  # added to the person's change record


@dataclass
class Plan:
    """A file that passed every check: the person (not saved), its places and its events (not saved)."""

    person: Person
    places: list[PlaceInput]
    events: list[MemberEvent]
    log: dict[str, Any]


class PersonsBulk:
    """Checks and writes for many new files, in batches, inside the caller's transaction."""

    def __init__(self, *, actor: Any, reason: str = "", confirm_duplicate: bool = False) -> None:
        self.actor, self.reason, self.confirm_duplicate = actor, reason, confirm_duplicate
        self._cells: dict[int, Organization] = {}
        self._spans: dict[int, list[tuple[dt.date, dt.date | None]]] = {}
        self._covered: dict[int, bool] = {}
        self._pending: dict[tuple[str, dt.date], list[Person]] = defaultdict(list)  # checked, not written yet
        self._rules = Snapshot()
        self._today = timezone.localdate()
        self._announcements = Announcements()
        self.written = 0

    # ------------------------------------------------------------------------------------------------ checks

    def check(self, files: Sequence[NewFile]) -> tuple[list[Plan | None], list[DomainError | None]]:
        """Each file's plan, or the refusal the services would raise for it (the first one, as they raise it)."""
        self._load_cells({f.organization.pk for f in files if f.organization is not None})
        clashes = self._clashes(files)
        possible = self._possible_duplicates(files)
        units = {p.unit.pk for f in files for p in f.places if p.unit is not None}
        visible = set(restrict(CoveredUnit.objects.filter(pk__in=units), self.actor, VIEW).values_list("pk", flat=True))
        plans: list[Plan | None] = []
        refusals: list[DomainError | None] = []
        for file in files:
            try:
                plans.append(self._plan(file, clashes, possible, visible))
                refusals.append(None)
            except DomainError as refusal:
                plans.append(None)
                refusals.append(refusal)
        return plans, refusals

    def _load_cells(self, ids: set[int]) -> None:
        missing = ids - set(self._cells)
        if not missing:
            return
        for organization in Organization.objects.select_related("kind").filter(pk__in=missing):
            self._cells[organization.pk] = organization
            self._spans[organization.pk] = []
        for organization_id, valid_from, valid_to in (OrganizationVersion.objects.filter(organization_id__in=missing)
                                                      .values_list("organization_id", "valid_from", "valid_to")
                                                      .order_by("organization_id", "valid_from")):
            self._spans[organization_id].append((valid_from, valid_to))

    def _exists_on(self, organization_id: int) -> Any:
        spans = self._spans.get(organization_id, [])
        return lambda on: any(start <= on and (end is None or on < end) for start, end in spans)

    def _first_day(self, organization: Organization | None) -> Any:
        spans = self._spans.get(organization.pk, []) if organization is not None else []
        return lambda: spans[0][0] if spans else None

    def _clashes(self, files: Sequence[NewFile]) -> dict[tuple[str, str], tuple[Person, bool]]:
        """Citizen IDs and Party card numbers of the batch already used: the first file holding each, and whether
        the writer sees it (two queries per field)."""
        found: dict[tuple[str, str], tuple[Person, bool]] = {}
        for name in ("citizen_id", "party_card_number"):
            values = {str(v).strip() for f in files if (v := f.fields.get(name))}
            if not values:
                continue
            first: dict[str, Person] = {}
            for person in (Person.objects.filter(**{f"{name}__in": values}).select_related("organization")
                           .order_by("pk")):
                first.setdefault(getattr(person, name), person)
            seen = set(restrict(Person.objects.filter(pk__in=[p.pk for p in first.values()]), self.actor, VIEW)
                       .values_list("pk", flat=True))
            found |= {(name, value): (person, person.pk in seen) for value, person in first.items()}
        return found

    def _possible_duplicates(self, files: Sequence[NewFile]) -> dict[tuple[str, dt.date], list[Person]]:
        """Files in the writer's scope with the same folded name and date of birth as a file of the batch (one
        query; duplicates.possible_duplicates for each file)."""
        if self.confirm_duplicate:
            return {}
        births = {f.birth_date for f in files if isinstance(f.birth_date, dt.date)}
        found: dict[tuple[str, dt.date], list[Person]] = defaultdict(list)
        if not births:
            return found
        names = {duplicates.folded_name(f.full_name) for f in files}
        candidates = (restrict(Person.objects.select_related("organization"), self.actor, CHANGE)
                      .filter(birth_date__in=births).exclude(status=Status.VOIDED).order_by("pk"))
        for person in candidates:
            key = (duplicates.folded_name(person.full_name), person.birth_date)
            if key[0] in names:
                found[key].append(person)
        return found

    def _plan(self, file: NewFile, clashes: Any, possible: Any, visible: set[int]) -> Plan:
        """person_create (+ candidate_register): the same checks in the same order, without a query."""
        organization = _require_cell(file.organization, on=None, field="organization",
                                     loaded=self._cells.get(file.organization.pk) if file.organization else None)
        self._require_scope(organization)
        clean = _clean_fields({**file.fields, "full_name": file.full_name, "gender": file.gender,
                               "birth_date": file.birth_date}, person=None)
        _require_unique(self.actor, clean, person=None, organization=organization, found=clashes)
        key = (duplicates.folded_name(clean["full_name"]), clean["birth_date"])
        if not self.confirm_duplicate:
            others = [*possible.get(key, []), *self._pending.get(key, [])][:duplicates.LIMIT]
            duplicates.require_confirmed(self.actor, full_name=clean["full_name"], birth_date=clean["birth_date"],
                                         confirmed=False, found=others)
        person = Person(organization=organization, **clean)
        faults = FaultList()
        changes = places_check(actor=self.actor, person=person, places=file.places, faults=faults, visible=visible)
        faults.check()
        _set_names(person)
        events: list[MemberEvent] = []
        if file.admitted is not None:
            planned = _history(person=person, admitted=file.admitted, organization=organization,
                               first_day=self._first_day(organization))
            events = [self._event(person, number, fields) for number, fields in enumerate(planned, 1)]
            _checked(person, events, events, _EMPTY)
        if file.registered_on is not None:
            registered_on = _require_date(file.registered_on, "registered_on")
            plausibility.check_event(person, _Pseudo(EventKind.CANDIDATE_REGISTERED, registered_on))
            cell = _require_cell(organization, on=registered_on, field="organization", loaded=organization,
                                 exists_on=self._exists_on(organization.pk))
            self._require_scope(cell)
            before = derive(events)
            event = self._event(person, len(events) + 1, {"kind": EventKind.CANDIDATE_REGISTERED,
                                                          "occurred_on": registered_on, "organization": cell})
            events.append(event)
            _checked(person, events, [event], before)
        self._pending[key].append(person)
        return Plan(person=person, places=changes, events=events, log=file.log)

    def _require_scope(self, organization: Organization) -> None:
        if organization.pk not in self._covered:
            self._covered[organization.pk] = covers(self.actor, organization, "members.change")
        if not self._covered[organization.pk]:
            from core.scope import require_covers  # raises the scope's own refusal (404)

            require_covers(self.actor, organization, "members.change")

    def _event(self, person: Person, provisional_id: int, fields: dict[str, Any]) -> MemberEvent:
        """An event not saved yet, numbered in the order the services would save it (the fold orders by id)."""
        event = _new_event(actor=self.actor, person=person, reason=self.reason, **fields)
        event.id = provisional_id
        return event

    # ------------------------------------------------------------------------------------------------ writes

    def write(self, plans: Sequence[Plan]) -> list[Person]:
        """Insert the checked files of a batch and everything derived from them; returns the persons (with ids)."""
        self._pending.clear()
        people = [plan.person for plan in plans]
        timelines: dict[int, Timeline] = {}
        for plan in plans:
            if plan.events:  # the caches as `_rebuild` sets them (a plain file keeps the model's defaults)
                _apply_state(plan.person, derive(plan.events))
        insert_many(Person, people)
        insert_many(PersonWord, people_words(people))  # the name search's word table (members.words)
        user = _user(self.actor)
        insert_many(PersonPlace, [PersonPlace(person=plan.person, kind=place.kind, unit=place.unit,
                                              valid_from=place.since, created_by=user)
                                  for plan in plans for place in plan.places if place.unit is not None])
        events = []
        for plan in plans:
            for event in plan.events:
                event.id, event.person = None, plan.person
                events.append(event)
        insert_many(MemberEvent, events)
        spells: list[MembershipSpell] = []
        for plan in plans:
            if plan.events:
                timeline = timelines[plan.person.pk] = derive(plan.events)
                spells += _spells(plan.person, timeline)
        insert_many(MembershipSpell, spells)
        store_standing_rows(_Models(), {plan.person.pk: derive_standing(timelines[plan.person.pk],
                                                                         seriously_ill=plan.person.seriously_ill,
                                                                         today=self._today, rules=self._rules)
                                        for plan in plans if plan.person.pk in timelines})
        for plan in plans:
            if plan.person.pk in timelines:
                self._announcements.add(plan.person, before=_EMPTY, after=timelines[plan.person.pk])
        log_changes(actor=self.actor, action=ChangeAction.CREATE, reason=self.reason,
                    changes=[(plan.person, self._record(plan)) for plan in plans])
        self.written += len(people)
        return people

    @staticmethod
    def _record(plan: Plan) -> dict[str, Any]:
        """The person's one change record: its fields, its events and places (each as the services log them)."""
        record = snapshot(plan.person)
        record["events"] = [{k: v for k, v in snapshot(e).items() if k not in ("person", "reason", "created_by",
                                                                                "created_at")}
                            for e in plan.events]
        record["places"] = [{"kind": p.kind, "unit": p.unit.pk if p.unit else None,
                             "valid_from": p.since.isoformat() if p.since else None} for p in plan.places]
        return {**record, **plan.log}

    def close(self) -> None:
        """Hand what was written to the subscribers (the tallies), all at once."""
        self._announcements.close()
