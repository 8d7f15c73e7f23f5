"""The figures service: every number a report quotes, computed from records for a subtree and a period.

Each app contributes its own counting function under a namespace (`register`), placed in the app's
`figures.py`; `compute` calls them all. A contributor receives a `FigureRequest` and returns a flat dict of
stable keys (documented in docs/figures.md). Contributors count with aggregate queries under the tree as it
stood on the relevant date (organizations.queries.subtree_versions_as_of), never by looping over members.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from organizations.models import Organization
from reports import predecessors


@dataclass(frozen=True)
class FigureRequest:
    """What to count: the organization's subtree, events in [date_from, date_to], stocks on as_of."""

    organization: Organization
    date_from: dt.date
    date_to: dt.date
    as_of: dt.date


Contributor = Callable[[FigureRequest], dict[str, Any]]
_contributors: dict[str, Contributor] = {}


def register(namespace: str) -> Callable[[Contributor], Contributor]:
    """Register an app's counting function under `namespace` (e.g. "members")."""

    def decorator(func: Contributor) -> Contributor:
        _contributors[namespace] = func
        return func

    return decorator


def autodiscover() -> None:
    """Import every installed app's `figures` module so its contributors register."""
    for app in apps.get_app_configs():
        if app.name == "reports":
            continue
        try:
            importlib.import_module(f"{app.name}.figures")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app.name}.figures":
                raise


def namespaces() -> list[str]:
    return sorted(_contributors)


def contributor(namespace: str) -> Contributor | None:
    """The counting function of one namespace (e.g. for an indicator computed from "members.admitted")."""
    return _contributors.get(namespace)


def make_request(
    *, organization: Organization, date_from: dt.date | None, date_to: dt.date | None, as_of: dt.date | None
) -> FigureRequest:
    """Fill defaults (as_of today, period = that calendar year up to as_of) and check the dates."""
    as_of = as_of or timezone.localdate()
    date_to = date_to or as_of
    date_from = date_from or dt.date(date_to.year, 1, 1)
    if date_from > date_to:
        raise DomainError(_("The period start must not be after its end."), field="from")
    return FigureRequest(organization=organization, date_from=date_from, date_to=date_to, as_of=as_of)


def compute(request: FigureRequest, *, with_predecessors: bool = False) -> dict[str, Any]:
    """All figures for the request, grouped by namespace, with what was counted.

    `with_predecessors`: count the subtrees of every predecessor as they stood then (reports.predecessors). The
    year-over-year keys (K_previous, K_change) use the predecessors by default when the organization is younger
    than the previous period.
    """
    if with_predecessors:
        counted, roots = predecessors.figures_with_predecessors(request, _contributors)
    else:
        counted, roots = {name: _contributors[name](request) for name in namespaces()}, []
    previous_roots = predecessors.previous_with_predecessors(request, counted, _contributors)
    return {
        "organization": {"id": request.organization.pk, "code": request.organization.code,
                         "name": request.organization.name},
        "period": {"from": request.date_from.isoformat(), "to": request.date_to.isoformat()},
        "as_of": request.as_of.isoformat(),
        "computed_at": timezone.localtime().isoformat(timespec="seconds"),
        "with_predecessors": with_predecessors,
        "predecessors": [predecessors.describe(root) for root in roots],
        "previous_with_predecessors": [predecessors.describe(root) for root in previous_roots],
        "figures": counted,
    }
