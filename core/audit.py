"""Refusals worth an audit row — e.g. a probe for a citizen ID outside the writer's scope.

A refusal rolls its service's transaction back, and with it any change record written inside. So the
service *notes* the attempt (`note_refusal`) and the row is written once no transaction of the caller is
open any more: at once when possible, else by `flush_refusals()`, which the request middleware calls
after every request and the import calls after its rolled-back run. A note never makes a refusal fail.

The row is an ordinary change record (action "event recorded") on the object the attempt concerned, with
`after` = {"refused": <what>, "field": <field>, "from_organization": <id>} and a readable reason, so the
officers who see that object see the attempt in its change log.
"""

from __future__ import annotations

import contextvars
import logging
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction

logger = logging.getLogger("dangvu.audit")


@dataclass(frozen=True)
class _Note:
    actor: Any
    instance: models.Model
    after: dict[str, Any]
    reason: str
    request_id: str


_pending: contextvars.ContextVar[tuple[_Note, ...]] = contextvars.ContextVar("dangvu_refusals", default=())


def _outside_transactions() -> bool:
    """No transaction of the caller is open (a test case's own wrapping transaction does not count)."""
    return all(getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def note_refusal(*, actor: Any, instance: models.Model, after: dict[str, Any], reason: str) -> None:
    """Remember a refused attempt on `instance`; written now if possible, else at the next flush."""
    from core.context import current_request_id

    _pending.set((*_pending.get(), _Note(actor, instance, after, reason, current_request_id())))
    logger.warning("refused: %s on %s by %s", after.get("refused"), instance._meta.label,
                   getattr(actor, "username", "?"))
    if _outside_transactions():
        flush_refusals()


def flush_refusals() -> int:
    """Write the noted refusals (when no caller's transaction is open); the number written."""
    notes = _pending.get()
    if not notes or not _outside_transactions():
        return 0
    _pending.set(())
    from core.changelog import log_change
    from core.context import request_id_scope
    from core.models import ChangeAction

    for note in notes:
        with request_id_scope(note.request_id or None), transaction.atomic():
            log_change(actor=note.actor, action=ChangeAction.EVENT, instance=note.instance, before={},
                       after=note.after, reason=note.reason)
    return len(notes)


def discard_refusals() -> None:
    """Forget notes not written (start of a request)."""
    _pending.set(())
