"""A covered unit's own dated lifecycle: rename, dissolve, merge, split — each an event with the State decision
(e.g. the provincial People's Council's resolution merging two villages). Nothing is deleted: a merged or split
unit is dissolved on the date and keeps its history; the successors start on that date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from core.changelog import log_change, snapshot
from core.decisions import Decision
from core.errors import FaultList
from core.models import ChangeAction
from core.scope import CHANGE, require_in_scope
from organizations.models import CoveredUnit, CoveredUnitVersion, LinkRole, UnitEvent, UnitEventKind
from organizations.services.units import (
    NewUnit,
    build_unit,
    check_cell,
    check_code,
    check_day,
    check_decision,
    check_name,
    check_unit_can_change,
    link_unit,
    log_unit_event,
    new_unit_event,
    open_unit_version,
    set_cover,
    set_unit_names,
)


def _locked(unit: CoveredUnit) -> CoveredUnit:
    return CoveredUnit.objects.select_for_update().select_related("territory", "kind").get(pk=unit.pk)


def _end(actor: Any, unit: CoveredUnit, on: dt.date, event: UnitEvent, reason: str) -> None:
    """The unit stops existing on `on`: its version and coverage close, it is linked as the event's predecessor."""
    before = snapshot(unit)
    set_cover(actor, unit, None, on, reason)
    unit.dissolved_on = on
    unit.save(update_fields=["covered_by", "dissolved_on"])
    CoveredUnitVersion.objects.filter(unit=unit, valid_to__isnull=True).update(valid_to=on)
    link_unit(event, unit, LinkRole.SOURCE)
    log_change(actor=actor, action=ChangeAction.UPDATE, instance=unit, before=before, reason=reason)


@transaction.atomic
def covered_unit_rename(*, actor: Any, unit: CoveredUnit, new_name: str, effective_on: dt.date | None,
                        decision: Decision | None, reason: str = "") -> UnitEvent:
    """Rename a unit from a date on; the old name stays for earlier dates."""
    require_in_scope(unit, actor, CHANGE)
    unit = _locked(unit)
    faults = FaultList()
    check_day(effective_on, faults, field="effective_on")
    check_decision(decision, faults)
    check_unit_can_change(unit, effective_on, faults, field="unit")
    name = check_name(new_name, faults, field="new_name")
    if name and name == unit.name:
        faults.add(_("The new name is the same as the current one."), "new_name")
    faults.check()
    assert effective_on is not None and decision is not None
    event = new_unit_event(actor, UnitEventKind.RENAME, effective_on, decision, reason, {"from": unit.name, "to": name})
    link_unit(event, unit, LinkRole.SUBJECT)
    before = snapshot(unit)
    unit.name = name
    set_unit_names(unit)
    unit.save(update_fields=["name", "search_name", "sort_name"])
    open_unit_version(unit, effective_on, event=event)
    log_change(actor=actor, action=ChangeAction.UPDATE, instance=unit, before=before, reason=reason)
    log_unit_event(actor, event, reason)
    return event


@transaction.atomic
def covered_unit_dissolve(*, actor: Any, unit: CoveredUnit, dissolved_on: dt.date | None,
                          decision: Decision | None, reason: str = "") -> UnitEvent:
    """Dissolve a unit (a village abolished, a school closed): it and its coverage end on the date."""
    require_in_scope(unit, actor, CHANGE)
    unit = _locked(unit)
    faults = FaultList()
    check_day(dissolved_on, faults, field="effective_on")
    check_decision(decision, faults)
    check_unit_can_change(unit, dissolved_on, faults, field="unit")
    faults.check()
    assert dissolved_on is not None and decision is not None
    event = new_unit_event(actor, UnitEventKind.DISSOLVE, dissolved_on, decision, reason)
    _end(actor, unit, dissolved_on, event, reason)
    log_unit_event(actor, event, reason)
    return event


