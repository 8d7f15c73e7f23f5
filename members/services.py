"""Every write on member files and their event log. One function per state change, one transaction each.

Each service validates (citing the rule and its regulation), appends events (never edits one),
re-derives the person's status from the whole log (members/status.py), refreshes the cached status,
cell and membership spells, writes the change log for the event and for the person, and re-checks
that the person is still in the actor's scope. A refused input writes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.audit import note_refusal
from core.changelog import log_change, snapshot
from core.decisions import Decision
from core.errors import DomainError
from core.models import ChangeAction
from core.scope import CHANGE, VIEW, require_covers, require_in_scope, restrict
from core.text import fold, person_sort_key
from core.validators import refuse_control_characters, refuse_control_characters_in
from members import duplicates, plausibility, ruling
from members.models import (
    ACTIVE_STATUSES,
    CELL_RESOLUTION_FORM,
    FORMER_STATUSES,
    DossierForm,
    Ethnicity,
    EventKind,
    Gender,
    MemberEvent,
    MembershipSpell,
    Person,
    PoliticalTheory,
    Religion,
    Status,
    StrikeOffGround,
    TemporaryPurpose,
)
from members.queries import transfer_destination
from members.status import State, Timeline, current_events, derive
from organizations.models import Organization, OrganizationVersion
from organizations.queries import organizations_visible, versions_as_of

# ----------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Introducer:
    """An official member who introduces the applicant, and since when they have worked together.

    `replacement`: assigned by the cell in place of an introducer who moved away or can no longer introduce
    (§3.2.2); whether the months together are required of a replacement is a rule
    (admission.replacement_introducer_needs_months_together)."""

    person: Person
    worked_together_since: dt.date
    replacement: bool = False


@dataclass(frozen=True)
class AdmissionRecord:
    """Admission history copied from an existing file (a member already admitted, or arriving from outside)."""

    decision: Decision
    ceremony_on: dt.date | None = None
    recognised_on: dt.date | None = None
    recognition_decision: Decision | None = None


@dataclass(frozen=True)
class TransferLetter:
    """The introduction letter of a transfer (giấy giới thiệu sinh hoạt đảng)."""

    register_number: str = ""  # số đăng ký giấy giới thiệu
    card_number: str = ""
    history_number: str = ""
    list_number: str = ""  # số danh sách trong chi bộ
    dues_paid_until: dt.date | None = None  # any day of the last month paid
    issued_on: dt.date | None = None
    issuer: str = ""

    def as_details(self) -> dict[str, Any]:
        return {
            "register_number": self.register_number.strip(),
            "card_number": self.card_number.strip(),
            "history_number": self.history_number.strip(),
            "list_number": self.list_number.strip(),
            "dues_paid_until": self.dues_paid_until.strftime("%Y-%m") if self.dues_paid_until else "",
            "issued_on": self.issued_on.isoformat() if self.issued_on else "",
            "issuer": self.issuer.strip(),
        }


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

# The rule whose article a refusal names when an event does not fit the person's status.
_KIND_RULE = {
    EventKind.CANDIDATE_REGISTERED: "admission.min_age_months",
    EventKind.AWARENESS_COURSE: "awareness_course.certificate_valid_months",
    EventKind.DOSSIER_STEP: "admission.decision_deadline_working_days",
    EventKind.ADMISSION_DECISION: "admission.decision_deadline_working_days",
    EventKind.ADMISSION_CEREMONY: "admission.ceremony_deadline_working_days",
    EventKind.RECOGNITION: "recognition.probation_months",
    EventKind.NOT_RECOGNISED: "recognition.probation_months",
    EventKind.TRANSFER_OUT_OFFICIAL: "transfer.start_deadline_working_days",
    EventKind.TRANSFER_IN_OFFICIAL: "transfer.present_deadline_working_days",
    EventKind.TRANSFER_OUT_TEMPORARY: "temporary_transfer.min_months",
    EventKind.TRANSFER_IN_TEMPORARY: "temporary_transfer.min_months",
    EventKind.TEMPORARY_RETURN: "temporary_transfer.min_months",
    EventKind.STRIKE_OFF: "strike_off.unpaid_dues_months",
    EventKind.READMISSION_DECISION: "readmission.min_months_out",
}

# ----------------------------------------------------------------------------- helpers


def _fmt(day: dt.date | None) -> str:
    return date_format(day, "SHORT_DATE_FORMAT") if day else ""


def _today() -> dt.date:
    return timezone.localdate()


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _require_date(value: Any, field: str) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise DomainError(_("The date is required."), field=field)
    if value > _today():
        raise DomainError(
            _("The date %(date)s is in the future; record events once they have happened.") % {"date": _fmt(value)},
            field=field,
        )
    if value.year < plausibility.EARLIEST_EVENT_YEAR:
        raise DomainError(_("The date %(date)s is not plausible.") % {"date": _fmt(value)}, field=field)
    return value


def _require_decision(decision: Decision | None, *, field: str = "decision", required: bool = True) -> Decision | None:
    if decision is None:
        if required:
            raise DomainError(_("The decision is required."), field=f"{field}_number")
        return None
    decision.validate(field_prefix=field)
    _require_date(decision.date, f"{field}_date")
    return Decision(decision.number.strip(), decision.date, (decision.issuer or "").strip())


def _require_members_scope(actor: Any, organization: Organization) -> None:
    """The actor may change member files in `organization` (members.change over a subtree containing it)."""
    require_covers(actor, organization, "members.change")


def _require_cell(organization: Organization | None, *, on: dt.date | None, field: str) -> Organization:
    """An organization of this installation where members are registered, existing on the date."""
    if organization is None:
        raise DomainError(_("Choose the organization."), field=field)
    organization = Organization.objects.select_related("kind").get(pk=organization.pk)
    if not organization.kind.holds_members:
        raise DomainError(
            _("Members are registered in cells; %(name)s is a %(kind)s.")
            % {"name": organization.name, "kind": organization.kind.name},
            field=field,
        )
    if on is None and organization.dissolved_on is not None:
        raise DomainError(_("%(name)s has been dissolved.") % {"name": organization.name}, field=field)
    if on is not None and not versions_as_of(on).filter(organization=organization).exists():
        raise DomainError(
            _("%(name)s did not exist in the organization tree on %(date)s.")
            % {"name": organization.name, "date": _fmt(on)},
            field=field,
        )
    return organization


def _lock(person: Person) -> Person:
    return Person.objects.select_for_update().select_related("organization").get(pk=person.pk)


def _events_of(person: Person) -> list[MemberEvent]:
    return list(MemberEvent.objects.filter(person=person).order_by("id"))


def _cache_state(person: Person) -> dict[str, Any]:
    return {
        "status": person.status,
        "organization_id": person.organization_id,
        "temporary_organization_id": person.temporary_organization_id,
        "status_since": person.status_since.isoformat() if person.status_since else None,
    }


def _rebuild(person: Person, timeline: Timeline) -> None:
    """Rewrite the derived caches of one person: status, cell, temporary host, spells."""
    state = timeline.state
    person.status = state.status
    person.status_since = state.since
    if state.organization_id is not None:
        person.organization_id = state.organization_id
    person.temporary_organization_id = state.temporary_organization_id
    person.save(update_fields=["status", "status_since", "organization", "temporary_organization", "updated_at"])
    MembershipSpell.objects.filter(person=person).delete()
    if state.status == Status.VOIDED:
        return  # a file entered by mistake counts nowhere, not even in the past
    MembershipSpell.objects.bulk_create(
        MembershipSpell(
            person=person,
            organization_id=segment.organization_id,
            status=segment.status,
            valid_from=segment.valid_from,
            valid_to=segment.valid_to,
        )
        for segment in timeline.segments
        if segment.organization_id is not None and segment.status != Status.NONE
    )


def _refusal(person: Person, event: Any, code: str, state: State) -> DomainError:
    """The message for an event that the person's status on its date does not allow, naming the rule."""
    on = event.occurred_on
    names = {"name": person.full_name, "date": _fmt(on), "event": EventKind(event.kind).label,
             "status": Status(state.status).label, "since": _fmt(state.since)}
    if code == "status" and state.status in FORMER_STATUSES:
        names["citation"] = ruling.citation("readmission.min_months_out", on=on)
        message = _("%(name)s is %(status)s since %(since)s: only re-admission can be recorded (%(citation)s).")
    elif code == "status" and state.status == Status.DEAD:
        message = _("%(name)s died on %(since)s; nothing more can be recorded.")
    elif code == "expel_probationary":
        message = _(
            "%(name)s is a probationary member on %(date)s: the discipline forms for a probationary member are "
            "reprimand and warning, not expulsion (Quy định 69-QĐ/TW)."
        )
    elif code == "ceremony_without_decision":
        names["citation"] = ruling.citation("admission.ceremony_deadline_working_days", on=on)
        message = _(
            "No admission decision awaits a ceremony for %(name)s on %(date)s: the ceremony follows the decision "
            "(%(citation)s)."
        )
    elif code == "recognition_without_ceremony":
        names["citation"] = ruling.citation("recognition.probation_months", on=on)
        message = _(
            "%(name)s has had no admission ceremony: probation counts from the ceremony, so there is nothing to "
            "recognise on %(date)s (%(citation)s)."
        )
    elif code == "transfer_in_without_letter":
        names["citation"] = ruling.citation("transfer.present_deadline_working_days", on=on)
        message = _("%(name)s has no official transfer letter to present on %(date)s (%(citation)s).")
    elif code == "temporarily_away":
        message = _("%(name)s is temporarily transferred on %(date)s: record the return first.")
    elif code == "not_temporarily_away":
        message = _("%(name)s is not temporarily transferred on %(date)s.")
    else:
        key = _KIND_RULE.get(EventKind(event.kind))
        names["citation"] = ruling.citation(key, on=on) if key else _("Điều lệ Đảng")
        message = _("“%(event)s” cannot be recorded on %(date)s: %(name)s is then “%(status)s” (%(citation)s).")
    return DomainError(message % names, field="occurred_on")


