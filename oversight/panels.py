"""What this app adds to pages of lower apps (core.panels): the cells a committee member oversees, on their
page; who oversees a cell (or its cells, for a committee), on an organization's page."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from core.panels import register_panel
from core.scope import covers
from oversight import queries


def person_assignments(request: Any, person: Any) -> dict[str, Any] | None:
    assignments = list(queries.assignments_of_person(request.user, person=person)[:200])
    return {"assignments": assignments} if assignments else None


def organization_oversight(request: Any, organization: Any) -> dict[str, Any] | None:
    if not covers(request.user, organization, queries.VIEW_PERMISSION):
        return None
    today = timezone.localdate()
    overseers = [a for a in queries.assignments_of_cell(request.user, organization=organization) if a.held_on(today)]
    has_cells = bool(queries.cells_under(organization, today))
    if not overseers and not has_cells:
        return None
    return {"organization": organization, "overseers": overseers, "has_cells": has_cells}


def register() -> None:
    register_panel("person", template="oversight/_person_panel.html", context=person_assignments, order=55)
    register_panel("organization", template="oversight/_organization_panel.html", context=organization_oversight,
                   order=55)
