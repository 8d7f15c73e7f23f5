"""Restructuring plans API: create a plan from rows, preview it, apply it (all or nothing), follow its progress.

A refused plan answers 400 with {"detail", "field": "rows", "faults": [{"row", "column", "message", "text"}]}.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from core.decisions import Decision
from core.schemas import Day, ErrorOut, Id, Issuer, ShortText
from core.scope import get_in_scope
from organizations.queries import organization_get_by_code
from restructuring import progress
from restructuring.models import ORG_CHANGE, ORG_VIEW, RestructuringPlan
from restructuring.rows import COLUMNS
from restructuring.services import plan_apply, plan_create, plan_preview

router = Router(tags=["restructuring"])
ANSWERS: dict[int, Any] = {200: dict[str, Any], 400: dict[str, Any], 401: ErrorOut, 404: ErrorOut, 422: dict[str, Any]}


class RowIn(Schema):
    action: ShortText = "merge"
    old_code: ShortText = ""
    new_code: ShortText = ""
    new_name: ShortText = ""
    new_kind: ShortText = ""
    new_parent: ShortText = ""
    decision_number: ShortText = ""
    decision_date: ShortText = ""
    decision_issuer: Issuer = ""
    members: ShortText = Field("", description="an appoint row's committee: 'secretary: 12; executive: 12, 13'")


class PlanIn(Schema):
    organization: ShortText = Field(description="code of the committee entering the plan, e.g. BK")
    title: ShortText
    effective_on: Day
    decision_number: ShortText
    decision_date: Day
    decision_issuer: Issuer = ""
    rows: list[RowIn] = Field(max_length=5_000)


def _plan_out(plan: RestructuringPlan) -> dict[str, Any]:
    return {"id": plan.pk, "title": plan.title, "organization": plan.organization.code,
            "effective_on": plan.effective_on.isoformat(), "status": plan.status,
            "decision": {"number": plan.decision_number, "date": plan.decision_date.isoformat(),
                         "issuer": plan.decision_issuer},
            "rows": plan.rows, "summary": plan.summary}


def _plan(request: HttpRequest, plan_id: int, permission: str = ORG_CHANGE) -> RestructuringPlan:
    return get_in_scope(RestructuringPlan.objects.select_related("organization"), request.user, permission, pk=plan_id)


@router.post("/restructuring/plans", response=ANSWERS)
def create_plan(request: HttpRequest, payload: PlanIn) -> dict[str, Any]:
    """Record a draft plan; rows are numbered from 2 as in a spreadsheet with its header on row 1."""
    organization = organization_get_by_code(request.user, code=payload.organization, action=ORG_CHANGE)
    rows = [{"row": number, **{key: getattr(row, key) for key in COLUMNS}}
            for number, row in enumerate(payload.rows, start=2)]
    plan = plan_create(actor=request.user, organization=organization, title=payload.title,
                       effective_on=payload.effective_on,
                       decision=Decision(payload.decision_number, payload.decision_date, payload.decision_issuer),
                       rows=rows)
    return _plan_out(plan)


@router.get("/restructuring/plans/{plan_id}", response=ANSWERS)
def get_plan(request: HttpRequest, plan_id: Id) -> dict[str, Any]:
    return _plan_out(_plan(request, plan_id, ORG_VIEW))


@router.post("/restructuring/plans/{plan_id}/preview", response=ANSWERS)
def preview_plan(request: HttpRequest, plan_id: Id) -> dict[str, Any]:
    """What applying would do (a dry run, rolled back): organizations ended and established, moves, figures."""
    return plan_preview(actor=request.user, plan=_plan(request, plan_id))


@router.post("/restructuring/plans/{plan_id}/apply", response=ANSWERS)
def apply_plan(request: HttpRequest, plan_id: Id) -> dict[str, Any]:
    """Apply every row in one transaction, or nothing."""
    return _plan_out(plan_apply(actor=request.user, plan=_plan(request, plan_id)))


@router.get("/restructuring/plans/{plan_id}/progress", response=ANSWERS)
def plan_progress(request: HttpRequest, plan_id: Id) -> dict[str, Any]:
    return progress.read(_plan(request, plan_id, ORG_VIEW).pk)
