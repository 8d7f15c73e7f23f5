"""Concurrent restructurings on PostgreSQL: the advisory lock serialises them, so paths never get corrupted."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from core.errors import DomainError
from core.testing import DECISION, build_cast
from organizations.models import Organization
from organizations.services import organization_move

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks and advisory locks are tested on PostgreSQL")


def _run_concurrently(*jobs):
    barrier = threading.Barrier(len(jobs))
    outcomes: list[object] = [None] * len(jobs)

    def runner(index, job):
        try:
            barrier.wait()
            job()
            outcomes[index] = "ok"
        except DomainError as exc:
            outcomes[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes


def _paths_consistent() -> None:
    for org in Organization.objects.all():
        assert org.path == f"{org.parent.path if org.parent else ''}{org.pk}.", org.code


def test_crossing_moves_cannot_create_a_cycle():
    cast = build_cast()
    actor = cast.province_officer
    for attempt in range(5):
        a = Organization.objects.get(pk=cast.commune_a1.pk)
        b = Organization.objects.get(pk=cast.commune_a2.pk)
        day = dt.date(2020 + attempt, 1, 1)
        outcomes = _run_concurrently(
            lambda a=a, b=b, day=day: organization_move(actor=actor, organization=a, new_parent=cast.district_b,
                                                       effective_on=day, decision=DECISION),
            lambda a=a, b=b, day=day: organization_move(actor=actor, organization=b, new_parent=cast.district_b,
                                                       effective_on=day, decision=DECISION),
        )
        assert outcomes == ["ok", "ok"]
        _paths_consistent()
        # Move both back for the next round.
        for org in (a, b):
            organization_move(actor=actor, organization=org, new_parent=cast.district_a,
                              effective_on=dt.date(2020 + attempt, 6, 1), decision=DECISION)


def test_moving_a_parent_while_its_child_moves_elsewhere_keeps_paths_true():
    cast = build_cast()
    actor = cast.province_officer
    for attempt in range(5):
        parent = Organization.objects.get(pk=cast.commune_a1.pk)
        child = Organization.objects.get(pk=cast.cell_a1a.pk)
        day = dt.date(2020 + attempt, 1, 1)
        destination_of_parent = cast.district_b if attempt % 2 == 0 else cast.district_a
        outcomes = _run_concurrently(
            lambda parent=parent, destination=destination_of_parent, day=day: organization_move(
                actor=actor, organization=parent, new_parent=destination, effective_on=day, decision=DECISION),
            lambda child=child, day=day: organization_move(
                actor=actor, organization=child, new_parent=cast.commune_a2, effective_on=day, decision=DECISION),
        )
        assert outcomes == ["ok", "ok"]
        _paths_consistent()
        # Put the cell back under its commune for the next round.
        organization_move(actor=actor, organization=child, new_parent=cast.commune_a1,
                          effective_on=day + dt.timedelta(days=30), decision=DECISION)
        _paths_consistent()