def _date_checks(person: Person) -> Any:
    """Rule-based checks on the order of dates, run for every event while the log is folded."""

    def check(event: Any, state: State) -> None:
        on = event.occurred_on
        if event.kind == EventKind.ADMISSION_CEREMONY and state.decision_on and on < state.decision_on:
            raise DomainError(
                _("The admission ceremony (%(date)s) cannot come before the admission decision (%(decided)s) "
                  "(%(citation)s).")
                % {"date": _fmt(on), "decided": _fmt(state.decision_on),
                   "citation": ruling.citation("admission.ceremony_deadline_working_days", on=state.decision_on)},
                field="occurred_on",
            )
        from_file = bool(event.details.get("recorded_from"))  # dates of record, from before the rules' versions
        if event.kind in (EventKind.RECOGNITION, EventKind.NOT_RECOGNISED) and state.ceremony_on and not from_file:
            end = probation_end(state.ceremony_on)
            if on < end:
                rule = ruling.rule("recognition.probation_months", on=state.ceremony_on)
                raise DomainError(
                    _("Probation of %(months)s months from the ceremony of %(ceremony)s ends on %(end)s; "
                      "%(date)s is too early (%(citation)s).")
                    % {"months": rule.value, "ceremony": _fmt(state.ceremony_on), "end": _fmt(end),
                       "date": _fmt(on), "citation": rule.citation},
                    field="decision_date",
                )
        plausibility.not_before_birth(person, on, kind=event.kind)

    return check


def probation_end(ceremony_on: dt.date) -> dt.date:
    """End of probation: the rule's number of months after the ceremony (the recognition's effective date)."""
    return ruling.add_months(ceremony_on, int(ruling.value("recognition.probation_months", on=ceremony_on)))


def _append(
    *,
    actor: Any,
    person: Person,
    kind: str,
    occurred_on: dt.date,
    organization: Organization | None,
    counterpart: Organization | None = None,
    decision: Decision | None = None,
    details: Mapping[str, Any] | None = None,
    supersedes: MemberEvent | None = None,
    reason: str = "",
) -> MemberEvent:
    """Save one event row (the caller then commits the person with `_commit`)."""
    event = MemberEvent(
        person=person,
        kind=kind,
        occurred_on=occurred_on,
        organization=organization,
        counterpart=counterpart,
        details=dict(details or {}),
        supersedes=supersedes,
        reason=(reason or "").strip(),
        created_by=_user(actor),
    )
    if decision is not None:
        event.decision_number = decision.number
        event.decision_date = decision.date
        event.decision_issuer = decision.issuer
    refuse_control_characters_in(event)
    event.save()
    return event


def _commit(
    *,
    actor: Any,
    person: Person,
    events: Sequence[MemberEvent],
    before: Timeline,
    reason: str = "",
    check_scope: bool = True,
) -> None:
    """Re-derive the person from the whole log with the new events; refuse what the log no longer allows."""
    cache_before = _cache_state(person)
    if before.state.status == Status.VOIDED and any(e.kind != EventKind.RESTRUCTURE_MOVE for e in events):
        raise DomainError(_("The file of %(name)s is voided (entered by mistake): nothing more is recorded on it.")
                          % {"name": person.full_name}, field="person")
    for event in events:
        plausibility.check_event(person, event)
    timeline = derive(_events_of(person), check=_date_checks(person))
    known = {r.event.id for r in before.rejected}
    for rejection in timeline.rejected:
        if rejection.event.id not in known:
            raise _refusal(person, rejection.event, rejection.code, rejection.state)
    _rebuild(person, timeline)
    for event in events:
        log_change(actor=actor, action=ChangeAction.CREATE, instance=event, reason=reason)
        log_change(
            actor=actor,
            action=ChangeAction.EVENT,
            instance=person,
            before=cache_before,
            after={**_cache_state(person), "event_id": event.pk, "event_kind": event.kind},
            reason=reason,
        )
        cache_before = _cache_state(person)
    if check_scope:
        require_in_scope(person, actor, CHANGE)


