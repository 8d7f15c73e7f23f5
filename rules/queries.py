"""Reading rules: the version of a rule in force on a date.

Rules are installation-wide reference data (like organization kinds), readable by every signed-in user, so
they are not scoped by `core.scope.restrict`. Lookups use an in-process copy of the table that is rebuilt when
the table changes (see rules/caching.py); the objects returned are copies, safe to modify.
"""

from __future__ import annotations

import bisect
import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from rules.caching import TableCache
from rules.errors import RuleMissing
from rules.models import RuleVersion

__all__ = ["RuleBook", "RuleMissing", "RuleVersion", "rule", "rule_value", "rule_versions", "rulebook"]


@dataclass(frozen=True)
class RuleBook:
    """A snapshot of every rule version, grouped by key and ordered by start date. Pure lookups."""

    by_key: dict[str, list[RuleVersion]]
    starts: dict[str, list[dt.date]]

    @classmethod
    def from_versions(cls, versions: list[RuleVersion]) -> RuleBook:
        by_key: dict[str, list[RuleVersion]] = {}
        for version in sorted(versions, key=lambda v: (v.key, v.valid_from)):
            by_key.setdefault(version.key, []).append(version)
        return cls(by_key=by_key, starts={k: [v.valid_from for v in vs] for k, vs in by_key.items()})

    def rule_keys(self) -> list[str]:
        return sorted(self.by_key)

    def rule(self, key: str, *, on: dt.date) -> RuleVersion:
        on = _as_date(on)
        starts = self.starts.get(key, [])
        index = bisect.bisect_right(starts, on) - 1
        if index >= 0:
            version = self.by_key[key][index]
            if version.in_force_on(on):
                result = copy.copy(version)
                result.value = copy.deepcopy(version.value)
                return result
        raise RuleMissing(key, on)

    def value(self, key: str, *, on: dt.date) -> Any:
        return self.rule(key, on=on).value


def _as_date(on: dt.date) -> dt.date:
    if isinstance(on, dt.datetime):
        return on.date()
    if not isinstance(on, dt.date):
        raise TypeError(f"a date is required, not {type(on).__name__}")
    return on


def _build(queryset: QuerySet[RuleVersion]) -> RuleBook:
    return RuleBook.from_versions(list(queryset))


_cache: TableCache[RuleBook] = TableCache(RuleVersion, _build)


def rulebook() -> RuleBook:
    """The current snapshot; use it for long loops (one freshness check instead of one per lookup)."""
    return _cache.get()


def forget_rules() -> None:
    """Drop this process's copy; services call it after every change."""
    _cache.forget()


def rule(key: str, *, on: dt.date) -> RuleVersion:
    """The version of rule `key` in force on `on` (valid_from <= on < valid_to, or open). RuleMissing if none."""
    return rulebook().rule(key, on=on)


def rule_value(key: str, *, on: dt.date) -> Any:
    """Shortcut for rule(key, on=on).value."""
    return rulebook().value(key, on=on)


def rule_versions(key: str | None = None) -> QuerySet[RuleVersion]:
    """Every version (of one key, if given), oldest first: for the rules pages and documentation."""
    queryset = RuleVersion.objects.order_by("key", "valid_from")
    return queryset.filter(key=key) if key is not None else queryset
