"""Where members live and work, read (issue 7 §5): the units a form or the API may offer, a person's places, and
the figures "covered units without any member living or working there" as of any date, per unit kind.

A unit "has a member" on a date when a person who was then a member (probationary, official or exempted:
`MembershipSpell`) lived or worked there on that date (`PersonPlace` in force; a place recorded without its
start counts from the beginning). The units counted are those of `organizations.coverage` (on the territory of
the subtree under the tree of that date). Written by members.services.places.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.figures import FigureRequest, Records, register, register_labels, register_records
from core.scope import VIEW, restrict
from members.models import MEMBER_STATUSES, MembershipSpell, Person, PersonPlace
from organizations.coverage import describe_unit, figure_suffix, unit_versions_as_of, units_of_key
from organizations.models import CoveredUnit, CoveredUnitKind, CoveredUnitVersion, Organization
from organizations.queries import in_force
from organizations.reference import COVERED_UNIT_KINDS


def units_offered(user: Any) -> QuerySet[CoveredUnit]:
    """The units a person's place may name: existing units the user may see (others are neither offered nor
    accepted: members.services.places)."""
    units = CoveredUnit.objects.filter(dissolved_on__isnull=True).select_related("kind", "territory")
    return restrict(units, user, VIEW).order_by("sort_name", "pk")


def places_of(person: Person) -> list[PersonPlace]:
    """The person's places, residence then work, oldest first."""
    return list(PersonPlace.objects.filter(person=person).select_related("unit"))


def person_places_panel(request: Any, person: Person) -> dict[str, Any] | None:
    """The person page's panel (core.panels): where they lived and worked; a unit the reader may not see is not
    named."""
    rows = places_of(person)
    if not rows:
        return None
    visible = set(restrict(CoveredUnit.objects.filter(pk__in={r.unit_id for r in rows}), request.user, VIEW)
                  .values_list("pk", flat=True))
    return {"places": [(row, row.unit_id in visible) for row in rows]}


def members_on(on: dt.date) -> QuerySet[Any]:
    """Ids of the persons who were members on `on`."""
    spells = MembershipSpell.objects.filter(valid_from__lte=on, status__in=MEMBER_STATUSES)
    return spells.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on)).values("person_id")


def units_with_member(on: dt.date) -> QuerySet[PersonPlace]:
    """The places in force on `on` of persons then members."""
    return PersonPlace.objects.filter(in_force(on), person_id__in=members_on(on))


def units_annotated(organization: Organization, *, on: dt.date) -> QuerySet[CoveredUnitVersion]:
    """The unit versions of the subtree on `on`, annotated `has_member` (what the keys below count)."""
    lived = units_with_member(on).filter(unit_id=OuterRef("unit_id"))
    return unit_versions_as_of(organization, on=on).annotate(has_member=Exists(lived))


def without_member_counts(organization: Organization, *, on: dt.date) -> dict[str, int]:
    """Per unit kind code: the units of the subtree on `on` where no member lived or worked."""
    rows = (units_annotated(organization, on=on).values("unit__kind__code")
            .annotate(without=Count("unit_id", distinct=True, filter=Q(has_member=False))))
    return {row["unit__kind__code"]: row["without"] for row in rows}


KEY = "covered_units_without_member"


def place_figures(organization: Organization, *, on: dt.date) -> dict[str, int]:
    """`covered_units_without_member` and, for every unit kind (data), `covered_units_without_member_of_<kind>`."""
    counts = without_member_counts(organization, on=on)
    result = {KEY: sum(counts.values())}
    for code in CoveredUnitKind.objects.values_list("code", flat=True):
        result[f"{KEY}_of_{figure_suffix(code)}"] = counts.get(code, 0)
    return result


register_labels(
    "places",
    _("Where members live and work"),
    {KEY: _("Covered units without any member living or working there")},
    stocks=(KEY, *(f"{KEY}_of_{figure_suffix(code)}" for code, _name, _en in COVERED_UNIT_KINDS)),
    prefixes={f"{KEY}_of_": _("Covered units without any member living or working there")},
)


@register("places")
def places_figures(request: FigureRequest) -> dict[str, int]:
    """Stocks on `as_of` under the tree of that date (members.places)."""
    return place_figures(request.organization, on=request.as_of)


def _units(request: FigureRequest, key: str) -> QuerySet[CoveredUnitVersion]:
    """The records behind the keys (core.figures.records): the unit versions counted."""
    return units_of_key(units_annotated(request.organization, on=request.as_of), key, {KEY: Q(has_member=False)})


_RECORDS = Records(rows=_units, describe=describe_unit, permission="organizations.view", stock=True)
register_records("places", {KEY: _RECORDS}, prefixes={f"{KEY}_of_": _RECORDS})