def _record(*, actor: Any, person: Person, reason: str = "", check_scope: bool = True, **fields: Any) -> MemberEvent:
    """Append one event and commit the person: the usual path of a service."""
    before = derive(_events_of(person))
    event = _append(actor=actor, person=person, reason=reason, **fields)
    _commit(actor=actor, person=person, events=[event], before=before, reason=reason, check_scope=check_scope)
    return event


def _start(actor: Any, person: Person) -> tuple[Person, Timeline]:
    require_in_scope(person, actor, CHANGE)
    person = _lock(person)
    return person, derive(_events_of(person))


# ----------------------------------------------------------------------------- the member file


def _clean_fields(fields: Mapping[str, Any], *, person: Person | None) -> dict[str, Any]:
    unknown = set(fields) - set(FILE_FIELDS)
    if unknown:
        raise DomainError(_("Unknown field: %(field)s.") % {"field": sorted(unknown)[0]}, field=sorted(unknown)[0])
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
            raise DomainError(_("The full name is required."), field="full_name")
        if len(clean["full_name"]) > 150:
            raise DomainError(_("The full name must be at most 150 characters."), field="full_name")
    if "gender" in clean and clean["gender"] not in Gender.values:
        raise DomainError(_("Choose the gender."), field="gender")
    if "birth_date" in clean:
        birth = clean["birth_date"]
        if not isinstance(birth, dt.date):
            raise DomainError(_("The date of birth is required."), field="birth_date")
        if birth > _today():
            raise DomainError(_("The date of birth %(date)s is in the future.") % {"date": _fmt(birth)},
                              field="birth_date")
        if birth.year < plausibility.EARLIEST_BIRTH_YEAR:
            raise DomainError(_("The date of birth %(date)s is not plausible.") % {"date": _fmt(birth)},
                              field="birth_date")
    if clean.get("citizen_id") and not _CITIZEN_ID.match(clean["citizen_id"]):
        raise DomainError(_("A citizen ID has 12 digits (or 9 for an old identity card)."), field="citizen_id")
    if clean.get("phone") and not _PHONE.match(clean["phone"]):
        raise DomainError(_("The phone number is malformed."), field="phone")
    if clean.get("party_card_number") and not _CARD.match(clean["party_card_number"]):
        raise DomainError(_("A Party card number is written in digits (dots allowed)."), field="party_card_number")
    if clean.get("general_education"):
        parsed = parse_education(clean["general_education"])
        if parsed is None:
            raise DomainError(_("Write the general education as grade/system, e.g. 12/12 or 9/12."),
                              field="general_education")
    for name, model in (("ethnicity", Ethnicity), ("religion", Religion)):
        if clean.get(name) is not None and not isinstance(clean[name], model):
            raise DomainError(_("Choose from the list."), field=name)
    if "political_theory" in clean and clean["political_theory"] not in PoliticalTheory.values:
        raise DomainError(_("Choose the political-theory level."), field="political_theory")
    for name, limit in (("other_names", 150), ("birth_place", 255), ("hometown", 255), ("address", 255),
                        ("professional_qualification", 255), ("occupation", 255), ("history_number", 30),
                        ("phone", 20), ("general_education", 20)):
        if len(clean.get(name) or "") > limit:
            raise DomainError(_("At most %(n)d characters.") % {"n": limit}, field=name)
    return clean


def _require_unique(actor: Any, clean: Mapping[str, Any], *, person: Person | None, organization: Organization) -> None:
    """Citizen ID and Party card number are unique in the installation. A clash with a file the writer sees
    is named as such; a clash outside the writer's scope is not confirmed: the writer is sent to the
    organization board of the level that covers both files, and the attempt is noted in that file's log."""
    for name, label in (("citizen_id", _("citizen ID")), ("party_card_number", _("Party card number"))):
        if not clean.get(name):
            continue
        clash = Person.objects.filter(**{name: clean[name]}).select_related("organization")
        if person is not None:
            clash = clash.exclude(pk=person.pk)
        other = clash.first()
        if other is None:
            continue
        if restrict(Person.objects.filter(pk=other.pk), actor, VIEW).exists():
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
    _set_names(person)
    person.save()
    log_change(actor=actor, action=ChangeAction.CREATE, instance=person, reason=reason)
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
    decision = _require_decision(admitted.decision, field="admission_decision")
    assert decision is not None
    plausibility.not_before_birth(person, decision.date, kind=EventKind.ADMISSION_DECISION)
    source = {"recorded_from": "file" if organization is not None else "transfer_letter"}
    first_day = _first_day(organization) if organization is not None else None

    def where(on: dt.date) -> Organization | None:
        return organization if first_day is None or on >= first_day else None

    before = derive(_events_of(person))
    events = [_append(actor=actor, person=person, kind=EventKind.ADMISSION_DECISION, occurred_on=decision.date,
                      organization=where(decision.date), decision=decision, details=source, reason=reason)]
    if admitted.ceremony_on is not None:
        ceremony_on = _require_date(admitted.ceremony_on, "ceremony_on")
        events.append(_append(actor=actor, person=person, kind=EventKind.ADMISSION_CEREMONY, occurred_on=ceremony_on,
                              organization=where(ceremony_on), details=source, reason=reason))
    if admitted.recognised_on is not None:
        if admitted.ceremony_on is None:
            raise DomainError(_("Give the admission ceremony date before the recognition."), field="ceremony_on")
        recognised_on = _require_date(admitted.recognised_on, "recognised_on")
        if recognised_on <= admitted.ceremony_on:
            raise DomainError(_("The recognition date must come after the admission ceremony."),
                              field="recognised_on")
        recognition = _require_decision(admitted.recognition_decision, field="recognition_decision", required=False)
        events.append(_append(actor=actor, person=person, kind=EventKind.RECOGNITION, occurred_on=recognised_on,
                              organization=where(recognised_on), decision=recognition, details=source,
                              reason=reason))
    if first_day is not None and decision.date < first_day:
        events.append(_append(actor=actor, person=person, kind=EventKind.RESTRUCTURE_MOVE, occurred_on=first_day,
                              organization=organization,
                              details={**source, "registered_at_founding": True}, reason=reason))
    _commit(actor=actor, person=person, events=events, before=before, reason=reason, check_scope=False)


def _first_day(organization: Organization) -> dt.date | None:
    """The first day the organization stood in the tree (its earliest version)."""
    first = OrganizationVersion.objects.filter(organization=organization).order_by("valid_from").first()
    return first.valid_from if first is not None else None


