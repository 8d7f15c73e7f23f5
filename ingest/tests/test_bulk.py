"""The set-based import (ingest.bulk, members.services.bulk, tallies.bulk): the same rows as the row-by-row path,
the same problems, one change record per file and per person, all or nothing, a few queries per batch."""

from __future__ import annotations

import datetime as dt
import pathlib
from collections.abc import Sequence
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from core.context import request_id_scope
from core.decisions import Decision
from core.models import ChangeAction, ChangeRecord
from ingest import bulk, services
from ingest.models import ImportBatch, MemberKey
from ingest.tests.helpers import HEADERS as BASE_HEADERS
from ingest.tests.helpers import VALID_ROWS, write_xlsx
from members.models import BadgeDay, LateStep, MemberEvent, MembershipSpell, PendingStep, Person, PersonPlace, Standing
from organizations.models import CoveredUnitKind
from organizations.services import covered_unit_create
from tallies.models import TallyPoint, TallySeries

pytestmark = pytest.mark.django_db

D = dt.date
HEADERS = [*BASE_HEADERS, "Mã thôn, bản nơi cư trú", "Cư trú từ ngày"]
FAMILY = ["Hoàng", "Lục", "Nông", "Nguyễn", "Triệu", "Lường", "Vi"]
GIVEN = ["An", "Bình", "Chiến", "Dũng", "Giang", "Hạnh", "Khánh", "Lan", "Minh", "Nga", "Phúc", "Quân"]


