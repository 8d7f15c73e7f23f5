"""Routes per organization: due steps, badges due, member counts."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from core.schemas import Day, Id
from members import queries
from members.api.common import COMPUTED_ERRORS, READ_ERRORS, _due_out, _org, _today, router
from members.party_age import next_presentation_day
from members.schemas import (
    MemberCountsOut,
    OrganizationBadgesOut,
    OrganizationDueOut,
)


@router.get("/organizations/{id}/members/due", response={200: OrganizationDueOut, **COMPUTED_ERRORS})
def organization_due(request: HttpRequest, id: Id, on: Day | None = None) -> dict[str, Any]:
    """Pending steps of the files registered in the subtree on `on` (default: today), by deadline."""
    organization = _org(request, id)
    day = on or _today()
    return {"organization_id": organization.pk, "on": day,
            "items": _due_out(queries.due_list(request.user, organization, on=day), on=day)}


@router.get("/organizations/{id}/members/badges", response={200: OrganizationBadgesOut, **COMPUTED_ERRORS})
def organization_badges(request: HttpRequest, id: Id, on: Day | None = None) -> dict[str, Any]:
    """Members of the subtree due a badge at the first presentation day on or after `on` (default: today)."""
    organization = _org(request, id)
    day = next_presentation_day(on or _today())
    badges = queries.badges_due(request.user, organization, presentation_on=day)
    return {
        "organization_id": organization.pk,
        "presentation_on": day,
        "items": [
            {"person_id": b.person_id, "full_name": b.full_name, "organization_id": b.organization_id,
             "badge_years": b.badge_years, "age_years": b.age_years, "age_months": b.age_months, "early": b.early,
             "posthumous": b.posthumous, "citation": b.citation}
            for b in badges
        ],
    }


@router.get("/organizations/{id}/members/counts", response={200: MemberCountsOut, **READ_ERRORS})
def organization_member_counts(request: HttpRequest, id: Id, on: Day | None = None) -> dict[str, Any]:
    """Members of the subtree on `on` (default: today) under the tree of that date."""
    organization = _org(request, id)
    day = on or _today()
    return {"organization_id": organization.pk, "on": day, **queries.member_counts(request.user, organization, on=day)}
