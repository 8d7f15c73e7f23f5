"""Reads of dialogues, follow-ups and models, always through core.scope."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from core.scope import VIEW, covers, get_in_scope, restrict
from mobilisation.models import Dialogue, FollowUp, MobilisationModel
from organizations.models import Organization


def dialogues_visible(user: Any, action: str = VIEW) -> QuerySet[Dialogue]:
    return restrict(Dialogue.objects.select_related("organization"), user, f"mobilisation.{action}")


def dialogues(user: Any, *, organization: Organization | None = None, year: int | None = None,
              kind: str = "") -> QuerySet[Dialogue]:
    rows = dialogues_visible(user).annotate(issue_count=Count("issues", distinct=True),
                                            open_follow_ups=Count("follow_ups", filter=~Q(follow_ups__status="done"),
                                                                  distinct=True))
    if organization is not None:
        rows = rows.filter(organization__path__startswith=organization.path)
    if year:
        rows = rows.filter(held_on__year=year)
    if kind:
        rows = rows.filter(kind=kind)
    return rows


def dialogue_get(user: Any, *, pk: Any, action: str = VIEW) -> Dialogue:
    return get_in_scope(Dialogue.objects.select_related("organization"), user, f"mobilisation.{action}", pk=pk)


def follow_up_get(user: Any, *, pk: Any, action: str = VIEW) -> FollowUp:
    return get_in_scope(FollowUp.objects.select_related("dialogue", "dialogue__organization"), user,
                        f"mobilisation.{action}", pk=pk)


def models_visible(user: Any) -> QuerySet[MobilisationModel]:
    return restrict(MobilisationModel.objects.select_related("organization"), user, "mobilisation.view")


def models(user: Any, *, organization: Organization | None = None, year: int | None = None,
           kind: str = "") -> QuerySet[MobilisationModel]:
    rows = models_visible(user)
    if organization is not None:
        rows = rows.filter(organization__path__startswith=organization.path)
    if year:
        rows = rows.filter(year=year)
    if kind:
        rows = rows.filter(kind=kind)
    return rows


def can_change(user: Any, organization: Organization) -> bool:
    return covers(user, organization, "mobilisation.change")
