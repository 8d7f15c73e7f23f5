"""Working days and calendar months.

A working day is Monday to Friday, except the days off in the Holiday table (public holidays, Tết days off,
bridge days) and plus the weekend days worked in exchange that the table records. Deadlines "within N
working days" count from the day after the starting event.

Periods in months clamp the day to the end of a shorter month (31/01 + 1 month = 28 or 29/02), the same
convention as the Civil Code for periods counted in months.
"""

from __future__ import annotations

import bisect
import calendar as _stdlib_calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet

from rules.caching import TableCache
from rules.holiday_seed import CalendarReminder
from rules.holiday_seed import calendar_reminder as _reminder
from rules.models import Holiday

_ONE_DAY = dt.timedelta(days=1)


def _weekdays_through(day: dt.date) -> int:
    """Number of Mondays-Fridays from 01/01/0001 (a Monday) through `day`."""
    weeks, rest = divmod(day.toordinal(), 7)
    return weeks * 5 + min(rest, 5)


@dataclass(frozen=True)
class WorkingCalendar:
    """An immutable snapshot of the calendar exceptions; every method is pure arithmetic, no database access.

    `exceptions` maps a date to True (worked although a weekend day) or False (off although a weekday, or a
    holiday on a weekend, which changes nothing). Use one snapshot for a long loop over many members:
    `cal = working_calendar()`.
    """

    exceptions: dict[dt.date, bool]
    by_year: dict[int, dict[dt.date, bool]] = field(default_factory=dict)
    _dates: list[dt.date] = field(default_factory=list)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[dt.date, bool, bool]]) -> WorkingCalendar:
        exceptions: dict[dt.date, bool] = {}
        for day, is_day_off, is_workday in rows:
            if is_day_off:
                exceptions[day] = False
            elif is_workday:
                exceptions[day] = True
        by_year: dict[int, dict[dt.date, bool]] = {}
        for day, working in exceptions.items():
            by_year.setdefault(day.year, {})[day] = working
        return cls(exceptions=exceptions, by_year=by_year, _dates=sorted(exceptions))

    def years(self) -> list[int]:
        """Years for which the table holds at least one exception (outside them only Monday-Friday counts)."""
        return sorted(self.by_year)

    def is_working_day(self, day: dt.date) -> bool:
        working = self.exceptions.get(day)
        if working is None:
            return day.weekday() < 5
        return working

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days d with start < d <= end; negative (the count of end < d <= start) if end < start."""
        if end < start:
            return -self.working_days_between(end, start)
        count = _weekdays_through(end) - _weekdays_through(start)
        lo = bisect.bisect_right(self._dates, start)
        hi = bisect.bisect_right(self._dates, end)
        for day in self._dates[lo:hi]:
            usual = day.weekday() < 5
            working = self.exceptions[day]
            if usual and not working:
                count -= 1
            elif working and not usual:
                count += 1
        return count

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The `days`-th working day after `start` (start not counted); before it when `days` < 0; 0 -> start."""
        if days == 0:
            return start
        step = 1 if days > 0 else -1
        remaining = abs(days)
        day = start
        # Jump whole weeks first: a week never holds more than 7 working days, so the jump cannot overshoot.
        while remaining > 20:
            weeks = remaining // 7 - 1
            target = day + dt.timedelta(days=7 * weeks * step)
            if step > 0:
                remaining -= self.working_days_between(day, target)  # days in (day, target]
            else:
                remaining -= self.working_days_between(target - _ONE_DAY, day - _ONE_DAY)  # days in [target, day)
            day = target
        delta = _ONE_DAY * step
        while remaining > 0:
            day += delta
            if self.is_working_day(day):
                remaining -= 1
        return day


def _build(queryset: QuerySet[Holiday]) -> WorkingCalendar:
    return WorkingCalendar.from_rows(queryset.values_list("date", "is_day_off", "is_workday"))


_cache: TableCache[WorkingCalendar] = TableCache(Holiday, _build)


def working_calendar() -> WorkingCalendar:
    """The current calendar snapshot (one small query to check that the cached copy is still current)."""
    return _cache.get()


def forget_holidays() -> None:
    """Drop this process's copy; the next call reloads. Services call it after every change."""
    _cache.forget()


def is_working_day(day: dt.date) -> bool:
    """True for Monday-Friday unless the Holiday table makes it a day off; True for a recorded worked weekend."""
    return working_calendar().is_working_day(day)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date that is the `days`-th working day after `start` (start itself not counted)."""
    return working_calendar().add_working_days(start, days)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Number of working days d with start < d <= end (negative if end < start)."""
    return working_calendar().working_days_between(start, end)


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole calendar months, the day clamped to the month's end (31/01 + 1 -> 28 or 29/02)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    last = _stdlib_calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day.day, last))


def months_between(a: dt.date, b: dt.date) -> int:
    """Whole months from `a` to `b`: the largest m with add_months(a, m) <= b (negative, mirrored, if b < a).

    Age "in months" is months_between(birth_date, on): someone born 29/02/2004 is 216 months old on 28/02/2022.
    """
    if b < a:
        return -months_between(b, a)
    months = (b.year - a.year) * 12 + (b.month - a.month)
    if add_months(a, months) > b:
        months -= 1
    return months


def calendar_reminder(on: dt.date) -> CalendarReminder | None:
    """In December: next year's Tết and swapped days are to be confirmed by an administrator (None otherwise).

    Carries how many exceptions are recorded for next year and how many name the notice that decided them.
    """
    if on.month != 12:
        return None
    rows = list(Holiday.objects.filter(year=on.year + 1).values_list("date", "is_day_off", "is_workday", "basis"))
    return _reminder(on, rows)
