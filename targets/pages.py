"""Read helpers of the pages: a target's rows across the term and its small chart (geometry for an inline SVG
drawn by the template, no script: the site's CSP allows none inline)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from targets.evaluation import Evaluation, evaluate
from targets.models import Resolution, Target
from targets.wording import NotComputable, Status

WIDTH = 220
HEIGHT = 64
BASE = 54  # y of the axis; bars grow upwards from it


@dataclass
class Bar:
    year: int
    x: int
    y: int
    width: int
    height: int
    css: str
    title: str
    plan_y: int | None = None


@dataclass
class Row:
    target: Target
    evaluation: Evaluation
    years: list[Evaluation] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)

    @property
    def status_css(self) -> str:
        return status_css(self.evaluation.status)


def status_css(status: Status | NotComputable) -> str:
    return f"status-{status.value}" if isinstance(status, Status) else "status-unknown"


def _bars(evaluations: list[Evaluation]) -> list[Bar]:
    values: list[Decimal] = []
    for e in evaluations:
        if isinstance(e.value.amount, Decimal):
            values.append(abs(e.value.amount))
        values += [abs(Decimal(s.plan.value)) for s in e.shares[:1]]
    top = max(values, default=Decimal(0)) or Decimal(1)
    slot = WIDTH // max(len(evaluations), 1)
    bars = []
    for index, e in enumerate(evaluations):
        amount = e.value.amount
        height = int(abs(amount) * (BASE - 4) / top) if isinstance(amount, Decimal) else 0
        plan_y = None
        if e.shares:
            plan_y = BASE - int(abs(Decimal(e.shares[0].plan.value)) * (BASE - 4) / top)
        title = f"{e.year}: {e.value_text}"
        bars.append(Bar(year=e.year, x=index * slot + 4, y=BASE - height, width=max(slot - 8, 4), height=height,
                        css=status_css(e.status), title=title, plan_y=plan_y))
    return bars


def rows(resolution: Resolution, targets: list[Target], year: int) -> list[Row]:
    found = []
    for target in targets:
        across = [evaluate(target, y) for y in resolution.years]
        current = next((e for e in across if e.year == year), None) or evaluate(target, year)
        found.append(Row(target=target, evaluation=current, years=across, bars=_bars(across)))
    return found
