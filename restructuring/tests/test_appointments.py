"""A plan appoints the committee of an organization it establishes (issue 17): shown in the preview (nothing
written), written with the plan (all or nothing) through committees' services, refusals naming row and column."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from committees.models import Seat, SeatBasis, Term, TermOpening
from core.decisions import Decision
from members.tests.factories import member
from organizations.models import Organization
from restructuring.rows import PlanRefused, rows_from_text
from restructuring.services import plan_apply, plan_create, plan_preview

pytestmark = pytest.mark.django_db
D = dt.date
ON = D(2025, 7, 1)
NQ = Decision("202/2025/QH15", D(2025, 6, 12), "Quốc hội")
HEADER = ("Thao tác\tMã tổ chức cũ\tMã tổ chức mới\tTên tổ chức mới\tLoại tổ chức\tMã tổ chức cấp trên\t"
          "Số quyết định\tNgày quyết định\tCơ quan ban hành\tCấp ủy chỉ định")
MERGE = ["hợp nhất\tT-A-1\tT-N1\tĐảng bộ xã Hợp Thành\tcommune\tT-A\t\t\t\t",
         "hợp nhất\tT-A-2\tT-N1\tĐảng bộ xã Hợp Thành\tcommune\tT-A\t\t\t\t"]


def _plan(cast: Any, appoint: str) -> Any:
    rows = rows_from_text("\n".join([HEADER, *MERGE, appoint]))
    return plan_create(actor=cast.province_officer, organization=cast.province, title="Sắp xếp 2025",
                       effective_on=ON, decision=NQ, rows=rows)


def test_the_plan_appoints_the_new_committee_in_preview_and_apply(cast: Any) -> None:
    one = member(cast.root_admin, cast.cell_a1a, "Hoàng Văn Một", birth_date=D(1975, 1, 1))
    two = member(cast.root_admin, cast.cell_a1b, "Lục Thị Hai", gender="female", birth_date=D(1980, 1, 1))
    plan = _plan(cast, f"chỉ định\t\tT-N1\t\t\t\t55-QĐ/HU\t25/06/2025\tBan Thường vụ Huyện ủy\t"
                       f"executive: {one.pk}, #{two.pk}; secretary: {one.pk}")
    preview = plan_preview(actor=cast.province_officer, plan=plan)
    (appointed,) = preview["appointed"]
    assert appointed["code"] == "T-N1" and appointed["decision"] == "55-QĐ/HU"
    assert appointed["appointed_by"] == cast.district_a.name
    assert sorted(s["name"] for s in appointed["seats"]) == ["Hoàng Văn Một", "Hoàng Văn Một", "Lục Thị Hai"]
    assert not Organization.objects.filter(code="T-N1").exists() and not Term.objects.exists()
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(cast.province_officer)
    page = client.get(f"/restructuring/{plan.pk}/?preview=1").content.decode()
    shown = page.split('id="plan-appointed"')[1].split("</ul>")[0]
    assert "Lục Thị Hai" in shown and "55-QĐ/HU" in shown and cast.district_a.name in shown
    assert not Term.objects.exists()
    plan_apply(actor=cast.province_officer, plan=plan)
    term = Term.objects.get(organization__code="T-N1")
    assert (term.opened_by, term.starts_on, term.appointed_by, term.decision_number) == (
        TermOpening.APPOINTMENT, ON, cast.district_a, "55-QĐ/HU")
    seats = Seat.objects.filter(term=term)
    assert {(s.person_id, s.kind) for s in seats} == {(one.pk, "executive"), (two.pk, "executive"),
                                                     (one.pk, "secretary")}
    assert {s.basis for s in seats} == {SeatBasis.APPOINTED}


def test_a_bad_appointment_refuses_the_whole_plan_naming_the_row(cast: Any) -> None:
    one = member(cast.root_admin, cast.cell_a1a, "Hoàng Văn Một", birth_date=D(1975, 1, 1))
    plan = _plan(cast, "chỉ định\t\tT-N9\t\t\t\t\t\t\tchairman: 999999")
    with pytest.raises(PlanRefused) as refused:
        plan_preview(actor=cast.province_officer, plan=plan)
    assert {(f.row, f.column) for f in refused.value.faults} >= {(4, "new_code"), (4, "members")}
    plan = _plan(cast, f"chỉ định\t\tT-N1\t\t\t\t\t\t\tsecretary: {one.pk}")  # a secretary needs an executive seat
    with pytest.raises(PlanRefused) as refused:
        plan_apply(actor=cast.province_officer, plan=plan)
    assert [(f.row, f.column) for f in refused.value.faults] == [(4, "members")]
    assert not Organization.objects.filter(code="T-N1").exists() and not Term.objects.exists()
