"""Restructuring plans: preview in full, apply all or nothing, refuse with every faulty row named."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from core.decisions import Decision
from members.models import Person
from members.tests.factories import member
from organizations.models import LineageEvent, Organization, OrganizationVersion
from reports.figures import compute, make_request
from restructuring.rows import PlanRefused, rows_from_text, rows_from_xlsx, rows_to_xlsx
from restructuring.services import plan_apply, plan_create, plan_preview

pytestmark = pytest.mark.django_db
D = dt.date
ON = D(2025, 7, 1)
NQ = Decision("202/2025/QH15", D(2025, 6, 12), "Quốc hội")
HEADER = ("Thao tác\tMã tổ chức cũ\tMã tổ chức mới\tTên tổ chức mới\tLoại tổ chức\tMã tổ chức cấp trên\t"
          "Số quyết định\tNgày quyết định\tCơ quan ban hành")
GOOD = [
    "hợp nhất\tT-A-1\tT-N1\tĐảng bộ xã Hợp Thành\tcommune\tT\t1683/NQ-UBTVQH15\t16/06/2025\tỦy ban Thường vụ Quốc hội",
    "hợp nhất\tT-A-2\tT-N1\tĐảng bộ xã Hợp Thành\tcommune\tT\t\t\t",
    "chuyển\tT-B-1\t\t\t\tT\t\t\t",
    "giải thể\tT-A\t\t\t\tT\t\t\t",
    "giải thể\tT-B\t\t\t\tT\t\t\t",
]


def _plan(cast: Any, lines: list[str]) -> Any:
    rows = rows_from_text("\n".join([HEADER, *lines]))
    return plan_create(actor=cast.province_officer, organization=cast.province, title="Sắp xếp 2025",
                       effective_on=ON, decision=NQ, rows=rows)


def _counts() -> tuple[int, ...]:
    return (Organization.objects.count(), OrganizationVersion.objects.count(), LineageEvent.objects.count(),
            Organization.objects.filter(dissolved_on__isnull=False).count())


def _people(cast: Any) -> None:
    member(cast.root_admin, cast.cell_a1a, "Hoàng Văn Một")
    member(cast.root_admin, cast.cell_a1b, "Lục Thị Hai")


def test_preview_shows_everything_and_writes_nothing_then_apply_does_it(cast):
    _people(cast)
    plan = _plan(cast, GOOD)
    before = _counts()
    preview = plan_preview(actor=cast.province_officer, plan=plan)
    assert _counts() == before
    assert [e["code"] for e in preview["established"]] == ["T-N1"]
    assert {e["code"] for e in preview["ended"]} == {"T-A-1", "T-A-2", "T-A", "T-B"}
    assert preview["cells_reparented"] == 2  # the two cells of Đồng Tâm (Lương Hạ moves whole, with no cell)
    (target,) = preview["targets"]
    assert target["before"] == {"members_total": 2, "cells": 2} == target["after"]
    plan = plan_apply(actor=cast.province_officer, plan=plan)
    assert plan.status == "applied"
    new = Organization.objects.get(code="T-N1")
    assert new.parent == cast.province and new.established_on == ON
    assert Organization.objects.get(code="T-B-1").parent == cast.province
    assert set(Organization.objects.filter(dissolved_on=ON).values_list("code", flat=True)) == {
        "T-A-1", "T-A-2", "T-A", "T-B"}
    assert Person.objects.filter(organization__path__startswith=new.path).count() == 2
    # 2024 under the old tree, counted for the new commune through its predecessors.
    request = make_request(organization=new, date_from=D(2024, 1, 1), date_to=D(2024, 12, 31), as_of=D(2024, 12, 31))
    assert compute(request, with_predecessors=True)["figures"]["members"]["members_total"] == 2
    assert compute(request)["figures"]["members"]["members_total"] == 0


def test_one_bad_row_refuses_the_whole_plan_naming_every_faulty_row(cast):
    _people(cast)
    plan = _plan(cast, [*GOOD, "hợp nhất\tT-X\tT-N2\tĐảng bộ xã Mới\tcommune\tT\t\t\t",
                        "hợp nhất\tT-A-1-a\tT-N3\t\tno-such-kind\tT\t\t\t"])
    before = _counts()
    for attempt in (plan_preview, plan_apply):
        with pytest.raises(PlanRefused) as refused:
            attempt(actor=cast.province_officer, plan=plan)
        faults = {(f.row, f.column) for f in refused.value.faults}
        assert faults == {(7, "old_code"), (8, "new_name"), (8, "new_kind")}
        assert "Row 7" in refused.value.faults[0].text() or "Dòng 7" in refused.value.faults[0].text()
    assert _counts() == before
    plan.refresh_from_db()
    assert plan.status == "draft"


def test_a_refusal_found_while_applying_rolls_everything_back(cast):
    _people(cast)
    plan = _plan(cast, [GOOD[0], GOOD[1], GOOD[3], "giải thể\tT-B\t\t\t\t\t\t\t"])  # Lương Hạ still under T-B
    before = _counts()
    with pytest.raises(PlanRefused) as refused:
        plan_apply(actor=cast.province_officer, plan=plan)
    assert [(f.row, f.column) for f in refused.value.faults] == [(5, "new_parent")]
    assert _counts() == before
    assert not Organization.objects.filter(code="T-N1").exists()


def test_out_of_scope_codes_are_faults_not_leaks(cast):
    plan = plan_create(actor=cast.district_officer, organization=cast.district_a, title="Thử", effective_on=ON,
                       decision=NQ, rows=rows_from_text("\n".join([HEADER, "chuyển\tT-A-1\t\t\t\tT-B\t\t\t"])))
    with pytest.raises(PlanRefused) as refused:
        plan_preview(actor=cast.district_officer, plan=plan)
    assert [(f.row, f.column) for f in refused.value.faults] == [(2, "new_parent")]


def test_xlsx_round_trip(cast):
    rows = rows_from_text("\n".join([HEADER, *GOOD]))
    again = rows_from_xlsx(rows_to_xlsx(rows))
    assert [{k: v for k, v in r.items() if v} for r in again] == [{k: v for k, v in r.items() if v} for r in rows]
    with pytest.raises(PlanRefused):
        rows_from_xlsx(b"not a workbook")
