"""Member search and the member list with a name typed, before and after keyset pages (issue 15 §3).

Usage:  .venv/bin/python -m bench.search --database bench_search [--repeat 30] [--explain]
        (or as part of `python -m bench.run`, which prints this table after its own)

On generated data (bench.generate), for three names without diacritics — a rare given name (about 20 files), the
most common given name, and "van" (the middle name Văn: more files than the count cap) — each typed by an
administrator (installation-wide) and by an organization-board officer of the largest province (scoped), it times:

- "list": what the member list page asks of the database for its results. Before (the code up to issue 15):
  the files whose id is in the capped search subquery (`pk IN (SELECT … ORDER BY sort_name LIMIT 100000)`),
  counted exactly (Paginator), the first 50, and the counts by status. After: `queries.member_page` (the counts
  by status over at most 10.001 rows, then the first 50 through the plan it picks);
- "search": `person_search`'s 50 first matches, before (ORDER BY sort_name LIMIT 50, the plan left to the
  database) and after (the capped count, then the plan members.keyset picks);
- the baseline: the first keyset page of the same scope with no name typed (a bare walk of the sort index).

Before and after run in the same process, one after the other for each case, so the machine's load (shared)
weighs on both alike: read the ratios. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")


def _given_names() -> tuple[str, str]:
    """(a given name held by about 20 files, the most common given name), folded."""
    from collections import Counter

    from core.text import fold
    from members.models import Person

    counted = Counter(fold(name.split()[-1]) for name in Person.objects.values_list("full_name", flat=True)
                      .iterator(chunk_size=20_000))
    common = counted.most_common(1)[0][0]
    rare = min(counted, key=lambda name: (abs(counted[name] - 20), name))
    return rare, common


def _province_officer(province: Any) -> Any:
    from accounts.models import Role, RoleKind, User

    officer, _ = User.objects.get_or_create(username="bench-search-province")
    if not Role.objects.filter(user=officer, organization=province, is_active=True).exists():
        Role.objects.create(user=officer, kind=RoleKind.objects.get(code="organization-board"),
                            organization=province)
    return User.objects.get(pk=officer.pk)  # a fresh object: no cached scope


def _old_list(user: Any, text: str) -> tuple[int, list[Any], Any]:
    """The member list's database work before issue 15 §3 (members.queries and the view as they were)."""
    from django.core.paginator import Paginator

    from members import queries

    people = queries.person_list(user)
    found = _old_search(user, text, limit=100_000)
    people = people.filter(pk__in=found.values("pk"))
    page = Paginator(people, 50).get_page(1)
    return page.paginator.count, list(page.object_list), queries.status_counts(people)


def _old_search(user: Any, text: str, *, limit: int = 50) -> Any:
    from django.db.models import Q

    from core.text import fold
    from members import queries

    condition = Q()
    for word in fold(text).split():
        condition &= Q(search_name__startswith=word) | Q(search_name__contains=f" {word}")
    return queries.persons_visible(user).filter(condition)[:limit]


def _new_list(user: Any, text: str, organization: Any = None) -> tuple[int, list[Any], Any]:
    from django.utils import timezone

    from members import queries

    spec = queries.MemberFilter(q=text, organization=organization)
    today = timezone.localdate()
    page = queries.member_page(user, spec, on=today)
    return page.count, page.rows, queries.status_labels(page.by_status)


def _timings(func: Callable[[], object], repeat: int) -> list[float]:
    from bench.run import timings

    return timings(func, repeat)


class SearchTable:
    def __init__(self) -> None:
        self.rows: list[tuple[str, int, list[float], list[float], list[float]]] = []

    def add(self, name: str, matches: int, before: list[float], after: list[float], base: list[float]) -> None:
        self.rows.append((name, matches, before, after, base))

    def print(self) -> None:
        from bench.run import p95

        print(f"{'search case (ms)':40}{'matches':>9}{'before med':>11}{'p95':>9}{'after med':>11}{'p95':>9}"
              f"{'before/after':>13}{'base med':>10}{'after/base':>11}")
        for name, matches, before, after, base in self.rows:
            b, a, z = statistics.median(before), statistics.median(after), statistics.median(base)
            print(f"{name:40}{matches:9d}{b:11.1f}{p95(before):9.1f}{a:11.1f}{p95(after):9.1f}{b / a:13.1f}"
                  f"{z:10.1f}{a / z:11.1f}")