@transaction.atomic
def person_update(*, actor: Any, person: Person, reason: str = "", **fields: Any) -> Person:
    """Correct or complete the file's fields. Status and cell change only through events."""
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
    before = snapshot(person)
    for name, value in clean.items():
        setattr(person, name, value)
    _set_names(person)
    if snapshot(person) == before:
        return person  # nothing changed: nothing to write or log
    person.save()
    log_change(actor=actor, action=ChangeAction.UPDATE, instance=person, before=before, reason=reason)
    require_in_scope(person, actor, CHANGE)
    return person


# ----------------------------------------------------------------------------- admission


@transaction.atomic
def candidate_register(
    *, actor: Any, person: Person, registered_on: dt.date, organization: Organization | None = None, reason: str = ""
) -> MemberEvent:
    """Register the person as an outstanding candidate (quần chúng ưu tú) followed by a cell."""
    person, _timeline = _start(actor, person)
    registered_on = _require_date(registered_on, "registered_on")
    plausibility.check_event(person, _Pseudo(EventKind.CANDIDATE_REGISTERED, registered_on))
    cell = _require_cell(organization or person.organization, on=registered_on, field="organization")
    _require_members_scope(actor, cell)
    return _record(actor=actor, person=person, kind=EventKind.CANDIDATE_REGISTERED, occurred_on=registered_on,
                   organization=cell, reason=reason)


@transaction.atomic
def awareness_course_record(
    *,
    actor: Any,
    person: Person,
    completed_on: dt.date,
    certificate_number: str = "",
    issuer: str = "",
    reason: str = "",
) -> MemberEvent:
    """The certificate of the Party-awareness course (form CN-NTVĐ), valid for the rule's number of months."""
    person, _timeline = _start(actor, person)
    completed_on = _require_date(completed_on, "completed_on")
    plausibility.check_event(person, _Pseudo(EventKind.AWARENESS_COURSE, completed_on))
    months = int(ruling.value("awareness_course.certificate_valid_months", on=completed_on))
    details = {
        "certificate_number": (certificate_number or "").strip(),
        "issuer": (issuer or "").strip(),
        "valid_until": ruling.add_months(completed_on, months).isoformat(),
    }
    return _record(actor=actor, person=person, kind=EventKind.AWARENESS_COURSE, occurred_on=completed_on,
                   organization=person.organization, details=details, reason=reason)


@transaction.atomic
def dossier_step_record(
    *,
    actor: Any,
    person: Person,
    form: str,
    occurred_on: dt.date,
    decision: Decision | None = None,
    details: Mapping[str, Any] | None = None,
    reason: str = "",
) -> MemberEvent:
    """One form of the admission dossier (1-KNĐ application … 6-KNĐ cell resolution, 8-KNĐ committee resolution)."""
    person, _timeline = _start(actor, person)
    if form not in DossierForm.values:
        raise DomainError(_("Unknown dossier form “%(form)s”.") % {"form": form}, field="form")
    occurred_on = _require_date(occurred_on, "occurred_on")
    decision = _require_decision(decision, required=False)
    return _record(actor=actor, person=person, kind=EventKind.DOSSIER_STEP, occurred_on=occurred_on,
                   organization=person.organization, decision=decision,
                   details={**dict(details or {}), "form": form}, reason=reason)


def _check_age(person: Person, *, on: dt.date, override: Decision | None, field: str, actor: Any) -> dict[str, Any]:
    """Age in whole months on the day the cell considers the application, against the rule's bounds."""
    months = ruling.months_between(person.birth_date, on)
    low = ruling.rule("admission.min_age_months", on=on)
    high = ruling.rule("admission.max_age_months", on=on)
    values = {"name": person.full_name, "months": months, "date": _fmt(on)}
    if months < int(low.value):
        raise DomainError(
            _("%(name)s is %(months)s months old on %(date)s; the minimum is %(min)s months (%(citation)s).")
            % {**values, "min": low.value, "citation": low.citation},
            field="birth_date",
        )
    if months > int(high.value):
        if override is None:
            raise DomainError(
                _("%(name)s is %(months)s months old on %(date)s, over %(max)s months: admission needs the decision "
                  "of the competent committee (%(citation)s).")
                % {**values, "max": high.value, "citation": high.citation},
                field="age_override",
            )
        return {"number": override.number, "date": override.date.isoformat(), "issuer": override.issuer,
                "recorded_by": getattr(actor, "username", "") or "system", "age_months": months}
    return {}


def _check_education(person: Person, *, on: dt.date, exception_area: str) -> dict[str, Any]:
    rule = ruling.rule("admission.min_education", on=on)
    threshold = rule.value or {}
    areas = ruling.codes(threshold.get("exception_areas"))
    parsed = parse_education(person.general_education)
    need = (int(threshold.get("grade", 0)), int(threshold.get("of", 12)))
    if exception_area:
        if exception_area not in areas:
            raise DomainError(
                _("“%(area)s” is not an area where the education requirement is relaxed (%(citation)s).")
                % {"area": exception_area, "citation": rule.citation},
                field="education_exception_area",
            )
        need = (int(threshold.get("exception_min_grade", 0)), need[1])
        if need[0] and (parsed is None or not _education_meets(parsed, need, [])):
            raise DomainError(
                _("General education “%(has)s” is below %(grade)s/%(of)s, the lowest accepted in such areas "
                  "(%(citation)s).")
                % {"has": person.general_education or "—", "grade": need[0], "of": need[1],
                   "citation": rule.citation},
                field="general_education",
            )
        return {"education_exception_area": exception_area}
    equivalents = threshold.get("equivalents") or []
    systems = {need[1]} | {int(e.get("of", 0)) for e in equivalents if isinstance(e, dict)}
    if parsed is not None and parsed[1] not in systems:
        raise DomainError(
            _("General education “%(has)s” is of a school system the rule does not compare (it accepts "
              "%(accepted)s); give the schooling in the %(of)s-year system (%(citation)s).")
            % {"has": person.general_education, "of": need[1], "citation": rule.citation,
               "accepted": ", ".join([f"{need[0]}/{need[1]}"] + [
                   f"{e.get('grade')}/{e.get('of')}" for e in equivalents if isinstance(e, dict)])},
            field="general_education",
        )
    if parsed is None or not _education_meets(parsed, need, equivalents):
        raise DomainError(
            _("General education “%(has)s” is below the required %(grade)s/%(of)s (%(citation)s).")
            % {"has": person.general_education or "—", "grade": need[0], "of": need[1], "citation": rule.citation},
            field="general_education",
        )
    return {}


def _education_meets(has: tuple[int, int], need: tuple[int, int], equivalents: Sequence[Any]) -> bool:
    if has[1] == need[1]:
        return has[0] >= need[0]
    for item in equivalents:
        if isinstance(item, dict) and int(item.get("of", 0)) == has[1]:
            return has[0] >= int(item.get("grade", 99))
    return False  # a school system the rule names no equivalent for: not accepted (no guessing by share)


