"""The member file: open it (`person_create`, possibly with the admission history copied from the paper file)
and correct its fields (`person_update`). Status and cell change only through events.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import note_refusal
from core.changelog import log_change, snapshot
from core.errors import DomainError, FaultList
from core.models import ChangeAction
from core.scope import CHANGE, VIEW, require_in_scope, restrict
from core.text import fold, person_sort_key
from core.validators import refuse_control_characters
from members import duplicates, plausibility
from members.models import (
    Ethnicity,
    EventKind,
    Gender,
    MemberEvent,
    Person,
    PoliticalTheory,
    Religion,
    Status,
)
from members.services.checks import (
    _fmt,
    _require_cell,
    _require_date,
    _require_decision,
    _require_members_scope,
    _today,
)
from members.services.inputs import AdmissionRecord
from members.services.log import _append, _commit, _events_of, _lock, announce
from members.services.places import PlaceInput, places_check, places_write
from members.standing.store import store as store_standing
from members.status import current_events, derive
from members.words import person_words_write
from organizations.models import Organization, OrganizationVersion

FILE_FIELDS = (
    "full_name",
    "other_names",
    "gender",
    "birth_date",
    "birth_place",
    "hometown",
    "ethnicity",
    "religion",
    "citizen_id",
    "phone",
    "address",
    "general_education",
    "professional_qualification",
    "political_theory",
    "occupation",
    "party_card_number",
    "history_number",
    "seriously_ill",
    "note",
)

_EDUCATION = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{1,2})\b")
_CITIZEN_ID = re.compile(r"^(\d{9}|\d{12})$")
_PHONE = re.compile(r"^\+?[0-9][0-9 .-]{6,18}[0-9]$")
_CARD = re.compile(r"^[0-9][0-9.]{4,18}[0-9]$")


def _clean_fields(fields: Mapping[str, Any], *, person: Person | None) -> dict[str, Any]:
    unknown = set(fields) - set(FILE_FIELDS)
    if unknown:
        raise DomainError(_("Unknown field: %(field)s.") % {"field": sorted(unknown)[0]}, field=sorted(unknown)[0])
    faults = FaultList()  # every fault of the fields at once (issue 7 §7), naming each field
    clean: dict[str, Any] = {}
    for name, raw in fields.items():
        value = raw.strip() if isinstance(raw, str) else raw
        if name in ("full_name", "other_names"):
            value = " ".join((value or "").split())
        if value is None and name not in ("ethnicity", "religion"):
            value = False if name == "seriously_ill" else ""
        clean[name] = value
    refuse_control_characters(clean, model=Person)
    if "full_name" in clean:
        if not clean["full_name"]:
            faults.add(_("The full name is required."), "full_name")
        elif len(clean["full_name"]) > 150:
            faults.add(_("The full name must be at most 150 characters."), "full_name")
    if "gender" in clean and clean["gender"] not in Gender.values:
        faults.add(_("Choose the gender."), "gender")
    if "birth_date" in clean:
        birth = clean["birth_date"]
        if not isinstance(birth, dt.date):
            faults.add(_("The date of birth is required."), "birth_date")
        elif (problem := plausibility.date_problem(birth, birth=True, today=_today())) is not None:
            faults.add(problem, "birth_date")
    if clean.get("citizen_id") and not _CITIZEN_ID.match(clean["citizen_id"]):
        faults.add(_("A citizen ID has 12 digits (or 9 for an old identity card)."), "citizen_id")
    if clean.get("phone") and not _PHONE.match(clean["phone"]):
        faults.add(_("The phone number is malformed."), "phone")
    if clean.get("party_card_number") and not _CARD.match(clean["party_card_number"]):
        faults.add(_("A Party card number is written in digits (dots allowed)."), "party_card_number")
    if clean.get("general_education"):
        parsed = parse_education(clean["general_education"])
        if parsed is None:
            faults.add(_("Write the general education as grade/system, e.g. 12/12 or 9/12."), "general_education")
    for name, model in (("ethnicity", Ethnicity), ("religion", Religion)):
        if clean.get(name) is not None and not isinstance(clean[name], model):
            faults.add(_("Choose from the list."), name)
    if "political_theory" in clean and clean["political_theory"] not in PoliticalTheory.values:
        faults.add(_("Choose the political-theory level."), "political_theory")
    for name, limit in (("other_names", 150), ("birth_place", 255), ("hometown", 255), ("address", 255),
                        ("professional_qualification", 255), ("occupation", 255), ("history_number", 30),
                        ("phone", 20), ("general_education", 20)):
        if len(clean.get(name) or "") > limit:
            faults.add(_("At most %(n)d characters.") % {"n": limit}, name)
    faults.check()
    return clean


def _require_unique(actor: Any, clean: Mapping[str, Any], *, person: Person | None, organization: Organization,
                    found: Mapping[tuple[str, str], tuple[Person, bool]] | None = None) -> None:
    """Citizen ID and Party card number are unique in the installation. A clash with a file the writer sees
    is named as such; a clash outside the writer's scope is not confirmed: the writer is sent to the
    organization board of the level that covers both files, and the attempt is noted in that file's log.

    `found`: (field, value) -> (the first file holding it, whether the writer sees it), read for many new files at
    once by members.services.bulk; otherwise each value is queried here."""
    for name, label in (("citizen_id", _("citizen ID")), ("party_card_number", _("Party card number"))):
        if not clean.get(name):
            continue
        if found is not None:
            hit = found.get((name, clean[name]))
            if hit is None:
                continue
            other, visible = hit
        else:
            clash = Person.objects.filter(**{name: clean[name]}).select_related("organization")
            if person is not None:
                clash = clash.exclude(pk=person.pk)
            first = clash.first()
            if first is None:
                continue
            other, visible = first, restrict(Person.objects.filter(pk=first.pk), actor, VIEW).exists()
        if visible:
            raise DomainError(_("Another member file already has this %(label)s.") % {"label": label}, field=name)
        level = _covering_both(organization, other.organization)
        note_refusal(actor=actor, instance=other, reason=_("A file in %(organization)s was refused this %(label)s: "
                                                           "it is another member file's, outside the writer's scope.")
                     % {"organization": organization.name, "label": label},
                     after={"refused": "duplicate_outside_scope", "field": name, "from_organization": organization.pk})
        if level is None:
            raise DomainError(_("This %(label)s must be verified by the installation administrator before it can be "
                                "entered here.") % {"label": label}, field=name)
        raise DomainError(_("This %(label)s must be verified by the organization board of %(level)s before it can "
                            "be entered here.") % {"label": label, "level": level.name}, field=name)


def _covering_both(first: Organization, second: Organization) -> Organization | None:
    """The lowest organization whose subtree holds both (None when they share no root)."""
    common: list[str] = []
    for a, b in zip(first.path.split(".")[:-1], second.path.split(".")[:-1], strict=False):
        if a != b:
            break
        common.append(a)
    return Organization.objects.filter(path=".".join(common) + ".").first() if common else None


def parse_education(text: str) -> tuple[int, int] | None:
    """(grade, of) from "9/12", "12/12", "7/10"; None when unreadable."""
    match = _EDUCATION.match(text or "")
    if not match:
        return None
    grade, of = int(match.group(1)), int(match.group(2))
    if of not in (10, 12) or not 0 < grade <= of:
        return None
    return grade, of


def _set_names(person: Person) -> None:
    person.search_name = fold(f"{person.full_name} {person.other_names}")[:300]
    person.sort_name = person_sort_key(person.full_name)


@transaction.atomic
def person_create(
    *,
    actor: Any,
    organization: Organization,
    full_name: str,
    gender: str,
    birth_date: dt.date,
    admitted: AdmissionRecord | None = None,
    reason: str = "",
    confirm_duplicate: bool = False,
    places: Sequence[PlaceInput] = (),
    **fields: Any,
) -> Person:
    """Open a member file in a cell: a future candidate, or (with `admitted`) a member already admitted there.

    A file with the same folded full name and date of birth in the actor's writable scope is refused
    (`duplicates.PossibleDuplicate`, naming the files) unless `confirm_duplicate`.
    """
    organization = _require_cell(organization, on=None, field="organization")
    _require_members_scope(actor, organization)
    clean = _clean_fields({**fields, "full_name": full_name, "gender": gender, "birth_date": birth_date}, person=None)
    _require_unique(actor, clean, person=None, organization=organization)
    duplicates.require_confirmed(actor, full_name=clean["full_name"], birth_date=clean["birth_date"],
                                 confirmed=bool(confirm_duplicate))
    person = Person(organization=organization, **clean)
    faults = FaultList()
    changes = places_check(actor=actor, person=person, places=places, faults=faults)
    faults.check()
    _set_names(person)
    person.save()
    person_words_write(person)
    log_change(actor=actor, action=ChangeAction.CREATE, instance=person, reason=reason)
    places_write(actor=actor, person=person, changes=changes, reason=reason)
    if admitted is not None:
        _record_history(actor=actor, person=person, admitted=admitted, organization=organization, reason=reason)
    require_in_scope(person, actor, CHANGE)
    return person


def _record_history(
    *, actor: Any, person: Person, admitted: AdmissionRecord, organization: Organization | None, reason: str
) -> None:
    """Admission, ceremony and recognition copied from a file; `organization` None when they happened elsewhere.

    These are dates of record (possibly from before the rules' first version): their order and the age at
    admission are checked. As for every event, none is attributed to the cell on a day the cell did not exist
    in the tree: what happened before the cell's first day is recorded as outside the tree, and the file is
    registered in the cell on that first day (a restructuring move marked `registered_at_founding`).
    """
    planned = _history(person=person, admitted=admitted, organization=organization,
                       first_day=lambda: _first_day(organization) if organization is not None else None)
    before = derive(_events_of(person))
    events = [_append(actor=actor, person=person, reason=reason, **fields) for fields in planned]
    _commit(actor=actor, person=person, events=events, before=before, reason=reason, check_scope=False)


def _history(*, person: Person, admitted: AdmissionRecord, organization: Organization | None,
             first_day: Callable[[], dt.date | None]) -> list[dict[str, Any]]:
    """The events an admission history records, each as the arguments of `_append`, once its checks pass (also
    used by members.services.bulk, which gives `first_day` read for many cells at once)."""
    decision = _require_decision(admitted.decision, field="admission_decision")
    assert decision is not None
    plausibility.not_before_birth(person, decision.date, kind=EventKind.ADMISSION_DECISION)
    source = {"recorded_from": "file" if organization is not None else "transfer_letter"}
    first = first_day()

    def where(on: dt.date) -> Organization | None:
        return organization if first is None or on >= first else None

    events: list[dict[str, Any]] = [{"kind": EventKind.ADMISSION_DECISION, "occurred_on": decision.date,
                                     "organization": where(decision.date), "decision": decision, "details": source}]
    if admitted.ceremony_on is not None:
        ceremony_on = _require_date(admitted.ceremony_on, "ceremony_on")
        events.append({"kind": EventKind.ADMISSION_CEREMONY, "occurred_on": ceremony_on,
                       "organization": where(ceremony_on), "details": source})
    if admitted.recognised_on is not None:
        if admitted.ceremony_on is None:
            raise DomainError(_("Give the admission ceremony date before the recognition."), field="ceremony_on")
        recognised_on = _require_date(admitted.recognised_on, "recognised_on")
        if recognised_on <= admitted.ceremony_on:
            raise DomainError(_("The recognition date must come after the admission ceremony."),
                              field="recognised_on")
        recognition = _require_decision(admitted.recognition_decision, field="recognition_decision", required=False)
        events.append({"kind": EventKind.RECOGNITION, "occurred_on": recognised_on,
                       "organization": where(recognised_on), "decision": recognition, "details": source})
    if first is not None and decision.date < first:
        events.append({"kind": EventKind.RESTRUCTURE_MOVE, "occurred_on": first, "organization": organization,
                       "details": {**source, "registered_at_founding": True}})
    return events


def _first_day(organization: Organization) -> dt.date | None:
    """The first day the organization stood in the tree (its earliest version)."""
    first = OrganizationVersion.objects.filter(organization=organization).order_by("valid_from").first()
    return first.valid_from if first is not None else None


@transaction.atomic
def person_update(*, actor: Any, person: Person, reason: str = "", places: Sequence[PlaceInput] = (),
                  **fields: Any) -> Person:
    """Correct or complete the file's fields, and record a move (`places`: where the person lives or works from a
    date, members.services.places). Status and cell change only through events."""
    require_in_scope(person, actor, CHANGE)
    person = _lock(person)
    if person.status == Status.VOIDED:
        raise DomainError(_("This file is voided (entered by mistake); it is no longer edited."), field="person")
    clean = _clean_fields(fields, person=person)
    _require_unique(actor, clean, person=person, organization=person.organization)
    birth = clean.get("birth_date")
    if birth is not None:
        first = MemberEvent.objects.filter(person=person).order_by("occurred_on").values_list("occurred_on",
                                                                                             flat=True).first()
        if first is not None and first < birth:
            raise DomainError(_("The log has an event on %(date)s, before that date of birth.") % {"date": _fmt(first)},
                              field="birth_date")
        probe = Person(full_name=clean.get("full_name") or person.full_name, birth_date=birth)
        plausibility.check_log(probe, current_events(_events_of(person)))
    faults = FaultList()
    probe = Person(pk=person.pk, birth_date=clean.get("birth_date") or person.birth_date)
    changes = places_check(actor=actor, person=probe, places=places, faults=faults)
    faults.check()
    places_write(actor=actor, person=person, changes=changes, reason=reason)
    before = snapshot(person)
    was_ill = person.seriously_ill
    dimensions = Person(gender=person.gender, ethnicity_id=person.ethnicity_id)
    for name, value in clean.items():
        setattr(person, name, value)
    _set_names(person)
    if snapshot(person) == before:
        return person  # nothing changed: nothing to write or log
    person.save()
    person_words_write(person)
    if person.seriously_ill != was_ill:  # badges may then be presented early
        store_standing(person, derive(_events_of(person)))
    if (person.gender, person.ethnicity_id) != (dimensions.gender, dimensions.ethnicity_id):
        timeline = derive(_events_of(person))
        announce(person, before=timeline, after=timeline, before_person=dimensions)
    log_change(actor=actor, action=ChangeAction.UPDATE, instance=person, before=before, reason=reason)
    require_in_scope(person, actor, CHANGE)
    return person