def _without_word_walk(func: Callable[..., Any]) -> Callable[..., Any]:
    """`func` run with the plans before the word table (members.keyset.WORD_WALK off)."""
    from members import keyset

    def run(*args: Any, **kwargs: Any) -> Any:
        keyset.WORD_WALK = False
        try:
            return func(*args, **kwargs)
        finally:
            keyset.WORD_WALK = True

    return run


def measure(repeat: int, *, explain: bool = False, before_word_walk: bool = False) -> SearchTable:
    """`before_word_walk`: "before" is the code without the word table (the keyset plans), not the code before
    issue 15; adds the common name in the largest commune (a small scope)."""
    from accounts.models import User
    from bench.run import _sized
    from members import queries

    admin = User.objects.filter(username="bench").first() or User.objects.create_superuser("bench", password=None)
    province = _sized("province")
    officer = _province_officer(province)
    rare, common = _given_names()
    table = SearchTable()
    old_list: Callable[..., Any] = _old_list
    old_search: Callable[..., Any] = _old_search
    if before_word_walk:
        old_list = _without_word_walk(_new_list)
        old_search = _without_word_walk(queries.person_search)
    for who, user in (("installation", admin), ("province", officer)):
        base = _timings(partial(queries.member_page, user, queries.MemberFilter(), on=_today()), repeat)
        for word in (rare, common, "van"):
            matches = _old_search(user, word, limit=10**9).count()
            if explain:
                _explain(f"after, list {word!r} {who}", partial(_new_list, user, word))
                _explain(f"before, list {word!r} {who}", partial(old_list, user, word))
            before = _timings(partial(old_list, user, word), repeat)
            after = _timings(partial(_new_list, user, word), repeat)
            table.add(f"list {word!r}, {who}", matches, before, after, base)
            before = _timings(partial(_listed, old_search, user, word), repeat)
            after = _timings(partial(_listed, queries.person_search, user, word), repeat)
            table.add(f"search {word!r}, {who}", matches, before, after, base)
    if before_word_walk:
        # A small scope with a common name: the largest commune, its list narrowed to it by the administrator.
        commune = _sized("commune")
        base = _timings(partial(queries.member_page, admin, queries.MemberFilter(organization=commune), on=_today()),
                        repeat)
        matches = _new_list(admin, common, commune)[0]
        if explain:
            _explain(f"after, list {common!r} commune", partial(_new_list, admin, common, commune))
        before = _timings(partial(old_list, admin, common, commune), repeat)
        after = _timings(partial(_new_list, admin, common, commune), repeat)
        table.add(f"list {common!r}, commune", matches, before, after, base)
    return table


def _listed(search: Callable[..., Any], user: Any, word: str) -> list[Any]:
    return list(search(user, word))


def _today() -> Any:
    from django.utils import timezone

    return timezone.localdate()


def _explain(label: str, func: Callable[[], object]) -> None:
    """EXPLAIN ANALYZE of every query `func` runs that reads members_person (PostgreSQL)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        func()
    for query in captured.captured_queries:
        sql = query["sql"]
        if "members_person" not in sql or not sql.lstrip().upper().startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) " + sql)
            lines = [row[0] for row in cursor.fetchall()]
        print(f"-- {label}: {sql[:160]}…\n   " + "\n   ".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", required=True, help="PostgreSQL database (bench…) holding generated data")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE of each case's queries")
    parser.add_argument("--before-word-walk", action="store_true",
                        help="'before' is the code without the word table (members.keyset.WORD_WALK off), not the "
                             "code before issue 15")
    args = parser.parse_args()
    from bench.generate import use_database

    use_database(args.database, create=False)
    import django

    django.setup()
    from members.models import Person

    table = measure(args.repeat, explain=args.explain, before_word_walk=args.before_word_walk)
    print(f"database {args.database}: {Person.objects.count():,} files; repeat {args.repeat}; before = "
          f"{'without the word table' if args.before_word_walk else 'the code before issue 15'}")
    table.print()


if __name__ == "__main__":
    main()
