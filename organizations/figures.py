"""Organization figures: how many organizations of each sort stood in the subtree on a date, and coverage."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.figures import FigureRequest, RecordRow, Records, register, register_labels, register_records
from organizations.coverage import (
    COVERAGE_CONDITIONS,
    COVERAGE_LABELS,
    COVERAGE_PREFIXES,
    COVERAGE_STOCKS,
    coverage_figures,
    describe_unit,
    units_of_key,
    units_with_coverage,
)
from organizations.kinds import grassroots_q
from organizations.models import CoveredUnitVersion, Organization, OrganizationVersion
from organizations.queries import subtree_versions_as_of

register_labels(
    "organizations",
    _("Organizations"),
    {
        "organizations_total": _("Party organizations under it"),
        "cells": _("Party cells (where members are registered)"),
        "grassroots_organizations": _("Grassroots Party organizations"),
        "grassroots_committees": _("of which grassroots Party committees (communes, đảng bộ cơ sở)"),
        "grassroots_cells": _("of which grassroots Party cells (chi bộ cơ sở)"),
        "subordinate_cells": _("Party cells under a grassroots committee (chi bộ trực thuộc)"),
        **COVERAGE_LABELS,
        "established": _("Organizations established"),
        "dissolved": _("Organizations dissolved"),
    },
    stocks=("organizations_total", "cells", "grassroots_organizations", "grassroots_committees", "grassroots_cells",
            "subordinate_cells", *COVERAGE_STOCKS),
    prefixes=COVERAGE_PREFIXES,
)


def _sorts(request: FigureRequest) -> dict[str, Q]:
    """Key -> condition on the versions of the subtree (the grassroots definition in force on the counting date)."""
    grassroots = grassroots_q(request.as_of)  # organizations.kinds
    return {"organizations_total": Q(), "cells": Q(kind__holds_members=True), "grassroots_organizations": grassroots,
            "grassroots_committees": grassroots & Q(kind__holds_members=False),
            "grassroots_cells": grassroots & Q(kind__holds_members=True),
            "subordinate_cells": ~grassroots & Q(kind__holds_members=True)}


@register("organizations")
def organization_figures(request: FigureRequest) -> dict[str, Any]:
    """Counts on `as_of` under the tree of that date (the organization itself excluded)."""
    versions = subtree_versions_as_of(request.organization, on=request.as_of).exclude(
        organization=request.organization
    )
    sorts = _sorts(request)
    counts = versions.aggregate(
        cells=Count("pk", filter=sorts["cells"]),
        grassroots=Count("pk", filter=sorts["grassroots_organizations"]),
        grassroots_committees=Count("pk", filter=sorts["grassroots_committees"]),
        grassroots_cells=Count("pk", filter=sorts["grassroots_cells"]),
        subordinate_cells=Count("pk", filter=sorts["subordinate_cells"]),
        all=Count("pk"),
    )
    # Organizations whose path (today) lies under the organization: a dissolved one keeps its last path.
    below = Organization.objects.filter(path__under=request.organization.path).exclude(pk=request.organization.pk)
    period = (request.date_from, request.date_to)
    return {
        "organizations_total": counts["all"],
        "cells": counts["cells"],
        "grassroots_organizations": counts["grassroots"],
        "grassroots_committees": counts["grassroots_committees"],
        "grassroots_cells": counts["grassroots_cells"],
        "subordinate_cells": counts["subordinate_cells"],
        # Coverage as of the date, out of the dated records, in total and per unit kind (organizations.coverage).
        **coverage_figures(request.organization, on=request.as_of),
        "established": below.filter(established_on__range=period).count(),
        "dissolved": below.filter(dissolved_on__range=period).count(),
    }


# The records behind the counts of organizations (core.figures.records): the versions the counts aggregate.
def _versions(request: FigureRequest, key: str) -> QuerySet[OrganizationVersion]:
    return (subtree_versions_as_of(request.organization, on=request.as_of).exclude(organization=request.organization)
            .filter(_sorts(request)[key]).select_related("kind").order_by("path", "id"))


def _describe_version(version: OrganizationVersion) -> RecordRow:
    return RecordRow(text=version.name, url=reverse("organizations:detail", args=[version.organization_id]),
                     on=version.valid_from, detail=version.kind.name)


register_records("organizations", {
    key: Records(rows=_versions, describe=_describe_version, permission="organizations.view", stock=True)
    for key in ("organizations_total", "cells", "grassroots_organizations", "grassroots_committees",
                "grassroots_cells", "subordinate_cells")
})


# The covered units behind the coverage keys: the unit versions the counts aggregate (per kind: `..._of_<kind>`).
def _units(request: FigureRequest, key: str) -> QuerySet[CoveredUnitVersion]:
    return units_of_key(units_with_coverage(request.organization, on=request.as_of), key, COVERAGE_CONDITIONS)


_UNIT_RECORDS = Records(rows=_units, describe=describe_unit, permission="organizations.view", stock=True)
register_records("organizations", dict.fromkeys(COVERAGE_CONDITIONS, _UNIT_RECORDS),
                 prefixes=dict.fromkeys((f"{family}_of_" for family in COVERAGE_CONDITIONS
                                         if family != "covered_units_cover_date_unknown"), _UNIT_RECORDS))
