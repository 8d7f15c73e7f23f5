"""Event kinds declared once: the extension point of every app that keeps a dated event log.

An app that keeps an event log holds one `EventKindRegistry` (members: `members.kinds.MEMBER_EVENTS`). Each kind
of event is ONE declaration, an `EventKindSpec`: the statuses it may follow, the rule a refusal cites, the figure
keys it feeds, and the `Door` that records it (its service, the API's input schema and recorder, the page's
form). The status fold, the API route, the page's choice of forms, the import and the figures read the registry;
nothing else lists the kinds. A door may record more than one kind (a transfer letter is official or
temporary): the kinds then share the same `Door` object.

A higher app adds kinds to a lower app's log by registering them in its `AppConfig.ready()` (before the URLs,
hence the API routes, are built). `unregister` exists for tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Door:
    """How an event is recorded through the pages and the API.

    `name` is the API body's `kind` and the page form's slug. `service` writes it (`<entity>_<action>(*, actor,
    ...)`); `schema` is the API input (a schema whose `kind` is the literal `name`); `record(request, pk, body)`
    turns an API body into the service call; `form` is the page's form class. `offered(timeline)` may decide
    whether the pages and the API offer the door now (True/False), or return None to let the statuses decide.
    """

    name: str
    service: Callable[..., Any]
    schema: type | None = None
    record: Callable[..., Any] | None = None
    form: type | None = None
    offered: Callable[[Any], bool | None] | None = None


@dataclass(frozen=True)
class EventKindSpec:
    """One kind of event of a log: what it may follow, what it cites, what it feeds, how it is recorded."""

    kind: str
    allowed_from: frozenset[str]
    door: Door | None = None  # None: recorded by another route (corrections, restructuring, voiding)
    rule: str | None = None  # the rule whose citation a refusal names
    figures: tuple[str, ...] = ()  # figure keys counting events of this kind
    anytime: bool = False  # follows any status (restructuring moves, corrections)
    label: Any = None  # shown for the kind when the log's own choices do not name it (a kind added by a higher app)


class EventKindRegistry:
    """The kinds of one event log, in declaration order."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._specs: dict[str, EventKindSpec] = {}
        self._allowed: dict[str, frozenset[str]] = {}  # status -> kinds; read on every event of every fold

    def register(self, spec: EventKindSpec) -> EventKindSpec:
        """Add a kind; a kind declared twice, or a door name used by two different doors, is a programming error."""
        if spec.kind in self._specs:
            raise ValueError(f"{self.name}: event kind {spec.kind!r} is already declared")
        if spec.door is not None:
            other = self.door(spec.door.name)
            if other is not None and other is not spec.door:
                raise ValueError(f"{self.name}: door {spec.door.name!r} is already declared by another kind")
        self._specs[spec.kind] = spec
        self._allowed.clear()
        return spec

    def register_all(self, specs: Iterable[EventKindSpec]) -> None:
        for spec in specs:
            self.register(spec)

    def unregister(self, kind: str) -> None:
        self._specs.pop(kind, None)
        self._allowed.clear()

    def __contains__(self, kind: object) -> bool:
        return kind in self._specs

    def __iter__(self) -> Iterator[EventKindSpec]:
        return iter(list(self._specs.values()))

    def get(self, kind: str) -> EventKindSpec | None:
        return self._specs.get(kind)

    def allowed(self, status: str) -> frozenset[str]:
        """The kinds that may follow `status`."""
        found = self._allowed.get(status)
        if found is None:
            found = frozenset(s.kind for s in self._specs.values() if status in s.allowed_from)
            self._allowed[status] = found
        return found

    def anytime(self) -> frozenset[str]:
        """The kinds that may follow any status."""
        found = self._allowed.get("")  # cached with the statuses' sets, under a key no status has
        if found is None:
            found = frozenset(s.kind for s in self._specs.values() if s.anytime)
            self._allowed[""] = found
        return found

    def label(self, kind: str, choices: Any = None) -> Any:
        """The kind's label: from the log's choices (a TextChoices class) when it names it, else as declared."""
        if choices is not None and kind in choices.values:
            return choices(kind).label
        spec = self._specs.get(kind)
        return spec.label if spec is not None and spec.label is not None else kind

    def rule(self, kind: str) -> str | None:
        spec = self._specs.get(kind)
        return spec.rule if spec else None

    def figures(self, kind: str) -> tuple[str, ...]:
        spec = self._specs.get(kind)
        return spec.figures if spec else ()

    def kinds_feeding(self, key: str) -> list[str]:
        """The kinds whose events a figure key counts."""
        return [s.kind for s in self._specs.values() if key in s.figures]

    def doors(self) -> list[Door]:
        """Every door once, in declaration order."""
        seen: dict[str, Door] = {}
        for spec in self._specs.values():
            if spec.door is not None:
                seen.setdefault(spec.door.name, spec.door)
        return list(seen.values())

    def door(self, name: str) -> Door | None:
        return next((s.door for s in self._specs.values() if s.door is not None and s.door.name == name), None)

    def kinds_of(self, door: Door) -> list[str]:
        """The kinds a door records."""
        return [s.kind for s in self._specs.values() if s.door is not None and s.door.name == door.name]
