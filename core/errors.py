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


class Faults(DomainError):
    """Several faults of one input at once; `field` is the first one's, `errors` lists each with its field."""

    def __init__(self, errors: list[DomainError]) -> None:
        super().__init__(" ".join(str(e.message) for e in errors), field=errors[0].field)
        self.errors = errors

    def as_dict(self) -> dict[str, Any]:  # type: ignore[override]
        return {**super().as_dict(), "errors": [e.as_dict() for e in self.errors]}


class FaultList:
    """Collects every fault of an input (each naming its field, under `prefix`), then refuses them at once."""

    def __init__(self, *, prefix: str = "") -> None:
        self.errors: list[DomainError] = []
        self.prefix = prefix

    def add(self, message: Any, field_name: str) -> None:
        self.errors.append(DomainError(message, field=f"{self.prefix}{field_name}"))

    def extend(self, other: FaultList) -> None:
        self.errors += other.errors

    def check(self) -> None:
        """Raise the one fault, or all of them as `Faults`; nothing when the input is sound."""
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise Faults(self.errors)
