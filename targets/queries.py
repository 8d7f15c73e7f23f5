"""Reading resolutions and targets, always through core.scope ("targets.view"; out of scope answers 404)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from core.scope import CHANGE, VIEW, covers, get_in_scope, restrict
from organizations.models import Organization
from targets.evaluation import Evaluation, evaluate, summary
from targets.models import Indicator, Plan, Resolution, Result, Target

VIEW_PERMISSION = "targets.view"
CHANGE_PERMISSION = "targets.change"


def organization_get(user: Any, *, pk: int) -> Organization:
    return get_in_scope(Organization.objects.all(), user, VIEW_PERMISSION, pk=pk)


def organization_by_code(user: Any, *, code: str) -> Organization:
    return get_in_scope(Organization.objects.all(), user, VIEW_PERMISSION, code=code)


def resolutions_of(user: Any, organization: Organization) -> QuerySet[Resolution]:
    return restrict(Resolution.objects.filter(organization=organization), user, VIEW).order_by("-start_year", "pk")


def resolution_get(user: Any, *, pk: int, permission: str = VIEW) -> Resolution:
    return get_in_scope(Resolution.objects.select_related("organization"), user, permission, pk=pk)


def targets_of(resolution: Resolution) -> list[Target]:
    return list(resolution.targets.select_related("indicator", "parent", "resolution__organization")
                .prefetch_related(Prefetch("plans", queryset=Plan.objects.order_by("position", "pk")),
                                  Prefetch("results", queryset=Result.objects.order_by("reported_on", "pk"))))


def target_get(user: Any, *, pk: int, permission: str = VIEW) -> Target:
    return get_in_scope(Target.objects.select_related("indicator", "resolution__organization"), user, permission,
                        pk=pk)


def indicators() -> QuerySet[Indicator]:
    return Indicator.objects.all()


def indicator_by_code(code: str) -> Indicator | None:
    return Indicator.objects.filter(code=code).first()


def evaluations(resolution: Resolution, year: int) -> list[Evaluation]:
    return [evaluate(target, year) for target in targets_of(resolution)]


def resolution_summary(resolution: Resolution, year: int) -> dict[str, object]:
    return summary(evaluations(resolution, year))


def can_change(user: Any, organization: Organization) -> bool:
    return covers(user, organization, CHANGE_PERMISSION)


__all__ = ["CHANGE", "can_change", "evaluations", "indicator_by_code", "indicators", "organization_by_code",
           "organization_get", "resolution_get", "resolution_summary", "resolutions_of", "target_get", "targets_of"]
