"""The current resolution of each commune of 01/07/2025 and this year's estimates: the action programme of the
appointed committee for 2025–2030 (adopted on 10/07/2025, written once the load date reaches it) with three
yearly targets — admissions (counted from the member records, never typed), grain output and budget revenue —
and, on a load date D, the estimate of D's year reported 5 working days before D (once a year: a later load the
same year leaves it) and the final result of the year before, reported on 20 January. Values come from a seed of
the commune and the year; plans, values and numbers are illustrative."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from members.ruling import Snapshot
from organizations.models import Organization
from restructuring.demo_present.stories import REASON, REFORM_ON, Unit
from targets.models import Indicator, Resolution, ResultKind, Target, TargetKind, TargetPeriod, Wording
from targets.services import PlanInput, resolution_create, result_record, target_add

ADOPTED_ON = dt.date(2025, 7, 10)
FIRST, LAST = 2025, 2030
# (indicator code, plan, unit, wording); the indicators are those of the historic demo (targets/demo.py).
TARGETS = [
    ("party_admissions", "8", "đảng viên", Wording.TRUNCATE),
    ("grain_output", "11500", "tấn", Wording.MORE_THAN),
    ("budget_revenue", "6.5", "tỷ đồng", Wording.MORE_THAN),
]


def _resolution(actor: Any, commune: Organization) -> Resolution:
    title = f"Chương trình hành động của Ban Chấp hành {commune.name} giai đoạn {FIRST}–{LAST}"
    found = Resolution.objects.filter(organization=commune, title=title).first()
    if found is not None:
        return found
    resolution = resolution_create(actor=actor, organization=commune, kind="programme", title=title,
                                   start_year=FIRST, end_year=LAST, number="01-CTr/ĐU", adopted_on=ADOPTED_ON,
                                   reason=REASON)
    for position, (code, plan, unit, wording) in enumerate(TARGETS, start=1):
        indicator = Indicator.objects.filter(code=code).first()
        if indicator is not None:
            target_add(actor=actor, resolution=resolution, indicator=indicator, kind=TargetKind.AT_LEAST,
                       period=TargetPeriod.EACH_YEAR, wording=wording, position=position, reason=REASON,
                       plans=[PlanInput(plan, unit, "Chương trình hành động giai đoạn 2025–2030")])
    return resolution


def _value(target: Target, year: int, kind: str) -> Decimal:
    plan = target.plans.order_by("position").first()
    assert plan is not None
    rng = random.Random(f"{target.resolution.organization.code}-{target.indicator.code}-{year}-{kind}")  # noqa: S311 (illustrative values)
    share = Decimal(rng.randint(92, 112)) / 100
    return (plan.value * share).quantize(Decimal(1).scaleb(-target.indicator.decimals))


def load(actor: Any, on: dt.date, units: list[Unit], rules: Snapshot) -> int:
    """The programme (once) and the results due by `on`; returns the results recorded."""
    if on < ADOPTED_ON:
        return 0
    recorded = 0
    reported = rules.add_working_days(on, -5)
    for unit in units:
        commune = Organization.objects.filter(code=unit.code, established_on=REFORM_ON).first()
        if commune is None:
            continue
        resolution = _resolution(actor, commune)
        for target in resolution.targets.select_related("indicator", "resolution__organization"):
            if target.indicator.is_computed:
                continue
            wanted = []
            if FIRST <= on.year <= LAST and reported.year == on.year and reported >= ADOPTED_ON:
                wanted.append((on.year, ResultKind.ESTIMATE, reported, "Ước thực hiện"))
            final_on = dt.date(on.year, 1, 20)
            if FIRST <= on.year - 1 <= LAST and final_on <= on:
                wanted.append((on.year - 1, ResultKind.FINAL, final_on, "Báo cáo kết quả"))
            for year, kind, day, source in wanted:
                if target.results.filter(year=year, kind=kind).exists():
                    continue
                result_record(actor=actor, target=target, year=year, value=_value(target, year, kind), kind=kind,
                              source=f"{source} năm {year} (dữ liệu mẫu)", reported_on=day, reason=REASON)
                recorded += 1
    return recorded
