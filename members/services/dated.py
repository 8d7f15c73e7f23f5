"""One service for every event that carries only its date (members.kinds.dated): the admission ceremony, the
return from a temporary transfer, the end of an exemption, a death."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction

from core.decisions import Decision
from members.kinds.dated import CEREMONY, DEATH, EXEMPTION_END, RETURN, DatedEvent
from members.models import MemberEvent, Person
from members.services.checks import _require_date, _require_decision
from members.services.log import _record, _start


def dated_service(event: DatedEvent, name: str, doc: str) -> Callable[..., MemberEvent]:
    """The service `name(*, actor, person, <date_field>, [decision], reason="")` recording `event.kind`."""

    @transaction.atomic
    def service(*, actor: Any, person: Person, reason: str = "", decision: Decision | None = None,
                **dated: Any) -> MemberEvent:
        if set(dated) != {event.date_field} or (decision is not None and not event.decision):
            unexpected = sorted(set(dated) - {event.date_field}) or ["decision"]
            raise TypeError(f"{name}() takes {event.date_field}, not {', '.join(unexpected)}")
        person, _timeline = _start(actor, person)
        on = _require_date(dated[event.date_field], event.date_field)
        return _record(actor=actor, person=person, kind=event.kind, occurred_on=on, organization=person.organization,
                       decision=_require_decision(decision, required=False), reason=reason)

    service.__name__ = service.__qualname__ = name
    service.__doc__ = doc
    return service


admission_ceremony_record = dated_service(CEREMONY, "admission_ceremony_record",
                                          "The cell's admission ceremony: probation starts here.")
member_temporary_return = dated_service(RETURN, "member_temporary_return",
                                        "The temporarily transferred member is back home.")
exemption_end = dated_service(EXEMPTION_END, "exemption_end", "The member takes part in activities again.")
death_record = dated_service(DEATH, "death_record", "The member (or candidate) died.")
