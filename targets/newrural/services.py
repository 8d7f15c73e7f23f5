"""Writing new-rural statuses: a commune's result on the criteria of a set for a year, a village's status.

A status is appended, never updated: the latest row for (commune, criterion, year) counts. A criterion of a
set that does not apply to the year (another version of the set) is refused naming the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from core.changelog import log_change
from core.models import ChangeAction
from core.scope import require_covers, require_in_scope
from organizations.models import CoveredUnit, Organization
from targets.checks import FaultList, text, year_in
from targets.newrural.models import CommuneCriterionStatus, Criterion, VillageStatus

CHANGE_PERMISSION = "targets.change"


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def commune_statuses_record(*, actor: Any, organization: Organization, year: Any, met: Mapping[Criterion, bool],
                            source: str = "", reason: str = "") -> list[CommuneCriterionStatus]:
    """Record a commune's status on some criteria for a year (all or nothing)."""
    require_covers(actor, organization, CHANGE_PERMISSION)
    faults = FaultList()
    year = year_in(year, first=2010, last=2100, field_name="year", faults=faults)
    source = text(source, field_name="source", faults=faults, max_length=300)
    if not met:
        faults.add(_("No criterion given."), "criterion")
    for criterion in met:
        criteria_set = criterion.criteria_set
        if year is not None and not criteria_set.applies_to(year):
            faults.add(_("Criterion %(number)s belongs to “%(set)s”, which does not apply to %(year)s.")
                       % {"number": criterion.number, "set": criteria_set.name, "year": year}, "criterion")
    if len({c.criteria_set_id for c in met}) > 1:
        faults.add(_("The criteria come from different versions of the set."), "criterion")
    faults.check()
    rows = []
    with transaction.atomic():
        for criterion, is_met in met.items():
            row = CommuneCriterionStatus.objects.create(organization=organization, criterion=criterion, year=year,
                                                        met=bool(is_met), source=source, created_by=_user(actor))
            log_change(actor=actor, action=ChangeAction.CREATE, instance=row, reason=reason)
            rows.append(row)
        for row in rows:
            require_in_scope(row, actor, CHANGE_PERMISSION)
    return rows


def village_status_record(*, actor: Any, village: CoveredUnit, year: Any, met: bool, source: str = "",
                          organization: Organization | None = None, reason: str = "") -> VillageStatus:
    """A village's status for a year, under `organization` (the commune it belonged to that year; default: its
    territory today)."""
    organization = organization or village.territory
    require_covers(actor, organization, CHANGE_PERMISSION)
    faults = FaultList()
    year = year_in(year, first=2010, last=2100, field_name="year", faults=faults)
    source = text(source, field_name="source", faults=faults, max_length=300)
    faults.check()
    with transaction.atomic():
        row = VillageStatus.objects.create(village=village, organization=organization, year=year, met=bool(met),
                                           source=source, created_by=_user(actor))
        log_change(actor=actor, action=ChangeAction.CREATE, instance=row, reason=reason)
        require_in_scope(row, actor, CHANGE_PERMISSION)
    return row
