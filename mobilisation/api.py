"""Mass mobilisation API under /api/v1/mobilisation: dialogues (list, bulk creation with issues and follow-ups, a
follow-up's status) and models (list, bulk registration). Bulk creation is all-or-nothing, every fault named
"items.N.field"; organizations by id or code through the caller's scope (missing or out of scope: 404)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from ninja import Query, Router

from core.errors import DomainError, Faults, NotInScope
from core.schemas import ErrorOut, ValidationErrorOut
from documents.api import organization_ref
from mobilisation import queries, services
from mobilisation.models import Dialogue, MobilisationModel
from mobilisation.schemas import (
    CreatedOut,
    DialogueOut,
    DialoguesIn,
    FollowUpOut,
    ListQuery,
    ModelOut,
    ModelsIn,
    StatusIn,
)

router = Router(tags=["mobilisation"])

READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
WRITE_ERRORS: dict[int, Any] = {400: ErrorOut, **READ_ERRORS}


def _dialogue_out(dialogue: Dialogue) -> DialogueOut:
    return DialogueOut(
        id=dialogue.pk, organization_code=dialogue.organization.code, kind=dialogue.kind, held_on=dialogue.held_on,
        place=dialogue.place, chair=dialogue.chair, audience=dialogue.audience, participants=dialogue.participants,
        issues=dialogue.issues.count(),
        follow_ups=[FollowUpOut(id=f.pk, action=f.action, owner=f.owner, due_on=f.due_on, status=f.status,
                                done_on=f.done_on) for f in dialogue.follow_ups.all()])


def _model_out(row: MobilisationModel) -> ModelOut:
    return ModelOut(id=row.pk, organization_code=row.organization.code, kind=row.kind, field=row.field,
                    name=row.name, year=row.year, launched_year=row.launched_year, led_by=row.led_by,
                    result=row.result)


def _bulk(items: list[Any], write: Callable[[Any], Any]) -> list[int]:
    """Write every item in one transaction; on any refusal, nothing, and every fault named "items.N.field"."""
    faults: list[DomainError] = []
    ids: list[int] = []
    with transaction.atomic():
        for index, item in enumerate(items):
            try:
                ids.append(write(item).pk)
            except NotInScope:
                raise
            except DomainError as error:
                for fault in getattr(error, "errors", None) or [error]:
                    faults.append(DomainError(fault.message, field=f"items.{index}.{fault.field or ''}".rstrip(".")))
        if faults:
            transaction.set_rollback(True)
    if faults:
        raise faults[0] if len(faults) == 1 else Faults(faults)
    return ids


def _filters(request: HttpRequest, params: ListQuery) -> dict[str, Any]:
    organization = (organization_ref(request, params.organization, "mobilisation.view")
                    if params.organization else None)
    return {"organization": organization, "year": params.year, "kind": params.kind}


@router.get("/mobilisation/dialogues", response={200: list[DialogueOut], **READ_ERRORS})
def dialogue_list(request: HttpRequest, params: Query[ListQuery]) -> Any:
    rows = queries.dialogues(request.user, **_filters(request, params)).prefetch_related("follow_ups")
    return [_dialogue_out(d) for d in rows[params.offset:params.offset + params.limit]]


@router.post("/mobilisation/dialogues", response={201: CreatedOut, **WRITE_ERRORS})
def dialogue_bulk_create(request: HttpRequest, payload: DialoguesIn) -> Any:
    """Dialogues with their issues, answers and follow-ups (due on or after the dialogue)."""
    def write(item: Any) -> Dialogue:
        organization = organization_ref(request, item.organization, "mobilisation.change")
        data = services.DialogueInput(
            kind=item.kind, held_on=item.held_on, place=item.place, chair=item.chair, chair_title=item.chair_title,
            audience=item.audience, participants=item.participants, participants_note=item.participants_note,
            subject=item.subject, basis=item.basis,
            issues=[services.IssueInput(i.content, i.answer, i.raised_by, i.answered_by) for i in item.issues],
            follow_ups=[services.FollowUpInput(f.action, f.owner, f.due_on, f.issue - 1 if f.issue else None,
                                               f.status, f.done_on) for f in item.follow_ups])
        return services.dialogue_record(actor=request.user, organization=organization, data=data,
                                        reason=payload.reason)

    return 201, CreatedOut(ids=_bulk(payload.items, write))


@router.post("/mobilisation/follow-ups/{follow_up_id}/status", response={200: FollowUpOut, **WRITE_ERRORS})
def follow_up_status(request: HttpRequest, follow_up_id: int, payload: StatusIn) -> Any:
    if not 1 <= follow_up_id < 2**63:
        raise NotInScope("Not found.")
    follow_up = queries.follow_up_get(request.user, pk=follow_up_id, action="change")
    f = services.follow_up_set_status(actor=request.user, follow_up=follow_up, status=payload.status,
                                      done_on=payload.done_on, note=payload.note)
    return FollowUpOut(id=f.pk, action=f.action, owner=f.owner, due_on=f.due_on, status=f.status, done_on=f.done_on)


@router.get("/mobilisation/models", response={200: list[ModelOut], **READ_ERRORS})
def model_list(request: HttpRequest, params: Query[ListQuery]) -> Any:
    rows = queries.models(request.user, **_filters(request, params))
    return [_model_out(m) for m in rows[params.offset:params.offset + params.limit]]


@router.post("/mobilisation/models", response={201: CreatedOut, **WRITE_ERRORS})
def model_bulk_create(request: HttpRequest, payload: ModelsIn) -> Any:
    def write(item: Any) -> MobilisationModel:
        organization = organization_ref(request, item.organization, "mobilisation.change")
        return services.model_register(actor=request.user, organization=organization, reason=payload.reason,
                                       data=services.ModelInput(item.kind, item.field, item.name, item.year,
                                                                item.launched_year, item.led_by, item.result))

    return 201, CreatedOut(ids=_bulk(payload.items, write))
