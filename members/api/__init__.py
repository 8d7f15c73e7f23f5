"""Members API: member files, their event log, derived status, due lists, badges and counts.

Handlers parse, fetch every id through the caller's scope (members.queries; out of scope or missing: 404),
call one service or query, and answer. Services raise DomainError for refused input: 400 with the field,
and the rule's citation in the message. POST /members/{id}/events takes one body per kind of event.

Modules: `common` (the router, error responses, parsing helpers), `files`, `events`, `organizations` (the
routes). Importing this package registers every route on `router`.
"""

from members.api import events, files, organizations
from members.api.common import router
from members.api.events import RECORDERS

__all__ = ["RECORDERS", "events", "files", "organizations", "router"]
