"""The dashboard of an organization (issue 14 §4): a few key figures over the years, as tables and charts.

Every number comes from the figures registry (core.figures): one contributor call per namespace and year, so the
query count depends on the years shown and the children listed, never on the number of members. The charts are
inline SVG drawn on the server from the same rows the tables show (as targets draws its resolution charts).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from core.figures import FigureRequest, contributor, label, records_path
from organizations.models import Organization
from reports.dashboard_children import children_counts

YEARS = 5  # years shown in the series, the as-of year last
WIDTH = 320
HEIGHT = 120
BASE = 104  # y of the axis; bars grow upwards from it
# The rating levels shown and their short names under the chart's bars (the table gives the full labels).
RATING_LEVELS = {"excellent": _("Excellent"), "good": _("Good"), "completed": _("Completed"),
                 "not_completed": _("Not completed")}
TRAINING_KEYS = ("classes", "learners", "learners_completed")


@dataclass(frozen=True)
class Bar:
    text: str
    value: int
    x: int
    y: int
    width: int
    height: int


def _request(organization: Organization, year: int, as_of: dt.date) -> FigureRequest:
    end = min(dt.date(year, 12, 31), as_of)
    return FigureRequest(organization=organization, date_from=dt.date(year, 1, 1), date_to=end, as_of=end)


def _figures(namespace: str, request: FigureRequest) -> dict[str, Any]:
    count = contributor(namespace)
    return dict(count(request)) if count else {}


def figures_link(organization: Organization, request: FigureRequest, key: str) -> str:
    """The figures page of the same period and date, at the row of `key` (the records behind the number)."""
    query = urlencode({"from": request.date_from.strftime("%d/%m/%Y"), "to": request.date_to.strftime("%d/%m/%Y"),
                       "as_of": request.as_of.strftime("%d/%m/%Y")})
    return f"{reverse('reports:organization', args=[organization.pk])}?{query}"


def bars(rows: list[tuple[str, int]]) -> list[Bar]:
    """Bars for (text, value) rows, scaled to the largest value."""
    top = max((value for _text, value in rows), default=0) or 1
    slot = WIDTH // max(len(rows), 1)
    found = []
    for index, (text, value) in enumerate(rows):
        height = int(max(value, 0) * (BASE - 14) / top)
        found.append(Bar(text=text, value=value, x=index * slot + 4, y=BASE - height, width=max(slot - 8, 4),
                         height=height))
    return found


def _cell(organization: Organization, request: FigureRequest, namespace: str, key: str,
          value: Any) -> dict[str, Any]:
    """A number and its link: the records behind it when its app declares them (core.figures.records), else the
    figures page of the same dates."""
    url = records_path(organization.pk, namespace, key, request) or figures_link(organization, request, key)
    return {"value": value, "url": url}


def series(organization: Organization, as_of: dt.date) -> list[dict[str, Any]]:
    """Per year (the last YEARS up to as_of): members at year end (or as_of), admitted, recognised, learners."""
    rows = []
    for year in range(as_of.year - YEARS + 1, as_of.year + 1):
        request = _request(organization, year, as_of)
        if request.as_of < organization.established_on:
            continue
        members = _figures("members", request)
        training = _figures("training", request)
        rows.append({"year": year, "request": request,
                     "members_total": _cell(organization, request, "members", "members_total",
                                            members.get("members_total", 0)),
                     "admitted": _cell(organization, request, "members", "admitted", members.get("admitted", 0)),
                     "learners": _cell(organization, request, "training", "learners", training.get("learners", 0))})
    return rows


def current(organization: Organization, as_of: dt.date) -> dict[str, Any]:
    """The as-of year's rating distribution, targets, coverage and training, each row (label, cell)."""
    request = _request(organization, as_of.year, as_of)
    rating = _figures("rating", request)
    targets = _figures("targets", request)
    coverage = _figures("organizations", request)
    training = _figures("training", request)

    def rows(namespace: str, found: dict[str, Any], keys: tuple[str, ...]) -> list[dict[str, Any]]:
        return [{"key": key, "label": label(namespace, key), **_cell(organization, request, namespace, key, found[key])}
                for key in keys if key in found]

    rating_rows = rows("rating", rating, tuple(f"grassroots_{level}" for level in RATING_LEVELS))
    rating_rows += rows("rating", rating, tuple(f"members_{level}" for level in RATING_LEVELS))
    plan = tuple(k for k in targets if k.endswith("_percent_of_plan"))
    return {
        "request": request,
        "rating": rating_rows,
        "targets": rows("targets", targets, ("targets_total", "targets_achieved", "targets_exceeded")),
        "plan": [{"key": k, "code": k.removesuffix("_percent_of_plan"), "value": targets.get(
            k.removesuffix("_percent_of_plan")), "percent": targets[k], "text": targets.get(f"{k}_text", ""),
            "url": figures_link(organization, request, k)} for k in plan],
        "coverage": rows("organizations", coverage, ("covered_units", "covered_units_without_cell",
                                                     "covered_units_joint_cell")),
        "training": rows("training", training, TRAINING_KEYS),
    }


def children_rows(children: list[Organization], as_of: dt.date) -> list[dict[str, Any]]:
    """Each child standing on as_of: members on that date, admitted and learners in the as-of year, counted for
    all the children at once (reports.dashboard_children: a bounded number of queries)."""
    standing = [child for child in children
                if child.established_on <= as_of and not (child.dissolved_on and child.dissolved_on <= as_of)]
    period = _request(standing[0], as_of.year, as_of) if standing else None
    counts = children_counts(standing, date_from=period.date_from, date_to=period.date_to,
                             as_of=period.as_of) if period else {}
    rows = []
    for child in standing:
        request = _request(child, as_of.year, as_of)
        rows.append({"organization": child, **{
            key: _cell(child, request, namespace, key, counts[key].get(child.pk, 0))
            for namespace, key in (("members", "members_total"), ("members", "admitted"), ("training", "learners"))
        }})
    return rows


def dashboard(organization: Organization, children: list[Organization], as_of: dt.date) -> dict[str, Any]:
    """Everything the dashboard page shows; the charts are built from the table rows."""
    years = series(organization, as_of)
    now = current(organization, as_of)
    return {
        "years": years,
        "now": now,
        "children": children_rows(children, as_of),
        "chart": {"width": WIDTH, "height": HEIGHT, "base": BASE},
        "charts": {
            "members": bars([(str(r["year"]), r["members_total"]["value"]) for r in years]),
            "admitted": bars([(str(r["year"]), r["admitted"]["value"]) for r in years]),
            "learners": bars([(str(r["year"]), r["learners"]["value"]) for r in years]),
            "rating": bars([(str(RATING_LEVELS[r["key"].removeprefix("grassroots_")]), r["value"])
                            for r in now["rating"] if r["key"].startswith("grassroots_")]),
        },
    }
