"""The "members" namespace of the figures service, read from the tallies (registered after members', so it
replaces it; members.figures.member_figures stays the reference that the property test compares with).

Every key is read from pre-aggregated rows except `recognised_decided` (recognitions counted by their decision's
date), which keeps a narrow query over the recognition events of the subtree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Coalesce

from core.figures import FigureRequest, register
from members.models import EventKind, MemberEvent, Status
from organizations.models import Organization, OrganizationVersion
from tallies import read

_DECISION_LAG = dt.timedelta(days=2 * 366)  # as members.figures: bounds the scan of earlier recognitions


def recognised_decided(organization: Organization, *, date_from: dt.date, date_to: dt.date) -> int:
    """Recognitions decided in [date_from, date_to], where the member stood at the end of probation."""
    paths = read._paths(organization, date_from, date_to)
    if date_to < date_from or not paths:
        return 0
    under = read._under(paths)
    stood_under = Exists(
        OrganizationVersion.objects.filter(organization=OuterRef("organization"),
                                           valid_from__lte=OuterRef("occurred_on"))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=OuterRef("occurred_on"))).filter(under)
    )
    candidates = (OrganizationVersion.objects.filter(under, valid_from__lte=date_to)
                  .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=date_from - _DECISION_LAG))
                  .values("organization_id"))
    events = (
        MemberEvent.objects.filter(kind=EventKind.RECOGNITION, occurred_on__gte=date_from - _DECISION_LAG,
                                   occurred_on__lte=date_to, organization_id__in=candidates)
        .annotate(decided_on=Coalesce("decision_date", "occurred_on"))
        .filter(decided_on__gte=date_from, decided_on__lte=date_to)
        .current()
        .exclude(person__status=Status.VOIDED)
        .filter(stood_under)
    )
    return int(events.aggregate(n=Count("id"))["n"] or 0)


def member_figures(organization: Organization, *, date_from: dt.date, date_to: dt.date, as_of: dt.date
                   ) -> dict[str, Any]:
    """The keys of members.figures.member_figures, from the tallies."""
    return {
        **read.stocks(organization, as_of=as_of),
        **read.movements(organization, date_from=date_from, date_to=date_to),
        "recognised_decided": recognised_decided(organization, date_from=date_from, date_to=date_to),
    }


def members_contribution(request: FigureRequest) -> dict[str, Any]:
    """The "members" namespace (docs/figures.md), read from the tallies (docs/statistics.md)."""
    return member_figures(request.organization, date_from=request.date_from, date_to=request.date_to,
                          as_of=request.as_of)


# On by default since the read uses the organization's own rollup series: at 1 % scale 4x faster than the
# reference queries for a province and 2,7x for the installation (docs/benchmarks.md, run E); an installation
# can still read the reference with DANGVU_FIGURES_FROM_TALLIES=0.
if settings.DANGVU_FIGURES_FROM_TALLIES:
    register("members")(members_contribution)
