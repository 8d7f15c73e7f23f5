"""Restructuring plans: create, preview (a full dry run rolled back) and apply (all or nothing, one transaction).

Every step goes through the organizations services (establish, merge, move, rename, dissolve), so members,
committees and covered units follow through the existing restructuring hooks and nothing is deleted. A service's
refusal during the run names the plan row that caused it; the whole plan is then rolled back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import events
from core.changelog import log_change
from core.decisions import Decision
from core.errors import DomainError
from core.models import ChangeAction
from core.scope import require_in_scope
from core.validators import refuse_control_characters_in
from members.figures import member_stocks
from organizations import services as org
from organizations.models import CoveredUnit, Organization
from organizations.queries import subtree_versions_as_of
from restructuring import appointments, progress
from restructuring.checks import Steps, check_rows
from restructuring.models import ORG_CHANGE, PlanStatus, RestructuringPlan
from restructuring.rows import Fault, PlanRefused

Progress = Callable[[int, int], None]


@transaction.atomic
def plan_create(*, actor: Any, organization: Organization, title: str, effective_on: dt.date | None,
                decision: Decision, rows: list[dict[str, Any]], reason: str = "") -> RestructuringPlan:
    """Record a draft plan (nothing in the tree changes until it is applied)."""
    require_in_scope(organization, actor, ORG_CHANGE)
    faults = []
    if not (title or "").strip():
        faults.append(Fault(None, "title", _("The title is required.")))
    if effective_on is None:
        faults.append(Fault(None, "effective_on", _("The effective date is required.")))
    try:
        decision.validate()
    except DomainError as error:
        faults.append(Fault(None, error.field or "decision_number", str(error.message)))
    if faults or effective_on is None:
        raise PlanRefused(faults)
    plan = RestructuringPlan(title=" ".join(title.split())[:255], organization=organization,
                             effective_on=effective_on, rows=rows, created_by=actor if actor.pk else None)
    plan.set_decision(decision)
    refuse_control_characters_in(plan, fields=["title"])
    plan.save()
    log_change(actor=actor, action=ChangeAction.CREATE, instance=plan, reason=reason)
    return plan


def _steps(plan: RestructuringPlan, actor: Any) -> Steps:
    require_in_scope(plan, actor, ORG_CHANGE)
    if plan.status == PlanStatus.APPLIED:
        raise PlanRefused([Fault(None, "", _("This plan has already been applied."))])
    steps, faults = check_rows(plan.rows, actor=actor, effective_on=plan.effective_on, default=plan.decision)
    if faults:
        raise PlanRefused(faults)
    return steps


class _DryRun(Exception):
    def __init__(self, summary: dict[str, Any]) -> None:
        super().__init__("dry run")
        self.summary = summary


def plan_preview(*, actor: Any, plan: RestructuringPlan) -> dict[str, Any]:
    """Everything the plan would do, found by doing it and rolling it back. Refusals raise PlanRefused."""
    steps = _steps(plan, actor)
    try:
        with transaction.atomic():
            with events.held():
                summary = _execute(steps, actor=actor, plan=plan, report=None)
            raise _DryRun(summary)
    except _DryRun as done:
        return done.summary


@transaction.atomic
def plan_apply(*, actor: Any, plan: RestructuringPlan, report: Progress | None = None) -> RestructuringPlan:
    """Apply every row on the plan's date in one transaction, or nothing (PlanRefused names every faulty row)."""
    plan = RestructuringPlan.objects.select_for_update().get(pk=plan.pk)
    steps = _steps(plan, actor)
    before = {"status": plan.status}
    with events.held():  # the derived statistics follow the new tree once, at the end of the plan
        plan.summary = _execute(steps, actor=actor, plan=plan, report=report or progress.reporter(plan.pk))
    plan.status, plan.applied_at = PlanStatus.APPLIED, timezone.now()
    plan.save(update_fields=["summary", "status", "applied_at"])
    log_change(actor=actor, action=ChangeAction.UPDATE, instance=plan, before=before,
               reason=_("Restructuring plan applied"))
    return plan


