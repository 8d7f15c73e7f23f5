"""What this app adds to pages of lower apps (core.panels): the classes a member attended, on their page."""

from __future__ import annotations

from typing import Any

from core.panels import register_panel
from training import queries


def person_trainings(request: Any, person: Any) -> dict[str, Any] | None:
    trainings = list(queries.trainings_of_person(request.user, person=person)[:200])
    return {"trainings": trainings} if trainings else None


def register() -> None:
    register_panel("person", template="training/_person_panel.html", context=person_trainings, order=60)