def _row(i: int, *, unit: str = "", offset: int = 0) -> list[Any]:
    """Row i of a generated file: officials admitted before or after their cell's first day, probationers,
    candidates and plain files, in both cells, some with a place of residence."""
    code, name = f"BK-{i + offset:05d}", f"{FAMILY[i % 7]} Văn {GIVEN[(i // 7) % 12]}"
    birth = (D(1960, 1, 1) + dt.timedelta(days=37 * i + offset // 100)).strftime("%d/%m/%Y")
    cell = "T-A-1-a" if i % 2 else "T-A-1-b"
    head = [code, name, "Nam" if i % 3 else "Nữ", birth, "Tày" if i % 4 else "Kinh", "", f"0010{i + offset:08d}",
            "12/12", ""]
    kind = i % 5
    if kind == 0:  # admitted before the cell stood in the tree (2015): registered there on its first day
        history = ["", "01/03/2000", "15-QĐ/HU", "Huyện ủy An Bình", "20/03/2000", "20/03/2001", "40-QĐ/HU",
                   "02/04/2001"]
    elif kind == 1:
        history = ["", "10/01/2025", "7-QĐ/HU", "Huyện ủy An Bình", "25/01/2025", "", "", ""]
    elif kind == 2:
        history = ["05/05/2024", "", "", "", "", "", "", ""]
    elif kind == 3:
        history = ["", "", "", "", "", "", "", ""]
    else:
        history = ["", "02/06/2016", "31-QĐ/HU", "Huyện ủy An Bình", "15/06/2016", "15/06/2017", "", ""]
    place = [unit, "01/02/2020"] if unit and i % 4 == 0 else ["", ""]
    return [*head, cell, *history, *place]


def _file(tmp_path: pathlib.Path, rows: Sequence[Sequence[Any]], name: str = "lon.xlsx") -> pathlib.Path:
    return write_xlsx(tmp_path / name, HEADERS, rows)


def _import(user: Any, path: pathlib.Path, *, bulk_path: bool, dry_run: bool = False) -> services.ImportResult:
    with request_id_scope():
        return services.members_import(actor=user, content=path.read_bytes(), file_name=path.name, bulk=bulk_path,
                                       dry_run=dry_run)


def _unit(cast: Any) -> str:
    covered_unit_create(actor=cast.root_admin, code="NR-01", name="Thôn Nà Rì",
                        kind=CoveredUnitKind.objects.get(code="village"), territory=cast.commune_a1,
                        established_on=D(2015, 2, 1), decision=Decision("05/NQ-HĐND", D(2015, 2, 1), "HĐND"))
    return "NR-01"


def _state() -> dict[str, Any]:
    """Everything an import derives, without ids and times: by member code, and the tallies by series."""
    code = dict(MemberKey.objects.values_list("person_id", "code"))
    skip = {"id", "code", "created_at", "updated_at"}
    people = {code[p.pk]: {k: v for k, v in p.__dict__.items() if k not in skip and not k.startswith("_")}
              for p in Person.objects.filter(pk__in=code)}
    events: dict[str, list[Any]] = {}
    order: dict[int, tuple[str, int]] = {}
    for e in MemberEvent.objects.filter(person_id__in=code).order_by("id"):
        order[e.pk] = (code[e.person_id], len(events.setdefault(code[e.person_id], [])))
        events[code[e.person_id]].append((e.kind, e.occurred_on, e.organization_id, e.counterpart_id,
                                          e.decision_number, e.decision_date, e.decision_issuer, e.details, e.reason,
                                          e.created_by_id))

    def by_person(model: Any, *fields: str) -> list[Any]:
        return sorted((code[row[0]], *row[1:]) for row in model.objects.filter(person_id__in=code).values_list(
            "person_id", *fields))

    return {
        "people": people, "events": events,
        "spells": by_person(MembershipSpell, "organization_id", "status", "valid_from", "valid_to"),
        "places": by_person(PersonPlace, "kind", "unit_id", "valid_from", "valid_to", "created_by_id"),
        "standing": by_person(Standing, "stage", "stage_since"),
        "pending": by_person(PendingStep, "kind", "started_on", "due_on", "shown_from", "shown_until", "rule_key"),
        "late": sorted((code[p], order[e], *rest) for p, e, *rest in LateStep.objects.filter(
            person_id__in=code).values_list("person_id", "event_id", "kind", "due_on", "done_on", "late_days")),
        "badges": by_person(BadgeDay, "presentation_on", "years", "early", "posthumous"),
        "tallies": sorted((s.organization_id, s.key, s.sex, s.ethnicity_id, s.counterpart_id,
                           getattr(s, "rollup", False),
                           tuple(s.points.order_by("day").values_list("day", "total")))
                          for s in TallySeries.objects.all()),
    }


def _both(user: Any, path: pathlib.Path) -> tuple[dict[str, Any], dict[str, Any], Any, Any]:
    """The same file through each path, each in a transaction rolled back afterwards."""
    found = []
    for bulk_path in (False, True):
        with transaction.atomic():
            result = _import(user, path, bulk_path=bulk_path)
            found.append((_state(), result))
            transaction.set_rollback(True)
    (a, first), (b, second) = found
    return a, b, first, second


def test_bulk_writes_exactly_what_the_row_by_row_path_writes(cast, tmp_path, monkeypatch):
    monkeypatch.setattr(bulk, "BATCH", 7)  # several batches, the last one short
    unit = _unit(cast)
    assert _import(cast.district_officer, write_xlsx(tmp_path / "truoc.xlsx", BASE_HEADERS, VALID_ROWS),
                   bulk_path=False).ok  # tallies already hold points the import must add to
    path = _file(tmp_path, [_row(i, unit=unit) for i in range(40)])
    per_row, set_based, first, second = _both(cast.district_officer, path)
    assert first.ok and second.ok, (first.problems, second.problems)
    assert (first.created, second.created) == (40, 40)
    assert len(per_row["people"]) == 43 and per_row["tallies"] and per_row["pending"] and per_row["late"] is not None
    for part in per_row:
        assert per_row[part] == set_based[part], part


def test_bulk_lists_the_same_problems_as_the_row_by_row_path(cast, tmp_path):
    unit = _unit(cast)
    assert _import(cast.district_officer, write_xlsx(tmp_path / "truoc.xlsx", BASE_HEADERS, VALID_ROWS),
                   bulk_path=False).ok
    rows = [_row(i, unit=unit) for i in range(12)]
    rows[1][HEADERS.index("Mã chi bộ")] = "T-B-1"  # outside the importer's scope
    rows[2][HEADERS.index("Số CCCD")] = "001070000001"  # the citizen ID of a file already kept
    rows[3][HEADERS.index("Ngày kết nạp")] = "01/01/2025"  # a ceremony before its decision
    rows[4][HEADERS.index("Họ và tên")] = "Hoàng Văn Giới"  # the name and birth date of a file already kept
    rows[4][HEADERS.index("Ngày sinh")] = "02/02/1970"
    rows[5][HEADERS.index("Số CCCD")] = "12345"  # malformed, found by the services only
    rows[6][HEADERS.index("Ngày đăng ký quần chúng ưu tú")] = "05/05/1971"  # too young to be a candidate
    rows[7][HEADERS.index("Số CCCD")] = rows[8][HEADERS.index("Số CCCD")]  # twice in the file
    rows[9][HEADERS.index("Mã thôn, bản nơi cư trú")] = "KHONG-CO"
    rows[10][HEADERS.index("Cư trú từ ngày")] = "01/02/2010"
    rows[10][HEADERS.index("Mã thôn, bản nơi cư trú")] = unit  # before the unit was established
    path = _file(tmp_path, rows)
    with translation.override("vi"):
        _a, _b, first, second = _both(cast.district_officer, path)
    listed = [(p.row, p.column, p.message) for p in first.problems]
    assert len({row for row, _c, _m in listed}) >= 9, listed
    assert [(p.row, p.column, p.message) for p in second.problems] == listed


def test_one_change_record_per_person_and_one_for_the_file(cast, tmp_path):
    path = _file(tmp_path, [_row(i) for i in range(10)])
    before = ChangeRecord.objects.count()
    result = _import(cast.district_officer, path, bulk_path=True)
    assert result.ok, result.problems
    records = ChangeRecord.objects.order_by("pk")[before:]
    person_type = ContentType.objects.get_for_model(Person)
    assert len(records) == 11
    assert {r.content_type_id for r in records} == {person_type.pk, ContentType.objects.get_for_model(ImportBatch).pk}
    assert {(r.user_id, r.action) for r in records} == {(cast.district_officer.pk, ChangeAction.CREATE)}
    assert len({r.request_id for r in records}) == 1 and all(r.reason == records[0].reason for r in records)
    assert "lon.xlsx" in records[0].reason
    official = next(r for r in records if r.after.get("member_code") == "BK-00000")
    assert [e["kind"] for e in official.after["events"]] == ["admission_decision", "admission_ceremony",
                                                             "recognition", "restructure_move"]
    assert official.after["status"] == "official" and official.after["import_batch"] == result.batch.pk


def _everything() -> tuple[int, ...]:
    return (Person.objects.count(), MemberEvent.objects.count(), MembershipSpell.objects.count(),
            Standing.objects.count(), MemberKey.objects.count(), TallyPoint.objects.count(),
            TallySeries.objects.count(), sum(TallyPoint.objects.values_list("total", flat=True)),
            ChangeRecord.objects.exclude(content_type=ContentType.objects.get_for_model(ImportBatch)).count())


def test_a_fault_in_the_last_row_writes_nothing_and_names_row_and_column(cast, tmp_path, monkeypatch):
    monkeypatch.setattr(bulk, "BATCH", 10)  # the first batches are written before the last row is read
    rows = [_row(i) for i in range(45)]
    rows[-1][HEADERS.index("Ngày sinh")] = "31/02/1990"
    rows[-1][HEADERS.index("Giáo dục phổ thông")] = "13/12"
    rows[20][HEADERS.index("Mã chi bộ")] = "KHONG-CO"
    before = _everything()
    with translation.override("vi"):
        result = _import(cast.district_officer, _file(tmp_path, rows), bulk_path=True)
    assert not result.ok and result.created == 0
    assert _everything() == before
    named = {(p.row, p.column) for p in result.problems}
    assert {(22, "Mã chi bộ"), (46, "Ngày sinh"), (46, "Giáo dục phổ thông")} <= named, named
    messages = " ".join(p.message for p in result.problems)
    assert "Không có tổ chức đảng mang mã" in messages, messages
    assert result.batch.status == "refused" and result.batch.error_count == len(result.problems)


def test_a_dry_run_checks_every_row_and_writes_nothing(cast, tmp_path):
    before = _everything()
    result = _import(cast.district_officer, _file(tmp_path, [_row(i) for i in range(15)]), bulk_path=True,
                     dry_run=True)
    assert result.ok and result.dry_run and _everything() == before


def test_queries_do_not_grow_with_the_rows(cast, tmp_path):
    def queries(n: int, name: str) -> int:
        path = _file(tmp_path, [_row(i, offset=1000 * len(name)) for i in range(n)], name)
        with CaptureQueriesContext(connection) as captured:
            result = _import(cast.district_officer, path, bulk_path=True)
        assert result.ok, result.problems
        return len(captured.captured_queries)

    small, large = queries(20, "a.xlsx"), queries(80, "bb.xlsx")
    assert large <= small + 10, (small, large)  # a few per batch, not about thirty per row
    assert large < 80


def test_a_large_file_takes_the_set_based_path(cast, tmp_path, monkeypatch):
    monkeypatch.setattr(services, "BULK_FROM_ROWS", 5)
    before = ChangeRecord.objects.count()
    with request_id_scope():
        path = _file(tmp_path, [_row(i) for i in range(6)])
        result = services.members_import(actor=cast.district_officer, content=path.read_bytes(), file_name="x.xlsx")
    assert result.ok and ChangeRecord.objects.count() - before == 7  # six persons, one file
