"""Extension point: other apps react to a restructuring inside the same transaction.

The members app, for example, moves the members of a dissolved cell to its successor. A handler
receives the actor, the lineage event, and the explicit mapping {predecessor: successor}.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

RestructureHandler = Callable[..., None]
_handlers: list[RestructureHandler] = []


def register_restructure_handler(handler: RestructureHandler) -> RestructureHandler:
    if handler not in _handlers:
        _handlers.append(handler)
    return handler


def run_restructure_handlers(*, actor: Any, event: Any, successors: dict[Any, Any]) -> None:
    for handler in _handlers:
        handler(actor=actor, event=event, successors=successors)
