"""An event kind is declared once (members.kinds): a test-only kind, registered in ONE declaration, shows up in
the API route, the member page's choice of forms and the status fold's allowed-status check, then goes away."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, Literal

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from ninja import NinjaAPI, Router
from ninja.testing import TestClient

from core.errors import DomainError
from core.eventkinds import Door, EventKindRegistry, EventKindSpec
from core.schemas import Day
from core.scope import CHANGE
from members import queries, ruling, services
from members.api.events import add_event_route
from members.forms import EventForm, event_form, event_forms
from members.kinds import allowed_now, member_event_kinds, offered_doors, register_event_kind, unregister_event_kind
from members.models import EventKind, MemberEvent, Person, Status
from members.schemas import EventIn
from members.status import derive, problem
from members.tests import factories as f
from organizations.forms import date_field

KIND = "test_commendation"
D = dt.date


@transaction.atomic
def member_commend(*, actor: Any, person: Person, awarded_on: dt.date, reason: str = "") -> MemberEvent:
    person, _timeline = services._start(actor, person)
    return services._record(actor=actor, person=person, kind=KIND, occurred_on=awarded_on,
                            organization=person.organization, reason=reason)


class CommendationIn(EventIn):
    kind: Literal["test_commendation"]
    awarded_on: Day


def record_commendation(request: Any, pk: int, body: CommendationIn) -> MemberEvent:
    person = queries.person_get(request.user, pk=pk, action=CHANGE)
    return member_commend(actor=request.user, person=person, awarded_on=body.awarded_on, reason=body.reason)


class CommendationForm(EventForm):
    service = staticmethod(member_commend)
    slug = "test-commendation"
    title = "Record a test commendation"
    kinds = (KIND,)

    awarded_on = date_field("Awarded on")

    def service_kwargs(self) -> dict[str, Any]:
        return {**super().service_kwargs(), "awarded_on": self.cleaned_data["awarded_on"]}


@pytest.fixture
def commendation() -> Iterator[EventKindSpec]:
    """The one declaration (removed again after the test)."""
    spec = register_event_kind(EventKindSpec(
        KIND, frozenset({Status.OFFICIAL}), rule="strike_off.unpaid_dues_months", label="test commendation",
        door=Door("test_commendation", service=member_commend, schema=CommendationIn, record=record_commendation,
                  form=CommendationForm),
    ))
    try:
        yield spec
    finally:
        unregister_event_kind(KIND)


def _probe(kind: str) -> Any:
    return MemberEvent(kind=kind, occurred_on=D(2022, 1, 1))


def test_a_kind_declared_once_reaches_the_fold_the_pages_and_the_api(cast, commendation, client: Client) -> None:
    actor = cast.root_admin
    official = f.member(actor, cast.cell_a1a, "Lò Văn Khen")
    candidate = f.candidate(actor, cast.cell_a1a, "Vi Thị Chờ")
    official_timeline, candidate_timeline = derive(list(official.events.all())), derive(list(candidate.events.all()))

    # The allowed-status check of the fold reads the declaration.
    assert problem(official_timeline.state, _probe(KIND)) is None
    assert problem(candidate_timeline.state, _probe(KIND)) == "status"
    assert allowed_now(official_timeline, KIND) and not allowed_now(candidate_timeline, KIND)

    # The page's choice of forms: offered to the official member, not to the candidate; its page records it.
    assert commendation.door in offered_doors(official_timeline)
    assert commendation.door not in offered_doors(candidate_timeline)
    assert event_form("test-commendation") is CommendationForm and CommendationForm in event_forms()
    client.force_login(actor)
    url = reverse("members:event", args=[official.pk, "test-commendation"])
    assert url in client.get(reverse("members:detail", args=[official.pk])).content.decode()
    assert url not in client.get(reverse("members:detail", args=[candidate.pk])).content.decode()
    response = client.post(url, {"awarded_on": "01/03/2022", "reason": "page"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert official.events.filter(kind=KIND, occurred_on=D(2022, 3, 1)).count() == 1

    # The API route built from the registry takes the kind in its union and records it through its recorder.
    router = Router()
    add_event_route(router, member_event_kinds())
    ninja_api = NinjaAPI(urls_namespace="test-event-kinds")
    ninja_api.add_router("/", router)
    api = TestClient(ninja_api)
    body = {"kind": KIND, "awarded_on": "2022-04-01", "reason": "api"}
    answer = api.post(f"/members/{official.pk}/events", json=body, user=actor)
    assert answer.status_code == 201, answer.content
    assert answer.json()["event"]["kind"] == KIND and answer.json()["event"]["kind_label"] == "test commendation"
    paths = ninja_api.get_openapi_schema(path_prefix="")["paths"]
    route = next(v for k, v in paths.items() if k.endswith("/members/{id}/events"))
    mapping = route["post"]["requestBody"]["content"]["application/json"]["schema"]["discriminator"]["mapping"]
    assert KIND in mapping and "death" in mapping

    # Refused from a status it does not follow, citing the rule declared with it; nothing written.
    with pytest.raises(DomainError) as refused:
        api.post(f"/members/{candidate.pk}/events", json={**body, "awarded_on": "2022-05-01"}, user=actor)
    assert ruling.citation("strike_off.unpaid_dues_months", on=D(2022, 5, 1)) in refused.value.message
    assert not candidate.events.filter(kind=KIND).exists()


def test_unregistered_the_kind_is_gone_everywhere(cast) -> None:
    registry = member_event_kinds()
    assert KIND not in registry and registry.door("test_commendation") is None
    assert event_form("test-commendation") is None
    official = f.member(cast.root_admin, cast.cell_a1a, "Lò Văn Khen")
    assert problem(derive(list(official.events.all())).state, _probe(KIND)) == "status"


def test_the_registry_refuses_a_kind_or_a_door_declared_twice() -> None:
    registry = EventKindRegistry("test")
    door = Door("one", service=member_commend)
    registry.register(EventKindSpec("a", frozenset({"x"}), door=door))
    registry.register(EventKindSpec("b", frozenset({"x", "y"}), door=door))  # one door, two kinds
    with pytest.raises(ValueError, match="already declared"):
        registry.register(EventKindSpec("a", frozenset()))
    with pytest.raises(ValueError, match="another kind"):
        registry.register(EventKindSpec("c", frozenset(), door=Door("one", service=member_commend)))
    assert registry.allowed("x") == {"a", "b"} and registry.allowed("y") == {"b"}
    assert registry.kinds_of(door) == ["a", "b"] and registry.doors() == [door]
    registry.unregister("b")
    assert registry.allowed("y") == frozenset()


def test_members_declarations_are_complete() -> None:
    """Every kind of the log is declared; every figure key a kind feeds is a member figure; date-only doors share
    one recorder."""
    from members.api import recorders
    from members.figures import MOVEMENT_KEYS

    registry = member_event_kinds()
    assert {spec.kind for spec in registry} >= set(EventKind.values)
    fed = {key for spec in registry for key in spec.figures}
    assert fed <= set(MOVEMENT_KEYS)
    assert set(MOVEMENT_KEYS) - fed == set(), set(MOVEMENT_KEYS) - fed
    dated = [door.name for door in registry.doors() if door.record is recorders.record_dated]
    assert sorted(dated) == ["admission_ceremony", "death", "exemption_end", "temporary_return"]
    assert registry.allowed(Status.DEAD) == {EventKind.FILE_VOIDED}  # a file entered by mistake is voided still