def _execute(steps: Steps, *, actor: Any, plan: RestructuringPlan, report: Progress | None) -> dict[str, Any]:
    on, reason = plan.effective_on, plan.title
    day_before = on - dt.timedelta(days=1)
    total = (len(steps.new) + len(steps.moves) + len(steps.merges) + len(steps.dissolves) + len(steps.renames)
             + len(steps.appointments))
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if report is not None:
            report(done, total)

    created: dict[str, Organization] = dict(steps.existing)
    ended: list[dict[str, Any]] = []
    moved_cells = moved_units = moved_members = 0
    per_target: dict[str, dict[str, Any]] = {}
    for code, sources in steps.merges.items():
        organizations = [o for _r, o, _d in sources] + ([steps.existing[code]] if code in steps.existing else [])
        per_target[code] = {"before": _stocks(organizations, day_before), "sources": [o.code for o in organizations]}

    def run(row: int, column: str, call: Callable[[], Any]) -> Any:
        try:
            result = call()
        except DomainError as error:
            raise PlanRefused([Fault(row, column, str(error.message))]) from error
        tick()
        return result

    for spec in steps.new:
        parent = created.get(spec.parent_code) if spec.parent_code else None
        created[spec.code] = run(spec.row, "new_code", partial(
            org.organization_establish, actor=actor, code=spec.code, name=spec.name, kind=spec.kind, parent=parent,
            established_on=on, decision=spec.decision, reason=reason))
    for row, organization, parent_code, decision in sorted(steps.moves, key=lambda m: -m[1].depth):
        moved_cells += _count_cells(organization)
        run(row, "new_parent", partial(org.organization_move, actor=actor, organization=_fresh(organization),
                                       new_parent=_fresh(created[parent_code]), effective_on=on, decision=decision,
                                       reason=reason))
    # Deepest first, so that a commune merges before its district ends and a district ends before its province.
    operations: list[tuple[int, int, Any]] = [
        (-max(o.depth for _r, o, _d in sources), 0, (code, sources)) for code, sources in steps.merges.items()
    ] + [(-item[1].depth, 1, item) for item in steps.dissolves]
    for _depth, is_dissolve, item in sorted(operations, key=lambda op: op[:2]):
        if not is_dissolve:
            code, sources = item
            target = created[code]
            for _row, source, _decision in sources:
                moved_cells += Organization.objects.filter(parent=source, dissolved_on__isnull=True).count()
                moved_units += CoveredUnit.objects.filter(territory=source).count()
                if source.kind.holds_members:
                    moved_members += _stocks([source], day_before)["members_total"]
                ended.append({"code": source.code, "name": source.name, "into": code})
            row, _o, decision = sources[0]
            run(row, "new_code", partial(org.organization_merge, actor=actor,
                                         sources=[_fresh(o) for _r, o, _d in sources], target=_fresh(target),
                                         effective_on=on, decision=decision, reason=reason))
            continue
        row, organization, parent_code, decision = item
        fresh = _fresh(organization)
        for child in fresh.children.filter(dissolved_on__isnull=True).order_by("sort_name"):
            if not parent_code:
                raise PlanRefused([Fault(row, "new_parent", _("%(name)s still has active organizations under it: "
                                                              "give the parent code they pass to.")
                                         % {"name": organization.name})])
            moved_cells += _count_cells(child)
            try:
                org.organization_move(actor=actor, organization=child, new_parent=created[parent_code],
                                      effective_on=on, decision=decision, reason=reason)
            except DomainError as error:
                raise PlanRefused([Fault(row, "new_parent", str(error.message))]) from error
        run(row, "old_code", partial(org.organization_dissolve, actor=actor, organization=_fresh(organization),
                                     dissolved_on=on, decision=decision, reason=reason))
        ended.append({"code": organization.code, "name": organization.name, "into": ""})
    for row, organization, name, decision in steps.renames:
        run(row, "new_name", partial(org.organization_rename, actor=actor, organization=_fresh(organization),
                                     new_name=name, effective_on=on, decision=decision, reason=reason))
    appointed = [run(item.row, "members", partial(appointments.appoint, item, organization=_fresh(created[item.code]),
                                                  actor=actor, on=on, reason=reason))
                 for item in steps.appointments]
    targets = []
    for code, numbers in per_target.items():
        target = created[code]
        after = _stocks([target], on)
        targets.append({"code": code, "name": target.name, "kind": target.kind.name, "new": code not in steps.existing,
                        "sources": numbers["sources"], "before": numbers["before"], "after": after})
    return {
        "effective_on": on.isoformat(),
        "established": [{"code": s.code, "name": s.name, "kind": s.kind.name, "parent": s.parent_code}
                        for s in steps.new],
        "ended": ended,
        "moved": [{"code": o.code, "name": o.name, "parent": p} for _r, o, p, _d in steps.moves],
        "renamed": [{"code": o.code, "from": o.name, "to": n} for _r, o, n, _d in steps.renames],
        "appointed": appointed,
        "targets": targets,
        "cells_reparented": moved_cells,
        "units_moved": moved_units,
        "members_moved": moved_members,
        "steps": total,
    }


def _count_cells(organization: Organization) -> int:
    return Organization.objects.filter(path__under=organization.path, dissolved_on__isnull=True,
                                       kind__holds_members=True).count()


def _stocks(organizations: list[Organization], on: dt.date) -> dict[str, int]:
    """Members and cells of the organizations' subtrees on a date (under that date's tree), summed."""
    total = {"members_total": 0, "cells": 0}
    for organization in organizations:
        total["members_total"] += member_stocks(organization, as_of=on)["members_total"]
        total["cells"] += subtree_versions_as_of(organization, on=on).filter(kind__holds_members=True).count()
    return total


def _fresh(organization: Organization) -> Organization:
    """Re-read: an earlier step of the plan may have moved it (its path changed)."""
    return Organization.objects.select_related("kind", "parent").get(pk=organization.pk)
