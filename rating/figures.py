"""Rating figures of an organization subtree for the year of the period's end, under the tree of that date.

Counts the decided ratings (Rating.level) of every campaign of that year whose subject stood, on `date_to`, under
the organization (organizations.queries.subtree_versions_as_of): grassroots organizations (kind.is_grassroots on
that date), cells ("cell" kind: chi bộ trực thuộc) and members (counted at the cell they belonged to on the
campaign's reference date; a cell merged later still counts under the committee of that year). Percentages are
whole per cent of those rated in the category, rounded half up (Na Tông 2016: 17 of 111 rated members -> 15).
The labels are the words of the year's scheme (the first one found; campaigns of one year share a scheme).

Comparison with the previous year (`*_previous` keys): the same counts for the year before, under the tree of
the same day a year earlier. An organization established after that day (a cell formed by a merger, a new
commune) is compared with its predecessors (organizations.lineage.predecessor_roots: through mergers and splits,
none counted twice), their counts summed and the percentages recomputed from the sums;
`rating_previous_predecessors` says how many predecessors were summed (0: the organization's own subtree).
Keys are documented in docs/figures.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from core.figures import FigureRequest, RecordRow, Records, register, register_labels, register_records
from organizations.lineage import predecessor_roots
from organizations.queries import subtree_versions_as_of
from rating import subjects as subj
from rating.models import GOOD_OR_BETTER, LEVEL_ORDER, Campaign, Level, Rating, Subject

CATEGORIES = ("grassroots", "cells", "members")


def _percent(part: int, whole: int) -> int:
    """Whole per cent, rounded half up: 17 of 111 -> 15."""
    return (200 * part + whole) // (2 * whole) if whole else 0


def rating_selections(organization: Any, *, year: int, on: dt.date) -> dict[str, QuerySet[Rating]]:
    """The decided ratings of the year counted in each category (grassroots, cells, members)."""
    under = subtree_versions_as_of(organization, on=on)
    ratings = Rating.objects.filter(campaign__year=year).exclude(level="")
    return {
        "grassroots": ratings.filter(subject=Subject.ORGANIZATION,
                                     organization_id__in=under.filter(kind__is_grassroots=True)
                                     .values("organization_id")),
        "cells": ratings.filter(subject=Subject.ORGANIZATION,
                                organization_id__in=under.filter(kind__code__in=subj.CELL_KINDS)
                                .values("organization_id")),
        "members": ratings.filter(subject=Subject.MEMBER, organization_id__in=under.values("organization_id")),
    }


def category_counts(organization: Any, *, year: int, on: dt.date) -> dict[str, int]:
    """Per category: rated, each level, exceptions (keys `<category>_<what>`), in one aggregate query."""
    under = subtree_versions_as_of(organization, on=on)
    ratings = Rating.objects.filter(campaign__year=year, organization_id__in=under.values("organization_id")) \
        .exclude(level="")
    categories = {
        "grassroots": Q(subject=Subject.ORGANIZATION,
                        organization_id__in=under.filter(kind__is_grassroots=True).values("organization_id")),
        "cells": Q(subject=Subject.ORGANIZATION,
                   organization_id__in=under.filter(kind__code__in=subj.CELL_KINDS).values("organization_id")),
        "members": Q(subject=Subject.MEMBER),
    }
    aggregates: dict[str, Count] = {}
    for category, where in categories.items():
        aggregates[f"{category}_rated"] = Count("id", filter=where)
        aggregates[f"{category}_exceptions"] = Count("id", filter=where & ~Q(exception=""))
        for level in LEVEL_ORDER:
            aggregates[f"{category}_{level.value}"] = Count("id", filter=where & Q(level=level))
    return {key: int(value or 0) for key, value in ratings.aggregate(**aggregates).items()}


def rating_figures(organization: Any, *, year: int, on: dt.date) -> dict[str, Any]:
    result: dict[str, Any] = {"rating_year": str(year)}  # a year, not a count: never "2.020"
    campaign = Campaign.objects.filter(year=year).select_related("scheme").first()
    applied = subj.applied_scheme(campaign) if campaign is not None else None
    result["rating_scheme"] = applied.scheme.name if applied else ""
    counts = category_counts(organization, year=year, on=on)
    for category in CATEGORIES:
        rated = counts[f"{category}_rated"]
        result[f"{category}_rated"] = rated
        subject = Subject.MEMBER if category == "members" else Subject.ORGANIZATION
        for level in LEVEL_ORDER:
            result[f"{category}_{level.value}"] = counts[f"{category}_{level.value}"]
            result[f"{category}_{level.value}_percent"] = _percent(counts[f"{category}_{level.value}"], rated)
            result[f"{category}_{level.value}_label"] = applied.label(subject, level) if applied else ""
        good = sum(counts[f"{category}_{level.value}"] for level in GOOD_OR_BETTER)
        result[f"{category}_good_or_better_percent"] = _percent(good, rated)
        result[f"{category}_exceptions"] = counts[f"{category}_exceptions"]
    # Two years running "not completed": a ground the members app offers for strike-off (Điều lệ Đảng, Điều 8).
    failed_before = Rating.objects.filter(campaign__year=year - 1, person__isnull=False,
                                          level=Level.NOT_COMPLETED).values("person_id")
    under = subtree_versions_as_of(organization, on=on).values("organization_id")
    members = Rating.objects.filter(campaign__year=year, subject=Subject.MEMBER, organization_id__in=under)
    result["members_not_completed_two_years"] = members.filter(
        level=Level.NOT_COMPLETED, person_id__in=failed_before).values("person_id").distinct().count()
    return result


def _year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


COUNT_KEYS = tuple(f"{category}_{suffix}" for category in CATEGORIES
                   for suffix in ("rated", *(level.value for level in LEVEL_ORDER), "exceptions"))


def previous_year_figures(organization: Any, *, year: int, on: dt.date) -> dict[str, Any]:
    """The counts of `year - 1` (keys suffixed `_previous`), through the predecessors for a younger organization."""
    before = _year_before(on)
    if organization.established_on > before:
        roots = predecessor_roots(organization, date_from=before, date_to=before, as_of=before)
        parts = [category_counts(root.organization, year=year - 1, on=root.on) for root in roots]
    else:
        roots, parts = [], [category_counts(organization, year=year - 1, on=before)]
    counts = {key: sum(int(part[key]) for part in parts) for key in COUNT_KEYS}
    result: dict[str, Any] = {f"{key}_previous": value for key, value in counts.items()}
    for category in CATEGORIES:
        rated = counts[f"{category}_rated"]
        for level in LEVEL_ORDER:
            result[f"{category}_{level.value}_percent_previous"] = _percent(counts[f"{category}_{level.value}"],
                                                                           rated)
        good = sum(counts[f"{category}_{level.value}"] for level in GOOD_OR_BETTER)
        result[f"{category}_good_or_better_percent_previous"] = _percent(good, rated)
    result["rating_previous_predecessors"] = len(roots)
    return result


def results(organization: Any, *, year: int, on: dt.date) -> dict[str, Any]:
    """The year's figures and the previous year's (with predecessors when the organization is younger)."""
    return {**rating_figures(organization, year=year, on=on),
            **previous_year_figures(organization, year=year, on=on)}


@register("rating")
def figures(request: FigureRequest) -> dict[str, Any]:
    return results(request.organization, year=request.date_to.year, on=request.date_to)


_LEVEL_WORDS = {"excellent": _("completed excellently"), "good": _("completed well"), "completed": _("completed"),
                "not_completed": _("not completed")}
_CATEGORY_WORDS = {"grassroots": _("Grassroots organizations"), "cells": _("Cells"), "members": _("Members")}


def _fmt(message: Any, **values: Any) -> Any:
    """`message % values`, evaluated in the reader's language when shown (not at import)."""
    return lazy(lambda: str(message) % {k: str(v) for k, v in values.items()}, str)()