def _check_introducers(
    person: Person, *, on: dt.date, introducers: Sequence[Introducer], youth_union: Decision | None,
    trade_union: Decision | None = None,
) -> dict[str, Any]:
    """Two official members, or one plus the resolution of the Youth Union or of the grassroots Trade Union
    (§3.2); each has worked with the applicant for the required months unless assigned as a replacement."""
    required = ruling.rule("admission.introducers_required", on=on)
    together = ruling.rule("admission.introducer_min_months_together", on=on)
    needed = int(required.value)
    if youth_union is not None and trade_union is not None:
        raise DomainError(
            _("Give the resolution of either the Youth Union or the Trade Union: together they still replace "
              "only one introducer (%(citation)s).") % {"citation": required.citation},
            field="trade_union_resolution",
        )
    for resolution, key, field, message in (
        (youth_union, "admission.introducer_youth_union_alternative", "youth_union_resolution",
         _("A Youth Union resolution does not replace an introducer on %(date)s (%(citation)s).")),
        (trade_union, "admission.introducer_trade_union_alternative", "trade_union_resolution",
         _("A Trade Union resolution does not replace an introducer on %(date)s (%(citation)s).")),
    ):
        if resolution is None:
            continue
        alternative = ruling.rule(key, on=on)
        if not alternative.value:
            raise DomainError(message % {"date": _fmt(on), "citation": alternative.citation}, field=field)
        needed -= 1
    ids = [i.person.pk for i in introducers]
    if len(set(ids)) != len(ids) or person.pk in ids:
        raise DomainError(_("Each introducer is a different person, not the applicant."), field="introducers")
    if len(introducers) < needed:
        raise DomainError(
            _("%(needed)s introducers are required (official members who have worked with the applicant for at "
              "least %(months)s months); %(given)s given (%(citation)s).")
            % {"needed": needed, "months": together.value, "given": len(introducers), "citation": required.citation},
            field="introducers",
        )
    replacement_rule = ruling.rule("admission.replacement_introducer_needs_months_together", on=on)
    rows = []
    for introducer in introducers:
        status = derive(_events_of(introducer.person)).status_on(on)
        if status != Status.OFFICIAL:
            raise DomainError(
                _("Introducer %(name)s is not an official member on %(date)s (%(citation)s).")
                % {"name": introducer.person.full_name, "date": _fmt(on), "citation": required.citation},
                field="introducers",
            )
        months = ruling.months_between(introducer.worked_together_since, on)
        exempt = introducer.replacement and not replacement_rule.value
        if months < int(together.value) and not exempt:
            raise DomainError(
                _("Introducer %(name)s has worked with the applicant for %(has)s months; at least %(months)s are "
                  "required (%(citation)s).")
                % {"name": introducer.person.full_name, "has": max(months, 0), "months": together.value,
                   "citation": together.citation},
                field="introducers",
            )
        row = {"person": str(introducer.person.code), "person_id": introducer.person.pk,
               "name": introducer.person.full_name, "since": introducer.worked_together_since.isoformat()}
        if introducer.replacement:
            row["replacement"] = True
            row["replacement_citation"] = replacement_rule.citation
        rows.append(row)
    details: dict[str, Any] = {"introducers": rows}
    for resolution, name in ((youth_union, "youth_union_resolution"), (trade_union, "trade_union_resolution")):
        if resolution is not None:
            details[name] = {"number": resolution.number, "date": resolution.date.isoformat(),
                             "issuer": resolution.issuer}
    return details


def _check_certificate(timeline: Timeline, *, on: dt.date) -> dict[str, Any]:
    """A Party-awareness certificate issued on or before `on` and still valid then."""
    courses = [e for e in timeline.events_of(EventKind.AWARENESS_COURSE) if e.occurred_on <= on]
    rule = ruling.rule("awareness_course.certificate_valid_months", on=on)
    if not courses:
        raise DomainError(
            _("No Party-awareness course certificate is recorded before %(date)s (%(citation)s).")
            % {"date": _fmt(on), "citation": rule.citation},
            field="awareness_course",
        )
    latest = courses[-1]
    months = int(ruling.value("awareness_course.certificate_valid_months", on=latest.occurred_on))
    valid_until = ruling.add_months(latest.occurred_on, months)
    if valid_until < on:
        raise DomainError(
            _("The Party-awareness certificate of %(issued)s was valid until %(until)s, before %(date)s "
              "(%(citation)s).")
            % {"issued": _fmt(latest.occurred_on), "until": _fmt(valid_until), "date": _fmt(on),
               "citation": rule.citation},
            field="awareness_course",
        )
    return {"awareness_course_event": latest.id}


def _cell_resolution(timeline: Timeline, given: dt.date | None, *, after: dt.date | None = None) -> dt.date:
    if given is not None:
        return _require_date(given, "cell_resolution_on")
    steps = [
        e for e in timeline.events_of(EventKind.DOSSIER_STEP)
        if e.details.get("form") == CELL_RESOLUTION_FORM and (after is None or e.occurred_on >= after)
    ]
    if not steps:
        raise DomainError(_("Give the date of the cell's resolution (form 6-KNĐ)."), field="cell_resolution_on")
    return steps[-1].occurred_on


@transaction.atomic
def admission_decide(
    *,
    actor: Any,
    person: Person,
    decision: Decision,
    cell_resolution_on: dt.date | None = None,
    introducers: Sequence[Introducer] = (),
    youth_union_resolution: Decision | None = None,
    education_exception_area: str = "",
    age_override: Decision | None = None,
    reason: str = "",
    trade_union_resolution: Decision | None = None,
) -> MemberEvent:
    """The committee's admission decision (9-KNĐ), checked on the day the cell considered the application.

    Checks age in months, education, introducers and the awareness certificate against the rules in force on
    the cell's resolution date. Over the maximum age only with `age_override`, the competent level's decision.
    The resolution of the Youth Union (`youth_union_resolution`) or of the grassroots Trade Union
    (`trade_union_resolution`) replaces one introducer (§3.2).
    """
    person, timeline = _start(actor, person)
    decision_ = _require_decision(decision)
    assert decision_ is not None
    considered = _cell_resolution(timeline, cell_resolution_on)
    if decision_.date < considered:
        raise DomainError(
            _("The decision (%(date)s) cannot come before the cell's resolution (%(considered)s).")
            % {"date": _fmt(decision_.date), "considered": _fmt(considered)},
            field="decision_date",
        )
    override = _require_decision(age_override, field="age_override", required=False)
    details: dict[str, Any] = {"cell_resolution_on": considered.isoformat()}
    if timeline.state.status != Status.CANDIDATE:
        raise _refusal(person, _Pseudo(EventKind.ADMISSION_DECISION, decision_.date), "status", timeline.state)
    override_details = _check_age(person, on=considered, override=override, field="birth_date", actor=actor)
    if override_details:
        details["age_override"] = override_details
    details.update(_check_education(person, on=considered, exception_area=(education_exception_area or "").strip()))
    details.update(_check_introducers(person, on=considered, introducers=introducers,
                                      youth_union=_require_decision(youth_union_resolution,
                                                                    field="youth_union_resolution", required=False),
                                      trade_union=_require_decision(trade_union_resolution,
                                                                    field="trade_union_resolution", required=False)))
    details.update(_check_certificate(timeline, on=considered))
    return _record(actor=actor, person=person, kind=EventKind.ADMISSION_DECISION, occurred_on=decision_.date,
                   organization=person.organization, decision=decision_, details=details, reason=reason)


