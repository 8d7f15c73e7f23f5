"""What this app adds to an organization's page (core.panels): its resolutions and the links to the target pages."""

from __future__ import annotations

from typing import Any

from core.panels import register_panel
from core.scope import covers
from targets import queries


def organization_targets(request: Any, organization: Any) -> dict[str, Any] | None:
    if not covers(request.user, organization, queries.VIEW_PERMISSION):
        return None
    return {"organization": organization,
            "resolutions": list(queries.resolutions_of(request.user, organization)[:5])}


def register() -> None:
    register_panel("organization", template="targets/_organization_panel.html", context=organization_targets,
                   order=70)
