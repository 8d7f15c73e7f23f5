"""Members API: member files, their event log, derived status, due lists, badges and counts.

Handlers parse, fetch every id through the caller's scope (members.queries; out of scope or missing: 404),
call one service or query, and answer. Services raise DomainError for refused input: 400 with the field,
and the rule's citation in the message. POST /members/{id}/events takes one body per declared event kind.

Modules: `common` (the router, error responses, parsing helpers), `files`, `events`, `organizations` (the
routes), `recorders` (event body -> service call, declared per kind in members.kinds). `router` is built on
first access (dangvu.api adds it by name, after every app declared its event kinds).
"""

from typing import Any

from members.api import badges, events, files, organizations


def __getattr__(name: str) -> Any:
    if name == "router":
        return events.members_router()
    raise AttributeError(name)


__all__ = ["badges", "events", "files", "organizations"]