@transaction.atomic
def covered_unit_merge(*, actor: Any, sources: Sequence[CoveredUnit], target: CoveredUnit | NewUnit,
                       effective_on: dt.date | None, decision: Decision | None, reason: str = "") -> UnitEvent:
    """Merge units into an existing one or a new one (villages merged by a resolution of the provincial People's
    Council). A new successor lies on the first predecessor's territory, is of its kind and, unless it names its
    cell, is covered by the cell that covered every predecessor (if they had one and the same)."""
    for unit in sources:
        require_in_scope(unit, actor, CHANGE)
    units = [_locked(u) for u in dict.fromkeys(sources)]
    existing = _locked(target) if isinstance(target, CoveredUnit) else None
    faults = FaultList()
    check_day(effective_on, faults, field="effective_on")
    check_decision(decision, faults)
    if len({*units, *([existing] if existing else [])}) < 2:
        faults.add(_("A merger needs at least two units."), "sources")
    for unit in [*units, *([existing] if existing else [])]:
        check_unit_can_change(unit, effective_on, faults, field="sources")
    if isinstance(target, NewUnit):
        _check_new(target, units[0] if units else None, effective_on, faults, field="target")
    faults.check()
    assert effective_on is not None and decision is not None
    event = new_unit_event(actor, UnitEventKind.MERGE, effective_on, decision, reason)
    ending = [u for u in units if existing is None or u.pk != existing.pk]
    if existing is not None:
        require_in_scope(existing, actor, CHANGE)
        link_unit(event, existing, LinkRole.TARGET)
        successor = existing
    else:
        assert isinstance(target, NewUnit)
        cells = {u.covered_by_id for u in units}
        cell = target.covered_by or (units[0].covered_by if len(cells) == 1 else None)
        successor = _build(actor, target, units[0], cell, effective_on, event, reason)
    for unit in ending:
        _end(actor, unit, effective_on, event, reason)
    event.details = {"successor": successor.pk}
    event.save(update_fields=["details"])
    log_unit_event(actor, event, reason)
    return event


@transaction.atomic
def covered_unit_split(*, actor: Any, source: CoveredUnit, targets: Sequence[NewUnit], effective_on: dt.date | None,
                       decision: Decision | None, reason: str = "") -> UnitEvent:
    """Split a unit into two or more new ones on its territory (unless given); each names its cell, if any."""
    require_in_scope(source, actor, CHANGE)
    source = _locked(source)
    faults = FaultList()
    check_day(effective_on, faults, field="effective_on")
    check_decision(decision, faults)
    check_unit_can_change(source, effective_on, faults, field="source")
    if len(targets) < 2:
        faults.add(_("A split needs at least two successors."), "targets")
    taken: set[str] = set()
    for index, spec in enumerate(targets):
        _check_new(spec, source, effective_on, faults, field=f"targets.{index}", taken=taken)
        taken.add(spec.code.strip())
    faults.check()
    assert effective_on is not None and decision is not None
    event = new_unit_event(actor, UnitEventKind.SPLIT, effective_on, decision, reason)
    successors = [_build(actor, spec, source, spec.covered_by, effective_on, event, reason) for spec in targets]
    _end(actor, source, effective_on, event, reason)
    event.details = {"successors": [u.pk for u in successors]}
    event.save(update_fields=["details"])
    log_unit_event(actor, event, reason)
    return event


def _check_new(spec: NewUnit, model: CoveredUnit | None, on: dt.date | None, faults: FaultList, *, field: str,
               taken: set[str] | None = None) -> None:
    check_code(spec.code, faults, field=f"{field}.code", taken=taken)
    check_name(spec.name, faults, field=f"{field}.name")
    territory = spec.territory or (model.territory if model else None)
    if territory is not None:
        check_cell(spec.covered_by, territory, on, faults, field=f"{field}.covered_by")


def _build(actor: Any, spec: NewUnit, model: CoveredUnit, cell: Any, on: dt.date, event: UnitEvent,
           reason: str) -> CoveredUnit:
    territory = spec.territory or model.territory
    require_in_scope(territory, actor, CHANGE)
    return build_unit(actor, code=spec.code.strip(), name=" ".join(spec.name.split()), kind=spec.kind or model.kind,
                      territory=territory, covered_by=cell, on=on, event=event, reason=reason)
