"""Benchmark of member counting, search and lists at growing sizes (like bench/tree.py).

Usage:  .venv/bin/python bench/members.py [--members 20000 200000]   (DATABASE_URL picks SQLite or PostgreSQL)

For each size N, a throw-away test database gets a province whose districts each hold 20 communes of 10 cells
with about 10 files per cell, so a commune always has ~100 files and the province grows with N. The rows are
bulk-inserted as the services would write them: the person (folded search name, Vietnamese sort key, card
number, citizen ID, cached status and cell), the events (admission decision, ceremony, recognition; candidates'
registration) and the derived membership spells. Then it times, median of repeats:

- member_figures for a commune and for the province (stocks + movements of 2020);
- member_counts (the stocks only) and member_movements (the flows only) for a commune;
- person_search by a name word (the given name, i.e. not the first word) and by an exact card number;
- the member list of a commune, first page (50 in Vietnamese order) and its count, and of the province.

Read the ratio column: for a commune, a card number or a first page the result does not grow with N, so a ratio
near 1 means the query is index-backed; a ratio near N_last/N_first means it reads rows in proportion to the
table (expected for the province figures, which count the whole province).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")

import django

django.setup()

from django.db import connection  # noqa: E402

from bench.common import median_ms, print_table, run_per_size  # noqa: E402

# Each timing runs once untimed first, to warm caches (and the scope cache of the user).
_median_ms = partial(median_ms, repeat=11, warm=True)

START = dt.date(1997, 1, 1)
COMMUNES_PER_DISTRICT = 20
CELLS_PER_COMMUNE = 10
FILES_PER_CELL = 10
D = dt.date


def _tree(districts: int) -> tuple[Any, list[Any], list[Any]]:
    from organizations.models import Organization, OrganizationKind, OrganizationVersion

    kinds = {k.code: k for k in OrganizationKind.objects.all()}
    orgs: list[Organization] = []
    cells: list[Organization] = []
    communes: list[Organization] = []

    def add(code: str, name: str, kind: str, parent: Organization | None) -> Organization:
        pk = len(orgs) + 1
        org = Organization(id=pk, code=code, name=name, search_name=name.lower(), sort_name=name, kind=kinds[kind],
                           parent=parent, path=f"{parent.path if parent else ''}{pk}.",
                           depth=(parent.depth + 1) if parent else 0, established_on=START)
        orgs.append(org)
        return org

    province = add("P", "Đảng bộ tỉnh", "province", None)
    for d in range(districts):
        district = add(f"P-{d}", f"Đảng bộ huyện {d}", "district", province)
        for c in range(COMMUNES_PER_DISTRICT):
            commune = add(f"P-{d}-{c}", f"Đảng bộ xã {d}-{c}", "commune", district)
            communes.append(commune)
            for k in range(CELLS_PER_COMMUNE):
                cells.append(add(f"P-{d}-{c}-{k}", f"Chi bộ thôn {d}-{c}-{k}", "cell", commune))
    Organization.objects.bulk_create(orgs, batch_size=5000)
    OrganizationVersion.objects.bulk_create(
        [OrganizationVersion(organization=o, valid_from=START, name=o.name, kind=o.kind, parent=o.parent, path=o.path)
         for o in orgs],
        batch_size=5000,
    )
    return province, communes, cells


def _people(cells: list[Any], rng: random.Random) -> tuple[str, str]:
    """Files, events and spells for every cell. Returns a name word and a card number to search for."""
    from core.text import fold, person_sort_key
    from members.demo import NAMES
    from members.models import EventKind, MemberEvent, MembershipSpell, Person, Status
    from members.words import words_fill

    pools = [NAMES[e] for e in ("tay", "thai", "kinh", "hmong", "dao", "nung")]
    people: list[Person] = []
    events: list[MemberEvent] = []
    spells: list[MembershipSpell] = []
    next_id = 1
    for cell in cells:
        for _ in range(FILES_PER_CELL):
            families, male_middles, males, _female_middles, _females = rng.choice(pools)
            name = f"{rng.choice(families)} {rng.choice(male_middles)} {rng.choice(males)}"
            birth = D(rng.randint(1945, 2000), rng.randint(1, 12), rng.randint(1, 28))
            roll = rng.random()
            if roll < 0.02:  # a candidate
                status, since = Status.CANDIDATE, D(2020, rng.randint(1, 12), 15)
            elif roll < 0.05:  # admitted in 2020, still probationary
                status, since = Status.PROBATIONARY, D(2020, rng.randint(1, 11), rng.randint(1, 28))
            else:
                decided = D(rng.randint(max(birth.year + 19, 1975), 2019), rng.randint(1, 12), rng.randint(1, 28))
                status, since = Status.OFFICIAL, decided
            person = Person(id=next_id, organization=cell, full_name=name, gender="male", birth_date=birth,
                            search_name=fold(name), sort_name=person_sort_key(name), status=status,
                            citizen_id=f"{next_id:012d}", status_since=since,
                            party_card_number=f"62.{next_id:07d}" if status == Status.OFFICIAL else "")
            next_id += 1
            people.append(person)
            if status == Status.CANDIDATE:
                events.append(MemberEvent(person=person, kind=EventKind.CANDIDATE_REGISTERED, occurred_on=since,
                                          organization=cell))
                spells.append(MembershipSpell(person=person, organization=cell, status=status, valid_from=since))
                continue
            decided = since
            ceremony = decided + dt.timedelta(days=20)
            events += [
                MemberEvent(person=person, kind=EventKind.ADMISSION_DECISION, occurred_on=decided, organization=cell,
                            decision_number=f"{next_id % 900 + 1}-QĐ/HU", decision_date=decided),
                MemberEvent(person=person, kind=EventKind.ADMISSION_CEREMONY, occurred_on=ceremony, organization=cell),
            ]
            if status == Status.PROBATIONARY:
                spells.append(MembershipSpell(person=person, organization=cell, status=status, valid_from=decided))
                continue
            recognised = ceremony + dt.timedelta(days=365)
            person.status_since = recognised
            events.append(MemberEvent(person=person, kind=EventKind.RECOGNITION, occurred_on=recognised,
                                      organization=cell))
            spells += [
                MembershipSpell(person=person, organization=cell, status=Status.PROBATIONARY, valid_from=decided,
                                valid_to=recognised),
                MembershipSpell(person=person, organization=cell, status=Status.OFFICIAL, valid_from=recognised),
            ]
    Person.objects.bulk_create(people, batch_size=5000)
    MemberEvent.objects.bulk_create(events, batch_size=5000)
    MembershipSpell.objects.bulk_create(spells, batch_size=5000)
    words_fill()  # the word table of the names (members.words), as the services would have written it
    card = next(p.party_card_number for p in reversed(people) if p.party_card_number)
    return "thien", card


def _explain(label: str, func: Callable[[], object]) -> None:
    """Print the database's plan of the queries `func` runs (the last one, which does the counting or searching)."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        func()
    sql = captured.captured_queries[-1]["sql"]
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql)
        lines = [" ".join(str(c) for c in row) for row in cursor.fetchall()]
    print(f"-- plan of {label}:\n   " + "\n   ".join(lines))


