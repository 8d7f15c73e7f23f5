"""Routes that record events: one route for every declared event kind (members.kinds; the body's `kind` picks
the door, whose recorder calls its service), voiding and corrections.

The event route is built from the registry by `add_event_route` when the router is first used (after every
app's `ready()` has declared its kinds): its body is the union of the declared input schemas, discriminated
by `kind`.
"""

from __future__ import annotations

from typing import Annotated, Any, Union

from django.http import HttpRequest
from ninja import Router
from pydantic import Field

from core.eventkinds import EventKindRegistry
from core.schemas import Id
from core.scope import CHANGE, get_in_scope
from members import services, voiding
from members.api.common import (
    WRITE_ERRORS,
    _decision,
    _event_out,
    _org,
    _person,
    _state_out,
    router,
)
from members.kinds import member_event_kinds
from members.models import MemberEvent
from members.schemas import (
    MemberEventCorrectIn,
    MemberEventRecordedOut,
    PersonVoidIn,
)
from organizations.models import Organization


def _recorded(event: MemberEvent) -> dict[str, Any]:
    return {"event": _event_out(event), "person": _state_out(event.person)}


@router.post("/members/{id}/void", response={201: MemberEventRecordedOut, **WRITE_ERRORS})
def person_void(request: HttpRequest, id: Id, payload: PersonVoidIn) -> tuple[int, dict[str, Any]]:
    """Void a file entered by mistake (event `file_voided`, with its reason): it leaves every list and count.

    Its page and history stay, reachable by id for those who may change files in its cell.
    """
    event = voiding.person_void(actor=request.user, person=_person(request, id, CHANGE), reason=payload.reason)
    return 201, _recorded(event)


@router.post("/member-events/{event_id}/correct", response={201: MemberEventRecordedOut, **WRITE_ERRORS})
def member_event_correct(
    request: HttpRequest, event_id: Id, payload: MemberEventCorrectIn
) -> tuple[int, dict[str, Any]]:
    """Correct an event by a new one that supersedes it (fields not given are kept), or withdraw it."""
    event = get_in_scope(MemberEvent.objects.select_related("person"), request.user, CHANGE, pk=event_id)
    organization = _org(request, payload.organization_id) if payload.organization_id is not None else None
    counterpart = None
    if payload.counterpart_id is not None:
        counterpart = Organization(pk=payload.counterpart_id)  # the service decides, naming nothing
    correction = services.event_correct(
        actor=request.user,
        event=event,
        reason=payload.reason,
        withdraw=payload.withdraw,
        occurred_on=payload.occurred_on,
        organization=organization,
        counterpart=counterpart,
        decision=_decision(payload.decision),
    )
    return 201, _recorded(correction)


def event_input(registry: EventKindRegistry) -> Any:
    """The union of the declared input schemas, discriminated by `kind` (one schema alone when only one)."""
    schemas = tuple(door.schema for door in registry.doors() if door.schema is not None and door.record is not None)
    if len(schemas) == 1:
        return schemas[0]
    return Annotated[Union[schemas], Field(discriminator="kind")]  # noqa: UP007 -- a union built at run time


def add_event_route(target: Router, registry: EventKindRegistry) -> None:
    """POST /members/{id}/events on `target`, for every door declared in `registry`."""
    doors = [door for door in registry.doors() if door.schema is not None and door.record is not None]

    def person_event_record(request: HttpRequest, id: Id, payload: Any) -> tuple[int, dict[str, Any]]:
        door = registry.door(payload.kind)
        assert door is not None and door.record is not None  # the union admits declared doors only
        return 201, _recorded(door.record(request, id, payload))

    person_event_record.__annotations__ = {**person_event_record.__annotations__, "request": HttpRequest,
                                           "id": Id, "payload": event_input(registry)}
    person_event_record.__doc__ = (
        "Record one event; the body's `kind` says which. The rules of its date are checked; the status is "
        "re-derived.\n\nKinds: " + ", ".join(door.name for door in doors) + "."
    )
    target.post("/members/{id}/events", response={201: MemberEventRecordedOut, **WRITE_ERRORS})(person_event_record)


_built: list[Router] = []


def members_router() -> Router:
    """The members router with its event route, built once from the declared event kinds."""
    if not _built:
        add_event_route(router, member_event_kinds())
        _built.append(router)
    return router
