"""The benchmark of issue 15: figures, a report, list pages and a restructuring plan on a generated Party.

Usage:  .venv/bin/python -m bench.run --database bench_d1_001 [--repeat 15]   (fill it first: bench.generate)
        .venv/bin/python -m bench.run --scale 0.001 --database bench_d1_tiny    (generate, then measure)

Prints, for each operation, the median and p95 in milliseconds, beside a baseline measured in the same run — the
same figures read straight from their pre-aggregated rows (tallies.read), or for a list page the bare indexed
query of its first page — and the ratio operation / baseline. The reference aggregate queries
(members.figures, which count spells and events) are timed too, so the table shows what the pre-aggregation
buys. Then member search and the list with a name typed, before and after keyset pages (bench.search; alone:
`--search-only`). The restructuring plan (communes of the largest province merged two by two, effective
01/03/2026) runs once, last, because it changes the tree. Nothing here asserts a time: it is a measurement, not a
test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")

D = dt.date
YEAR = (D(2025, 7, 1), D(2026, 6, 30))  # twelve months of today's tree (after the 2025 reorganization)
PAST = D(2015, 12, 31)


def timings(func: Callable[[], object], repeat: int) -> list[float]:
    """Wall times in ms of `repeat` runs after one untimed warm-up run."""
    func()
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, float, float, float, float]] = []

    def add(self, name: str, operation: list[float], baseline: list[float]) -> None:
        self.rows.append((name, statistics.median(operation), p95(operation), statistics.median(baseline),
                          p95(baseline)))

    @staticmethod
    def print_one(name: str, operation: list[float], baseline: list[float]) -> None:
        table = Table()
        table.add(name, operation, baseline)
        table.print()

    def print(self) -> None:
        print(f"{'operation':44}{'median':>10}{'p95':>10}{'base med':>10}{'base p95':>10}{'ratio':>8}")
        for name, median, high, base_median, base_high in self.rows:
            ratio = median / base_median if base_median else float("nan")
            print(f"{name:44}{median:10.1f}{high:10.1f}{base_median:10.1f}{base_high:10.1f}{ratio:8.1f}")


def _sized(kind: str, largest: bool = True) -> Any:
    """The organization of `kind` with the most member files in its subtree today (or a middle one)."""
    from django.db.models import Count

    from organizations.models import Organization

    organizations = list(Organization.objects.filter(kind__code=kind, dissolved_on__isnull=True))
    if kind == "cell":
        counted = Organization.objects.filter(kind__code="cell", dissolved_on__isnull=True).annotate(
            n=Count("people")).order_by("-n", "pk")
        return counted.first() if largest else counted[len(counted) // 2]
    return max(organizations, key=lambda o: Organization.objects.filter(path__startswith=o.path).count())


def _first_page(person_model: Any, under: Any) -> list[Any]:
    return list(person_model.objects.filter(organization_id__in=under).order_by("sort_name", "id")[:50])


def _pre_aggregated(organization: Any, date_from: dt.date, date_to: dt.date, as_of: dt.date) -> dict[str, int]:
    from tallies import read

    return {**read.stocks(organization, as_of=as_of), **read.movements(organization, date_from=date_from,
                                                                        date_to=date_to)}


def measure(repeat: int, *, plan: bool = True) -> Table:
    from django.test import Client

    from accounts.models import User
    from core.figures import contributor
    from members import figures as reference
    from members.models import Person
    from organizations.models import Organization
    from organizations.queries import versions_as_of
    from reports.annual.model import report_build
    from reports.figures import compute, make_request

    admin = User.objects.filter(username="bench").first() or User.objects.create_superuser("bench", password=None)
    table = Table()
    province, commune, cell = _sized("province"), _sized("commune"), _sized("cell")
    members_namespace = contributor("members")
    assert members_namespace is not None
    year_request = make_request(organization=province, date_from=YEAR[0], date_to=YEAR[1], as_of=YEAR[1])
    base = timings(lambda: _pre_aggregated(province, *YEAR, YEAR[1]), repeat)
    table.add("province figures, 12 months, members namespace", timings(
        lambda: members_namespace(year_request), repeat), base)
    table.add("  same, reference aggregate queries", timings(
        lambda: reference.member_figures(province, date_from=YEAR[0], date_to=YEAR[1], as_of=YEAR[1]), repeat), base)
    table.add("  same, every namespace (figures service)", timings(
        lambda: compute(year_request), max(3, repeat // 3)), base)
    roots = list(Organization.objects.filter(
        pk__in=versions_as_of(PAST).filter(parent__isnull=True).values("organization_id")))
    past = (D(PAST.year, 1, 1), PAST)

    def national(func: Callable[..., dict[str, Any]]) -> Callable[[], int]:
        return lambda: sum(func(root, date_from=past[0], date_to=past[1], as_of=PAST)["members_total"]
                           for root in roots)

    base = timings(lambda: [_pre_aggregated(root, *past, PAST) for root in roots], repeat)
    from tallies.figures import member_figures as tallied

    table.add(f"national figures as of {PAST:%d/%m/%Y}", timings(national(tallied), repeat), base)
    table.add("  same, reference aggregate queries", timings(national(reference.member_figures), repeat), base)
    base = timings(lambda: _pre_aggregated(commune, *YEAR, YEAR[1]), repeat)
    table.add("commune annual report, 12 months (build)", timings(
        lambda: report_build(actor=admin, organization=commune, date_from=YEAR[0], date_to=YEAR[1]),
        max(3, repeat // 3)), base)
    client = Client()
    client.force_login(admin)
    for label, organization in (("cell", cell), ("commune", commune)):
        under = Organization.objects.filter(path__startswith=organization.path).values("pk")
        base = timings(partial(_first_page, Person, under), repeat)
        table.add(f"{label} member list page (test client)",
                  timings(partial(client.get, "/members/", {"organization": organization.pk}), repeat), base)
    if plan:
        table.add(*_plan(admin))
    return table


def _bench_admin() -> Any:
    from accounts.models import User

    return User.objects.filter(username="bench").first() or User.objects.create_superuser("bench", password=None)


def _plan(admin: Any) -> tuple[str, list[float], list[float]]:
    from core.decisions import Decision
    from organizations.models import Organization
    from restructuring.services import plan_apply, plan_create

    province = _sized("province")
    communes = list(Organization.objects.filter(parent=province, kind__code="commune", dissolved_on__isnull=True)
                    .order_by("pk"))
    rows = []
    for index, commune in enumerate(communes):
        group = index // 2
        rows.append({"row": index + 2, "action": "merge", "old_code": commune.code, "new_code": f"B26-{group}",
                     "new_name": f"Đảng bộ xã Hợp Nhất {group + 1}", "new_kind": "commune",
                     "new_parent": province.code})
    plan = plan_create(actor=admin, organization=province, title="Bench 2026", effective_on=D(2026, 3, 1),
                       decision=Decision("99/NQ-TU", D(2026, 2, 1), "Tỉnh ủy"), rows=rows)
    t0 = time.perf_counter()
    plan_apply(actor=admin, plan=plan)
    elapsed = [(time.perf_counter() - t0) * 1000]
    return f"restructuring plan: {len(communes)} communes merged 2:1", elapsed, [float("nan")]


def _imports(rows: int) -> None:
    """Issue 15 §5: a member file of `rows` rows imported set-based, then one refused by its last row (bench.imports).
    Run last: it adds files to the database."""
    from bench import imports

    print("\n".join(imports.measure(rows)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", required=True, help="PostgreSQL database (bench…) holding generated data")
    parser.add_argument("--scale", type=float, help="generate first, into a fresh --database, at this scale")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--imports", type=int, default=0, metavar="ROWS",
                        help="last: import a member file of ROWS rows (bench.imports; it writes to --database)")
    parser.add_argument("--no-plan", action="store_true", help="leave the tree unchanged (no restructuring)")
    parser.add_argument("--search-only", action="store_true", help="only the member search table (bench.search)")
    parser.add_argument("--no-standing", action="store_true", help="with --scale: skip members.standing's rebuild")
    parser.add_argument("--drop", action="store_true", help="drop --database at the end (the CI smoke run)")
    args = parser.parse_args()
    from bench.generate import drop_database, use_database

    use_database(args.database, create=args.scale is not None)
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    if args.scale is not None:
        from django.core.management import call_command

        from bench.generate import generate

        call_command("migrate", verbosity=0)
        print("\n".join(generate(scale=args.scale, standing=not args.no_standing).lines()))
    from bench import search
    from members.models import Person

    if not args.search_only:
        table = measure(args.repeat, plan=False)
        print(f"database {args.database}: {Person.objects.count():,} files; repeat {args.repeat}; times in ms")
        table.print()
    # Search before the restructuring plan (which changes the tree); the plan last, alone.
    search.measure(args.repeat).print()
    if not args.search_only and not args.no_plan:
        Table.print_one(*_plan(_bench_admin()))
    if args.imports and not args.search_only:
        _imports(args.imports)
    if args.drop:
        drop_database(args.database)


if __name__ == "__main__":
    main()
