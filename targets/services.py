"""Every write on indicators, resolutions, targets, plans and results. One transaction each, logged,
all-or-nothing; every fault of an input is reported at once, naming its field, and nothing is written.

The actor must be allowed to change target records ("targets.change") over the resolution's organization;
anything else answers as missing (404). A result is never updated: a correction is a new result for the same
year that `supersedes` the one it corrects (the latest counts). New-rural statuses: targets/newrural/services.py;
OCOP products: targets/ocop/services.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from core.changelog import log_change
from core.errors import DomainError
from core.figures import namespaces
from core.models import ChangeAction
from core.scope import CHANGE, holds, require_covers, require_in_scope
from organizations.models import Organization
from targets.checks import FaultList, number, text, year_in
from targets.models import (
    Field,
    Indicator,
    Plan,
    Resolution,
    ResolutionKind,
    Result,
    ResultKind,
    Target,
    TargetKind,
    TargetPeriod,
    Wording,
)

CHANGE_PERMISSION = "targets.change"
# Namespaces an indicator may not be computed from: they are computed from targets themselves.
OWN_NAMESPACES = frozenset({"targets", "newrural", "ocop"})


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _choice(value: Any, choices: Any, *, field_name: str, faults: FaultList) -> str:
    if value not in choices.values:
        faults.add(_("Choose one of: %(choices)s.") % {"choices": ", ".join(str(c) for c in choices.values)},
                   field_name)
        return ""
    return str(value)


# ----------------------------------------------------------------------------- indicators


def indicator_create(*, actor: Any, code: str, name: str, unit: str, field: str, decimals: int = 0,
                     figure_key: str = "", reason: str = "") -> Indicator:
    """A new indicator. `figure_key` ("members.admitted") makes it computed from the figures registry."""
    if not holds(actor, CHANGE_PERMISSION):
        raise DomainError(_("You may not record targets."), field=None)
    faults = FaultList()
    code = text(code, field_name="code", faults=faults, max_length=60, required=True)
    if code and Indicator.objects.filter(code=code).exists():
        faults.add(_("An indicator with this code already exists."), "code")
    name = text(name, field_name="name", faults=faults, max_length=255, required=True)
    unit = text(unit, field_name="unit", faults=faults, max_length=40, required=True)
    _choice(field, Field, field_name="field", faults=faults)
    if not isinstance(decimals, int) or not 0 <= decimals <= 4:
        faults.add(_("Between 0 and 4 decimals."), "decimals")
    figure_key = text(figure_key, field_name="figure_key", faults=faults, max_length=100)
    if figure_key:
        namespace, _dot, key = figure_key.partition(".")
        if not key or namespace in OWN_NAMESPACES or namespace not in namespaces():
            faults.add(_("Not a figure key dangvu computes (namespace.key, e.g. members.admitted): %(key)s.")
                       % {"key": figure_key}, "figure_key")
    faults.check()
    with transaction.atomic():
        indicator = Indicator.objects.create(code=code, name=name, unit=unit, field=field, decimals=decimals,
                                             figure_key=figure_key)
        log_change(actor=actor, action=ChangeAction.CREATE, instance=indicator, reason=reason)
    return indicator


# ----------------------------------------------------------------------------- resolutions


def resolution_create(*, actor: Any, organization: Organization, kind: str, title: str, start_year: int,
                      end_year: int, number: str = "", adopted_on: dt.date | None = None, document_ref: str = "",
                      reason: str = "") -> Resolution:
    require_covers(actor, organization, CHANGE_PERMISSION)
    faults = FaultList()
    _choice(kind, ResolutionKind, field_name="kind", faults=faults)
    title = text(title, field_name="title", faults=faults, max_length=300, required=True)
    number = text(number, field_name="number", faults=faults, max_length=64)
    document_ref = text(document_ref, field_name="document_ref", faults=faults, max_length=200)
    first = year_in(start_year, first=1930, last=2200, field_name="start_year", faults=faults)
    last = year_in(end_year, first=1930, last=2200, field_name="end_year", faults=faults)
    if first is not None and last is not None and last < first:
        faults.add(_("The last year must not be before the first year."), "end_year")
    faults.check()
    assert first is not None and last is not None
    with transaction.atomic():
        resolution = Resolution.objects.create(
            organization=organization, kind=kind, title=title, number=number, adopted_on=adopted_on,
            start_year=first, end_year=last, document_ref=document_ref, created_by=_user(actor))
        log_change(actor=actor, action=ChangeAction.CREATE, instance=resolution, reason=reason)
        require_in_scope(resolution, actor, CHANGE)
    return resolution


# ----------------------------------------------------------------------------- targets and plans


@dataclass(frozen=True)
class PlanInput:
    value: Any
    unit: str
    source: str
    label: str = "KH"
    value_high: Any = None
    year: int | None = None


def _check_plan(plan: PlanInput, *, target_kind: str, indicator: Indicator, resolution: Resolution,
                faults: FaultList) -> dict[str, Any]:
    value = number(plan.value, field_name="value", faults=faults)
    if value is not None and value == 0 and target_kind != "exact":
        faults.add(_("A plan of zero cannot be reached or divided by: enter the planned value."), "value")
    high = None
    if target_kind == TargetKind.RANGE:
        if plan.value_high in (None, ""):
            faults.add(_("A range needs its high bound."), "value_high")
        else:
            high = number(plan.value_high, field_name="value_high", faults=faults)
            if high is not None and value is not None and value > high:
                faults.add(_("The low bound %(low)s is above the high bound %(high)s.")
                           % {"low": value.normalize(), "high": high.normalize()}, "value_high")
    unit = text(plan.unit, field_name="unit", faults=faults, max_length=40, required=True)
    if unit and unit != indicator.unit:
        faults.add(_("The plan is in %(unit)s but the indicator is measured in %(expected)s.")
                   % {"unit": unit, "expected": indicator.unit}, "unit")
    source = text(plan.source, field_name="source", faults=faults, max_length=200, required=True)
    label = text(plan.label or "KH", field_name="label", faults=faults, max_length=60)
    year = None
    if plan.year not in (None, ""):
        year = year_in(plan.year, first=resolution.start_year, last=resolution.end_year, field_name="year",
                       faults=faults)
    return {"value": value, "value_high": high, "unit": unit, "source": source, "label": label, "year": year}


def target_add(*, actor: Any, resolution: Resolution, indicator: Indicator, kind: str, period: str,
               plans: Sequence[PlanInput], year: int | None = None, parent: Target | None = None,
               wording: str = Wording.MORE_THAN, text_: str = "", position: int = 0, reason: str = "") -> Target:
    """A target with one or more plans (all or nothing)."""
    require_in_scope(resolution, actor, CHANGE)
    faults = FaultList()
    _choice(kind, TargetKind, field_name="kind", faults=faults)
    _choice(period, TargetPeriod, field_name="period", faults=faults)
    _choice(wording, Wording, field_name="wording", faults=faults)
    if year not in (None, ""):
        year = year_in(year, first=resolution.start_year, last=resolution.end_year, field_name="year", faults=faults)
    elif period in (TargetPeriod.BY_YEAR, TargetPeriod.MIDTERM):
        faults.add(_("A target “by a year” or mid-term names its year."), "year")
    if parent is not None and parent.resolution_id != resolution.pk:
        faults.add(_("The main target belongs to another resolution."), "parent")
    target_text = text(text_, field_name="text", faults=faults, max_length=500)
    if not plans:
        faults.add(_("A target needs at least one plan."), "plans")
    cleaned = []
    for index, plan in enumerate(plans):
        sub = FaultList(prefix=f"plans[{index}].")
        cleaned.append(_check_plan(plan, target_kind=kind, indicator=indicator, resolution=resolution, faults=sub))
        faults.extend(sub)
    faults.check()
    with transaction.atomic():
        target = Target.objects.create(resolution=resolution, indicator=indicator, kind=kind, period=period,
                                       year=year, parent=parent, wording=wording, text=target_text,
                                       position=position)
        log_change(actor=actor, action=ChangeAction.CREATE, instance=target, reason=reason)
        for index, values in enumerate(cleaned):
            plan_row = Plan.objects.create(target=target, position=index, **values)
            log_change(actor=actor, action=ChangeAction.CREATE, instance=plan_row, reason=reason)
        require_in_scope(target, actor, CHANGE)
    return target


def plan_add(*, actor: Any, target: Target, plan: PlanInput, reason: str = "") -> Plan:
    """Another plan of a target (the province's estimate beside the district's own higher target)."""
    require_in_scope(target, actor, CHANGE)
    faults = FaultList()
    values = _check_plan(plan, target_kind=target.kind, indicator=target.indicator, resolution=target.resolution,
                         faults=faults)
    faults.check()
    with transaction.atomic():
        row = Plan.objects.create(target=target, position=target.plans.count(), **values)
        log_change(actor=actor, action=ChangeAction.CREATE, instance=row, reason=reason)
    return row


# ----------------------------------------------------------------------------- results


@dataclass(frozen=True)
class ResultInput:
    target: Target
    year: Any
    value: Any
    source: str
    reported_on: dt.date | None
    kind: str = ResultKind.FINAL
    note: str = ""


def _check_result(item: ResultInput, faults: FaultList) -> dict[str, Any]:
    target = item.target
    resolution = target.resolution
    if target.indicator.is_computed:
        faults.add(_("“%(indicator)s” is computed by dangvu from its records (%(key)s): it takes no typed value.")
                   % {"indicator": target.indicator.name, "key": target.indicator.figure_key}, "value")
    year = year_in(item.year, first=resolution.start_year, last=resolution.end_year, field_name="year",
                   faults=faults)
    value = number(item.value, field_name="value", faults=faults)
    _choice(item.kind, ResultKind, field_name="kind", faults=faults)
    source = text(item.source, field_name="source", faults=faults, max_length=300, required=True)
    note = text(item.note, field_name="note", faults=faults, max_length=500)
    if not isinstance(item.reported_on, dt.date):
        faults.add(_("The date of the result is required."), "reported_on")
    elif year is not None and item.reported_on.year < year:
        faults.add(_("A result for %(year)s cannot be reported before that year.") % {"year": year}, "reported_on")
    return {"target": target, "year": year, "value": value, "kind": item.kind, "source": source,
            "reported_on": item.reported_on, "note": note}


def _write_result(actor: Any, values: dict[str, Any], reason: str) -> Result:
    previous = (Result.objects.filter(target=values["target"], year=values["year"])
                .order_by("-reported_on", "-pk").first())
    result = Result.objects.create(supersedes=previous, created_by=_user(actor), **values)
    log_change(actor=actor, action=ChangeAction.CREATE, instance=result, reason=reason)
    return result


def result_record(*, actor: Any, target: Target, year: Any, value: Any, source: str,
                  reported_on: dt.date | None, kind: str = ResultKind.FINAL, note: str = "",
                  reason: str = "") -> Result:
    """A result for a year; if one exists for that year, the new one corrects it (the old one stays)."""
    require_in_scope(target, actor, CHANGE)
    faults = FaultList()
    values = _check_result(ResultInput(target, year, value, source, reported_on, kind, note), faults)
    faults.check()
    with transaction.atomic():
        return _write_result(actor, values, reason)


def results_record_bulk(*, actor: Any, items: Sequence[ResultInput], reason: str = "") -> list[Result]:
    """Many results at once (the API's bulk route, an XLSX import): all of them or none; faults named
    `results[i].field`."""
    faults = FaultList()
    cleaned = []
    for index, item in enumerate(items):
        require_in_scope(item.target, actor, CHANGE)
        sub = FaultList(prefix=f"results[{index}].")
        cleaned.append(_check_result(item, sub))
        faults.extend(sub)
    if not items:
        faults.add(_("No result to record."), "results")
    faults.check()
    with transaction.atomic():
        return [_write_result(actor, values, reason) for values in cleaned]


# ----------------------------------------------------------------------------- reference data (admin)


def reference_save(*, actor: Any, instance: Any, reason: str = "admin") -> Any:
    """Save a row of reference data (criteria set, criterion, OCOP star band) edited by an administrator, logged
    with what changed. Only installation administrators edit reference data (the admin site's gate)."""
    from core.changelog import snapshot

    model = type(instance)
    before = snapshot(model.objects.get(pk=instance.pk)) if instance.pk else None
    try:
        instance.full_clean()
    except Exception as exc:  # django ValidationError: name the first field at fault
        fields = getattr(exc, "message_dict", {}) or {}
        name = next(iter(fields), None)
        raise DomainError(" ".join(" ".join(v) for v in fields.values()) or str(exc), field=name) from exc
    with transaction.atomic():
        instance.save()
        after = snapshot(instance)
        if before != after:
            log_change(actor=actor, action=ChangeAction.UPDATE if before else ChangeAction.CREATE, instance=instance,
                       before=before, reason=reason)
    return instance
