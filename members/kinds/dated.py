"""Events that carry only their date (and, for the end of an exemption, an optional decision).

The admission ceremony, the return from a temporary transfer, the end of an exemption and a death differ only
by their kind and the name of their date. Each is one row here; the service (members.services.dated), the API
input schema (members.schemas.dated), the API recorder and the page form (members.forms.dated) are made from
the row by one implementation each, and members.kinds.declarations declares them.
"""

from __future__ import annotations

from dataclasses import dataclass

from members.models import EventKind


@dataclass(frozen=True)
class DatedEvent:
    kind: str  # the kind in the log
    door: str  # the API body's `kind`
    date_field: str  # the name of its date in the service, the API body and the form
    decision: bool = False  # an optional decision may be given


CEREMONY = DatedEvent(EventKind.ADMISSION_CEREMONY, "admission_ceremony", "held_on")
RETURN = DatedEvent(EventKind.TEMPORARY_RETURN, "temporary_return", "returned_on")
EXEMPTION_END = DatedEvent(EventKind.EXEMPTION_END, "exemption_end", "occurred_on", decision=True)
DEATH = DatedEvent(EventKind.DEATH, "death", "died_on")

DATED_EVENTS = {event.door: event for event in (CEREMONY, RETURN, EXEMPTION_END, DEATH)}
