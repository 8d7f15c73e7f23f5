"""The members router, its error responses, and the helpers turning request bodies into service arguments
and records into response bodies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router

from core.decisions import Decision
from core.errors import DomainError
from core.schemas import ErrorOut, ValidationErrorOut
from core.scope import OUT_OF_SCOPE, VIEW, restrict
from members import queries, services
from members.due import DueItem
from members.kinds import kind_label
from members.models import Ethnicity, MemberEvent, Person, PlaceKind, Religion, Status
from members.pages.deadlines import DECIDED_ACTS, competences_of, decision_day
from members.places import places_of
from members.reference import ethnicity_code
from members.schemas import (
    AdmissionRecordIn,
    MemberDecisionIn,
    PersonCreateIn,
    PersonUpdateIn,
    TransferLetterIn,
)
from organizations import queries as organization_queries
from organizations.models import CoveredUnit, Organization

router = Router(tags=["members"])

READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
# A read that computes from the rules may also be refused (a rule or presentation day not configured).
COMPUTED_ERRORS: dict[int, Any] = {400: ErrorOut, **READ_ERRORS}
WRITE_ERRORS: dict[int, Any] = {400: ErrorOut, **READ_ERRORS}


# ----------------------------------------------------------------------------- parsing helpers


def _today() -> dt.date:
    return timezone.localdate()


def _person(request: HttpRequest, pk: int, action: str = VIEW) -> Person:
    return queries.person_get(request.user, pk=pk, action=action)


def _org(request: HttpRequest, pk: int) -> Organization:
    """An organization the caller can see; the services then check their members scope over it."""
    return organization_queries.organization_get(request.user, pk=pk)


def _decision(decision: MemberDecisionIn | None) -> Decision | None:
    if decision is None:
        return None
    return Decision(number=decision.number, date=decision.date, issuer=decision.issuer)


def _required_decision(decision: MemberDecisionIn) -> Decision:
    return Decision(number=decision.number, date=decision.date, issuer=decision.issuer)


def _admission_record(record: AdmissionRecordIn | None) -> services.AdmissionRecord | None:
    if record is None:
        return None
    return services.AdmissionRecord(
        decision=_required_decision(record.decision),
        ceremony_on=record.ceremony_on,
        recognised_on=record.recognised_on,
        recognition_decision=_decision(record.recognition_decision),
    )


def _letter(letter: TransferLetterIn | None) -> services.TransferLetter | None:
    if letter is None:
        return None
    return services.TransferLetter(
        register_number=letter.register_number,
        card_number=letter.card_number,
        history_number=letter.history_number,
        list_number=letter.list_number,
        dues_paid_until=letter.dues_paid_until,
        issued_on=letter.issued_on,
        issuer=letter.issuer,
    )


def _reference(model: type[Ethnicity] | type[Religion], code: str | None, *, field: str) -> Any:
    """An ethnic group or religion by code (an ethnic group also by any official name or common variant: "Mông",
    "Hmông", "Mèo"); None stays None (no religion, ethnicity unknown)."""
    if code is None:
        return None
    if model is Ethnicity:
        code = ethnicity_code(code) or code
    found = model.objects.filter(code=code.strip()).first()
    if found is None:
        raise DomainError(_("Choose from the list."), field=field)
    return found


_PASSED_APART = ("organization_id", "admitted", "reason", "confirm_duplicate", "residence", "workplace")


def _places(payload: PersonCreateIn | PersonUpdateIn) -> list[services.PlaceInput]:
    """The places sent (a move each). A unit is passed by id even when the caller cannot see it: the service
    refuses it with the other faults of the request, without naming it."""
    places = []
    for kind, place in ((PlaceKind.RESIDENCE, payload.residence), (PlaceKind.WORK, payload.workplace)):
        if place is not None:
            unit = None
            if place.unit_id is not None:
                unit = CoveredUnit.objects.filter(pk=place.unit_id).first() or CoveredUnit(pk=place.unit_id)
            places.append(services.PlaceInput(kind=kind, unit=unit, since=place.since))
    return places


def _places_out(request: HttpRequest, person: Person) -> list[dict[str, Any]]:
    rows = places_of(person)
    visible = set(restrict(CoveredUnit.objects.filter(pk__in={r.unit_id for r in rows}), request.user, VIEW)
                  .values_list("pk", flat=True))
    return [{"kind": r.kind, "valid_from": r.valid_from, "valid_to": r.valid_to,
             "unit": {"id": r.unit_id, "code": r.unit.code if r.unit_id in visible else "",
                      "name": r.unit.name if r.unit_id in visible else str(OUT_OF_SCOPE)}} for r in rows]


def _file_fields(payload: PersonCreateIn | PersonUpdateIn, *, only_sent: bool) -> dict[str, Any]:
    """The file's fields for the service (choices as plain strings, ethnicity and religion from their codes).

    On creation the name, gender and birth date are passed apart too; on update only the fields sent count.
    """
    fields = payload.model_dump(exclude_unset=only_sent)
    apart = _PASSED_APART if only_sent else (*_PASSED_APART, "full_name", "gender", "birth_date")
    for name in apart:
        fields.pop(name, None)
    for name in ("gender", "political_theory"):
        if fields.get(name) is not None:
            fields[name] = str(fields[name])
    for name, model in (("ethnicity", Ethnicity), ("religion", Religion)):
        if name in fields:
            fields[name] = _reference(model, fields[name], field=name)
    return fields


def _ref(organization: Organization | None) -> dict[str, Any] | None:
    if organization is None:
        return None
    return {"id": organization.pk, "code": organization.code, "name": organization.name}


def _state_out(person: Person) -> dict[str, Any]:
    return {
        "id": person.pk,
        "full_name": person.full_name,
        "status": person.status,
        "status_label": str(Status(person.status).label),
        "status_since": person.status_since,
        "organization": _ref(person.organization),
        "temporary_organization": _ref(person.temporary_organization),
    }


def _person_out(person: Person) -> dict[str, Any]:
    ethnicity = person.ethnicity
    return {
        **_state_out(person),
        "code": person.code,
        "other_names": person.other_names,
        "gender": person.gender,
        "birth_date": person.birth_date,
        "party_card_number": person.party_card_number,
        "ethnicity": {"code": ethnicity.code, "name": ethnicity.name} if ethnicity else None,
    }


def _person_detail_out(request: HttpRequest, person: Person) -> dict[str, Any]:
    today = _today()
    age = queries.person_party_age(request.user, person, on=today)
    religion = person.religion
    return {
        **_person_out(person),
        **{name: getattr(person, name) for name in (
            "birth_place", "hometown", "citizen_id", "phone", "address", "general_education",
            "professional_qualification", "political_theory", "occupation", "history_number", "seriously_ill",
            "note", "created_at", "updated_at")},
        "religion": {"code": religion.code, "name": religion.name} if religion else None,
        "party_age": None if age is None else {
            "on": today, "years": age.years, "months": age.months, "first_decision_on": age.first_decision_on,
            "counted_from": age.counted_from, "days_outside": age.days_outside,
        },
        "places": _places_out(request, person),
    }


def _events_out(events: Iterable[MemberEvent]) -> list[dict[str, Any]]:
    events = list(events)
    superseded = {e.supersedes_id for e in events if e.supersedes_id is not None}
    return [_event_out(e, superseded=e.pk in superseded) for e in events]


def _event_out(event: MemberEvent, *, superseded: bool = False) -> dict[str, Any]:
    return {
        "id": event.pk,
        "kind": event.kind,
        "kind_label": str(kind_label(event.kind)),
        "occurred_on": event.occurred_on,
        "organization": _ref(event.organization),
        "counterpart": _ref(event.counterpart),
        "decision": (
            {"number": event.decision_number, "date": event.decision_date, "issuer": event.decision_issuer}
            if event.has_decision else None
        ),
        "details": event.details,
        "supersedes_id": event.supersedes_id,
        "superseded": superseded,
        "reason": event.reason,
        "recorded_by": event.created_by.username if event.created_by else None,
        "recorded_at": event.created_at,
    }


def _due_out(items: Iterable[DueItem], *, on: dt.date) -> list[dict[str, Any]]:
    """Due items as the API answers them; a decision's step names the committee competent on the day."""
    items = list(items)
    who = competences_of(items, today=on)
    out = []
    for i in items:
        act = DECIDED_ACTS.get(i.kind)
        found = who.get((act, i.organization_id, decision_day(i.started_on, on))) if act and i.organization_id else None
        out.append({
            "kind": i.kind, "person_id": i.person_id, "person_name": i.person_name,
            "organization_id": i.organization_id, "started_on": i.started_on, "deadline": i.deadline,
            "days_left": i.days_left, "overdue": i.overdue, "rule_key": i.rule_key, "citation": i.citation,
            "decided_by": str(found.text) if found else "", "decided_by_source": found.source if found else "",
            "decided_by_confirmed": found.confirmed if found else None,
        })
    return out

