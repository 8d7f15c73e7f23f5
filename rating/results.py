"""Results of a subtree and a year, under the tree of 31/12 of that year: the counts per level with the previous
year's (with predecessors for a younger organization, rating.figures.results), the lists of organizations and
members per level (scoped: the ratings the user may see), and the upward summaries in the layouts of
rating/layouts.py; both exported as XLSX in the report layout (core.spreadsheets.report).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from core.spreadsheets.report import Column, Report, report_xlsx
from organizations.models import Organization
from organizations.queries import subtree_versions_as_of
from rating import subjects as subj
from rating.figures import CATEGORIES, results
from rating.layouts import LAYOUTS, Layout
from rating.models import LEVEL_ORDER, Campaign, Rating, Subject
from rating.queries import ratings_visible

SUBJECT_ORDER = (Subject.ORGANIZATION, Subject.MEMBER, Subject.LEADER)


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


@dataclass(frozen=True)
class ListRow:
    rating: Rating
    label: str  # the level in the scheme's words
    name: str
    code: str
    where: str  # the cell (members) or the organization above (organizations), as they stood on 31/12

    @property
    def exception(self) -> str:
        return self.rating.exception


@dataclass
class LevelList:
    subject: str
    level: str
    label: str
    rows: list[ListRow] = field(default_factory=list)


def level_lists(user: Any, *, organization: Organization, year: int) -> list[LevelList]:
    """Decided ratings of the year under the organization (tree of 31/12), per subject and level, in the scheme's
    order; only those the user may see (rating.view)."""
    on = year_end(year)
    versions = {v.organization_id: v for v in subtree_versions_as_of(organization, on=on)}
    parents = {v.organization_id: v.name for v in versions.values()}
    ratings = (ratings_visible(user).filter(campaign__year=year, organization_id__in=list(versions))
               .exclude(level="").order_by("organization__path", "person__sort_name", "id"))
    applied: dict[int, subj.AppliedScheme] = {}
    lists: dict[tuple[str, str], LevelList] = {}
    for subject in SUBJECT_ORDER:
        for level in LEVEL_ORDER:
            lists[(subject, level.value)] = LevelList(subject, level.value, "")
    for rating in ratings:
        if rating.campaign_id not in applied:
            applied[rating.campaign_id] = subj.applied_scheme(rating.campaign)
        label = applied[rating.campaign_id].label(rating.subject, rating.level)
        version = versions[rating.organization_id]
        if rating.person is not None:
            row = ListRow(rating, label, rating.person.full_name, str(rating.person.code), version.name)
        else:
            above = parents.get(version.parent_id or 0, "")
            row = ListRow(rating, label, version.name, rating.organization.code, above)
        item = lists.setdefault((rating.subject, rating.level), LevelList(rating.subject, rating.level, label))
        item.label = item.label or label
        item.rows.append(row)
    scheme = next(iter(applied.values()), None)
    if scheme is None:
        campaign = Campaign.objects.filter(year=year).select_related("scheme").first()
        scheme = subj.applied_scheme(campaign) if campaign is not None else None
    for item in lists.values():
        if not item.label:
            item.label = scheme.label(item.subject, item.level) if scheme is not None else item.level
    return list(lists.values())


def lists_xlsx(user: Any, *, organization: Organization, year: int) -> bytes:
    """The lists per level as one report sheet (level, subject, name, code, where, score, decided on, exception)."""
    report = Report(
        title=_("Rating results %(year)d, lists per level") % {"year": year},
        organization=organization.name, made_on=timezone.localdate(),
        filters=[(_("Year"), str(year))],
        columns=[Column(_("Level"), 34), Column(_("Rated"), 12), Column(_("Name"), 30), Column(_("Code"), 14),
                 Column(_("Cell or organization above"), 30), Column(_("Score"), 8), Column(_("Decided on"), 12),
                 Column(_("Exception to the rules"), 30)],
    )
    words = {Subject.ORGANIZATION: _("organization"), Subject.MEMBER: _("member"), Subject.LEADER: _("leader")}
    rows = [(item.label, str(words.get(Subject(item.subject), item.subject)), row.name, row.code, row.where,
             row.rating.score, row.rating.decided_on, row.exception)
            for item in level_lists(user, organization=organization, year=year) for row in item.rows]
    return report_xlsx(report, rows)


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def _fill(template: str, values: dict[str, Any]) -> str:
    return template.format_map(_Blank(values))


def children_as_of(organization: Organization, *, on: dt.date) -> list[Organization]:
    versions = subtree_versions_as_of(organization, on=on).filter(parent_id=organization.pk).select_related(
        "organization").order_by("name")
    return [v.organization for v in versions]


@dataclass
class Summary:
    layout: Layout
    title: str
    headers: list[str]
    rows: list[list[Any]]  # one per child organization, then the total


def summary(*, organization: Organization, year: int, layout: Layout) -> Summary:
    """The layout's rows: each child organization of 31/12 of the year, then the organization's total."""
    on = year_end(year)
    total = {**results(organization, year=year, on=on), "name": _("Total"), "code": organization.code,
             "year": year}
    rows = []
    for child in children_as_of(organization, on=on):
        values = {**results(child, year=year, on=on), "name": child.name, "code": child.code}
        rows.append([values.get(column.key, "") for column in layout.columns])
    rows.append([total.get(column.key, "") for column in layout.columns])
    return Summary(layout, _fill(layout.title, total), [_fill(c.title, total) for c in layout.columns], rows)


def summary_xlsx(*, organization: Organization, year: int, layout_code: str) -> bytes:
    layout = LAYOUTS[layout_code]
    data = summary(organization=organization, year=year, layout=layout)
    report = Report(title=data.title, organization=organization.name, made_on=timezone.localdate(),
                    filters=[(_("Year"), str(year))],
                    columns=[Column(title, column.width) for title, column in zip(data.headers, layout.columns,
                                                                                  strict=True)])
    return report_xlsx(report, data.rows)


@dataclass(frozen=True)
class CountRow:
    category: str
    level: str
    label: str
    count: int
    percent: int
    previous: int
    previous_percent: int


def count_rows(figures: dict[str, Any]) -> dict[str, list[CountRow]]:
    """Per category, one row per level: this year's and the previous year's count and per cent."""
    table: dict[str, list[CountRow]] = {}
    for category in CATEGORIES:
        table[category] = [CountRow(category, level.value, figures.get(f"{category}_{level.value}_label") or "",
                                    figures[f"{category}_{level.value}"], figures[f"{category}_{level.value}_percent"],
                                    figures[f"{category}_{level.value}_previous"],
                                    figures[f"{category}_{level.value}_percent_previous"])
                           for level in LEVEL_ORDER]
    return table
