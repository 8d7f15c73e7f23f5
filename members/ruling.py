"""The members app's window on the rules app: every number of a rule is read here, with its citation.

No number of a rule is written in the members code; a missing rule is a DomainError naming the key.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.errors import DomainError
from rules import calendar as rules_calendar
from rules.errors import RuleMissing
from rules.queries import rule as rules_rule


def rule(key: str, *, on: dt.date) -> Any:
    """The version of rule `key` in force on `on` (.value, .citation ...)."""
    try:
        return rules_rule(key, on=on)
    except RuleMissing as exc:
        raise DomainError(
            _("Rule “%(key)s” is not configured for %(date)s; ask the administrator to enter it.")
            % {"key": key, "date": date_format(on, "SHORT_DATE_FORMAT")},
        ) from exc


def value(key: str, *, on: dt.date) -> Any:
    return rule(key, on=on).value


def citation(key: str, *, on: dt.date) -> str:
    """The regulation and article of a rule, e.g. "Quy định 294-QĐ/TW, §3.1"; the key if it is missing."""
    try:
        return str(rules_rule(key, on=on).citation)
    except RuleMissing:
        return key


def codes(items: Any) -> set[str]:
    """Codes from a rule value that lists codes as strings or as {"code": ...} objects."""
    found: set[str] = set()
    for item in items or []:
        if isinstance(item, dict):
            if item.get("code"):
                found.add(str(item["code"]))
        else:
            found.add(str(item))
    return found


# ----------------------------------------------------------------------------- the working-day calendar


def working_calendar() -> rules_calendar.WorkingCalendar:
    """A snapshot of the working-day calendar for loops over many rows (pure arithmetic afterwards)."""
    return rules_calendar.working_calendar()


def add_working_days(start: dt.date, n: int) -> dt.date:
    return rules_calendar.add_working_days(start, n)


def working_days_between(a: dt.date, b: dt.date) -> int:
    """Working days in (a, b]; negative when b is before a."""
    return rules_calendar.working_days_between(a, b)


def add_months(day: dt.date, n: int) -> dt.date:
    return rules_calendar.add_months(day, n)


def months_between(a: dt.date, b: dt.date) -> int:
    """Whole months from a to b."""
    return rules_calendar.months_between(a, b)


class Snapshot:
    """Rules and working-day calendar frozen for a long loop: no database access per row."""

    def __init__(self) -> None:
        from rules.queries import rulebook

        self.book = rulebook()
        self.calendar = rules_calendar.working_calendar()

    def rule(self, key: str, *, on: dt.date) -> Any:
        try:
            return self.book.rule(key, on=on)
        except RuleMissing as exc:
            raise DomainError(
                _("Rule “%(key)s” is not configured for %(date)s; ask the administrator to enter it.")
                % {"key": key, "date": date_format(on, "SHORT_DATE_FORMAT")},
            ) from exc

    def value(self, key: str, *, on: dt.date) -> Any:
        return self.rule(key, on=on).value

    def has(self, key: str, *, on: dt.date) -> bool:
        try:
            self.book.rule(key, on=on)
        except RuleMissing:
            return False
        return True

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        return self.calendar.add_working_days(start, n)  # type: ignore[no-any-return]

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        return self.calendar.working_days_between(a, b)  # type: ignore[no-any-return]
