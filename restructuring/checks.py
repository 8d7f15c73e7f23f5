"""Checking a plan's rows against the tree before anything is written, and ordering them into steps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from core.decisions import Decision
from core.scope import covers
from organizations.models import Organization, OrganizationKind
from restructuring import appointments
from restructuring.appointments import Appointment
from restructuring.models import ORG_CHANGE
from restructuring.rows import DISSOLVE, MERGE, MOVE, RENAME, Fault, action_of, decision_of


@dataclass
class NewSpec:
    """An organization the plan establishes."""

    row: int
    code: str
    name: str
    kind: OrganizationKind
    parent_code: str
    decision: Decision


@dataclass
class Steps:
    """What the plan does, in the order it is done."""

    new: list[NewSpec] = field(default_factory=list)
    merges: dict[str, list[tuple[int, Organization, Decision]]] = field(default_factory=dict)  # target -> sources
    moves: list[tuple[int, Organization, str, Decision]] = field(default_factory=list)
    renames: list[tuple[int, Organization, str, Decision]] = field(default_factory=list)
    dissolves: list[tuple[int, Organization, str, Decision]] = field(default_factory=list)
    existing: dict[str, Organization] = field(default_factory=dict)
    appointments: list[Appointment] = field(default_factory=list)


def check_rows(rows: list[dict[str, Any]], *, actor: Any, effective_on: dt.date,
               default: Decision) -> tuple[Steps, list[Fault]]:
    """Every fault of every row at once; the steps when there is none."""
    faults: list[Fault] = []
    steps = Steps()
    if not rows:
        return steps, [Fault(None, "", _("The plan has no rows."))]
    codes = {r.get(k, "") for r in rows for k in ("old_code", "new_code", "new_parent")} - {""}
    steps.existing = {o.code: o for o in Organization.objects.filter(code__in=codes).select_related("kind", "parent")}
    kinds = {k.code: k for k in OrganizationKind.objects.all()}
    kinds |= {k.name.casefold(): k for k in kinds.values()}
    new_codes = {r.get("new_code", "") for r in rows if action_of(r) == MERGE} - set(steps.existing) - {""}
    used: dict[str, int] = {}
    new_by_code: dict[str, NewSpec] = {}
    for row in rows:
        number = row["row"]
        before = len(faults)
        action = action_of(row)
        if action is None:
            faults.append(Fault(number, "action", _("Unknown action “%(value)s”: write merge, move, rename, "
                                                    "dissolve or appoint.") % {"value": row.get("action", "")}))
            continue
        if action == appointments.APPOINT:
            item = appointments.check(row, known_codes=set(steps.existing) | new_codes, default=default, actor=actor,
                                      faults=faults)
            steps.appointments += [item] if item else []
            continue
        decision = decision_of(row, default, faults)
        old = _old(row, steps, actor, effective_on, used, faults)
        if action == MERGE:
            target_code = row.get("new_code", "")
            if not target_code:
                faults.append(Fault(number, "new_code", _("Say which organization it merges into.")))
            elif target_code in new_codes:
                spec = _new_spec(row, kinds, steps, new_codes, decision, faults)
                known = new_by_code.setdefault(target_code, spec) if spec else None
                if spec and known and (known.name, known.kind, known.parent_code) != (spec.name, spec.kind,
                                                                                       spec.parent_code):
                    faults.append(Fault(number, "new_name", _("Rows merging into %(code)s must give the same name, "
                                                              "kind and parent.") % {"code": target_code}))
            else:
                target = steps.existing[target_code]
                if target.dissolved_on is not None:
                    faults.append(Fault(number, "new_code", _("%(name)s has been dissolved.") % {"name": target.name}))
                elif not covers(actor, target, ORG_CHANGE):
                    faults.append(Fault(number, "new_code", _("No organization with code %(code)s in your scope.")
                                        % {"code": target_code}))
                elif old is not None and target.pk == old.pk:
                    faults.append(Fault(number, "new_code", _("An organization cannot merge into itself.")))
            if old is not None and len(faults) == before:
                steps.merges.setdefault(target_code, []).append((number, old, decision))
        elif action == MOVE:
            parent = _parent(row, steps, new_codes, actor, faults, required=True)
            if old is not None and parent and len(faults) == before:
                steps.moves.append((number, old, parent, decision))
        elif action == RENAME:
            name = " ".join((row.get("new_name") or "").split())
            if not name:
                faults.append(Fault(number, "new_name", _("The new name is required.")))
            elif old is not None and len(faults) == before:
                steps.renames.append((number, old, name, decision))
        elif action == DISSOLVE:
            parent = _parent(row, steps, new_codes, actor, faults, required=False)
            if old is not None and len(faults) == before:
                steps.dissolves.append((number, old, parent, decision))
    steps.new = _parents_first(list(new_by_code.values()))
    return steps, faults


def _old(row: dict[str, Any], steps: Steps, actor: Any, effective_on: dt.date, used: dict[str, int],
         faults: list[Fault]) -> Organization | None:
    number, code = row["row"], row.get("old_code", "")
    old = steps.existing.get(code)
    if not code:
        faults.append(Fault(number, "old_code", _("The old code is required.")))
    elif old is None or not covers(actor, old, ORG_CHANGE):
        faults.append(Fault(number, "old_code", _("No organization with code %(code)s in your scope.")
                            % {"code": code}))
    elif old.dissolved_on is not None:
        faults.append(Fault(number, "old_code", _("%(name)s has been dissolved.") % {"name": old.name}))
    elif old.established_on >= effective_on:
        faults.append(Fault(number, "old_code", _("%(name)s was established on or after the plan's date.")
                            % {"name": old.name}))
    elif code in used:
        faults.append(Fault(number, "old_code", _("%(code)s is already in row %(row)d.")
                            % {"code": code, "row": used[code]}))
    else:
        used[code] = number
        return old
    return None


def _parent(row: dict[str, Any], steps: Steps, new_codes: set[str], actor: Any, faults: list[Fault], *,
            required: bool) -> str:
    code = row.get("new_parent", "")
    if not code:
        if required:
            faults.append(Fault(row["row"], "new_parent", _("The parent code is required.")))
        return ""
    if code in new_codes:
        return code
    parent = steps.existing.get(code)
    if parent is None or not covers(actor, parent, ORG_CHANGE):
        faults.append(Fault(row["row"], "new_parent", _("No organization with code %(code)s in your scope.")
                            % {"code": code}))
    elif parent.dissolved_on is not None:
        faults.append(Fault(row["row"], "new_parent", _("%(name)s has been dissolved.") % {"name": parent.name}))
    return code


def _new_spec(row: dict[str, Any], kinds: dict[str, OrganizationKind], steps: Steps, new_codes: set[str],
              decision: Decision, faults: list[Fault]) -> NewSpec | None:
    number, code = row["row"], row.get("new_code", "")
    name = " ".join((row.get("new_name") or "").split())
    kind = kinds.get(row.get("new_kind", "")) or kinds.get((row.get("new_kind") or "").casefold())
    before = len(faults)
    if len(code) > 50 or any(ch.isspace() for ch in code):
        faults.append(Fault(number, "new_code", _("The code must be at most 50 characters without spaces.")))
    if not name:
        faults.append(Fault(number, "new_name", _("The name of the new organization is required.")))
    elif len(name) > 255:
        faults.append(Fault(number, "new_name", _("The name must be at most 255 characters.")))
    if kind is None:
        faults.append(Fault(number, "new_kind", _("Unknown kind “%(value)s”.") % {"value": row.get("new_kind", "")}))
    parent_code = row.get("new_parent", "")
    if parent_code == code:
        faults.append(Fault(number, "new_parent", _("An organization cannot be its own parent.")))
    elif parent_code:
        if parent_code not in new_codes and parent_code not in steps.existing:
            faults.append(Fault(number, "new_parent", _("No organization with code %(code)s in your scope.")
                                % {"code": parent_code}))
        elif parent_code in steps.existing and kind is not None and \
                steps.existing[parent_code].kind.rank >= kind.rank:
            faults.append(Fault(number, "new_kind", _("A %(kind)s cannot sit under a %(parent_kind)s.")
                                % {"kind": kind.name, "parent_kind": steps.existing[parent_code].kind.name}))
    if len(faults) > before or kind is None:
        return None
    return NewSpec(number, code, name, kind, parent_code, decision)


def _parents_first(specs: list[NewSpec]) -> list[NewSpec]:
    """New organizations whose parent is also new come after it (a cycle leaves the rest for the service)."""
    ordered: list[NewSpec] = []
    placed: set[str] = set()
    pending = {s.code for s in specs}
    while specs:
        ready = [s for s in specs if s.parent_code not in pending or s.parent_code in placed]
        if not ready:
            ordered += specs
            break
        ordered += ready
        placed |= {s.code for s in ready}
        specs = [s for s in specs if s not in ready]
    return ordered
