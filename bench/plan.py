"""Benchmark of a province-sized restructuring plan: time of the preview (a full dry run) and of the apply.

Usage:  .venv/bin/python bench/plan.py [--scale 1.0]   (DATABASE_URL picks SQLite or PostgreSQL)

At scale 1 a throw-away test database gets a province of 5 districts, 100 communes, 2,000 cells and 80,000 member
files (bulk-inserted as in bench/members.py: 20 cells per commune, 40 files per cell). The plan, like the one of
01/07/2025, merges the communes three by three (the last group may be smaller) into new communes directly under the
province and dissolves the districts: ~105 rows, every cell re-parented, every commune ended. The plan goes through
plan_preview (rolled back) and then plan_apply (one transaction); both times are printed with the counts.
--scale 0.1 gives 10 communes, 200 cells and 8,000 files.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")

import django

django.setup()

import datetime as dt  # noqa: E402

from bench import members as member_bench  # noqa: E402
from bench.common import run_per_size  # noqa: E402

CELLS_PER_COMMUNE = 20
FILES_PER_CELL = 40
ON = dt.date(2025, 7, 1)


def _reset_sequences() -> None:
    from django.core.management.color import no_style
    from django.db import connection

    from members.models import MemberEvent, MembershipSpell, Person
    from organizations.models import Organization, OrganizationVersion

    statements = connection.ops.sequence_reset_sql(no_style(), [Organization, OrganizationVersion, Person,
                                                                MemberEvent, MembershipSpell])
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def run(communes: int) -> dict[str, float]:
    from accounts.models import User
    from core.decisions import Decision
    from organizations.models import Organization
    from restructuring.services import plan_apply, plan_create, plan_preview

    districts = max(1, math.ceil(communes / 20))
    member_bench.COMMUNES_PER_DISTRICT = math.ceil(communes / districts)
    member_bench.CELLS_PER_COMMUNE = CELLS_PER_COMMUNE
    member_bench.FILES_PER_CELL = FILES_PER_CELL
    t0 = time.perf_counter()
    province, commune_list, cells = member_bench._tree(districts)
    member_bench._people(cells, random.Random(7))
    _reset_sequences()
    built = time.perf_counter() - t0
    admin = User.objects.create_superuser("bench", password="bench-pass-123")  # noqa: S106
    rows = []
    for index, commune in enumerate(commune_list):
        group = index // 3
        rows.append({"row": len(rows) + 2, "action": "merge", "old_code": commune.code, "new_code": f"N-{group}",
                     "new_name": f"Đảng bộ xã Mới {group}", "new_kind": "commune", "new_parent": province.code})
    for district in Organization.objects.filter(kind__code="district"):
        rows.append({"row": len(rows) + 2, "action": "dissolve", "old_code": district.code,
                     "new_parent": province.code})
    plan = plan_create(actor=admin, organization=province, title="Bench", effective_on=ON,
                       decision=Decision("202/2025/QH15", dt.date(2025, 6, 12), "Quốc hội"), rows=rows)
    t0 = time.perf_counter()
    summary = plan_preview(actor=admin, plan=plan)
    preview_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    plan_apply(actor=admin, plan=plan)
    apply_s = time.perf_counter() - t0
    return {"communes": len(commune_list), "cells": len(cells), "files": len(cells) * FILES_PER_CELL,
            "rows": len(rows), "steps": summary["steps"], "cells_reparented": summary["cells_reparented"],
            "build_s": round(built, 1), "preview_s": round(preview_s, 1), "apply_s": round(apply_s, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="1.0: 100 communes, 2,000 cells, 80,000 files")
    args = parser.parse_args()
    from django.conf import settings

    communes = max(3, round(100 * args.scale))
    ((_size, result),) = run_per_size([communes], run, sqlite_file="dangvu-bench-plan.sqlite3")
    print(f"database: {settings.DATABASES['default']['ENGINE']}  scale {args.scale}")
    for key, value in result.items():
        print(f"{key:18}{value:>12,}")


if __name__ == "__main__":
    main()
