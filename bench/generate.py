"""Generate a synthetic Party in PostgreSQL (or SQLite, slower) for benchmarks (docs/benchmarks.md).

Usage:  .venv/bin/python -m bench.generate --scale 0.01 --database bench_d1_001

--scale 1 is the whole Party (5,6 M members in ~270.000 cells, ~10.600 communes, ~700 districts, 63 provinces
before 01/07/2025); 0.01 gives ~56.000 members. --database creates (or replaces) that PostgreSQL database on
127.0.0.1 and migrates it; without it, DATABASE_URL's database is filled (it must be migrated and empty).

What it writes and how: the tree as organization_establish writes it, the member files with their events and
the caches and spells folded from them (bench/synth/people.py), all by COPY with explicit ids and the sequences
reset afterwards; then the 2025 reorganization through the restructuring plan services (one plan per new
province: two provinces merged, communes three by three, districts dissolved); then the stored standing (pipeline
stage, due steps, badges) by members.standing's own rebuild and the pre-aggregated
statistics rebuilt (tallies) and a sample of files re-derived with the services' checks. Prints each phase's time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")

FULL_MEMBERS = 5_600_000
MEMBERS_PER_CELL = 20.7
CELLS_PER_COMMUNE = 25
FILES_PER_MEMBER = 1.25  # files include candidates, former members and the dead
CHUNK_CELLS = 400


@dataclass
class Summary:
    scale: float
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = [f"scale {self.scale}"]
        out += [f"  {k:24}{v:>12,}" for k, v in self.counts.items()]
        out += [f"  {k:24}{v:>11.1f}s" for k, v in self.seconds.items()]
        return out


def generate(*, scale: float, seed: int = 1, end: dt.date | None = None, reorganize: bool = True,
             verify: int = 200, standing: bool = True) -> Summary:
    """Fill the current (migrated, empty) database; see the module docstring."""
    from django.utils import timezone

    from accounts.models import User
    from bench.synth import load as bulk
    from bench.synth import tree as synth_tree
    from bench.synth.names import Dimensions
    from bench.synth.people import Lives
    from bench.synth.verify import verify_sample
    from members.models import MemberEvent, MembershipSpell, Person, PersonWord
    from members.words import words_fill
    from organizations.models import LineageEvent, LineageLink, Organization, OrganizationKind, OrganizationVersion
    from tallies.models import TallyPoint, TallySeries
    from tallies.rebuild import tallies_rebuild

    summary = Summary(scale)
    rng = random.Random(seed)
    members = FULL_MEMBERS * scale
    communes = max(6, round(members / MEMBERS_PER_CELL / CELLS_PER_COMMUNE))
    t0 = time.perf_counter()
    tree = synth_tree.build(kinds=dict(OrganizationKind.objects.values_list("code", "pk")), communes=communes,
                            cells_per_commune=CELLS_PER_COMMUNE, rng=rng, first_id=bulk.next_id(Organization))
    synth_tree.write(tree)
    summary.seconds["tree"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    cells = tree.all_cells()
    per_cell = members * FILES_PER_MEMBER / len(cells)
    lives = Lives(tree, Dimensions.load(), end=end or timezone.localdate(), seed=seed)
    for first in range(0, len(cells), CHUNK_CELLS):
        chunk = cells[first:first + CHUNK_CELLS]
        batch = lives.batch(chunk, [max(1, round(per_cell * rng.uniform(0.5, 1.5))) for _ in chunk])
        bulk.load(Person, batch.persons)
        bulk.load(MemberEvent, batch.events)
        bulk.load(MembershipSpell, batch.spells)
    words_fill()  # the word table of the names (members.words), set-based from the files just written
    bulk.reset_sequences(Organization, OrganizationVersion, LineageEvent, LineageLink, Person, MemberEvent,
                         MembershipSpell, PersonWord)
    bulk.analyze(Organization, OrganizationVersion, Person, MemberEvent, MembershipSpell, PersonWord)
    summary.seconds["members (generate + COPY)"] = time.perf_counter() - t0
    if reorganize:
        actor = User.objects.filter(username="bench").first() or User.objects.create_superuser("bench", password=None)
        for code, seconds in synth_tree.reorganize(tree, actor):
            summary.seconds[f"plan {code}"] = seconds
    if standing:
        from members.standing.store import rebuild as standing_rebuild

        t0 = time.perf_counter()
        summary.counts["standing rebuilt"] = standing_rebuild()
        summary.seconds["standing (members.standing)"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    summary.counts["tally points"] = tallies_rebuild()
    bulk.analyze(TallySeries, TallyPoint, Organization, OrganizationVersion)
    summary.seconds["statistics rebuild"] = time.perf_counter() - t0
    if verify:
        t0 = time.perf_counter()
        summary.counts["files re-derived"] = verify_sample(verify)
        summary.seconds["sample check"] = time.perf_counter() - t0
    summary.counts.update({
        "organizations": Organization.objects.count(), "cells": len(cells), "files": Person.objects.count(),
        "members today": Person.objects.filter(status__in=["probationary", "official", "exempted"]).count(),
        "events": MemberEvent.objects.count(), "spells": MembershipSpell.objects.count()})
    return summary


def use_database(name: str, *, create: bool) -> None:
    """Point Django at PostgreSQL database `name` on 127.0.0.1 (created afresh and migrated when `create`)."""
    if not name.startswith("bench"):
        raise SystemExit("benchmark databases are named bench…")
    base = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    if create:
        import psycopg

        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = f"{base}/{name}"


def drop_database(name: str) -> None:
    """Drop the benchmark database `name` (after closing Django's connections to it)."""
    import psycopg
    from django.db import connections

    if not name.startswith("bench"):
        raise SystemExit("benchmark databases are named bench…")
    connections.close_all()
    base = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=0.01)
    parser.add_argument("--database", help="create this PostgreSQL database (bench…) and fill it")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-standing", action="store_true", help="skip members.standing's rebuild (~5 ms a file)")
    args = parser.parse_args()
    if args.database:
        use_database(args.database, create=True)
    import django

    django.setup()
    from django.core.management import call_command

    t0 = time.perf_counter()
    if args.database:
        call_command("migrate", verbosity=0)
    migrated = time.perf_counter() - t0
    summary = generate(scale=args.scale, seed=args.seed, standing=not args.no_standing)
    summary.seconds["migrate"] = migrated
    print("\n".join(summary.lines()))
    print(f"  total{sum(summary.seconds.values()):>30.1f}s")


if __name__ == "__main__":
    main()
