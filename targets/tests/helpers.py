"""Test data for targets, made through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from core.testing import Cast
from targets.models import Indicator, Resolution, Target
from targets.services import PlanInput, indicator_create, resolution_create, target_add

D = dt.date


def indicator(actor: Any, code: str = "grain_output", unit: str = "tấn", decimals: int = 0, **fields: Any) -> Indicator:
    fields.setdefault("name", code.replace("_", " ").capitalize())
    fields.setdefault("field", "economy")
    return indicator_create(actor=actor, code=code, unit=unit, decimals=decimals, **fields)


def resolution(cast: Cast, *, start: int = 2020, end: int = 2020, organization: Any = None,
               kind: str = "annual") -> Resolution:
    return resolution_create(actor=cast.district_officer, organization=organization or cast.district_a, kind=kind,
                             title=f"Nghị quyết năm {start}", start_year=start, end_year=end, number="31-NQ/HU")


def target(cast: Cast, found: Resolution, found_indicator: Indicator, *plans: PlanInput, kind: str = "at_least",
           **fields: Any) -> Target:
    return target_add(actor=cast.district_officer, resolution=found, indicator=found_indicator, kind=kind,
                      period=fields.pop("period", "each_year"), plans=list(plans), **fields)
