"""What this app adds to an organization's page (core.panels): the link to its resolutions and targets, the new-rural
grid and the OCOP list. No query: the organization page stays within its query budget, and the target pages
check scope themselves (404 outside it)."""

from __future__ import annotations

from typing import Any

from core.panels import register_panel


def organization_targets(request: Any, organization: Any) -> dict[str, Any] | None:
    return {"organization": organization}


def register() -> None:
    register_panel("organization", template="targets/_organization_panel.html", context=organization_targets,
                   order=70)
