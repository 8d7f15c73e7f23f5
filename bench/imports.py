"""Imports at scale (issue 15 §5): a member file of N rows imported into a generated Party, set-based.

Usage:  createdb -h 127.0.0.1 -U postgres -T bench_g1 bench_import        (a copy: the import writes)
        .venv/bin/python -m bench.imports --rows 100000 --database bench_import [--per-row 2000]

Builds a valid XLSX of N rows for the database's tree (the cells of its largest province: officials admitted
before and after their cell's first day, probationers, candidates, plain files, a place of residence on some),
imports it as an organization-board officer of that province through `ingest.services.members_import` (the
service the page, the API and the command call), and prints the time, rows/s, queries, change records written and
the process's peak memory (ru_maxrss: the file is built in a child process, so the peak is the import's). Then a
second file of the same size with one bad row, the last one: refused, and nothing written (checked by counting).
`--per-row N` also times the row-by-row path on a file of N rows, for comparison. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")

HEADERS = ["Mã hồ sơ", "Họ và tên", "Giới tính", "Ngày sinh", "Dân tộc", "Số CCCD", "Mã chi bộ",
           "Ngày đăng ký quần chúng ưu tú", "Ngày vào Đảng", "Số quyết định kết nạp", "Ngày kết nạp", "Ngày chính thức",
           "Mã thôn, bản nơi cư trú", "Cư trú từ ngày"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Lục", "Nông", "Triệu"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Ngọc", "Hữu", "Thanh", "Quang"]
GIVEN = ["An", "Bình", "Chiến", "Dũng", "Giang", "Hạnh", "Khánh", "Lan", "Minh", "Nga", "Phúc", "Quân", "Sơn",
         "Thảo", "Tuấn", "Vân", "Xuân", "Yến"]


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def row(i: int, cell: str, unit: str, tag: str) -> list[Any]:
    """Row i: deterministic, valid by the rules (ages, order of dates), unique code, citizen ID and name+birth (the
    dates of birth shift with the tag, so that the files of another run are not possible duplicates)."""
    seed = sum(ord(ch) * 31 ** n for n, ch in enumerate(tag)) % 9973
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=(i * 7919 + seed) % 16000)  # 1950 … 1993
    name = f"{FAMILY[i % 14]} {MIDDLE[(i // 14) % 8]} {GIVEN[(i // 112) % 18]} {GIVEN[(i // 2016) % 18]}"
    head = [f"{tag}-{i:06d}", name, "Nam" if i % 3 else "Nữ", _fmt(birth), "Kinh" if i % 5 else "Tày",
            f"9{seed % 100:02d}{i:09d}", cell]
    kind = i % 20
    admitted = birth + dt.timedelta(days=365 * 22 + (i % 900))
    if kind < 12:  # official
        history = ["", _fmt(admitted), f"{100 + i % 800}-QĐ/HU", _fmt(admitted + dt.timedelta(days=10)),
                   _fmt(admitted + dt.timedelta(days=380))]
    elif kind < 15:  # probationary
        day = dt.date(2025, 9, 1) + dt.timedelta(days=i % 60)
        history = ["", _fmt(day), f"{100 + i % 800}-QĐ/HU", _fmt(day + dt.timedelta(days=14)), ""]
    elif kind < 17:  # candidate (born 1950-1993: old enough)
        history = [_fmt(dt.date(2025, 3, 1) + dt.timedelta(days=i % 200)), "", "", "", ""]
    else:
        history = ["", "", "", "", ""]
    place = [unit, "01/01/2021"] if unit and i % 4 == 0 else [None, None]
    return [*head, *history, *place]


def write_file(path: str, rows: int, cells: list[str], unit: str, tag: str, bad_last: bool) -> None:
    """The XLSX (openpyxl write-only: bounded memory)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Đảng viên")
    sheet.append(HEADERS)
    for i in range(rows):
        values = row(i, cells[i % len(cells)], unit, tag)
        if bad_last and i == rows - 1:
            values[3] = "31/02/1990"  # no such day
        sheet.append([v if v != "" else None for v in values])
    workbook.save(path)


def _setup(database: str) -> None:
    from bench.generate import use_database

    use_database(database, create=False)
    import django

    django.setup()


def _officer_and_cells() -> tuple[Any, list[str], str]:
    """An organization-board officer of the largest province, its open cells, and one covered unit in it."""
    from accounts.models import Role, RoleKind, User
    from organizations.models import CoveredUnit, Organization

    biggest = max(Organization.objects.filter(kind__code="province", dissolved_on__isnull=True),
                  key=lambda p: Organization.objects.filter(path__startswith=p.path).count())
    officer, _ = User.objects.get_or_create(username="bench-import-province")
    if not Role.objects.filter(user=officer, organization=biggest, is_active=True).exists():
        Role.objects.create(user=officer, kind=RoleKind.objects.get(code="organization-board"), organization=biggest)
    cells = list(Organization.objects.filter(path__startswith=biggest.path, kind__holds_members=True,
                                             dissolved_on__isnull=True).order_by("path").values_list("code", flat=True))
    unit = (CoveredUnit.objects.filter(territory__path__startswith=biggest.path, dissolved_on__isnull=True,
                                       established_on__lte=dt.date(2021, 1, 1))
            .order_by("pk").values_list("code", flat=True).first()) or ""
    return User.objects.get(pk=officer.pk), cells, unit


