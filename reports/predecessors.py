"""Figures "with predecessors": an organization younger than the period counted through the ones it took over from.

For an organization and a period or date, the subtrees of all its predecessors (transitively through mergers
and splits, organizations.lineage.predecessor_roots) are counted as they stood then, and the figures are summed
key by key. A predecessor that stood inside another predecessor's subtree is left out, so nothing is counted
twice. Numbers are summed; any other value (a text, a list) is kept only when every predecessor gives the same.

Year-over-year keys (K_previous and K_change, the convention of documents, inspection, mobilisation, ...) use the
predecessors by default when the organization was established after the start of the previous period: its own
subtree did not exist then, so "the same period a year before" is the period of its predecessors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from core.dates import year_before
from organizations.lineage import Root, predecessor_roots

if TYPE_CHECKING:
    from core.figures import FigureRequest

Contributors = dict[str, Callable[["FigureRequest"], dict[str, Any]]]
_MISSING = object()



def describe(root: Root) -> dict[str, Any]:
    return {"id": root.organization.pk, "code": root.organization.code, "name": root.organization.name,
            "on": root.on.isoformat()}


def sum_figures(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """Key by key: numbers added, other values kept when all parts agree (else None)."""
    total: dict[str, Any] = {}
    for part in parts:
        for key, value in part.items():
            held = total.get(key, _MISSING)
            if held is _MISSING:
                total[key] = value
            elif _is_number(held) and _is_number(value):
                total[key] = held + value
            elif held != value:
                total[key] = None
    return total


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _roots(request: FigureRequest) -> list[Root]:
    return predecessor_roots(request.organization, date_from=request.date_from, date_to=request.date_to,
                             as_of=request.as_of)


def _summed(request: FigureRequest, roots: list[Root], contributors: Contributors,
            names: list[str]) -> dict[str, dict[str, Any]]:
    return {name: sum_figures([contributors[name](replace(request, organization=root.organization))
                               for root in roots]) for name in names}


def figures_with_predecessors(request: FigureRequest,
                              contributors: Contributors) -> tuple[dict[str, dict[str, Any]], list[Root]]:
    """Every namespace summed over the predecessor roots of the request's organization."""
    roots = _roots(request)
    return _summed(request, roots, contributors, sorted(contributors)), roots


def is_younger_than_previous_period(request: FigureRequest) -> bool:
    return request.organization.established_on > year_before(request.date_from)


def previous_with_predecessors(request: FigureRequest, counted: dict[str, dict[str, Any]],
                               contributors: Contributors) -> list[Root]:
    """Rewrite K_previous and K_change from the predecessors when the organization is younger than the previous
    period (in place); the roots used, or [] when nothing was rewritten."""
    if not is_younger_than_previous_period(request):
        return []
    names = [name for name, values in counted.items() if any(key.endswith("_previous") for key in values)]
    if not names:
        return []
    shifted = replace(request, date_from=year_before(request.date_from), date_to=year_before(request.date_to),
                      as_of=year_before(request.as_of))
    roots = _roots(shifted)
    before = _summed(shifted, roots, contributors, names)
    for name in names:
        values = counted[name]
        for key in [k for k in values if k.endswith("_previous")]:
            base = key.removesuffix("_previous")
            if base not in values or not _is_number(values[base]):
                continue
            previous = before[name].get(base) or 0
            values[key] = previous
            if f"{base}_change" in values:
                values[f"{base}_change"] = values[base] - previous
    return roots
