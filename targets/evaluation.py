"""A target evaluated for a year: its value (typed, or computed through the figures registry), the share of each
plan, the status by its kind, the change on the previous year, and the sentence a report writes.

Values come from the latest result recorded for the year (a correction replaces what it corrects) or, for a
computed indicator, from the figures registry for the resolution's organization: the calendar year (or, for a
term target, from the resolution's first year to the end of that year), stocks on 31/12.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from core.figures import FigureRequest, contributor
from targets import wording as w
from targets.models import Plan, Result, ResultKind, Target, TargetPeriod
from targets.wording import NotComputable, Status


@dataclass(frozen=True)
class Value:
    amount: Decimal | NotComputable
    estimate: bool = False
    computed: bool = False
    source: str = ""


@dataclass
class PlanShare:
    plan: Plan
    percent: Decimal | NotComputable
    status: Status | NotComputable

    @property
    def percent_whole(self) -> int | None:
        return w.percent_whole(self.percent) if isinstance(self.percent, Decimal) else None


@dataclass
class Evaluation:
    target: Target
    year: int
    value: Value
    previous: Value
    shares: list[PlanShare] = field(default_factory=list)

    @property
    def status(self) -> Status | NotComputable:
        """The status against the first plan (the plan the resolution set); the others are shown beside it."""
        if isinstance(self.value.amount, NotComputable):
            return self.value.amount
        if not self.shares:
            return NotComputable(_("The target has no plan for %(year)s.") % {"year": self.year})
        return self.shares[0].status

    @property
    def value_text(self) -> str:
        if isinstance(self.value.amount, NotComputable):
            return str(self.value.amount)
        return w.short_number_text(self.value.amount, self.target.indicator.decimals)

    @property
    def phrase(self) -> str:
        """"đạt 126% KH", "ước đạt hơn 102% KH", "đạt 162,7% dự toán tỉnh giao và 124,3% dự toán huyện …"."""
        shares = [(s.percent, s.plan.label) for s in self.shares if isinstance(s.percent, Decimal)]
        if not shares:
            reasons = [str(s.percent) for s in self.shares if isinstance(s.percent, NotComputable)]
            return reasons[0] if reasons else str(self.status)
        return w.plans_text(shares, wording=self.target.wording, estimate=self.value.estimate)

    @property
    def change(self) -> w.Change | NotComputable:
        if isinstance(self.value.amount, NotComputable):
            return self.value.amount
        previous = self.previous.amount if isinstance(self.previous.amount, Decimal) else None
        return w.change(self.value.amount, previous, previous_year=self.year - 1)

    @property
    def change_text(self) -> str:
        indicator = self.target.indicator
        return w.change_text(self.change, unit=indicator.unit, decimals=indicator.decimals)


def plans_for(target: Target, year: int) -> list[Plan]:
    """The plans for a year: those set for that year, else those set for every year."""
    plans = list(target.plans.all())
    for_year = [p for p in plans if p.year == year]
    return for_year or [p for p in plans if p.year is None]


def latest_results(target: Target) -> dict[int, Result]:
    """The result that counts for each year: the latest recorded (corrections replace what they correct)."""
    found: dict[int, Result] = {}
    for result in sorted(target.results.all(), key=lambda r: (r.reported_on, r.pk)):
        found[result.year] = result
    return found


def computed_value(target: Target, year: int) -> Value:
    indicator = target.indicator
    namespace, _dot, key = indicator.figure_key.partition(".")
    count = contributor(namespace)
    if count is None:
        return Value(NotComputable(_("The figure %(key)s is not computed by this installation.")
                                   % {"key": indicator.figure_key}), computed=True)
    resolution = target.resolution
    first_year = resolution.start_year if target.period == TargetPeriod.TERM else year
    end = dt.date(year, 12, 31)
    today = timezone.localdate()
    request = FigureRequest(organization=resolution.organization, date_from=dt.date(first_year, 1, 1),
                            date_to=min(end, today) if year <= today.year else end, as_of=min(end, today))
    if year > today.year:
        return Value(NotComputable(_("%(year)s has not begun.") % {"year": year}), computed=True)
    found = count(request).get(key)
    if not isinstance(found, int | Decimal) or isinstance(found, bool):
        return Value(NotComputable(_("The figure %(key)s has no number.") % {"key": indicator.figure_key}),
                     computed=True)
    return Value(Decimal(found), estimate=end > today, computed=True, source=indicator.figure_key)


def value_for(target: Target, year: int, results: dict[int, Result] | None = None) -> Value:
    if target.indicator.is_computed:
        return computed_value(target, year)
    results = latest_results(target) if results is None else results
    result = results.get(year)
    if result is None:
        return Value(NotComputable(_("No result recorded for %(year)s.") % {"year": year}))
    return Value(Decimal(result.value), estimate=result.kind == ResultKind.ESTIMATE, source=result.source)


def _planned_in(target: Target, year: int) -> bool:
    """A computed indicator has a value for a year only where a resolution of the organization covered it (a year
    without a campaign, say, counts 0 ratings: that is no base for a change)."""
    resolution = target.resolution
    if resolution.start_year <= year <= resolution.end_year:
        return True
    return Target.objects.filter(indicator=target.indicator, resolution__organization=resolution.organization,
                                 resolution__start_year__lte=year, resolution__end_year__gte=year).exists()


def _previous_elsewhere(target: Target, year: int) -> Value | None:
    """The same indicator's result for `year` under another resolution of the same organization (the 2019 annual
    resolution's result is the base of 2020's change)."""
    result = (Result.objects.filter(target__indicator=target.indicator, year=year,
                                    target__resolution__organization=target.resolution.organization)
              .exclude(target=target).order_by("-reported_on", "-pk").first())
    if result is None:
        return None
    return Value(Decimal(result.value), estimate=result.kind == ResultKind.ESTIMATE, source=result.source)


def evaluate(target: Target, year: int) -> Evaluation:
    results = None if target.indicator.is_computed else latest_results(target)
    value = value_for(target, year, results)
    if target.indicator.is_computed and not _planned_in(target, year - 1):
        previous = Value(NotComputable(_("No result recorded for %(year)s.") % {"year": year - 1}), computed=True)
    else:
        previous = value_for(target, year - 1, results)
    if isinstance(previous.amount, NotComputable) and not target.indicator.is_computed:
        previous = _previous_elsewhere(target, year - 1) or previous
    shares = []
    for plan in plans_for(target, year):
        if isinstance(value.amount, NotComputable):
            shares.append(PlanShare(plan, value.amount, value.amount))
            continue
        before = previous.amount if isinstance(previous.amount, Decimal) else None
        high = Decimal(plan.value_high) if plan.value_high is not None else None
        shares.append(PlanShare(
            plan,
            w.share_of_plan(target.kind, value.amount, Decimal(plan.value), previous=before),
            w.status(target.kind, value.amount, Decimal(plan.value), plan_high=high, previous=before),
        ))
    return Evaluation(target=target, year=year, value=value, previous=previous, shares=shares)


def summary(evaluations: Iterable[Evaluation]) -> dict[str, object]:
    """Over a resolution's main targets and its components: counts and the two report sentences."""
    found = list(evaluations)
    main = [e.status for e in found if e.target.parent_id is None]
    components = [e.status for e in found if e.target.parent_id is not None]
    return {
        "total": len(main),
        "achieved": sum(1 for s in main if isinstance(s, Status) and s.achieved),
        "exceeded": sum(1 for s in main if s is Status.EXCEEDED),
        "text": w.targets_summary(main),
        "components_text": w.targets_summary(components, components=True) if components else "",
    }
