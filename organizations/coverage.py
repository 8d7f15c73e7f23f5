"""Coverage as of a date, out of the records: which units stood in an organization's subtree on that date (under
the tree of that date), which cell covered each, which cells were joint ("sinh hoạt ghép"), per unit kind.

Unscoped building blocks for figures (the figures service scopes the organization it is asked about); pages and
the API go through `organizations.queries`. A version or coverage with an unknown start (`valid_from` empty,
migrated from before coverage was dated) counts from the beginning; `coverage_date_unknown` says how many.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.figures import RecordRow
from organizations.models import Coverage, CoveredUnitKind, CoveredUnitVersion, Organization
from organizations.queries import in_force, subtree_versions_as_of, versions_in_force
from organizations.reference import COVERED_UNIT_KINDS


def coverages_as_of(on: dt.date) -> QuerySet[Coverage]:
    """Every coverage in force on `on`."""
    return Coverage.objects.filter(in_force(on))


def unit_versions_as_of(organization: Organization, *, on: dt.date) -> QuerySet[CoveredUnitVersion]:
    """Versions on `on` of the units then on the territory of the organization or of anything then under it."""
    territories = subtree_versions_as_of(organization, on=on).values("organization_id")
    return versions_in_force(on).filter(territory_id__in=territories)


def joint_cells_as_of(on: dt.date) -> QuerySet[Any]:
    """Ids of the cells covering two or more units on `on`."""
    return (coverages_as_of(on).values("cell_id").annotate(units=Count("unit_id", distinct=True))
            .filter(units__gte=2).values("cell_id"))


def units_with_coverage(organization: Organization, *, on: dt.date) -> QuerySet[CoveredUnitVersion]:
    """`unit_versions_as_of` annotated `is_covered` (a cell covered it on `on`), `is_joint` (by a joint cell),
    `is_unknown` (by a coverage without its start date): what the coverage keys count."""
    covering = coverages_as_of(on).filter(unit_id=OuterRef("unit_id"))
    return unit_versions_as_of(organization, on=on).annotate(
        is_covered=Exists(covering),
        is_joint=Exists(covering.filter(cell_id__in=joint_cells_as_of(on))),
        is_unknown=Exists(covering.filter(valid_from__isnull=True)),
    )


# Coverage key family -> condition on `units_with_coverage`.
COVERAGE_CONDITIONS: dict[str, Q] = {"covered_units": Q(), "covered_units_without_cell": Q(is_covered=False),
                                     "covered_units_joint_cell": Q(is_joint=True),
                                     "covered_units_cover_date_unknown": Q(is_unknown=True)}


def coverage_counts_as_of(organization: Organization, *, on: dt.date) -> dict[str, dict[str, int]]:
    """Per unit kind code: units, without a cell, served by a joint cell, covered since a date unknown."""
    rows = (
        units_with_coverage(organization, on=on)
        .values("unit__kind__code")
        .annotate(
            units=Count("unit_id", distinct=True),
            without_cell=Count("unit_id", distinct=True, filter=Q(is_covered=False)),
            joint=Count("unit_id", distinct=True, filter=Q(is_joint=True)),
            date_unknown=Count("unit_id", distinct=True, filter=Q(is_unknown=True)),
        )
    )
    return {
        row["unit__kind__code"]: {k: row[k] for k in ("units", "without_cell", "joint", "date_unknown")}
        for row in rows
    }


def coverage_figures(organization: Organization, *, on: dt.date) -> dict[str, int]:
    """Figure keys: the totals (`covered_units`, `covered_units_without_cell`, `covered_units_joint_cell`,
    `covered_units_cover_date_unknown`) and, for every unit kind (data), the same per kind suffixed `_of_<kind code>`
    (e.g. `covered_units_without_cell_of_village`)."""
    counts = coverage_counts_as_of(organization, on=on)
    names = {"units": "covered_units", "without_cell": "covered_units_without_cell",
             "joint": "covered_units_joint_cell", "date_unknown": "covered_units_cover_date_unknown"}
    result = {key: sum(c[part] for c in counts.values()) for part, key in names.items()}
    for code in CoveredUnitKind.objects.values_list("code", flat=True):
        per_kind = counts.get(code, {})
        for part, key in names.items():
            if part != "date_unknown":
                result[f"{key}_of_{figure_suffix(code)}"] = per_kind.get(part, 0)
    return result


def figure_suffix(kind_code: str) -> str:
    """A kind code as the tail of a figure key ("residential-group" -> "residential_group")."""
    return kind_code.replace("-", "_")


def units_of_key(versions: QuerySet[CoveredUnitVersion], key: str,
                 families: dict[str, Q]) -> QuerySet[CoveredUnitVersion]:
    """The unit versions a coverage-like key counts: its family's condition, and for `<family>_of_<kind>` the
    kinds whose code gives that suffix."""
    family, _sep, suffix = key.partition("_of_")
    versions = versions.filter(families[family])
    if suffix:
        codes = [c for c in CoveredUnitKind.objects.values_list("code", flat=True) if figure_suffix(c) == suffix]
        versions = versions.filter(unit__kind__code__in=codes)
    return versions.select_related("unit__kind", "territory").order_by("name", "id")


def describe_unit(version: CoveredUnitVersion) -> RecordRow:
    return RecordRow(text=version.name, url=reverse("organizations:unit_detail", args=[version.unit_id]),
                     on=version.valid_from, detail=f"{version.unit.kind.name} · {version.territory.name}")


_FAMILIES = {
    "covered_units": _("Covered units (villages, agencies …)"),
    "covered_units_without_cell": _("Covered units without a Party cell"),
    "covered_units_joint_cell": _("Covered units served by a joint cell (sinh hoạt ghép)"),
}
COVERAGE_LABELS: dict[str, Any] = {
    **_FAMILIES,
    "covered_units_cover_date_unknown": _("Covered units whose cell is recorded without its start date"),
}
# Keys per unit kind (data): the family's label, then the kind's code.
COVERAGE_PREFIXES: dict[str, Any] = {f"{key}_of_": text for key, text in _FAMILIES.items()}
COVERAGE_STOCKS = (
    *COVERAGE_LABELS,
    *(f"{key}_of_{figure_suffix(code)}" for key in _FAMILIES for code, _name, _en in COVERED_UNIT_KINDS),
)
