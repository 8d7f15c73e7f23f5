"""The organization changes that announce themselves (core.events): the tree and covered units.

An organization's change names the organization, its parent and the date it took effect: its founding or
dissolution, or for a rename, move, merger or split the start of the version it opened. (A lineage event itself
is logged before its links are written; the changes of the organizations it links carry its date.)

A covered unit's change (created, assigned to a cell from a date, renamed, dissolved, passed to a successor
territory) names its territory, the cells that covered it before and after, and the date of the change (the
latest date the unit's records hold: the services refuse a change dated before the last one). A unit event
(establish, rename, merge, split, dissolve) is logged once its units are linked and names every linked unit's
territory and the cells whose coverage of them ended or began on its date. A coverage names its cell and the
unit's territory from its start to its end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from core.events import declare
from organizations.models import Coverage, CoveredUnitVersion


def _effective(organization: Any) -> tuple[Iterable[int], Iterable[dt.date]]:
    """The start of the organization's latest version: the date of the change that opened it."""
    latest = organization.versions.order_by("-valid_from").values_list("valid_from", flat=True).first()
    return (), [latest] if latest else []


def _unit_change(unit: Any) -> tuple[Iterable[int], Iterable[dt.date]]:
    """The date of the unit's latest change (a version or coverage opened or closed), and the cells on it."""
    days = [unit.established_on, unit.dissolved_on]
    days += list(unit.versions.values_list("valid_from", flat=True))
    for start, end in unit.coverages.values_list("valid_from", "valid_to"):
        days += [start, end]
    known = [day for day in days if day is not None]
    if not known:
        return (), []
    latest = max(known)
    cells = unit.coverages.filter(Q(valid_from=latest) | Q(valid_to=latest)).values_list("cell_id", flat=True)
    return list(cells), [latest]


def _unit_event(event: Any) -> tuple[Iterable[int], Iterable[dt.date]]:
    """The territories of the units an event links (then and now) and the cells covering them on either side of
    its date."""
    units = list(event.links.values_list("unit_id", flat=True))
    organizations: list[int] = []
    organizations += CoveredUnitVersion.objects.filter(unit_id__in=units).filter(
        Q(valid_from=event.effective_on) | Q(valid_to=event.effective_on)).values_list("territory_id", flat=True)
    organizations += event.links.values_list("unit__territory_id", flat=True)
    organizations += Coverage.objects.filter(unit_id__in=units).filter(
        Q(valid_from=event.effective_on) | Q(valid_to=event.effective_on)).values_list("cell_id", flat=True)
    return organizations, []


declare("organizations.organization", organizations=("pk", "parent_id"), dates=("established_on", "dissolved_on"),
        more=_effective)
declare("organizations.coveredunit", organizations=("territory_id", "covered_by_id"),
        dates=("established_on", "dissolved_on"), more=_unit_change)
declare("organizations.coverage", organizations=("cell_id", "unit.territory_id"), dates=("valid_from", "valid_to"))
declare("organizations.unitevent", organizations=(), dates=("effective_on",), more=_unit_event)
