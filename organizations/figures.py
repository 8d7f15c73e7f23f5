"""Organization figures: how many organizations of each sort stood in the subtree on a date, and coverage."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from core.figures import FigureRequest, register, register_labels
from organizations.coverage import COVERAGE_LABELS, COVERAGE_PREFIXES, COVERAGE_STOCKS, coverage_figures
from organizations.kinds import grassroots_q
from organizations.models import Organization
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


@register("organizations")
def organization_figures(request: FigureRequest) -> dict[str, Any]:
    """Counts on `as_of` under the tree of that date (the organization itself excluded)."""
    versions = subtree_versions_as_of(request.organization, on=request.as_of).exclude(
        organization=request.organization
    )
    grassroots = grassroots_q(request.as_of)  # the definition in force on the counting date (organizations.kinds)
    counts = versions.aggregate(
        cells=Count("pk", filter=Q(kind__holds_members=True)),
        grassroots=Count("pk", filter=grassroots),
        grassroots_committees=Count("pk", filter=grassroots & Q(kind__holds_members=False)),
        grassroots_cells=Count("pk", filter=grassroots & Q(kind__holds_members=True)),
        subordinate_cells=Count("pk", filter=~grassroots & Q(kind__holds_members=True)),
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
