"""Training API under /api/v1/training: classes (list with filters, one, create) and their learners, added in
bulk (all or none) and given a result. Organizations by id or code, kinds by id or code, member files by id or
exchange code. A refused input is a 400 naming every fault; nothing is written; out of scope is a 404."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from core.schemas import Day, ErrorOut, Limit, Offset, ShortText, ValidationErrorOut
from training import queries, refs, services
from training.models import ClassKind, Learner, TrainingClass
from training.schemas import ClassDetailOut, ClassIn, ClassOut, LearnerOut, LearnersIn, ResultIn

router = Router(tags=["training"])

READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
WRITE_ERRORS: dict[int, Any] = {400: ErrorOut, **READ_ERRORS}


class ClassQuery(Schema):
    kind: ShortText | None = None
    organization: ShortText | None = None
    organizer: ShortText = ""
    date_from: Day | None = None
    date_to: Day | None = None
    offset: Offset = 0
    limit: Limit = 100


def _learner_out(learner: Learner) -> LearnerOut:
    return LearnerOut(id=learner.pk, person_id=learner.person_id, full_name=learner.full_name,
                      birth_date=learner.birth_date, unit=learner.unit, tags=[t.code for t in learner.tags.all()],
                      attended=learner.attended, result=learner.result,
                      certificate_number=learner.certificate_number, certificate_date=learner.certificate_date)


def _class_out(c: TrainingClass, *, detail: bool = False) -> Any:
    count = getattr(c, "learner_count", None)
    values: dict[str, Any] = {
        "id": c.pk, "code": c.code, "title": c.title, "kind": c.kind.code, "category": c.kind.category,
        "host_id": c.host_id, "host_code": c.host.code, "organizer_id": c.organizer_id,
        "organizer": c.organizer_label, "co_organizers": c.co_organizers, "target_group": c.target_group,
        "place": c.place, "starts_on": c.starts_on, "ends_on": c.ends_on,
        "planned_learners": c.planned_learners, "learners": c.learners.count() if count is None else count,
    }
    if detail:
        return ClassDetailOut(**values, learner_list=[_learner_out(x) for x in queries.learners_of(c)])
    return ClassOut(**values)


def _class(request: HttpRequest, ref: str, permission: str = queries.VIEW_PERMISSION) -> TrainingClass:
    return queries.class_get(request.user, pk=refs.lookup(ref).get("pk", 0), action=permission)


@router.get("/training/classes", response={200: list[ClassOut], 400: ErrorOut, **READ_ERRORS})
def class_list(request: HttpRequest, query: Query[ClassQuery]) -> Any:
    """Classes in the caller's scope: of a kind, hosted under an organization, overlapping a period, by organizer."""
    kind = refs.reference(ClassKind, query.kind, field="kind", required=False) if query.kind else None
    organization = (refs.organization(request.user, query.organization, queries.VIEW_PERMISSION)
                    if query.organization else None)
    classes = queries.class_list(request.user, kind=kind, organization=organization, date_from=query.date_from,
                                 date_to=query.date_to, organizer=query.organizer)
    return [_class_out(c) for c in classes[query.offset:query.offset + query.limit]]


@router.get("/training/classes/{ref}", response={200: ClassDetailOut, **READ_ERRORS})
def class_detail(request: HttpRequest, ref: str) -> Any:
    """One class with its learners."""
    return _class_out(_class(request, ref), detail=True)


@router.post("/training/classes", response={201: ClassOut, **WRITE_ERRORS})
def class_create(request: HttpRequest, body: ClassIn) -> Any:
    """Record a class (the host by id or code, the kind by id or code)."""
    host = refs.organization(request.user, body.host, queries.CHANGE_PERMISSION, field="host")
    organizer = (refs.organization(request.user, body.organizer, queries.VIEW_PERMISSION, field="organizer")
                 if body.organizer else None)
    values = body.dict(exclude={"host", "kind", "organizer"})
    training_class = services.class_create(actor=request.user, host=host, organizer=organizer,
                                           kind=refs.reference(ClassKind, body.kind, field="kind"), **values)
    return 201, _class_out(training_class)


@router.post("/training/classes/{ref}/learners", response={201: list[LearnerOut], **WRITE_ERRORS})
def learners_add(request: HttpRequest, ref: str, body: LearnersIn) -> Any:
    """Add many learners at once, all or none (a year of classes needs one call per class, not per learner)."""
    training_class = _class(request, ref, queries.CHANGE_PERMISSION)
    rows = []
    for index, learner in enumerate(body.learners):
        values = learner.dict(exclude={"person"})
        person = refs.person(request.user, learner.person, field=f"learners.{index}.person") if learner.person else None
        rows.append(services.LearnerInput(person=person, **values))
    added = services.learners_add(actor=request.user, training_class=training_class, learners=rows,
                                  reason=body.reason)
    return 201, [_learner_out(x) for x in added]


@router.post("/training/learners/{learner_id}/result", response={200: LearnerOut, **WRITE_ERRORS})
def learner_result(request: HttpRequest, learner_id: str, body: ResultIn) -> Any:
    """A learner's result and certificate; a completion writes the course event or the theory level in members."""
    learner = queries.learner_get(request.user, pk=refs.lookup(learner_id).get("pk", 0))
    return _learner_out(services.learner_result_record(actor=request.user, learner=learner, **body.dict()))
