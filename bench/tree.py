"""Benchmark of the organization tree at growing sizes: subtree reads, tree-of-a-date, moves.

Usage:  .venv/bin/python bench/tree.py [--scale 1 10 50]   (DATABASE_URL picks SQLite or PostgreSQL)

Each scale s builds a province with 10*s districts, each with 20 communes of 15 cells (s=1: 3,211
organizations), in a throw-away test database, then times the operations (median of repeats).
The interesting number is the ratio between scales: a subtree read of one commune should not grow
with the size of the table, because it is an index range scan on the path.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")

import django

django.setup()

from django.db import connection  # noqa: E402

from bench.common import median_ms, print_table, run_per_size  # noqa: E402

_median_ms = partial(median_ms, repeat=15)

START = dt.date(2015, 1, 1)


def _build(scale: int) -> tuple[object, object, object]:
    from organizations.models import Organization, OrganizationKind, OrganizationVersion

    kinds = {k.code: k for k in OrganizationKind.objects.all()}
    next_id = 1
    orgs: list[Organization] = []

    def add(code: str, name: str, kind: str, parent: Organization | None) -> Organization:
        nonlocal next_id
        org = Organization(
            id=next_id, code=code, name=name, search_name=name.lower(), sort_name=name, kind=kinds[kind],
            parent=parent, path=f"{parent.path if parent else ''}{next_id}.",
            depth=(parent.depth + 1) if parent else 0, established_on=START,
        )
        next_id += 1
        orgs.append(org)
        return org

    province = add("P", "Province", "province", None)
    for d in range(10 * scale):
        district = add(f"P-{d}", f"District {d}", "district", province)
        for c in range(20):
            commune = add(f"P-{d}-{c}", f"Commune {d}-{c}", "commune", district)
            for k in range(15):
                add(f"P-{d}-{c}-{k}", f"Cell {d}-{c}-{k}", "cell", commune)
    Organization.objects.bulk_create(orgs, batch_size=2000)
    OrganizationVersion.objects.bulk_create(
        [OrganizationVersion(organization=o, valid_from=START, name=o.name, kind=o.kind, parent=o.parent, path=o.path)
         for o in orgs],
        batch_size=2000,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return province, Organization.objects.get(code="P-0"), Organization.objects.get(code="P-0-0")


def run(scale: int) -> dict[str, float]:
    from accounts.models import User
    from core.decisions import Decision
    from organizations.models import Organization
    from organizations.queries import subtree_versions_as_of, tree_as_of
    from organizations.services import organization_move

    _province, district, commune = _build(scale)
    admin = User.objects.filter(username="bench").first() or User.objects.create_superuser("bench", password=None)
    on = dt.date(2020, 1, 1)
    results = {
        "organizations": float(Organization.objects.count()),
        "commune_subtree_ms": _median_ms(lambda: list(Organization.objects.filter(path__under=commune.path))),
        "district_subtree_ms": _median_ms(lambda: list(Organization.objects.filter(path__under=district.path))),
        "commune_subtree_as_of_ms": _median_ms(lambda: list(subtree_versions_as_of(commune, on=on))),
        "district_tree_as_of_ms": _median_ms(lambda: tree_as_of(admin, on=on, root=district), repeat=5),
    }
    decision = Decision("01-QĐ/TU", on)
    targets = [Organization.objects.get(code="P-1"), Organization.objects.get(code="P-0")]
    counter = iter(range(1000))

    def move() -> None:
        index = next(counter)
        organization_move(actor=admin, organization=Organization.objects.get(pk=commune.pk),
                          new_parent=targets[index % 2], effective_on=on + dt.timedelta(days=index), decision=decision)

    results["move_commune_with_15_cells_ms"] = _median_ms(move, repeat=9)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, nargs="+", default=[1, 10])
    args = parser.parse_args()
    rows = run_per_size(args.scale, run, sqlite_file="dangvu-bench.sqlite3")
    print_table(rows, size_label=lambda s: f"scale {s}", width=34)


if __name__ == "__main__":
    main()