@dataclass(frozen=True)
class _Pseudo:
    kind: str
    occurred_on: dt.date


@transaction.atomic
def admission_ceremony_record(*, actor: Any, person: Person, held_on: dt.date, reason: str = "") -> MemberEvent:
    """The cell's admission ceremony: probation starts here."""
    person, _timeline = _start(actor, person)
    held_on = _require_date(held_on, "held_on")
    return _record(actor=actor, person=person, kind=EventKind.ADMISSION_CEREMONY, occurred_on=held_on,
                   organization=person.organization, reason=reason)


@transaction.atomic
def recognition_record(*, actor: Any, person: Person, decision: Decision, reason: str = "") -> MemberEvent:
    """Recognition as an official member. Takes effect at the end of probation even when decided later."""
    person, timeline = _start(actor, person)
    decision_ = _require_decision(decision)
    assert decision_ is not None
    state = timeline.state
    if state.status != Status.PROBATIONARY or state.ceremony_on is None:
        raise _refusal(person, _Pseudo(EventKind.RECOGNITION, decision_.date),
                       "recognition_without_ceremony" if state.status == Status.PROBATIONARY else "status", state)
    end = probation_end(state.ceremony_on)
    if decision_.date < end:
        rule = ruling.rule("recognition.probation_months", on=state.ceremony_on)
        raise DomainError(
            _("Probation of %(months)s months from the ceremony of %(ceremony)s ends on %(end)s; the decision of "
              "%(date)s is too early (%(citation)s).")
            % {"months": rule.value, "ceremony": _fmt(state.ceremony_on), "end": _fmt(end),
               "date": _fmt(decision_.date), "citation": rule.citation},
            field="decision_date",
        )
    # Dated at the end of probation, so it belongs to the cell the member was in on that day (a merger
    # may have moved the member since), else the recognition would fall outside every count.
    cell_then_id = timeline.organization_on(end)
    cell_then = Organization.objects.get(pk=cell_then_id) if cell_then_id else person.organization
    return _record(actor=actor, person=person, kind=EventKind.RECOGNITION, occurred_on=end,
                   organization=cell_then, decision=decision_,
                   details={"decided_on": decision_.date.isoformat()}, reason=reason)


@transaction.atomic
def not_recognised_record(*, actor: Any, person: Person, decision: Decision, reason: str = "") -> MemberEvent:
    """The probationary member is not recognised: their name is struck off."""
    person, _timeline = _start(actor, person)
    decision_ = _require_decision(decision)
    assert decision_ is not None
    if not (reason or "").strip():
        raise DomainError(_("Say why the member is not recognised."), field="reason")
    return _record(actor=actor, person=person, kind=EventKind.NOT_RECOGNISED, occurred_on=decision_.date,
                   organization=person.organization, decision=decision_, details={"ground": "not_recognised"},
                   reason=reason)


# ----------------------------------------------------------------------------- transfers


def _require_transfer_destination(
    actor: Any, person: Person, destination: Organization | None, outside: str, *, on: dt.date
) -> tuple[Organization | None, str]:
    outside = " ".join((outside or "").split())
    if destination is None and not outside:
        raise DomainError(_("Choose the destination cell, or name the organization outside this installation."),
                          field="destination")
    if destination is not None and outside:
        raise DomainError(_("Choose a destination cell or an outside organization, not both."), field="destination")
    if destination is None:
        return None, outside
    destination = transfer_destination(actor, person, destination.pk)  # as the page offers; names nothing
    try:
        cell = _require_cell(destination, on=on, field="destination")
    except Organization.DoesNotExist as exc:
        raise DomainError(_("The destination is not in the organization tree."), field="destination") from exc
    if cell.dissolved_on is not None and cell.dissolved_on <= on:
        raise DomainError(_("%(name)s has been dissolved.") % {"name": cell.name}, field="destination")
    if cell.pk == person.organization_id:
        raise DomainError(_("The destination is the member's own cell."), field="destination")
    return cell, ""


@transaction.atomic
def transfer_out(
    *,
    actor: Any,
    person: Person,
    temporary: bool,
    occurred_on: dt.date,
    letter: TransferLetter,
    destination: Organization | None = None,
    destination_outside: str = "",
    purpose: str | None = None,
    until: dt.date | None = None,
    reason: str = "",
) -> MemberEvent:
    """Issue the introduction letter: an official transfer (the member leaves the cell) or a temporary one.

    The destination is a cell of this installation or, by name, an organization outside it. A temporary
    transfer keeps the member counted at home; its length must fit the rule for work or for study.
    """
    person, _timeline = _start(actor, person)
    occurred_on = _require_date(occurred_on, "occurred_on")
    plausibility.not_before_birth(person, occurred_on)
    cell, outside = _require_transfer_destination(actor, person, destination, destination_outside,
                                                 on=occurred_on)
    if not letter.register_number.strip():
        raise DomainError(_("The letter's register number is required."), field="register_number")
    letter = replace(letter, card_number=letter.card_number or person.party_card_number,
                     history_number=letter.history_number or person.history_number)
    details: dict[str, Any] = {"letter": letter.as_details()}
    if outside:
        details["destination_outside"] = outside
    if not temporary:
        return _record(actor=actor, person=person, kind=EventKind.TRANSFER_OUT_OFFICIAL, occurred_on=occurred_on,
                       organization=person.organization, counterpart=cell, details=details, reason=reason)
    if purpose not in TemporaryPurpose.values:
        raise DomainError(_("Say whether the temporary transfer is for work or for study."), field="purpose")
    if until is None or until <= occurred_on:
        raise DomainError(_("Give the expected date of return."), field="until")
    months = ruling.months_between(occurred_on, until)
    low = ruling.rule("temporary_transfer.min_months", on=occurred_on)
    key = "temporary_transfer.max_months_work" if purpose == TemporaryPurpose.WORK else \
        "temporary_transfer.max_months_study"
    high = ruling.rule(key, on=occurred_on)
    # Work: "from 3 months to under 1 year"; study: "from 3 months to 2 years" (the upper bound included).
    too_long = months >= int(high.value) if purpose == TemporaryPurpose.WORK else (
        months > int(high.value) or (months == int(high.value) and ruling.add_months(occurred_on, months) < until))
    if months < int(low.value) or too_long:
        raise DomainError(
            _("A temporary transfer for %(purpose)s lasts from %(min)s to %(max)s months; %(months)s months given "
              "(%(citation)s).")
            % {"purpose": TemporaryPurpose(purpose).label, "min": low.value, "max": high.value, "months": months,
               "citation": high.citation},
            field="until",
        )
    details.update({"purpose": purpose, "until": until.isoformat()})
    return _record(actor=actor, person=person, kind=EventKind.TRANSFER_OUT_TEMPORARY, occurred_on=occurred_on,
                   organization=person.organization, counterpart=cell, details=details, reason=reason)


