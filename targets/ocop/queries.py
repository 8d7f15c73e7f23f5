"""Reading OCOP registrations: the products of a subtree in a year and their counts."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from core.scope import restrict
from organizations.models import Organization
from organizations.queries import subtree_versions_as_of
from targets import wording as w
from targets.ocop.models import OcopProduct, Registration


def products(user: Any, organization: Organization, *, year: int) -> QuerySet[OcopProduct]:
    under = subtree_versions_as_of(organization, on=dt.date(year, 12, 31)).values("organization_id")
    return restrict(OcopProduct.objects.filter(year=year, organization_id__in=under), user, "targets.view")


@dataclass(frozen=True)
class Counts:
    registered: int
    upgrades: int
    new: int
    proposals: tuple[tuple[int, int, int], ...]  # (from stars, to stars, products)

    @property
    def text(self) -> str:
        return w.ocop_text(self.registered, self.upgrades, self.new, self.proposals)

    @property
    def proposals_total(self) -> int:
        return sum(count for _f, _t, count in self.proposals)


def counts(organization: Organization, *, year: int) -> Counts:
    """Registrations of the year by organizations standing under it on 31/12 (one query)."""
    under = subtree_versions_as_of(organization, on=dt.date(year, 12, 31)).values("organization_id")
    rows = list(OcopProduct.objects.filter(year=year, organization_id__in=under)
                .values_list("registration", "stars", "proposed_stars"))
    kinds = Counter(row[0] for row in rows)
    proposals = Counter((row[1], row[2]) for row in rows if row[2] is not None and row[1] is not None)
    return Counts(registered=len(rows), upgrades=kinds[Registration.UPGRADE], new=kinds[Registration.NEW],
                  proposals=tuple((f, t, n) for (f, t), n in sorted(proposals.items())))