def _counts() -> dict[str, int]:
    from django.contrib.contenttypes.models import ContentType

    from core.models import ChangeRecord
    from ingest.models import ImportBatch
    from members.models import MemberEvent, MembershipSpell, Person
    from tallies.models import TallyPoint

    return {"persons": Person.objects.count(), "events": MemberEvent.objects.count(),
            "spells": MembershipSpell.objects.count(), "tally points": TallyPoint.objects.count(),
            "change records": ChangeRecord.objects.exclude(
                content_type=ContentType.objects.get_for_model(ImportBatch)).count()}


def _import(officer: Any, path: str, *, bulk: bool) -> tuple[Any, float, int]:
    from django.db import connection

    from core.context import request_id_scope
    from ingest.services import members_import

    queries = [0]

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries[0] += 1
        return execute(sql, params, many, context)

    last, started = [0.0], time.perf_counter()

    def progress(stage: str, done: int, total: int) -> None:
        if time.perf_counter() - last[0] > 10 or done == total:
            last[0] = time.perf_counter()
            print(f"  … {stage} {done:,}/{total:,} at {last[0] - started:.0f} s", flush=True)

    content = Path(path).read_bytes()
    t0 = time.perf_counter()
    with connection.execute_wrapper(count), request_id_scope():
        result = members_import(actor=officer, content=content, file_name=Path(path).name, bulk=bulk,
                                progress=progress)
    return result, time.perf_counter() - t0, queries[0]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _make(path: str, rows: int, cells: list[str], unit: str, tag: str, bad_last: bool) -> None:
    """Build the file in a child process, so that its memory is not counted in this process's peak."""
    code = (f"from bench.imports import write_file; write_file({path!r}, {rows}, {cells!r}, {unit!r}, {tag!r}, "
            f"{bad_last})")
    subprocess.run([sys.executable, "-c", code], check=True,  # noqa: S603  # our own code and arguments
                   cwd=str(Path(__file__).resolve().parent.parent))


def measure(rows: int, *, per_row: int = 0, tag: str = "") -> list[str]:
    """Import N rows (and the refused file); the lines to print. Django must be set up."""
    officer, cells, unit = _officer_and_cells()
    tag = tag or f"BI{int(time.time()) % 100:02d}"
    lines = [f"{len(cells):,} cells of the largest province; unit {unit or '—'}; load {_load()}"]
    directory = Path(tempfile.gettempdir())
    good, bad = str(directory / f"{tag}-{rows}.xlsx"), str(directory / f"{tag}-{rows}-bad.xlsx")
    t0 = time.perf_counter()
    _make(good, rows, cells, unit, tag, bad_last=False)
    lines.append(f"file: {rows:,} rows, {Path(good).stat().st_size / 2**20:.1f} MB, built in "
                 f"{time.perf_counter() - t0:.1f} s")
    before, rss = _counts(), _peak_mb()
    result, seconds, queries = _import(officer, good, bulk=True)
    after = _counts()
    if not result.ok:
        lines += [f"REFUSED: {p.row} {p.column}: {p.message}" for p in result.problems[:10]]
        return lines
    written = {k: after[k] - before[k] for k in after}
    lines.append(f"set-based: {rows:,} rows in {seconds:.1f} s = {rows / seconds:,.0f} rows/s; {queries:,} queries "
                 f"({queries / rows:.3f}/row); change records {written['change records']:,} "
                 f"({written['change records'] / rows:.2f}/row); peak memory {_peak_mb():,.0f} MB "
                 f"(before the import {rss:,.0f} MB); load {_load()}")
    lines.append("  written: " + ", ".join(f"{k} +{v:,}" for k, v in written.items()))
    _make(bad, rows, cells, unit, tag + "X", bad_last=True)
    before = _counts()
    result, seconds, queries = _import(officer, bad, bulk=True)
    unchanged = _counts() == before
    lines.append(f"one bad row (the last): {'refused' if not result.ok else 'ACCEPTED'} in {seconds:.1f} s, "
                 f"{queries:,} queries; problems: "
                 + "; ".join(f"row {p.row} {p.column}: {p.message}" for p in result.problems[:3])
                 + f"; nothing written: {'yes' if unchanged else 'NO'}")
    if per_row:
        small = str(directory / f"{tag}-{per_row}-rows.xlsx")
        _make(small, per_row, cells, unit, tag + "R", bad_last=False)
        result, seconds, queries = _import(officer, small, bulk=False)
        lines.append(f"row by row: {per_row:,} rows in {seconds:.1f} s = {per_row / seconds:,.0f} rows/s; "
                     f"{queries:,} queries ({queries / per_row:.1f}/row); ok {result.ok}")
    for path in (good, bad):
        Path(path).unlink(missing_ok=True)
    return lines


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", required=True, help="PostgreSQL database (bench…): a copy of a generated one")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--per-row", type=int, default=0, help="also time the row-by-row path on this many rows")
    args = parser.parse_args()
    _setup(args.database)
    print("\n".join(measure(args.rows, per_row=args.per_row)))


if __name__ == "__main__":
    main()
