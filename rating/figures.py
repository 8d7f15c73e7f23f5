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

from core.dates import year_before
from core.figures import FigureRequest, RecordRow, Records, register, register_labels, register_records
from organizations.lineage import predecessor_roots
from organizations.models import OrganizationVersion
from organizations.queries import subtree_versions_as_of, versions_as_of
from rating import subjects as subj
from rating.models import GOOD_OR_BETTER, LEVEL_ORDER, Campaign, Level, Rating, Subject

CATEGORIES = ("grassroots", "cells", "members", "leaders")


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
        "leaders": ratings.filter(subject=Subject.LEADER, organization_id__in=under.values("organization_id")),
    }


def subtrees(organization: Any, days: list[dt.date]) -> dict[dt.date, QuerySet[OrganizationVersion]]:
    """The subtree of the organization under the tree of each day (organizations.queries.subtree_versions_as_of),
    its own place on every day read with one query."""
    own = list(OrganizationVersion.objects.filter(organization=organization, valid_from__lte=max(days))
               .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=min(days))))
    found: dict[dt.date, QuerySet[OrganizationVersion]] = {}
    for day in days:
        root = next((v for v in own if v.valid_from <= day and (v.valid_to is None or day < v.valid_to)), None)
        found[day] = (versions_as_of(day).filter(path__under=root.path) if root is not None
                      else OrganizationVersion.objects.none())
    return found


def _counting(parts: list[tuple[str, int, QuerySet[OrganizationVersion]]]) -> dict[str, int]:
    """Per part (suffix, year, subtree) and category: rated, each level, exceptions, as keys
    `<category>_<what><suffix>`; every part in one aggregate query."""
    aggregates: dict[str, Count] = {}
    for suffix, year, under in parts:
        in_year = Q(campaign__year=year, organization_id__in=under.values("organization_id"))
        categories = {
            "grassroots": Q(subject=Subject.ORGANIZATION,
                            organization_id__in=under.filter(kind__is_grassroots=True).values("organization_id")),
            "cells": Q(subject=Subject.ORGANIZATION,
                       organization_id__in=under.filter(kind__code__in=subj.CELL_KINDS).values("organization_id")),
            "members": Q(subject=Subject.MEMBER),
            "leaders": Q(subject=Subject.LEADER),
        }
        if not suffix:  # two years running "not completed": a ground for strike-off (Điều lệ Đảng, Điều 8)
            failed_before = Rating.objects.filter(campaign__year=year - 1, person__isnull=False,
                                                  level=Level.NOT_COMPLETED).values("person_id")
            aggregates["members_not_completed_two_years"] = Count("person_id", distinct=True, filter=in_year & Q(
                subject=Subject.MEMBER, level=Level.NOT_COMPLETED, person_id__in=failed_before))
        for category, where in categories.items():
            where = in_year & where
            aggregates[f"{category}_rated{suffix}"] = Count("id", filter=where)
            aggregates[f"{category}_exceptions{suffix}"] = Count("id", filter=where & ~Q(exception=""))
            for level in LEVEL_ORDER:
                aggregates[f"{category}_{level.value}{suffix}"] = Count("id", filter=where & Q(level=level))
    ratings = Rating.objects.filter(campaign__year__in=sorted({year for _s, year, _u in parts})).exclude(level="")
    return {key: int(value or 0) for key, value in ratings.aggregate(**aggregates).items()}


def category_counts(organization: Any, *, year: int, on: dt.date) -> dict[str, int]:
    """Per category: rated, each level, exceptions (keys `<category>_<what>`), in one aggregate query."""
    return _counting([("", year, subtrees(organization, [on])[on])])


def rating_figures(organization: Any, *, year: int, on: dt.date, counts: dict[str, int] | None = None,
                   under: QuerySet[OrganizationVersion] | None = None) -> dict[str, Any]:
    """The year's figures; `counts` and `under` when the caller has them already (results)."""
    result: dict[str, Any] = {"rating_year": str(year)}  # a year, not a count: never "2.020"
    campaign = Campaign.objects.filter(year=year).select_related("scheme").first()
    applied = subj.applied_scheme(campaign) if campaign is not None else None
    result["rating_scheme"] = applied.scheme.name if applied else ""
    if under is None:
        under = subtrees(organization, [on])[on]
    if counts is None:
        counts = _counting([("", year, under)])
    for category in CATEGORIES:
        rated = counts[f"{category}_rated"]
        result[f"{category}_rated"] = rated
        subject = {"members": Subject.MEMBER, "leaders": Subject.LEADER}.get(category, Subject.ORGANIZATION)
        for level in LEVEL_ORDER:
            result[f"{category}_{level.value}"] = counts[f"{category}_{level.value}"]
            result[f"{category}_{level.value}_percent"] = _percent(counts[f"{category}_{level.value}"], rated)
            result[f"{category}_{level.value}_label"] = applied.label(subject, level) if applied else ""
        good = sum(counts[f"{category}_{level.value}"] for level in GOOD_OR_BETTER)
        result[f"{category}_good_or_better_percent"] = _percent(good, rated)
        result[f"{category}_exceptions"] = counts[f"{category}_exceptions"]
    result["members_not_completed_two_years"] = counts["members_not_completed_two_years"]
    return result



COUNT_KEYS = tuple(f"{category}_{suffix}" for category in CATEGORIES
                   for suffix in ("rated", *(level.value for level in LEVEL_ORDER), "exceptions"))


def _previous(counts: dict[str, int], predecessors: int) -> dict[str, Any]:
    result: dict[str, Any] = {f"{key}_previous": counts[key] for key in COUNT_KEYS}
    for category in CATEGORIES:
        rated = counts[f"{category}_rated"]
        for level in LEVEL_ORDER:
            result[f"{category}_{level.value}_percent_previous"] = _percent(counts[f"{category}_{level.value}"],
                                                                           rated)
        good = sum(counts[f"{category}_{level.value}"] for level in GOOD_OR_BETTER)
        result[f"{category}_good_or_better_percent_previous"] = _percent(good, rated)
    result["rating_previous_predecessors"] = predecessors
    return result


def results(organization: Any, *, year: int, on: dt.date) -> dict[str, Any]:
    """The year's figures and the previous year's (keys `*_previous`), under the tree of the same day a year
    before; for an organization established after that day, its predecessors' summed."""
    before = year_before(on)
    young = organization.established_on > before
    unders = subtrees(organization, [on] if young else [on, before])
    parts = [("", year, unders[on])] + ([] if young else [("_previous", year - 1, unders[before])])
    counts = _counting(parts)
    result = rating_figures(organization, year=year, on=on, counts=counts, under=unders[on])
    if young:
        roots = predecessor_roots(organization, date_from=before, date_to=before, as_of=before)
        summed = [category_counts(root.organization, year=year - 1, on=root.on) for root in roots]
        previous = {key: sum(part[key] for part in summed) for key in COUNT_KEYS}
        return {**result, **_previous(previous, len(roots))}
    return {**result, **_previous({key: counts[f"{key}_previous"] for key in COUNT_KEYS}, 0)}


@register("rating")
def figures(request: FigureRequest) -> dict[str, Any]:
    return results(request.organization, year=request.date_to.year, on=request.date_to)


_LEVEL_WORDS = {"excellent": _("completed excellently"), "good": _("completed well"), "completed": _("completed"),
                "not_completed": _("not completed")}
_CATEGORY_WORDS = {"grassroots": _("Grassroots organizations"), "cells": _("Cells"), "members": _("Members"),
                   "leaders": _("Leaders and managers")}


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
