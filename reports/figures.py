"""Computing the figures: every number a report quotes, for a subtree and a period, from every contributor.

The registry itself lives in core (core.figures: each app registers its counting function and labels from its
own `figures.py`); this module fills a request's defaults (`make_request`) and runs every contributor
(`compute`, or only the namespaces asked for), with or without the organization's predecessors (reports.predecessors).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.figures import Contributor, FigureRequest, contributors
from core.figures.cache import cached
from organizations.models import Organization
from reports import predecessors


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


def parse_namespaces(value: str | list[str] | None) -> list[str] | None:
    """The namespaces asked for ("members,rating" or a list of names), in registry order; None (all) when empty.

    Every unknown name is refused at once (DomainError on the field "namespaces")."""
    if value is None:
        return None
    parts = value if isinstance(value, list) else [value]
    asked = list(dict.fromkeys(name.strip() for part in parts for name in part.split(",") if name.strip()))
    if not asked:
        return None
    registered = contributors()
    unknown = [name for name in asked if name not in registered]
    if unknown:
        raise DomainError(_("Unknown figure namespaces: %(names)s. Known: %(known)s.")
                          % {"names": ", ".join(unknown), "known": ", ".join(sorted(registered))},
                          field="namespaces")
    return sorted(asked)


def compute(request: FigureRequest, *, with_predecessors: bool = False,
            namespaces: list[str] | None = None) -> dict[str, Any]:
    """All figures for the request, grouped by namespace, with what was counted.

    `namespaces`: count only these (names checked by `parse_namespaces`; None: every registered namespace). Each
    contributor counts its namespace alone, so one namespace costs that namespace's queries only.
    `with_predecessors`: count the subtrees of every predecessor as they stood then (reports.predecessors). The
    year-over-year keys (K_previous, K_change) use the predecessors by default when the organization is younger
    than the previous period.

    Answers are kept in the figures cache (core.figures.cache) under these parameters and the write watermark:
    a call after any committed write counts afresh; `computed_at` says when the answer was counted.
    """
    asked = parse_namespaces(namespaces) if namespaces is not None else None
    parts = (request.organization.pk, request.date_from, request.date_to, request.as_of, with_predecessors,
             tuple(asked) if asked else None)
    return cached(parts, lambda: _compute(request, with_predecessors=with_predecessors, namespaces=asked))


def _compute(request: FigureRequest, *, with_predecessors: bool, namespaces: list[str] | None) -> dict[str, Any]:
    registered: dict[str, Contributor] = dict(sorted(contributors().items()))
    if namespaces:
        registered = {name: registered[name] for name in namespaces}
    if with_predecessors:
        counted, roots = predecessors.figures_with_predecessors(request, registered)
    else:
        counted, roots = {name: count(request) for name, count in registered.items()}, []
    previous_roots = predecessors.previous_with_predecessors(request, counted, registered)
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
