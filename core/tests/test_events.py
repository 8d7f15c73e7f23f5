"""Domain events (core.events): writes through the members, organizations and committees services announce the
organizations and dates they change once committed, inside the transaction to in-transaction subscribers, and
nothing at all when the transaction rolls back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import transaction

from committees.models import SeatKind
from committees.services import CongressInput, SeatInput, term_open_by_congress
from core.events import DomainEvent, held, publish, subscribe, unsubscribe
from core.testing import DECISION, Cast
from members.models import EventKind, MemberEvent
from members.services import event_correct
from members.tests.factories import member
from organizations.services import organization_rename

D = dt.date


class Heard:
    def __init__(self) -> None:
        self.after: list[DomainEvent] = []
        self.inside: list[DomainEvent] = []

    def of(self, app: str, events: list[DomainEvent] | None = None) -> list[DomainEvent]:
        return [e for e in (self.after if events is None else events) if e.app == app]


@pytest.fixture
def heard() -> Iterator[Heard]:
    listener = Heard()
    subscribe(listener.after.append)
    subscribe(listener.inside.append, in_transaction=True)
    yield listener
    unsubscribe(listener.after.append)
    unsubscribe(listener.inside.append)


def _committed(capture: Any, heard: Heard, write: Callable[[], Any]) -> Any:
    """Run `write` in a transaction that commits; nothing reaches the on-commit subscribers before."""
    with capture(execute=True):
        with transaction.atomic():
            result = write()
        assert heard.after == [] and heard.inside != []
    return result


def _rolled_back(heard: Heard, write: Callable[[], Any], capture: Any) -> None:
    """Run `write` in a transaction that rolls back: the on-commit subscribers hear nothing."""
    heard.after.clear()
    with capture(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        write()
        raise RuntimeError("roll back")
    assert heard.after == []


def test_a_member_write_and_its_backdated_correction(
        cast: Cast, heard: Heard, django_capture_on_commit_callbacks: Any) -> None:
    person = _committed(django_capture_on_commit_callbacks, heard,
                        lambda: member(cast.root_admin, cast.cell_a1a, admitted_on=D(2018, 3, 1)))
    admitted = [e for e in heard.of("members") if e.kind == "memberevent.create"]
    assert admitted and all(e.organization_ids == {cast.cell_a1a.pk} for e in admitted)
    assert min(e.date_from for e in admitted if e.date_from) == D(2018, 3, 1)
    assert ("members.person", str(person.pk)) in {o for e in heard.of("members") for o in e.objects}

    ceremony = MemberEvent.objects.get(person=person, kind=EventKind.ADMISSION_CEREMONY)
    heard.after.clear()
    _committed(django_capture_on_commit_callbacks, heard, lambda: event_correct(
        actor=cast.root_admin, event=ceremony, reason="ngày kết nạp ghi nhầm", occurred_on=D(2018, 3, 15)))
    corrected = [e for e in heard.of("members") if e.kind == "memberevent.create"]
    assert [(e.organization_ids, e.date_from, e.date_to) for e in corrected] == [
        ({cast.cell_a1a.pk}, D(2018, 3, 15), ceremony.occurred_on)]  # both the new and the superseded date

    _rolled_back(heard, lambda: member(cast.root_admin, cast.cell_a1b, "Lò Văn Tạm"),
                 django_capture_on_commit_callbacks)


def test_an_organization_rename(cast: Cast, heard: Heard, django_capture_on_commit_callbacks: Any) -> None:
    def rename(name: str) -> Any:
        return organization_rename(actor=cast.root_admin, organization=cast.cell_a1b, new_name=name,
                                   effective_on=D(2021, 5, 1), decision=DECISION)

    _committed(django_capture_on_commit_callbacks, heard, lambda: rename("Chi bộ thôn Khuổi Hỏm Mới"))
    [event] = heard.of("organizations")
    assert (event.kind, event.date_from, event.date_to) == ("organization.update", D(2021, 5, 1), D(2021, 5, 1))
    assert event.organization_ids == {cast.cell_a1b.pk, cast.commune_a1.pk}  # the organization and its parent
    assert event in heard.inside
    _rolled_back(heard, lambda: rename("Chi bộ thôn Khuổi Hỏm Cũ"), django_capture_on_commit_callbacks)


def test_a_committee_term(cast: Cast, heard: Heard, django_capture_on_commit_callbacks: Any) -> None:
    secretary = member(cast.root_admin, cast.cell_a1a, "Nguyễn Văn An", birth_date=D(1975, 1, 1))
    closed = D(2020, 8, 20)

    def elect() -> Any:
        congress = CongressInput(ordinal=3, opened_on=closed - dt.timedelta(days=1), closed_on=closed, delegates=150,
                                 delegates_present=148, resolution_number="01-NQ/ĐH", resolution_date=closed)
        return term_open_by_congress(actor=cast.root_admin, organization=cast.commune_a1, congress=congress,
                                     seats=[SeatInput(secretary, SeatKind.EXECUTIVE),
                                            SeatInput(secretary, SeatKind.SECRETARY)])

    _rolled_back(heard, elect, django_capture_on_commit_callbacks)
    _committed(django_capture_on_commit_callbacks, heard, elect)
    kinds = {e.kind: e for e in heard.of("committees")}
    assert {"term.create", "congress.create", "seat.create"} <= set(kinds)
    assert kinds["term.create"].organization_ids == {cast.commune_a1.pk}
    assert kinds["term.create"].date_from is not None and kinds["term.create"].date_from >= closed
    assert (kinds["congress.create"].date_from, kinds["congress.create"].date_to) == (closed - dt.timedelta(days=1),
                                                                                      closed)


def test_an_explicit_publish_and_a_failing_subscriber(
        heard: Heard, db: None, django_capture_on_commit_callbacks: Any) -> None:
    event = DomainEvent(app="restructuring", kind="plan.applied", organization_ids=frozenset({1, 2}),
                        date_from=D(2025, 7, 1), date_to=D(2025, 7, 1))

    def broken(event: DomainEvent) -> None:
        raise ValueError("a subscriber's own fault")

    subscribe(broken)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            publish(event)
    finally:
        unsubscribe(broken)
    assert heard.after == [event] == heard.inside  # the failing subscriber was logged, the next one still heard


def test_held_deliveries_come_at_the_end_of_the_block_once_per_batch_handler(heard: Heard, db: None) -> None:
    batches: list[list[DomainEvent]] = []
    singles: list[DomainEvent] = []

    def one_by_one(event: DomainEvent) -> None:
        singles.append(event)

    one_by_one.batch = batches.append  # type: ignore[attr-defined]
    subscribe(one_by_one, in_transaction=True)
    first, second = (DomainEvent(app="organizations", kind="organization.move", organization_ids=frozenset({n}))
                     for n in (1, 2))
    try:
        with transaction.atomic():
            with held():
                publish(first)
                with held():  # nested: the outer block delivers
                    publish(second)
                assert heard.inside == [] and batches == []
            assert heard.inside == [first, second] and batches == [[first, second]] and singles == []
        heard.inside.clear()
        with pytest.raises(RuntimeError), transaction.atomic(), held():
            publish(first)
            raise RuntimeError("roll back")
        assert heard.inside == [] and batches == [[first, second]]  # a failed block delivers nothing
        publish(second)  # outside a block: at once, one by one
        assert heard.inside == [second] == singles
    finally:
        unsubscribe(one_by_one)
