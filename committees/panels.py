"""What this app adds to pages of lower apps (core.panels): the seats on a member's page, and the current
committee with a link to the leadership page on an organization's page."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from committees import queries
from core.panels import register_panel
from core.scope import covers


def person_seats(request: Any, person: Any) -> dict[str, Any] | None:
    """The seats the member held or holds, in the committees the user may see; nothing when there are none."""
    seats = list(queries.seats_of_person(request.user, person=person)[:200])
    return {"seats": seats} if seats else None


def organization_committee(request: Any, organization: Any) -> dict[str, Any] | None:
    """The committee in force today (secretary, deputies, size) and the link to the leadership page."""
    if not covers(request.user, organization, queries.VIEW_PERMISSION):
        return None
    committee = queries.committee_as_of(request.user, organization=organization, on=timezone.localdate())
    return {"committee": committee, "organization": organization}


def register() -> None:
    register_panel("person", template="committees/_person_panel.html", context=person_seats, order=50)
    register_panel("organization", template="committees/_organization_panel.html", context=organization_committee,
                   order=50)
