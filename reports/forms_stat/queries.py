"""Breakdowns the figures registry has no key for: members on a date by ethnicity, religion, political theory
level and general education. One grouped aggregate query each, under the tree of the date, counting the same
members as `members.members_total` (official, exempted and probationary spells valid that day), so each
breakdown adds up to that key. The person's level is the one recorded in the file now (a file holds the
highest level reached; the file keeps no dated history of it)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from members.models import Ethnicity, MembershipSpell, PoliticalTheory, Religion, Status
from organizations.models import Organization
from organizations.queries import subtree_versions_as_of

_COUNTED = [Status.OFFICIAL, Status.EXEMPTED, Status.PROBATIONARY]
BREAKDOWNS = ("political_theory", "general_education", "ethnicity", "religion")


def _grouped(organization: Organization, as_of: dt.date, field: str) -> dict[object, int]:
    organizations = subtree_versions_as_of(organization, on=as_of).values("organization_id")
    spells = MembershipSpell.objects.filter(organization_id__in=organizations, valid_from__lte=as_of,
                                            status__in=_COUNTED).filter(Q(valid_to__isnull=True) |
                                                                        Q(valid_to__gt=as_of))
    return {row[f"person__{field}"]: row["n"] for row in
            spells.values(f"person__{field}").annotate(n=Count("person_id", distinct=True)).order_by()}


def breakdown(organization: Organization, *, as_of: dt.date, name: str) -> list[tuple[str, int]]:
    """(label, members) rows of one breakdown, in the order of the form; missing values in a last row."""
    if name == "political_theory":
        found = _grouped(organization, as_of, "political_theory")
        return [(str(choice.label), found.get(choice.value, 0)) for choice in PoliticalTheory]
    if name == "general_education":
        found = _grouped(organization, as_of, "general_education")
        rows = [(str(value), count) for value, count in sorted(found.items(), key=lambda i: str(i[0])) if value]
        missing = found.get("", 0) + found.get(None, 0)
        return [*rows, (_("General education not recorded"), missing)]
    model = Ethnicity if name == "ethnicity" else Religion
    found = _grouped(organization, as_of, f"{name}_id")
    rows = [(item.name, found.get(item.pk, 0)) for item in model.objects.order_by("order", "code")]
    label = _("Ethnicity not recorded") if name == "ethnicity" else _("Without a religion")
    return [*rows, (label, found.get(None, 0))]