def _labels() -> dict[str, Any]:
    labels: dict[str, Any] = {"rating_year": _("Year rated"), "rating_scheme": _("Rating scheme"),
                              "members_not_completed_two_years": _("Members rated “not completed” two years running")}
    labels["rating_previous_predecessors"] = _("Previous year: predecessors counted (0: the organization itself)")
    for category, words in _CATEGORY_WORDS.items():
        labels[f"{category}_rated_previous"] = _fmt(_("%(subjects)s rated, previous year"), subjects=words)
        labels[f"{category}_exceptions_previous"] = _fmt(_("%(subjects)s: results recorded as exceptions, previous "
                                                           "year"), subjects=words)
        labels[f"{category}_good_or_better_percent_previous"] = _fmt(
            _("%(subjects)s: “completed well” or better, %%, previous year"), subjects=words)
        for level, level_words in _LEVEL_WORDS.items():
            labels[f"{category}_{level}_previous"] = _fmt(_("%(subjects)s: %(level)s, previous year"),
                                                          subjects=words, level=level_words)
            labels[f"{category}_{level}_percent_previous"] = _fmt(_("%(subjects)s: %(level)s, %%, previous year"),
                                                                  subjects=words, level=level_words)
        labels[f"{category}_rated"] = _fmt(_("%(subjects)s rated"), subjects=words)
        labels[f"{category}_good_or_better_percent"] = _fmt(_("%(subjects)s: “completed well” or better, %%"),
                                                            subjects=words)
        labels[f"{category}_exceptions"] = _fmt(_("%(subjects)s: results recorded as exceptions"), subjects=words)
        for level, level_words in _LEVEL_WORDS.items():
            labels[f"{category}_{level}"] = _fmt(_("%(subjects)s: %(level)s"), subjects=words, level=level_words)
            labels[f"{category}_{level}_percent"] = _fmt(_("%(subjects)s: %(level)s, %%"), subjects=words,
                                                         level=level_words)
            labels[f"{category}_{level}_label"] = _fmt(_("%(subjects)s: words of the scheme for “%(level)s”"),
                                                       subjects=words, level=level_words)
    return labels


register_labels("rating", _("Quality rating"), _labels())


# The records behind the counts per level (core.figures.records): the decided ratings of that category and level.
def _ratings(request: FigureRequest, key: str) -> QuerySet[Rating]:
    category, _sep, level = key.partition("_")
    selected = rating_selections(request.organization, year=request.date_to.year, on=request.date_to)[category]
    if level != "rated":
        selected = selected.filter(level=level)
    return selected.select_related("person", "organization", "campaign").order_by("organization__sort_name", "id")


def _describe_rating(rating: Rating) -> RecordRow:
    if rating.person is not None:
        return RecordRow(text=rating.person.full_name, url=reverse("members:detail", args=[rating.person_id]),
                         on=rating.decided_on, detail=f"{rating.get_level_display()} · {rating.organization.name}")
    return RecordRow(text=rating.organization.name, url=reverse("rating:board", args=[rating.campaign_id]),
                     on=rating.decided_on, detail=rating.get_level_display())


register_records("rating", {
    f"{category}_{level}": Records(rows=_ratings, describe=_describe_rating, permission="rating.view")
    for category in CATEGORIES for level in ("rated", *(lvl.value for lvl in LEVEL_ORDER))
})
