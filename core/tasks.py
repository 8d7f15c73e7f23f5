"""The home page's extension point: apps register "task providers" that say what needs doing.

A provider is a function `provider(user, organization, on) -> Tasks`: what needs doing in the organization's
subtree on the date, as groups of counted items with links, and the frequent acts it offers as big buttons.
Every count is also broken down by the organization the item belongs to (`TaskGroup.by_organization`, keyed by
the id of the organization of each item), so that the home page can sum it per child organization without
asking the provider again. Providers read through their app's scoped queries (core.scope): what the user may
not see is not counted. A provider must keep its query count independent of the subtree's size.

Apps register with `register(provider)` in a module `<app>/tasks.py`, found by `providers()` the first time it
is asked (like the admin's autodiscovery): core imports no app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class TaskEntry:
    """One thing to do: a person's deadline, a letter to present..."""

    label: str  # what: "Nguyễn Văn A — Admission ceremony due by"
    url: str
    when: str = ""  # the deadline in words ("còn 3 ngày làm việc", "quá hạn 2 ngày làm việc")
    urgent: bool = False  # overdue


@dataclass
class TaskGroup:
    """A counted kind of thing to do, with a link to the page that lists them all."""

    key: str  # stable identifier (never shown)
    title: str
    count: int
    url: str
    urgent: int = 0  # how many of them are overdue
    entries: list[TaskEntry] = field(default_factory=list)  # the first few, overdue first
    by_organization: dict[int, int] = field(default_factory=dict)  # count per organization id of the items
    short: str = ""  # a short title for the per-organization summary ("Deadlines")


@dataclass(frozen=True)
class TaskAction:
    """A frequent act, shown as a big button."""

    key: str
    label: str
    url: str
    primary: bool = False
    search: str = ""  # when set, shown as a search box sending its text as this query parameter to `url`
    hidden: tuple[tuple[str, str], ...] = ()  # the search box's other query parameters


@dataclass
class Tasks:
    groups: list[TaskGroup] = field(default_factory=list)
    actions: list[TaskAction] = field(default_factory=list)


Provider = Callable[[Any, Any, dt.date], Tasks]

_PROVIDERS: list[Provider] = []
_DISCOVERED = False


def register(provider: Provider) -> Provider:
    """Add a provider (usable as a decorator); registering the same function twice keeps one."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def providers() -> list[Provider]:
    """The registered providers, after importing every installed app's `tasks` module once."""
    global _DISCOVERED
    if not _DISCOVERED:
        autodiscover_modules("tasks")
        _DISCOVERED = True
    return list(_PROVIDERS)


def collect(user: Any, organization: Any, on: dt.date) -> Tasks:
    """Every provider's groups and actions for the organization's subtree on the date, in registration order."""
    found = Tasks()
    for provider in providers():
        tasks = provider(user, organization, on)
        found.groups.extend(tasks.groups)
        found.actions.extend(tasks.actions)
    return found


def days_in_words(days_left: int) -> str:
    """Working days to a deadline in words: "today", "3 working days left", "2 working days overdue"."""
    if days_left == 0:
        return _("due today")
    if days_left > 0:
        return ngettext("%(n)s working day left", "%(n)s working days left", days_left) % {"n": days_left}
    late = -days_left
    return ngettext("%(n)s working day overdue", "%(n)s working days overdue", late) % {"n": late}
