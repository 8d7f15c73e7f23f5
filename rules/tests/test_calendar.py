"""Working days across Tết and 30/4-1/5, calendar months, and the holiday cache.

Expected dates are counted by hand from the seeded holiday list (holidays==0.84, Vietnam):
  2020: 01/01; Tết 23/01 (Thu) - 29/01 (Wed): weekdays off 23, 24, 27, 28, 29/01; Giỗ Tổ 02/04 (Thu);
        30/04 (Thu); 01/05 (Fri); 02/09.
  2023: 02/01 (Mon, observed); Tết 20/01 (Fri) - 26/01 (Thu): weekdays off 20, 23, 24, 25, 26/01;
        Giỗ Tổ 29/04 (Sat) and 30/04 (Sun) observed on 02/05 (Tue) and 03/05 (Wed); 01/05 (Mon).
  2024: 29/04 (Mon) off in exchange for Saturday 04/05, which is worked; 30/04 (Tue); 01/05 (Wed).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from rules import reference
from rules.calendar import (
    WorkingCalendar,
    add_months,
    add_working_days,
    is_working_day,
    months_between,
    working_calendar,
    working_days_between,
)
from rules.models import Holiday
from rules.services import holiday_remove, holiday_set

D = dt.date


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # Wed 15/01/2020 + 60: 12 whole weeks of weekdays end Wed 08/04/2020, but six of those weekdays are
        # off (Tết 23, 24, 27, 28, 29/01 and Giỗ Tổ 02/04), so six more: 09, 10, 13, 14, 15, 16/04.
        (D(2020, 1, 15), 60, D(2020, 4, 16)),
        # Mon 20/04/2020 + 30: six weeks end Mon 01/06; 30/04 and 01/05 are off, so two more: 02, 03/06.
        (D(2020, 4, 20), 30, D(2020, 6, 3)),
        # Tue 10/01/2023 + 60: twelve weeks end Tue 04/04/2023; five Tết weekdays (20, 23-26/01) are off,
        # so five more: 05, 06, 07, 10, 11/04 (Giỗ Tổ 2023 falls on Saturday 29/04, after the deadline).
        (D(2023, 1, 10), 60, D(2023, 4, 11)),
        # Thu 20/04/2023 + 30: six weeks end Thu 01/06; 01, 02, 03/05 are off, so three more: 02, 05, 06/06.
        (D(2023, 4, 20), 30, D(2023, 6, 6)),
        # Thu 25/04/2024 + 30: six weeks end Thu 06/06; 29, 30/04 and 01/05 are off (-3) but Saturday 04/05 is
        # worked (+1), so 28 working days by 06/06; then Fri 07/06 (29) and Mon 10/06 (30).
        (D(2024, 4, 25), 30, D(2024, 6, 10)),
        # Counting backwards mirrors the first case.
        (D(2020, 4, 16), -60, D(2020, 1, 15)),
        (D(2024, 6, 10), -30, D(2024, 4, 25)),
        (D(2024, 2, 10), 0, D(2024, 2, 10)),
    ],
)
def test_deadlines_in_working_days(start: dt.date, days: int, expected: dt.date) -> None:
    assert add_working_days(start, days) == expected
    assert working_days_between(start, expected) == days  # both ends are working days here


@pytest.mark.django_db
def test_is_working_day() -> None:
    assert is_working_day(D(2024, 4, 26))  # Friday
    assert not is_working_day(D(2024, 4, 27))  # Saturday
    assert not is_working_day(D(2024, 4, 29))  # Monday off in exchange for 04/05
    assert is_working_day(D(2024, 5, 4))  # Saturday worked
    assert not is_working_day(D(2024, 2, 12))  # Tết
    assert not is_working_day(D(2023, 5, 2))  # Giỗ Tổ observed


@pytest.mark.django_db
def test_working_days_between_counts_the_end_not_the_start_and_is_signed() -> None:
    assert working_days_between(D(2024, 4, 26), D(2024, 4, 26)) == 0
    assert working_days_between(D(2024, 4, 25), D(2024, 4, 26)) == 1
    assert working_days_between(D(2024, 4, 26), D(2024, 5, 3)) == 2  # 29/04-01/05 off: 02, 03/05
    assert working_days_between(D(2024, 5, 3), D(2024, 4, 26)) == -2
    assert working_days_between(D(2024, 5, 3), D(2024, 5, 4)) == 1  # the worked Saturday


@pytest.mark.django_db
def test_a_day_off_added_by_an_administrator_changes_the_deadline(cast) -> None:
    assert add_working_days(D(2023, 1, 10), 60) == D(2023, 4, 11)
    holiday_set(actor=cast.root_admin, day=D(2023, 4, 5), name="Nghỉ bù (thử)", reason="Quyết định của Chính phủ")
    assert not is_working_day(D(2023, 4, 5))
    assert add_working_days(D(2023, 1, 10), 60) == D(2023, 4, 12)
    holiday_remove(actor=cast.root_admin, day=D(2023, 4, 5), reason="Quyết định bị hủy")
    assert add_working_days(D(2023, 1, 10), 60) == D(2023, 4, 11)
    assert Holiday.objects.get(date=D(2023, 4, 5)).is_day_off is False  # kept, not deleted


@pytest.mark.django_db
def test_the_cache_notices_direct_writes_and_rollbacks() -> None:
    assert is_working_day(D(2023, 4, 5))
    holiday = Holiday(date=D(2023, 4, 5), name="Thử", source="manual")
    with pytest.raises(RuntimeError), transaction.atomic():
        holiday.save()  # not through a service: no explicit invalidation
        assert not is_working_day(D(2023, 4, 5))
        raise RuntimeError("roll back")
    assert is_working_day(D(2023, 4, 5))


@pytest.mark.django_db
def test_a_lookup_costs_one_small_query_and_a_snapshot_none(django_assert_num_queries) -> None:
    is_working_day(D(2024, 1, 1))  # warm
    with django_assert_num_queries(1):
        add_working_days(D(2024, 1, 1), 500)
    calendar = working_calendar()
    with django_assert_num_queries(0):
        for offset in range(365):
            calendar.add_working_days(D(2024, 1, 1) + dt.timedelta(days=offset), 60)
    assert 2010 in calendar.years() and 2035 in calendar.years()


# ----------------------------------------------------------------------------- properties, without the database

SEEDED = WorkingCalendar.from_rows(
    (row["date"], row["is_day_off"], row["is_workday"]) for row in reference.holiday_seed()
)


def _step_by_step(calendar: WorkingCalendar, start: dt.date, days: int) -> dt.date:
    step = dt.timedelta(days=1 if days > 0 else -1)
    day, remaining = start, abs(days)
    while remaining:
        day += step
        remaining -= calendar.is_working_day(day)
    return day


@settings(max_examples=300, deadline=None)
@given(
    start=st.dates(min_value=D(2009, 1, 1), max_value=D(2036, 12, 31)),
    days=st.integers(min_value=-800, max_value=800),
)
def test_adding_and_counting_agree(start: dt.date, days: int) -> None:
    end = SEEDED.add_working_days(start, days)
    assert end == _step_by_step(SEEDED, start, days)
    if days >= 0:
        assert SEEDED.working_days_between(start, end) == days  # working days in (start, end]
    else:
        one = dt.timedelta(days=1)
        assert SEEDED.working_days_between(end - one, start - one) == -days  # working days in [end, start)
    if days:
        assert SEEDED.is_working_day(end)


@settings(max_examples=200, deadline=None)
@given(
    a=st.dates(min_value=D(2009, 1, 1), max_value=D(2036, 12, 31)),
    b=st.dates(min_value=D(2009, 1, 1), max_value=D(2036, 12, 31)),
)
def test_counting_matches_a_day_by_day_count(a: dt.date, b: dt.date) -> None:
    lo, hi = min(a, b), max(a, b)
    count = sum(SEEDED.is_working_day(lo + dt.timedelta(days=i)) for i in range(1, (hi - lo).days + 1))
    assert SEEDED.working_days_between(lo, hi) == count
    assert SEEDED.working_days_between(hi, lo) == -count


def test_the_seed_has_tet_hung_kings_and_worked_saturdays() -> None:
    seeded = {row["date"]: row for row in reference.holiday_seed()}
    assert "Tết" in seeded[D(2024, 2, 10)]["name"]
    assert "Hùng Vương" in seeded[D(2024, 4, 18)]["name"]
    assert seeded[D(2024, 5, 4)]["is_workday"] and "29/04/2024" in seeded[D(2024, 5, 4)]["name"]
    assert min(seeded).year == 2010 and max(seeded).year == 2035


# ----------------------------------------------------------------------------- months


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2024, 1, 31), 2, D(2024, 3, 31)),
        (D(2024, 3, 31), 1, D(2024, 4, 30)),
        (D(2024, 3, 31), -1, D(2024, 2, 29)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2024, 12, 15), 1, D(2025, 1, 15)),
        (D(2025, 1, 15), -1, D(2024, 12, 15)),
        (D(2025, 1, 15), -13, D(2023, 12, 15)),
        (D(2025, 1, 15), 0, D(2025, 1, 15)),
    ],
)
def test_add_months_clamps_to_the_end_of_short_months(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (D(2000, 1, 31), D(2000, 2, 28), 0),
        (D(2000, 1, 31), D(2000, 2, 29), 1),  # 31/01 + 1 month is 29/02 in a leap year
        (D(2024, 1, 31), D(2024, 3, 30), 1),
        (D(2024, 1, 31), D(2024, 3, 31), 2),
        (D(2004, 2, 29), D(2022, 2, 27), 215),
        (D(2004, 2, 29), D(2022, 2, 28), 216),  # born on a leap day: 18 years old on 28/02
        (D(1965, 7, 1), D(2025, 6, 30), 719),
        (D(1965, 7, 1), D(2025, 7, 1), 720),
        (D(2024, 5, 10), D(2024, 5, 10), 0),
        (D(2024, 5, 10), D(2024, 3, 11), -1),
        (D(2024, 3, 31), D(2024, 2, 29), -1),
    ],
)
def test_months_between_counts_whole_months(a: dt.date, b: dt.date, expected: int) -> None:
    assert months_between(a, b) == expected


@given(
    day=st.dates(min_value=D(1930, 1, 1), max_value=D(2090, 12, 31)),
    months=st.integers(min_value=0, max_value=1200),
)
def test_months_between_inverts_add_months(day: dt.date, months: int) -> None:
    assert months_between(day, add_months(day, months)) == months
