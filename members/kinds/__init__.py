"""The kinds of the member event log, each declared once (core.eventkinds).

`MEMBER_EVENTS` holds one `EventKindSpec` per kind: the statuses it may follow (the status fold reads them), the
rule a refusal cites, the figure keys it feeds, and its `Door` (service, API input schema and recorder, page
form). Members' own declarations are in `members.kinds.declarations`, loaded on first use; a higher app adds
a kind with `register_event_kind` in its `AppConfig.ready()`.

`offered_doors(timeline)` is the one place that decides which events the pages and the API offer now.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from core.eventkinds import Door, EventKindRegistry, EventKindSpec

if TYPE_CHECKING:
    import datetime as dt

    from members.status import Timeline

MEMBER_EVENTS = EventKindRegistry("members")


def member_event_kinds() -> EventKindRegistry:
    """The registry, with members' own declarations loaded."""
    from members.kinds import declarations  # noqa: F401 -- declares members' kinds on its first import

    return MEMBER_EVENTS


def register_event_kind(spec: EventKindSpec) -> EventKindSpec:
    """Add a kind to the member event log (one declaration: statuses, rule, figures, door)."""
    return member_event_kinds().register(spec)


def unregister_event_kind(kind: str) -> None:
    MEMBER_EVENTS.unregister(kind)


def kind_label(kind: str) -> Any:
    """The label of a kind of the member event log (EventKind's, or as declared by the app that added it)."""
    from members.models import EventKind

    return MEMBER_EVENTS.label(kind, EventKind)


@dataclass(frozen=True)
class _Probe:
    """An event of a kind, as the status fold's `problem` reads it (only the kind matters there)."""

    kind: str
    id: Any = None
    occurred_on: dt.date | None = None
    organization_id: int | None = None
    counterpart_id: int | None = None
    supersedes_id: int | None = None
    details: dict[str, Any] = field(default_factory=dict)


def allowed_now(timeline: Timeline, kind: str) -> bool:
    """The person's current state allows an event of `kind` (its declared statuses and the fold's checks)."""
    from members.status import problem

    return problem(timeline.state, _Probe(kind)) is None  # type: ignore[arg-type]


def offered_doors(timeline: Timeline) -> list[Door]:
    """The doors the pages and the API offer for the person's current state, in declaration order."""
    registry = member_event_kinds()
    found = []
    for door in registry.doors():
        verdict = door.offered(timeline) if door.offered is not None else None
        if verdict is None:
            verdict = any(allowed_now(timeline, kind) for kind in registry.kinds_of(door))
        if verdict:
            found.append(door)
    return found


__all__ = [
    "MEMBER_EVENTS",
    "Door",
    "EventKindSpec",
    "allowed_now",
    "kind_label",
    "member_event_kinds",
    "offered_doors",
    "register_event_kind",
    "unregister_event_kind",
]
