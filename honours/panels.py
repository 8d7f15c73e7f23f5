"""What this app adds to pages of lower apps (core.panels): a member's commendations, on their page."""

from __future__ import annotations

from typing import Any

from core.panels import register_panel
from honours import queries


def person_commendations(request: Any, person: Any) -> dict[str, Any] | None:
    commendations = list(queries.commendations_of_person(request.user, person=person)[:200])
    return {"commendations": commendations} if commendations else None


def register() -> None:
    register_panel("person", template="honours/_person_panel.html", context=person_commendations, order=65)
