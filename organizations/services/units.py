"""Covered units: villages, schools, clinics and agencies on an organization's territory, and their cover."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from core.changelog import log_change, snapshot
from core.errors import DomainError
from core.models import ChangeAction
from core.scope import CHANGE, require_in_scope
from core.text import fold, title_sort_key
from core.validators import refuse_control_characters_in
from organizations.models import (
    CoveredUnit,
    CoveredUnitKind,
    Organization,
)
from organizations.services.tree import _Context, _validate_name


def move_units_to_successor(source: Organization, successor: Organization, ctx: _Context) -> None:
    """Villages and other units on a dissolved organization's territory pass to its successor."""
    for unit in CoveredUnit.objects.filter(territory=source):
        before = snapshot(unit)
        unit.territory = successor
        unit.save(update_fields=["territory"])
        log_change(actor=ctx.actor, action=ChangeAction.UPDATE, instance=unit, before=before, reason=ctx.reason)





@transaction.atomic
def covered_unit_create(
    *,
    actor: Any,
    code: str,
    name: str,
    kind: CoveredUnitKind,
    territory: Organization,
    covered_by: Organization | None = None,
    reason: str = "",
) -> CoveredUnit:
    """Register a village, school, clinic or agency on an organization's territory."""
    require_in_scope(territory, actor, CHANGE)
    code = (code or "").strip()
    if not code or len(code) > 50:
        raise DomainError(_("The code is required (at most 50 characters)."), field="code")
    if CoveredUnit.objects.filter(code=code).exists():
        raise DomainError(_("The code “%(code)s” is already used.") % {"code": code}, field="code")
    unit = CoveredUnit(code=code, name=_validate_name(name), kind=kind, territory=territory)
    _assign_cover(unit, covered_by)
    unit.search_name = fold(unit.name)
    unit.sort_name = title_sort_key(unit.name)
    refuse_control_characters_in(unit, fields=["code", "name"])
    unit.save()
    log_change(actor=actor, action=ChangeAction.CREATE, instance=unit, reason=reason)
    require_in_scope(unit, actor, CHANGE)
    return unit


@transaction.atomic
def covered_unit_assign(
    *, actor: Any, unit: CoveredUnit, covered_by: Organization | None, reason: str = ""
) -> CoveredUnit:
    """Attach a unit to the cell that covers it, or detach it ("no cell yet")."""
    require_in_scope(unit, actor, CHANGE)
    before = snapshot(unit)
    _assign_cover(unit, covered_by)
    unit.save(update_fields=["covered_by"])
    log_change(actor=actor, action=ChangeAction.UPDATE, instance=unit, before=before, reason=reason)
    require_in_scope(unit, actor, CHANGE)
    return unit


def _assign_cover(unit: CoveredUnit, covered_by: Organization | None) -> None:
    if covered_by is not None and not covered_by.path.startswith(unit.territory.path):
        raise DomainError(
            _("%(cell)s is not under %(territory)s.") % {"cell": covered_by.name, "territory": unit.territory.name},
            field="covered_by",
        )
    if covered_by is not None and covered_by.dissolved_on is not None:
        raise DomainError(_("%(cell)s has been dissolved.") % {"cell": covered_by.name}, field="covered_by")
    unit.covered_by = covered_by