@transaction.atomic
def transfer_in(
    *,
    actor: Any,
    person: Person,
    temporary: bool,
    organization: Organization,
    occurred_on: dt.date,
    letter: TransferLetter | None = None,
    late_explanation: str = "",
    origin_outside: str = "",
    arriving: AdmissionRecord | None = None,
    reason: str = "",
) -> MemberEvent:
    """The member presents the letter to the receiving cell (official) or the host cell (temporary).

    Late presentation (after the rule's working days) needs the member's written explanation. A member
    arriving from outside this installation brings the admission history of the file (`arriving`).
    """
    occurred_on = _require_date(occurred_on, "occurred_on")
    plausibility.not_before_birth(person, occurred_on)
    cell = _require_cell(organization, on=occurred_on, field="organization")
    _require_members_scope(actor, cell)
    # The member may still be registered outside the receiver's scope: the letter is the authority.
    person = _lock(person)
    if arriving is not None:
        require_in_scope(person, actor, CHANGE)
    timeline = derive(_events_of(person))
    details: dict[str, Any] = {"letter": letter.as_details() if letter else {}}
    if origin_outside.strip():
        details["origin_outside"] = " ".join(origin_outside.split())
    state = timeline.state
    if temporary:
        if state.temporary_away and _pending_host(timeline) != cell.pk:
            raise DomainError(
                _("The letter sends %(name)s to another host cell; correct the temporary transfer first.")
                % {"name": person.full_name}, field="organization")
        return _record(actor=actor, person=person, kind=EventKind.TRANSFER_IN_TEMPORARY, occurred_on=occurred_on,
                       organization=cell, details=details, reason=reason, check_scope=False)
    transit = state.transit
    if transit is not None and transit.destination_id != cell.pk:
        raise DomainError(
            _("The letter sends %(name)s to another cell; correct the transfer out first.")
            % {"name": person.full_name}, field="organization")
    if arriving is not None:
        if state.status != Status.NONE:
            raise DomainError(_("This file already has an admission history."), field="arriving")
        if not details.get("origin_outside"):
            raise DomainError(_("Name the organization the member comes from."), field="origin_outside")
        _record_history(actor=actor, person=person, admitted=arriving, organization=None, reason=reason)
        sent_on = letter.issued_on if letter and letter.issued_on else None
    else:
        if state.status != Status.TRANSFERRED_OUT or transit is None:
            raise _refusal(person, _Pseudo(EventKind.TRANSFER_IN_OFFICIAL, occurred_on), "transfer_in_without_letter",
                           state)
        sent_on = transit.out_on
        details["origin_id"] = transit.origin_id
    if sent_on is not None:
        deadline = ruling.rule("transfer.present_deadline_working_days", on=sent_on)
        used = ruling.working_days_between(sent_on, occurred_on)
        details["working_days_taken"] = used
        if used > int(deadline.value):
            if not (late_explanation or "").strip():
                raise DomainError(
                    _("The letter is presented %(used)s working days after %(sent)s, more than %(days)s: the member's "
                      "written explanation is required (%(citation)s).")
                    % {"used": used, "sent": _fmt(sent_on), "days": deadline.value, "citation": deadline.citation},
                    field="late_explanation",
                )
            details["late_explanation"] = late_explanation.strip()
    counterpart = None
    if transit is not None and transit.origin_id:
        counterpart = Organization.objects.get(pk=transit.origin_id)
    event = _record(actor=actor, person=person, kind=EventKind.TRANSFER_IN_OFFICIAL, occurred_on=occurred_on,
                    organization=cell, counterpart=counterpart, details=details, reason=reason)
    return event


def _pending_host(timeline: Timeline) -> int | None:
    """The host named in the open temporary transfer, if any."""
    outs = timeline.events_of(EventKind.TRANSFER_OUT_TEMPORARY)
    return outs[-1].counterpart_id if outs and timeline.state.temporary_away else None


@transaction.atomic
def temporary_return(*, actor: Any, person: Person, returned_on: dt.date, reason: str = "") -> MemberEvent:
    """The temporarily transferred member is back in the home cell."""
    person, _timeline = _start(actor, person)
    returned_on = _require_date(returned_on, "returned_on")
    return _record(actor=actor, person=person, kind=EventKind.TEMPORARY_RETURN, occurred_on=returned_on,
                   organization=person.organization, reason=reason)


# ----------------------------------------------------------------------------- exemption, leaving


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
def exemption_end(
    *, actor: Any, person: Person, occurred_on: dt.date, decision: Decision | None = None, reason: str = ""
) -> MemberEvent:
    """The member takes part in activities again."""
    person, _timeline = _start(actor, person)
    occurred_on = _require_date(occurred_on, "occurred_on")
    return _record(actor=actor, person=person, kind=EventKind.EXEMPTION_END, occurred_on=occurred_on,
                   organization=person.organization, decision=_require_decision(decision, required=False),
                   reason=reason)


