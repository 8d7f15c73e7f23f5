"""Covered units: register one, the cell covering it from a date, and what a restructuring of the tree does to
the units on a territory and to the units a dissolved cell covered.

Coverage is history: a cell covers a unit from a date until the next assignment (`Coverage` rows, never
overwritten); the unit's name and territory are versioned (`CoveredUnitVersion`). `CoveredUnit.covered_by`,
`.territory` and `.name` are today's values, kept here. The unit's own events (rename, dissolve, merge, split)
are in `unit_events`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.changelog import log_change, snapshot
from core.decisions import EARLIEST_YEAR, LATEST_YEAR, Decision
from core.errors import FaultList
from core.models import ChangeAction
from core.scope import CHANGE, require_in_scope
from core.text import fold, title_sort_key
from core.validators import refuse_control_characters_in
from organizations.models import (
    Coverage,
    CoveredUnit,
    CoveredUnitKind,
    CoveredUnitVersion,
    LineageEvent,
    LinkRole,
    Organization,
    UnitEvent,
    UnitEventKind,
    UnitEventLink,
)
from organizations.services.tree import _Context


@dataclass(frozen=True)
class NewUnit:
    """A unit that a merger or split of units establishes (kind, territory: the predecessor's unless given)."""

    code: str
    name: str
    kind: CoveredUnitKind | None = None
    territory: Organization | None = None
    covered_by: Organization | None = None


def _fmt(day: dt.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


# ----------------------------------------------------------------------------- checks (each adds to a FaultList)


def check_code(code: str, faults: FaultList, *, field: str = "code", taken: set[str] | None = None) -> str:
    code = (code or "").strip()
    if not code or len(code) > 50 or any(ch.isspace() or not ch.isprintable() for ch in code):
        faults.add(_("The code is required: at most 50 characters without spaces."), field)
    elif CoveredUnit.objects.filter(code=code).exists() or code in (taken or set()):
        faults.add(_("The code “%(code)s” is already used.") % {"code": code}, field)
    return code


def check_name(name: str, faults: FaultList, *, field: str = "name") -> str:
    name = " ".join((name or "").split())
    if not name:
        faults.add(_("The name is required."), field)
    elif len(name) > 255 or any(not ch.isprintable() for ch in name):
        faults.add(_("The name must be at most 255 printable characters."), field)
    return name


def check_day(day: dt.date | None, faults: FaultList, *, field: str, required: bool = True) -> None:
    if day is None:
        if required:
            faults.add(_("The date is required."), field)
    elif not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        faults.add(_("The date %(date)s is not plausible.") % {"date": day.strftime("%d/%m/%Y")}, field)


def check_cell(cell: Organization | None, territory: Organization, on: dt.date | None, faults: FaultList,
               *, field: str = "covered_by") -> None:
    """The covering cell: an organization holding members, in the territory's subtree, existing on the date."""
    if cell is None:
        return
    if not cell.path.startswith(territory.path):
        faults.add(_("%(cell)s is not under %(territory)s.") % {"cell": cell.name, "territory": territory.name}, field)
    elif not cell.kind.holds_members:
        faults.add(_("%(cell)s is not a cell (no members are registered there).") % {"cell": cell.name}, field)
    elif cell.dissolved_on is not None and (on is None or on >= cell.dissolved_on):
        faults.add(_("%(cell)s has been dissolved.") % {"cell": cell.name}, field)
    elif on is not None and on < cell.established_on:
        faults.add(_("%(cell)s was established on %(date)s, after this date.")
                   % {"cell": cell.name, "date": _fmt(cell.established_on)}, field)


def check_unit_can_change(unit: CoveredUnit, on: dt.date | None, faults: FaultList, *, field: str) -> None:
    """The unit exists and the date is not before its last recorded change (history is appended, not rewritten)."""
    if unit.dissolved_on is not None:
        faults.add(_("%(name)s was dissolved on %(date)s; a dissolved unit cannot change.")
                   % {"name": unit.name, "date": _fmt(unit.dissolved_on)}, field)
        return
    if on is None:
        return
    latest = last_change_of(unit)
    if latest is not None and on < latest:
        faults.add(_("The date is before the last recorded change of %(name)s (%(date)s).")
                   % {"name": unit.name, "date": _fmt(latest)}, "effective_on")


def last_change_of(unit: CoveredUnit) -> dt.date | None:
    days = [unit.established_on]
    days += list(unit.versions.exclude(valid_from=None).values_list("valid_from", flat=True))
    days += list(unit.coverages.exclude(valid_from=None).values_list("valid_from", flat=True))
    known = [day for day in days if day is not None]
    return max(known) if known else None


def check_decision(decision: Decision | None, faults: FaultList) -> None:
    if decision is None:
        faults.add(_("The decision number is required."), "decision_number")
    else:
        faults.extend(decision.faults())


# ----------------------------------------------------------------------------- writing blocks


def new_unit_event(actor: Any, kind: str, on: dt.date, decision: Decision, reason: str,
                   details: dict[str, Any] | None = None) -> UnitEvent:
    """The event, saved; the service logs it (`log_unit_event`) once its units are linked, so that its change
    names them (core.events: the organizations and date a subscriber hears)."""
    event = UnitEvent(kind=kind, effective_on=on, details=details or {}, note=reason, created_by=_user(actor))
    event.set_decision(decision)
    refuse_control_characters_in(event)
    event.save()
    return event


def log_unit_event(actor: Any, event: UnitEvent, reason: str) -> None:
    log_change(actor=actor, action=ChangeAction.CREATE, instance=event, reason=reason)


def link_unit(event: UnitEvent, unit: CoveredUnit, role: str) -> None:
    UnitEventLink.objects.create(event=event, unit=unit, role=role)


def open_unit_version(unit: CoveredUnit, on: dt.date | None, *, event: UnitEvent | None = None,
                      lineage_event: LineageEvent | None = None) -> None:
    CoveredUnitVersion.objects.filter(unit=unit, valid_to__isnull=True).update(valid_to=on)
    CoveredUnitVersion.objects.create(unit=unit, valid_from=on, name=unit.name, territory=unit.territory,
                                      event=event, lineage_event=lineage_event)


def set_cover(actor: Any, unit: CoveredUnit, cell: Organization | None, on: dt.date | None, note: str = "") -> None:
    """End the open coverage on `on` and, with a cell, open the next one from `on` (None: since a date unknown)."""
    Coverage.objects.filter(unit=unit, valid_to__isnull=True).update(valid_to=on)
    if cell is not None:
        coverage = Coverage.objects.create(unit=unit, cell=cell, valid_from=on, note=note, created_by=_user(actor))
        log_change(actor=actor, action=ChangeAction.CREATE, instance=coverage, reason=note)
    unit.covered_by = cell


def set_unit_names(unit: CoveredUnit) -> None:
    unit.search_name = fold(unit.name)
    unit.sort_name = title_sort_key(unit.name)


def build_unit(actor: Any, *, code: str, name: str, kind: CoveredUnitKind, territory: Organization,
               covered_by: Organization | None, on: dt.date | None, event: UnitEvent | None,
               reason: str) -> CoveredUnit:
    """Save a checked new unit with its first version and coverage (both from `on`, None: date unknown)."""
    unit = CoveredUnit(code=code, name=name, kind=kind, territory=territory, established_on=on)
    set_unit_names(unit)
    refuse_control_characters_in(unit, fields=["code", "name"])
    unit.save()
    open_unit_version(unit, on, event=event)
    set_cover(actor, unit, covered_by, on, reason)
    unit.save(update_fields=["covered_by"])
    if event is not None:
        link_unit(event, unit, LinkRole.TARGET)
    log_change(actor=actor, action=ChangeAction.CREATE, instance=unit, reason=reason)
    return unit


# ----------------------------------------------------------------------------- services


@transaction.atomic
def covered_unit_create(
    *,
    actor: Any,
    code: str,
    name: str,
    kind: CoveredUnitKind | None,
    territory: Organization,
    covered_by: Organization | None = None,
    established_on: dt.date | None = None,
    decision: Decision | None = None,
    reason: str = "",
) -> CoveredUnit:
    """Register a village, school, clinic or agency on an organization's territory.

    Without `established_on` the unit exists "since a date unknown" (shown as such); with it and the State
    decision, its establishment is an event. A covering cell covers it from the same date."""
    require_in_scope(territory, actor, CHANGE)
    faults = FaultList()
    code = check_code(code, faults)
    name = check_name(name, faults)
    if kind is None:
        faults.add(_("Choose the kind of unit."), "kind")
    check_day(established_on, faults, field="established_on", required=False)
    if established_on is not None and established_on < territory.established_on:
        faults.add(_("The date is before %(name)s was established (%(date)s).")
                   % {"name": territory.name, "date": _fmt(territory.established_on)}, "established_on")
    if decision is not None:
        faults.extend(decision.faults())
        if established_on is None:
            faults.add(_("Give the date the decision established the unit."), "established_on")
    check_cell(covered_by, territory, established_on, faults)
    faults.check()
    assert kind is not None
    event = None
    if decision is not None and established_on is not None:
        event = new_unit_event(actor, UnitEventKind.ESTABLISH, established_on, decision, reason)
    unit = build_unit(actor, code=code, name=name, kind=kind, territory=territory, covered_by=covered_by,
                      on=established_on, event=event, reason=reason)
    if event is not None:
        log_unit_event(actor, event, reason)
    require_in_scope(unit, actor, CHANGE)
    return unit


@transaction.atomic
def covered_unit_assign(
    *, actor: Any, unit: CoveredUnit, covered_by: Organization | None, effective_on: dt.date | None = None,
    reason: str = "",
) -> CoveredUnit:
    """From `effective_on` on, the unit is covered by `covered_by` (or by no cell: "chưa có chi bộ").

    The previous coverage ends on that date and stays in the history; a joint cell ("sinh hoạt ghép") is simply
    a cell assigned to several units."""
    require_in_scope(unit, actor, CHANGE)
    unit = CoveredUnit.objects.select_for_update().select_related("territory").get(pk=unit.pk)
    faults = FaultList()
    check_day(effective_on, faults, field="effective_on")
    check_unit_can_change(unit, effective_on, faults, field="unit")
    check_cell(covered_by, unit.territory, effective_on, faults)
    if covered_by is not None and covered_by.pk == unit.covered_by_id:
        faults.add(_("%(cell)s already covers %(unit)s.") % {"cell": covered_by.name, "unit": unit.name}, "covered_by")
    if covered_by is None and unit.covered_by_id is None:
        faults.add(_("%(unit)s has no cell already.") % {"unit": unit.name}, "covered_by")
    faults.check()
    before = snapshot(unit)
    set_cover(actor, unit, covered_by, effective_on, reason)
    unit.save(update_fields=["covered_by"])
    log_change(actor=actor, action=ChangeAction.UPDATE, instance=unit, before=before, reason=reason)
    require_in_scope(unit, actor, CHANGE)
    return unit


# ----------------------------------------------------------------------------- restructurings of the tree


def move_units_to_successor(source: Organization, successor: Organization, ctx: _Context,
                            event: LineageEvent | None = None) -> None:
    """On a merger or split of organizations: units on the predecessor's territory pass to the successor's from the
    event's date, and units the predecessor covered as a cell are covered by the successor (if it is a cell)."""
    for unit in CoveredUnit.objects.filter(territory=source, dissolved_on__isnull=True):
        before = snapshot(unit)
        unit.territory = successor
        unit.save(update_fields=["territory"])
        open_unit_version(unit, ctx.effective_on, lineage_event=event)
        log_change(actor=ctx.actor, action=ChangeAction.UPDATE, instance=unit, before=before, reason=ctx.reason)
    end_cover_by(source, ctx, successor if successor.kind.holds_members else None)


def end_cover_by(cell: Organization, ctx: _Context, successor: Organization | None = None) -> None:
    """A cell ends: the units it covered pass to its successor cell, or have no cell from that date."""
    for unit in CoveredUnit.objects.filter(covered_by=cell, dissolved_on__isnull=True):
        before = snapshot(unit)
        set_cover(ctx.actor, unit, successor, ctx.effective_on, ctx.reason)
        unit.save(update_fields=["covered_by"])
        log_change(actor=ctx.actor, action=ChangeAction.UPDATE, instance=unit, before=before, reason=ctx.reason)

