"""The figures registry: each app registers, from its own `figures.py`, the function that counts its figures.

A contributor receives a `FigureRequest` (an organization's subtree, events in [date_from, date_to], stocks on
as_of) and returns a flat dict of stable keys (docs/figures.md). The registry lives in core so that every app can
contribute and read it (targets computes indicators from "members.admitted") without importing the app that
shows the figures (reports, which computes them all through `contributors()`).

Every installed app's `figures` module is imported the first time the registry is read (`core.apps_modules`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.apps_modules import import_from_apps


@dataclass(frozen=True)
class FigureRequest:
    """What to count: the organization's subtree, events in [date_from, date_to], stocks on as_of.

    `organization` is an organizations.Organization (typed loosely: core sits below organizations)."""

    organization: Any
    date_from: dt.date
    date_to: dt.date
    as_of: dt.date


Contributor = Callable[[FigureRequest], dict[str, Any]]
_contributors: dict[str, Contributor] = {}
_discovered = False


def register(namespace: str) -> Callable[[Contributor], Contributor]:
    """Register an app's counting function under `namespace` (e.g. "members")."""

    def decorator(func: Contributor) -> Contributor:
        _contributors[namespace] = func
        return func

    return decorator


def autodiscover() -> None:
    """Import every installed app's `figures` module (once) so its contributors and labels register."""
    global _discovered
    if not _discovered:
        _discovered = True
        import_from_apps("figures")


def contributors() -> dict[str, Contributor]:
    """Every registered contributor by namespace (the registry itself: callers must not change it)."""
    autodiscover()
    return _contributors


def namespaces() -> list[str]:
    return sorted(contributors())


def contributor(namespace: str) -> Contributor | None:
    """The counting function of one namespace (e.g. for an indicator computed from "members.admitted")."""
    return contributors().get(namespace)
