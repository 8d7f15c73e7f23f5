"""Errors that services raise; views show them beside the field, the API returns them as 4xx."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A rule refused the input. `field` names the input at fault; nothing was written."""

    status_code = 400

    def __init__(self, message: Any, *, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field

    def as_dict(self) -> dict[str, str | None]:
        return {"detail": str(self.message), "field": self.field}


class NotInScope(DomainError):
    """The object does not exist for this user: missing and forbidden look the same (404)."""

    status_code = 404
