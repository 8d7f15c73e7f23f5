"""Inspection API under /api/v1/inspection/: programmes, inspections and supervisions (bulk creation, all or
none), conclusions and follow-ups, discipline decisions (bulk) and appeals, the discipline form rules of a date.

Organizations are named by id or code, members by file id or code (UUID). Handlers fetch every reference through
the caller's scope (missing or out of scope: 404), call one service and answer. A refused input is a 400
`{"detail", "field", "errors": [...]}` naming every fault; nothing is written.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Query, Router

from core.decisions import Decision
from core.errors import NotInScope
from core.refs import id_or_code
from core.schemas import ErrorOut, ValidationErrorOut
from core.scope import get_in_scope
from inspection import queries, services
from inspection.models import Discipline, Inspection, Programme
from inspection.schemas import (
    AppealDecisionIn,
    AppealIn,
    AppealOut,
    ConclusionIn,
    DisciplineIn,
    DisciplineOut,
    DisciplinesIn,
    FollowUpIn,
    FollowUpOut,
    FollowUpStatusIn,
    FormRuleOut,
    InspectionIn,
    InspectionOut,
    InspectionsIn,
    ListQuery,
    ProgrammeIn,
    ProgrammeOut,
    RulesQuery,
    TeamOut,
)
from members.models import Person
from organizations.models import Organization

router = Router(tags=["inspection"])

READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
WRITE_ERRORS: dict[int, Any] = {400: ErrorOut, **READ_ERRORS}


def _organization(request: HttpRequest, ref: str | int, *, permission: str, field: str) -> Organization:
    try:
        return get_in_scope(Organization.objects.all(), request.user, permission, **id_or_code(ref))
    except NotInScope as exc:
        raise NotInScope(gettext("Organization not found."), field=field) from exc


def _person(request: HttpRequest, ref: str | int, *, field: str) -> Person:
    lookup = id_or_code(ref)
    try:
        if "code" in lookup:
            lookup["code"] = uuid.UUID(lookup["code"])
        return get_in_scope(Person.objects.select_related("organization"), request.user, "members.view", **lookup)
    except (NotInScope, ValueError) as exc:
        raise NotInScope(gettext("Member file not found."), field=field) from exc


def _follow_ups(items: list[FollowUpIn]) -> list[services.FollowUpInput]:
    return [services.FollowUpInput(f.text, f.due_on, f.owner) for f in items]


def _inspection_args(request: HttpRequest, item: InspectionIn, prefix: str = "") -> dict[str, Any]:
    data = item.dict()
    args: dict[str, Any] = {k: data[k] for k in ("body", "kind", "content", "starts_on", "ends_on",
                                                  "document_number", "document_date", "conclusion", "concluded_on",
                                                  "violations_found", "reason")}
    args["organization"] = _organization(request, item.organization, permission="inspection.change",
                                         field=f"{prefix}organization")
    args["subject_organization"] = None if item.subject_organization is None else _organization(
        request, item.subject_organization, permission="inspection.view", field=f"{prefix}subject_organization")
    args["subject_person"] = None if item.subject_person is None else _person(
        request, item.subject_person, field=f"{prefix}subject_person")
    args["programme"] = None if item.programme is None else get_in_scope(
        Programme.objects.all(), request.user, "inspection.change", pk=item.programme)
    args["team"] = [services.TeamInput(_person(request, t.person, field=f"{prefix}team.{i}.person"), t.role)
                    for i, t in enumerate(item.team)]
    args["follow_ups"] = _follow_ups(item.follow_ups)
    return args


def _discipline_args(request: HttpRequest, item: DisciplineIn, prefix: str = "") -> dict[str, Any]:
    return {
        "organization": _organization(request, item.organization, permission="inspection.change",
                                      field=f"{prefix}organization"),
        "body": item.body, "form": item.form, "grounds": item.grounds, "reason": item.reason,
        "decision": Decision(item.decision_number, item.decision_date, item.decision_issuer),
        "subject_organization": None if item.subject_organization is None else _organization(
            request, item.subject_organization, permission="inspection.view", field=f"{prefix}subject_organization"),
        "subject_person": None if item.subject_person is None else _person(
            request, item.subject_person, field=f"{prefix}subject_person"),
        "inspection": None if item.inspection is None else queries.inspection_get(
            request.user, pk=item.inspection, action="change"),
    }


# ----------------------------------------------------------------------------- output


def _programme_out(p: Programme) -> ProgrammeOut:
    return ProgrammeOut(id=p.pk, organization_id=p.organization_id, organization_code=p.organization.code,
                        body=p.body, year=p.year, title=p.title, document_number=p.document_number)


def _inspection_out(i: Inspection) -> InspectionOut:
    return InspectionOut(
        id=i.pk, organization_id=i.organization_id, organization_code=i.organization.code, body=i.body,
        kind=i.kind, programme_id=i.programme_id, subject_kind=i.subject_kind,
        subject_organization_id=i.subject_organization_id, subject_person_id=i.subject_person_id,
        content=i.content, document_number=i.document_number, document_date=i.document_date,
        starts_on=i.starts_on, ends_on=i.ends_on, conclusion=i.conclusion, concluded_on=i.concluded_on,
        violations_found=i.violations_found,
        team=[TeamOut(person_id=t.person_id, full_name=t.person.full_name, role=t.role,
                      seat_kind=t.seat.kind if t.seat else None) for t in queries.team_of(i)],
        follow_ups=[FollowUpOut(id=f.pk, text=f.text, owner=f.owner, due_on=f.due_on, status=f.status,
                                done_on=f.done_on) for f in queries.follow_ups_of(i)])


def _discipline_out(d: Discipline) -> DisciplineOut:
    return DisciplineOut(
        id=d.pk, organization_id=d.organization_id, body=d.body, subject=d.subject,
        subject_organization_id=d.subject_organization_id, subject_person_id=d.subject_person_id,
        unit_id=d.unit_id, form=d.form, rule=d.rule.citation, grounds=d.grounds, decision_number=d.decision_number,
        decision_date=d.decision_date, inspection_id=d.inspection_id, expulsion_event_id=d.expulsion_event_id,
        appeals=[AppealOut(id=a.pk, filed_on=a.filed_on, filed_with=a.filed_with, outcome=a.outcome,
                           new_form=a.new_form, decided_on=a.decided_on) for a in queries.appeals_of(d)])


# ----------------------------------------------------------------------------- routes


@router.get("/inspection/programmes", response={200: list[ProgrammeOut], **READ_ERRORS})
def programmes(request: HttpRequest, query: Query[ListQuery]) -> Any:
    found = queries.programmes_visible(request.user)
    if query.year:
        found = found.filter(year=query.year)
    return [_programme_out(p) for p in found[:500]]


@router.post("/inspection/programmes", response={201: ProgrammeOut, **WRITE_ERRORS})
def programme_create(request: HttpRequest, payload: ProgrammeIn) -> Any:
    data = payload.dict()
    data["organization"] = _organization(request, payload.organization, permission="inspection.change",
                                         field="organization")
    return 201, _programme_out(services.programme_create(actor=request.user, **data))


@router.get("/inspection/inspections", response={200: list[InspectionOut], **READ_ERRORS})
def inspections(request: HttpRequest, query: Query[ListQuery]) -> Any:
    found = queries.inspections_visible(request.user)
    if query.year:
        found = found.filter(starts_on__year=query.year)
    if query.kind:
        found = found.filter(kind=query.kind)
    return [_inspection_out(i) for i in found[:200]]


@router.get("/inspection/inspections/{inspection_id}", response={200: InspectionOut, **READ_ERRORS})
def inspection(request: HttpRequest, inspection_id: int) -> Any:
    return _inspection_out(queries.inspection_get(request.user, pk=inspection_id))


@router.post("/inspection/inspections", response={201: list[InspectionOut], **WRITE_ERRORS})
def inspections_create(request: HttpRequest, payload: InspectionsIn) -> Any:
    """Inspections and supervisions in bulk: all or none; faults named "items.<index>.<field>"."""
    items = [_inspection_args(request, item, f"items.{i}.") for i, item in enumerate(payload.items)]
    written = services.items_create(actor=request.user, service=services.inspection_create, items=items)
    return 201, [_inspection_out(i) for i in written]


@router.post("/inspection/inspections/{inspection_id}/conclusion", response={200: InspectionOut, **WRITE_ERRORS})
def inspection_conclude(request: HttpRequest, inspection_id: int, payload: ConclusionIn) -> Any:
    found = queries.inspection_get(request.user, pk=inspection_id, action="change")
    done = services.inspection_conclude(actor=request.user, inspection=found, conclusion=payload.conclusion,
                                        concluded_on=payload.concluded_on, violations_found=payload.violations_found,
                                        follow_ups=_follow_ups(payload.follow_ups), reason=payload.reason)
    return _inspection_out(done)


@router.post("/inspection/follow-ups/{follow_up_id}/status", response={200: FollowUpOut, **WRITE_ERRORS})
def follow_up_status(request: HttpRequest, follow_up_id: int, payload: FollowUpStatusIn) -> Any:
    found = queries.follow_up_get(request.user, pk=follow_up_id)
    f = services.follow_up_set_status(actor=request.user, follow_up=found, status=payload.status,
                                      done_on=payload.done_on, reason=payload.reason)
    return FollowUpOut(id=f.pk, text=f.text, owner=f.owner, due_on=f.due_on, status=f.status, done_on=f.done_on)


@router.get("/inspection/disciplines", response={200: list[DisciplineOut], **READ_ERRORS})
def disciplines(request: HttpRequest, query: Query[ListQuery]) -> Any:
    found = queries.disciplines_visible(request.user)
    if query.year:
        found = found.filter(decision_date__year=query.year)
    return [_discipline_out(d) for d in found[:200]]


@router.get("/inspection/disciplines/{discipline_id}", response={200: DisciplineOut, **READ_ERRORS})
def discipline(request: HttpRequest, discipline_id: int) -> Any:
    return _discipline_out(queries.discipline_get(request.user, pk=discipline_id))


@router.post("/inspection/disciplines", response={201: list[DisciplineOut], **WRITE_ERRORS})
def disciplines_create(request: HttpRequest, payload: DisciplinesIn) -> Any:
    """Discipline decisions in bulk: all or none; faults named "items.<index>.<field>"."""
    items = [_discipline_args(request, item, f"items.{i}.") for i, item in enumerate(payload.items)]
    written = services.items_create(actor=request.user, service=services.discipline_decide, items=items)
    return 201, [_discipline_out(d) for d in written]


@router.post("/inspection/disciplines/{discipline_id}/appeals", response={201: DisciplineOut, **WRITE_ERRORS})
def appeal_file(request: HttpRequest, discipline_id: int, payload: AppealIn) -> Any:
    found = queries.discipline_get(request.user, pk=discipline_id, action="change")
    services.appeal_file(actor=request.user, discipline=found, filed_on=payload.filed_on,
                         filed_with=payload.filed_with, note=payload.note)
    return 201, _discipline_out(found)


@router.post("/inspection/appeals/{appeal_id}/decision", response={200: DisciplineOut, **WRITE_ERRORS})
def appeal_decide(request: HttpRequest, appeal_id: int, payload: AppealDecisionIn) -> Any:
    found = queries.appeal_get(request.user, pk=appeal_id)
    services.appeal_decide(actor=request.user, appeal=found, outcome=payload.outcome,
                           decided_on=payload.decided_on, new_form=payload.new_form, note=payload.note)
    return _discipline_out(found.discipline)


@router.get("/inspection/form-rules", response={200: list[FormRuleOut], **READ_ERRORS})
def form_rules(request: HttpRequest, query: Query[RulesQuery]) -> Any:
    """The forms of discipline the rule data allows for a kind of subject on a date (empty: none recorded)."""
    return [FormRuleOut(subject=r.subject, form=r.form, needs_post=r.needs_post, regulation=r.regulation,
                        article=r.article, valid_from=r.valid_from, valid_to=r.valid_to, confirmed=r.confirmed)
            for r in queries.form_rules_on(query.subject, query.on)]


__all__ = ["router"]