@transaction.atomic
def strike_off(
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
def expel(
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
def leave(
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


@transaction.atomic
def death_record(*, actor: Any, person: Person, died_on: dt.date, reason: str = "") -> MemberEvent:
    """The member (or candidate) died."""
    person, _timeline = _start(actor, person)
    died_on = _require_date(died_on, "died_on")
    return _record(actor=actor, person=person, kind=EventKind.DEATH, occurred_on=died_on,
                   organization=person.organization, reason=reason)


# ----------------------------------------------------------------------------- re-admission


@transaction.atomic
def readmit(
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
    resolutions = [e for e in timeline.events_of(EventKind.DOSSIER_STEP)
                   if e.details.get("form") == CELL_RESOLUTION_FORM and e.occurred_on >= exit_.on]
    if cell_resolution_on is not None:
        considered = _require_date(cell_resolution_on, "cell_resolution_on")
    else:
        considered = resolutions[-1].occurred_on if resolutions else decision_.date
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


# ----------------------------------------------------------------------------- corrections


# Kinds whose date is the date their decision was signed.
_DATED_BY_DECISION = {
    EventKind.ADMISSION_DECISION,
    EventKind.READMISSION_DECISION,
    EventKind.NOT_RECOGNISED,
    EventKind.STRIKE_OFF,
    EventKind.EXPULSION,
    EventKind.LEFT_VOLUNTARILY,
}


@transaction.atomic
def event_correct(
    *,
    actor: Any,
    event: MemberEvent,
    reason: str,
    withdraw: bool = False,
    occurred_on: dt.date | None = None,
    organization: Organization | None = None,
    counterpart: Organization | None = None,
    decision: Decision | None = None,
    details: Mapping[str, Any] | None = None,
) -> MemberEvent:
    """Correct an event by a new copy that supersedes it, or withdraw it; then re-derive. Nothing is edited.

    Correcting a ceremony date moves the recognition that follows it (effective at the end of probation).
    """
    person, timeline = _start(actor, event.person)
    event = MemberEvent.objects.select_related("organization", "counterpart").get(pk=event.pk)
    if not (reason or "").strip():
        raise DomainError(_("Say why the event is corrected."), field="reason")
    if MemberEvent.objects.filter(supersedes=event).exists():
        raise DomainError(_("This event has already been corrected; correct its latest version."), field="event")
    if event.kind in (EventKind.CORRECTION, EventKind.RESTRUCTURE_MOVE, EventKind.FILE_VOIDED):
        raise DomainError(_("This event cannot be corrected here."), field="event")
    if withdraw:
        return _record(actor=actor, person=person, kind=EventKind.CORRECTION, occurred_on=_today(),
                       organization=event.organization, supersedes=event,
                       details={"withdrawn_kind": event.kind}, reason=reason)
    new_decision = _require_decision(decision, required=False)
    if occurred_on is not None:
        new_on = _require_date(occurred_on, "occurred_on")
    elif new_decision is not None and event.kind in _DATED_BY_DECISION:
        new_on = new_decision.date
    else:
        new_on = event.occurred_on
    if new_decision is None and event.has_decision:
        new_decision = event.decision
    new_org = event.organization
    plausibility.not_before_birth(person, new_on, kind=event.kind)
    if organization is not None:
        new_org = _require_cell(organization, on=new_on, field="organization")
        _require_members_scope(actor, new_org)
    if counterpart is not None:
        counterpart = _require_counterpart(actor, person, event, counterpart)
    fields: dict[str, Any] = {
        "kind": event.kind,
        "organization": new_org,
        "counterpart": counterpart if counterpart is not None else event.counterpart,
        "decision": new_decision,
        "details": {**event.details, **dict(details or {}), "corrects": event.pk},
    }
    events = [_append(actor=actor, person=person, occurred_on=new_on, supersedes=event, reason=reason, **fields)]
    if event.kind == EventKind.ADMISSION_CEREMONY and new_on != event.occurred_on:
        events += _move_recognition(actor=actor, person=person, timeline=timeline, ceremony=event, new_on=new_on,
                                    reason=reason)
    _commit(actor=actor, person=person, events=events, before=timeline, reason=reason)
    return events[0]


def _require_counterpart(actor: Any, person: Person, event: MemberEvent, counterpart: Organization) -> Organization:
    """A corrected counterpart, by id: for a letter out, one of the transfer destinations (the same list as the
    transfer form); otherwise the one recorded or an organization the actor sees. Refusals name nothing."""
    if event.kind in (EventKind.TRANSFER_OUT_OFFICIAL, EventKind.TRANSFER_OUT_TEMPORARY):
        return transfer_destination(actor, person, counterpart.pk, field="counterpart")
    if counterpart.pk == event.counterpart_id and event.counterpart is not None:
        return event.counterpart
    found = organizations_visible(actor).filter(pk=counterpart.pk).first()
    if found is None:
        raise DomainError(_("No organization you may choose has this id."), field="counterpart")
    return found


def _move_recognition(
    *, actor: Any, person: Person, timeline: Timeline, ceremony: MemberEvent, new_on: dt.date, reason: str
) -> list[MemberEvent]:
    """The recognition that follows a corrected ceremony, re-dated to the new end of probation."""
    later = [e for e in timeline.events_of(EventKind.RECOGNITION) if e.occurred_on > ceremony.occurred_on]
    if not later or later[0].details.get("recorded_from"):
        return []
    recognition = later[0]
    end = probation_end(new_on)
    decided = recognition.decision_date
    if decided is not None and decided < end:
        rule = ruling.rule("recognition.probation_months", on=new_on)
        raise DomainError(
            _("With the ceremony on %(ceremony)s, probation ends on %(end)s, after the recognition decision of "
              "%(date)s (%(citation)s); withdraw the recognition first.")
            % {"ceremony": _fmt(new_on), "end": _fmt(end), "date": _fmt(decided), "citation": rule.citation},
            field="occurred_on",
        )
    return [_append(actor=actor, person=person, kind=EventKind.RECOGNITION, occurred_on=end,
                    organization=recognition.organization, counterpart=recognition.counterpart,
                    decision=recognition.decision if recognition.has_decision else None,
                    details={**recognition.details, "corrects": recognition.pk}, supersedes=recognition,
                    reason=reason)]


# ----------------------------------------------------------------------------- restructuring


def restructure_members(*, actor: Any, event: Any, successors: Mapping[Organization, Organization]) -> None:
    """Restructure handler: files registered in (or attached to) a predecessor move to its successor.

    Dissolving an organization that still has candidates or members and no successor is refused.
    """
    on = event.effective_on
    dissolved = [link.organization for link in event.links.filter(role="source")]
    for organization in dissolved:
        successor = successors.get(organization)
        if successor is None:
            count = Person.objects.filter(organization=organization, status__in=ACTIVE_STATUSES).count()
            count += Person.objects.filter(temporary_organization=organization).count()
            count += Person.objects.filter(organization=organization, status=Status.TRANSFERRED_OUT).count()
            if count:
                raise DomainError(
                    _("%(name)s still has %(count)d candidates or members: transfer them or name a successor first.")
                    % {"name": organization.name, "count": count},
                    field="organization",
                )
            continue
        _require_members_scope(actor, successor)
        moving = Person.objects.filter(organization=organization).order_by("pk")
        for person in moving:
            person = _lock(person)
            _record(actor=actor, person=person, kind=EventKind.RESTRUCTURE_MOVE, occurred_on=on,
                    organization=successor, counterpart=organization,
                    details={"lineage_event": event.pk, "lineage_kind": event.kind}, reason=event.note,
                    check_scope=False)
        hosted = Person.objects.filter(temporary_organization=organization).order_by("pk")
        for person in hosted:
            person = _lock(person)
            _record(actor=actor, person=person, kind=EventKind.RESTRUCTURE_MOVE, occurred_on=on,
                    organization=successor, counterpart=organization,
                    details={"lineage_event": event.pk, "lineage_kind": event.kind, "host_only": True},
                    reason=event.note, check_scope=False)


__all__ = [
    "AdmissionRecord",
    "Introducer",
    "TransferLetter",
    "admission_ceremony_record",
    "admission_decide",
    "awareness_course_record",
    "candidate_register",
    "death_record",
    "dossier_step_record",
    "event_correct",
    "exemption_end",
    "exemption_start",
    "expel",
    "leave",
    "not_recognised_record",
    "person_create",
    "person_update",
    "readmit",
    "recognition_record",
    "restructure_members",
    "strike_off",
    "temporary_return",
    "transfer_in",
    "transfer_out",
]
