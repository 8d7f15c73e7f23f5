"""TableCache asks for a table's stamp once per web request, and again as soon as this process changes the table."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection, transaction
from django.test.utils import CaptureQueriesContext

from rules import calendar
from rules.models import Holiday

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2031, 1, 6)


def _stamps(queries: CaptureQueriesContext) -> int:
    return sum('FROM "rules_holiday"' in q["sql"] and "COUNT(*)" in q["sql"] for q in queries.captured_queries)


def _another_process_adds_a_day_off() -> None:
    Holiday.objects.bulk_create([Holiday(date=MONDAY, name="Nghỉ bù", year=MONDAY.year)])  # no save signal


def _begin() -> None:
    request_started.disconnect(close_old_connections)  # as django.test.Client does: keep the test's connection
    try:
        request_started.send(sender=None)
    finally:
        request_started.connect(close_old_connections)


def _end() -> None:
    request_finished.disconnect(close_old_connections)
    try:
        request_finished.send(sender=None)
    finally:
        request_finished.connect(close_old_connections)


@pytest.fixture
def in_request():
    _begin()
    yield
    _end()


def test_outside_a_request_every_use_asks():
    with CaptureQueriesContext(connection) as queries:
        calendar.is_working_day(MONDAY)
        calendar.is_working_day(MONDAY)
    assert _stamps(queries) == 2


def test_a_request_asks_once_and_the_next_request_sees_another_process_change(in_request):
    with CaptureQueriesContext(connection) as queries:
        assert calendar.is_working_day(MONDAY)
        _another_process_adds_a_day_off()
        assert calendar.is_working_day(MONDAY)  # the request sees the table as at its first use
    assert _stamps(queries) == 1
    _end()
    _begin()
    assert not calendar.is_working_day(MONDAY)


def test_a_change_by_this_process_and_its_rollback_show_at_once(in_request):
    assert calendar.is_working_day(MONDAY)
    with pytest.raises(RuntimeError), transaction.atomic():
        Holiday.objects.create(date=MONDAY, name="Nghỉ bù")  # the save signal stops the remembering
        assert not calendar.is_working_day(MONDAY)
        raise RuntimeError
    with CaptureQueriesContext(connection) as queries:
        assert calendar.is_working_day(MONDAY)
        assert calendar.is_working_day(MONDAY)
    assert _stamps(queries) == 2  # asked at every use for the rest of the request
