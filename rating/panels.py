"""What this app adds to pages of lower apps (core.panels): the member's rating history on their file."""

from __future__ import annotations

from typing import Any

from core.panels import register_panel
from core.scope import covers


def person_ratings(request: Any, person: Any) -> dict[str, Any] | None:
    """The member's ratings by year (decided levels with the scheme's words), those the user may see."""
    from rating import queries

    rows = queries.person_history(request.user, person=person)
    return {"rating_rows": rows} if rows else None


def organization_campaigns(request: Any, organization: Any) -> dict[str, Any] | None:
    """The link to the organization's rating campaigns (for those who may see ratings there). No query of its own:
    the organization page's query count is pinned (organizations/tests/test_pages.py)."""
    from rating import queries

    if not covers(request.user, organization, queries.VIEW_PERMISSION):
        return None
    return {"organization": organization}


def register() -> None:
    register_panel("person", template="rating/_person_panel.html", context=person_ratings, order=60)
    register_panel("organization", template="rating/_organization_panel.html", context=organization_campaigns,
                   order=60)
