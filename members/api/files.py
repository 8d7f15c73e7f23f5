"""Routes of the member file: list, open, read, correct, its events, status, due steps and change log."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Field, Query

from core.errors import DomainError
from core.schemas import Day, ErrorOut, Id, Limit, Offset
from core.scope import CHANGE
from members import queries, services
from members.api.common import (
    COMPUTED_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    _admission_record,
    _due_out,
    _events_out,
    _file_fields,
    _org,
    _person,
    _person_detail_out,
    _person_out,
    _places,
    _today,
    router,
)
from members.models import Gender, Status
from members.schemas import (
    MemberEventOut,
    PersonCreateIn,
    PersonDetailOut,
    PersonDueOut,
    PersonPageOut,
    PersonUpdateIn,
    SearchText,
    StatusOnOut,
)
from organizations import queries as organization_queries
from organizations.schemas import ChangeRecordOut

ListCursor = Annotated[str, Field(max_length=800)]  # a next_cursor of this API (members.keyset.Cursor)


@router.get("/members", response={200: PersonPageOut, 400: ErrorOut, **READ_ERRORS})
def person_list(
    request: HttpRequest,
    organization: Id | None = None,
    status: list[Status] | None = Query(None),  # type: ignore[assignment]  # noqa: B008 (a repeatable parameter)
    gender: Gender | None = None,
    ethnicity: SearchText | None = None,
    q: SearchText | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
    cursor: ListCursor | None = None,
) -> dict[str, Any]:
    """Member files in the caller's scope, in Vietnamese name order (given name, middle names, family name).

    `organization`: files registered in its subtree; `status` may repeat; `ethnicity`: the group's code;
    `q`: every word as a word beginning of the name ignoring diacritics, or the exact card number or citizen ID.
    Paging: `cursor` (the `next_cursor` of the page before) reads the next page at the cost of the first, at any
    depth; `offset` (skipped after the cursor, if any) costs what it skips. `count` is exact up to 10.000; above,
    `count` is 10.000 and `count_capped` is true ("more than 10.000").
    """
    try:
        page = queries.person_page(
            request.user,
            organization=_org(request, organization) if organization is not None else None,
            statuses=[str(s) for s in status] if status else None,
            gender=str(gender) if gender else None,
            ethnicity_code=ethnicity or None,
            q=q or "",
            after=cursor,
            offset=offset,
            per_page=limit,
        )
    except ValueError as exc:
        raise DomainError(gettext("This list cursor is not valid: ask the first page again."),
                          field="cursor") from exc
    return {"count": min(page.count, page.cap), "count_capped": page.over, "limit": limit, "offset": offset,
            "next_cursor": page.next_cursor, "items": [_person_out(p) for p in page.rows]}


@router.post("/members", response={201: PersonDetailOut, **WRITE_ERRORS})
def person_create(request: HttpRequest, payload: PersonCreateIn) -> tuple[int, dict[str, Any]]:
    """Open a file: a future candidate, or with `admitted` a member already admitted (history of record)."""
    person = services.person_create(
        actor=request.user,
        organization=_org(request, payload.organization_id),
        full_name=payload.full_name,
        gender=str(payload.gender),
        birth_date=payload.birth_date,
        admitted=_admission_record(payload.admitted),
        reason=payload.reason,
        confirm_duplicate=payload.confirm_duplicate,
        places=_places(payload),
        **_file_fields(payload, only_sent=False),
    )
    return 201, _person_detail_out(request, _person(request, person.pk))


@router.get("/members/{id}", response={200: PersonDetailOut, **COMPUTED_ERRORS})
def person_detail(request: HttpRequest, id: Id) -> dict[str, Any]:
    """The file, the current status and cell, and the Party age today."""
    return _person_detail_out(request, _person(request, id))


@router.patch("/members/{id}", response={200: PersonDetailOut, **WRITE_ERRORS})
def person_update(request: HttpRequest, id: Id, payload: PersonUpdateIn) -> dict[str, Any]:
    """Correct or complete the file: only the fields sent change (null clears ethnicity and religion)."""
    person = services.person_update(
        actor=request.user,
        person=_person(request, id, CHANGE),
        reason=payload.reason,
        places=_places(payload),
        **_file_fields(payload, only_sent=True),
    )
    return _person_detail_out(request, _person(request, person.pk))


@router.get("/members/{id}/events", response={200: list[MemberEventOut], **READ_ERRORS})
def person_events(request: HttpRequest, id: Id) -> list[dict[str, Any]]:
    """The whole log in date order, superseded events and corrections included."""
    return _events_out(queries.person_events(request.user, _person(request, id)))


@router.get("/members/{id}/status", response={200: StatusOnOut, **READ_ERRORS})
def person_status(request: HttpRequest, id: Id, on: Day | None = None) -> dict[str, Any]:
    """The status and cell on `on` (default: today), derived from the log."""
    person = _person(request, id)
    day = on or _today()
    segment = queries.person_timeline_of(request.user, person).segment_on(day)
    status = segment.status if segment else Status.NONE
    return {
        "person_id": person.pk,
        "on": day,
        "status": status,
        "status_label": str(Status(status).label),
        "organization_id": segment.organization_id if segment else None,
        "temporary_organization_id": segment.temporary_organization_id if segment else None,
    }


@router.get("/members/{id}/due", response={200: PersonDueOut, **COMPUTED_ERRORS})
def person_due(request: HttpRequest, id: Id, on: Day | None = None) -> dict[str, Any]:
    """Pending steps of the file on `on` (default: today) with their deadlines in working days."""
    person = _person(request, id)
    day = on or _today()
    return {"person_id": person.pk, "on": day,
            "items": _due_out(queries.person_due_items(request.user, person, on=day), on=day)}


@router.get("/members/{id}/changes", response={200: list[ChangeRecordOut], **READ_ERRORS})
def person_changes(request: HttpRequest, id: Id) -> list[Any]:
    """The file's change-log rows (created, updated, each event with the status before and after), newest first."""
    return list(organization_queries.change_log_of(_person(request, id)))

