"""The charts of the annual report (issue 14 §2 "Charts embedded as images"): members over the years, admissions
against plan, the rating distribution.

Each chart is data (categories, series of numbers) taken from the figures registry — the members contributor for
each of the last YEARS years (with predecessors when the report counts them), the admissions plan of the
organization's targets (indicators computed from `members.admitted`), the report's own rating figures — drawn as
SVG here. The PDF embeds the SVG as it is (WeasyPrint draws it as vectors); the DOCX gets a PNG made from the same
SVG by CairoSVG (pinned; it needs Debian's libcairo2, installed by scripts/start.sh and scripts/test.sh). A chart
without any number is left out, as a sentence whose figure is zero is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from core.figures import FigureRequest, contributor
from organizations.models import Organization
from reports import predecessors
from targets.evaluation import plans_for
from targets.models import ResolutionKind, Target

YEARS = 5
WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 20, 20, 40, 36
COLOURS = ("#1f4e79", "#c55a11", "#7f7f7f", "#548235")  # distinct in colour and when printed in grey
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
RATING_LEVELS = ("excellent", "good", "completed", "not_completed")


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float | None]


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    categories: list[str]
    series: list[Series]
    unit: str = ""

    def has_data(self) -> bool:
        return any(v for s in self.series for v in s.values)


def _year_request(organization: Organization, year: int, as_of: dt.date) -> FigureRequest:
    end = min(dt.date(year, 12, 31), as_of)
    return FigureRequest(organization=organization, date_from=dt.date(year, 1, 1), date_to=end, as_of=end)


def _members(request: FigureRequest, with_predecessors: bool) -> dict[str, Any]:
    count = contributor("members")
    if count is None:
        return {}
    if with_predecessors:
        counted, _roots = predecessors.figures_with_predecessors(request, {"members": count})
        return counted.get("members", {})
    return dict(count(request))


def _admissions_plans(organization: Organization, years: list[int]) -> dict[int, float]:
    """The planned admissions per year: the first plan of the organization's target on an indicator computed from
    members.admitted (an annual resolution before a programme before a congress resolution, as targets does)."""
    order: dict[str, int] = {ResolutionKind.ANNUAL: 0, ResolutionKind.PROGRAMME: 1, ResolutionKind.CONGRESS: 2}
    targets = sorted(Target.objects.filter(resolution__organization=organization,
                                           indicator__figure_key="members.admitted")
                     .select_related("resolution").prefetch_related("plans"),
                     key=lambda t: (order.get(t.resolution.kind, 3), t.resolution_id, t.position, t.pk))
    found: dict[int, float] = {}
    for year in years:
        for target in targets:
            if target.resolution.start_year <= year <= target.resolution.end_year:
                plans = plans_for(target, year)
                if plans:
                    value: Decimal = plans[0].value
                    found[year] = float(value)
                    break
    return found


def report_charts(organization: Organization, request: FigureRequest, figures: dict[str, Any], *,
                  with_predecessors: bool = False) -> list[Chart]:
    """The report's charts with data (see the module docstring). One members count per year shown."""
    years = list(range(request.date_to.year - YEARS + 1, request.date_to.year + 1))
    if not with_predecessors:
        years = [y for y in years if _year_request(organization, y, request.as_of).as_of >= organization.established_on]
    per_year: dict[int, dict[str, Any]] = {}
    for year in years:
        if year == request.date_to.year:
            per_year[year] = figures.get("members", {})
        else:
            per_year[year] = _members(_year_request(organization, year, request.as_of), with_predecessors)
    labels = [str(y) for y in years]
    charts = [Chart("members", _("Members over the years (at the end of each year)"), labels,
                    [Series(_("Members"), [per_year[y].get("members_total") or 0 for y in years])])]
    plans = _admissions_plans(organization, years)
    admissions = [Series(_("Admitted"), [per_year[y].get("admitted") or 0 for y in years])]
    if plans:
        admissions.append(Series(_("Plan"), [plans.get(y) for y in years]))
    charts.append(Chart("admissions", _("Admissions against plan"), labels, admissions))
    rating = figures.get("rating", {})
    level_names = [_("Excellent"), _("Good"), _("Completed"), _("Not completed")]
    categories = (("grassroots", _("Grassroots organizations")), ("cells", _("Cells")), ("members", _("Members")))
    series = [Series(name, [rating.get(f"{category}_{level}_percent") or 0 for level in RATING_LEVELS])
              for category, name in categories if rating.get(f"{category}_rated")]
    charts.append(Chart("rating", _("Quality rating of %(year)s (%% of those rated)") % {"year": request.date_to.year},
                        level_names, series, unit="%"))
    return [chart for chart in charts if chart.series and chart.has_data()]


def _number(value: float, unit: str) -> str:
    text = f"{value:,.0f}".replace(",", ".") if value == int(value) else f"{value:.1f}".replace(".", ",")
    return f"{text}{unit}"


def svg(chart: Chart) -> str:
    """The chart as a standalone SVG document: grouped bars with their values, a legend, the categories below."""
    top: float = max((v or 0 for s in chart.series for v in s.values), default=0) or 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    base = TOP + plot_h
    slot = plot_w / max(len(chart.categories), 1)
    bar = min(48.0, (slot - 12) / max(len(chart.series), 1))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{FONT}" font-size="13">',
             f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
             f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" stroke="#000000" stroke-width="1"/>']
    for index, series in enumerate(chart.series):
        colour = COLOURS[index % len(COLOURS)]
        key_x = LEFT + index * 170
        parts.append(f'<rect x="{key_x}" y="12" width="14" height="14" fill="{colour}"/>'
                     f'<text x="{key_x + 20}" y="24">{escape(series.name)}</text>')
    group = bar * len(chart.series)
    for position, category in enumerate(chart.categories):
        left = LEFT + position * slot + (slot - group) / 2
        for index, series in enumerate(chart.series):
            value = series.values[position]
            if value is None:
                continue
            height: float = (plot_h - 18) * max(value, 0) / top
            x = left + index * bar
            parts.append(f'<rect x="{x:.1f}" y="{base - height:.1f}" width="{bar - 4:.1f}" height="{height:.1f}" '
                         f'fill="{COLOURS[index % len(COLOURS)]}"><title>{escape(category)}: '
                         f'{_number(value, chart.unit)}</title></rect>'
                         f'<text x="{x + (bar - 4) / 2:.1f}" y="{base - height - 4:.1f}" text-anchor="middle" '
                         f'font-size="12">{_number(value, chart.unit)}</text>')
        parts.append(f'<text x="{LEFT + position * slot + slot / 2:.1f}" y="{base + 20}" '
                     f'text-anchor="middle">{escape(category)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def png(chart: Chart, *, scale: float = 2.0) -> bytes:
    """The chart as PNG (for the DOCX), twice the SVG's size so that it prints sharply."""
    import cairosvg  # imported when a DOCX is built: needs the system's libcairo2

    data = cairosvg.svg2png(bytestring=svg(chart).encode(), scale=scale)
    assert isinstance(data, bytes)
    return data