def run(members: int, *, explain: bool = False) -> dict[str, float]:
    from accounts.models import RoleKind, User
    from members import queries
    from members.figures import member_movements
    from organizations.models import Organization

    rng = random.Random(members)
    districts = max(1, round(members / (COMMUNES_PER_DISTRICT * CELLS_PER_COMMUNE * FILES_PER_CELL)))
    t0 = time.perf_counter()
    province, communes, cells = _tree(districts)
    word, card = _people(cells, rng)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    built_s = time.perf_counter() - t0
    admin = User.objects.create_superuser("bench", password=None)
    # A district board officer: the scoped reads add the subtree condition to every query.
    officer = User.objects.create_user("officer", password=None)
    district = Organization.objects.get(code="P-0")
    officer.roles.create(kind=RoleKind.objects.get(code="organization-board"), organization=district)
    commune = communes[len(communes) // 2]
    period = {"date_from": D(2020, 1, 1), "date_to": D(2020, 12, 31), "as_of": D(2020, 12, 31)}
    if explain:
        _explain("member_movements(commune)", lambda: member_movements(commune, date_from=D(2020, 1, 1),
                                                                       date_to=D(2020, 12, 31)))
        _explain("person_search(card number)", lambda: list(queries.person_search(admin, card)))
        _explain(f"person_search({word!r})", lambda: list(queries.person_search(admin, word)))
        _explain("person_list(commune) first page", lambda: list(queries.person_list(admin, organization=commune)[:50]))
    return {
        "files": float(len(cells) * FILES_PER_CELL),
        "build_s": built_s,
        "figures_commune_ms": _median_ms(lambda: queries.member_figures_visible(admin, commune, **period)),
        "figures_district_ms": _median_ms(lambda: queries.member_figures_visible(admin, district, **period), repeat=5),
        "figures_province_ms": _median_ms(lambda: queries.member_figures_visible(admin, province, **period), repeat=3),
        "counts_commune_ms": _median_ms(lambda: queries.member_counts(admin, commune, on=D(2020, 12, 31))),
        "movements_commune_ms": _median_ms(lambda: member_movements(commune, date_from=D(2020, 1, 1),
                                                                    date_to=D(2020, 12, 31))),
        "search_word_admin_ms": _median_ms(lambda: list(queries.person_search(admin, word))),
        "search_word_officer_ms": _median_ms(lambda: list(queries.person_search(officer, word))),
        "search_two_words_ms": _median_ms(lambda: list(queries.person_search(admin, f"hoang van {word}"))),
        "search_card_ms": _median_ms(lambda: list(queries.person_search(admin, card))),
        "list_commune_page_ms": _median_ms(lambda: list(queries.person_list(admin, organization=commune)[:50])),
        "list_commune_count_ms": _median_ms(lambda: queries.person_list(admin, organization=commune).count()),
        "list_province_page_ms": _median_ms(lambda: list(queries.person_list(admin, organization=province)[:50])),
        "list_officer_page_ms": _median_ms(lambda: list(queries.person_list(officer)[:50])),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, nargs="+", default=[20_000, 200_000])
    parser.add_argument("--explain", action="store_true", help="print the plans of the key queries at the last size")
    args = parser.parse_args()
    last = args.members[-1]
    rows = run_per_size(args.members, lambda size: run(size, explain=args.explain and size == last),
                        sqlite_file="dangvu-bench-members.sqlite3")
    print_table(rows, size_label=lambda s: f"{s:,}", width=26)


if __name__ == "__main__":
    main()
