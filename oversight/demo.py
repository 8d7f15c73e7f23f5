"""Demo oversight: "Đảng ủy phân công các đồng chí trong Ban Thường vụ, Ban Chấp hành, Đảng ủy phụ trách từng chi
bộ" (Na Tông, 2016 article). Each of Na Tông's 16 cells is assigned to a member of the commune's 2015–2020
committee (committees.demo), in turn, from the day after the committee's decision until the term ends; who oversees
which cell is illustrative. Loaded after committees; running it again changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from committees.models import SeatKind, Term
from organizations.models import Organization
from organizations.queries import versions_as_of
from oversight.models import Assignment
from oversight.services import assignments_create

NA_TONG = "DB-DBH-NT"
STARTS_ON = dt.date(2015, 6, 2)
REASON = "Dữ liệu mẫu: phân công cấp ủy viên phụ trách chi bộ (Na Tông)"


def load(actor: Any) -> None:
    commune = Organization.objects.filter(code=NA_TONG).first()
    if commune is None or Assignment.objects.filter(committee_of=commune).exists():
        return
    term = Term.objects.filter(organization=commune, starts_on__lte=STARTS_ON).order_by("-starts_on").first()
    if term is None:
        return
    seats = term.seats.filter(kind=SeatKind.EXECUTIVE, starts_on__lte=STARTS_ON).select_related("person")
    people = [seat.person for seat in seats.order_by("pk")]
    cells = list(Organization.objects.filter(
        pk__in=versions_as_of(STARTS_ON).filter(parent=commune).values("organization_id")).order_by("code"))
    if not people or not cells:
        return
    plan: dict[int, list[Organization]] = {}
    for index, cell in enumerate(cells):
        plan.setdefault(index % len(people), []).append(cell)
    for index, assigned in sorted(plan.items()):
        assignments_create(actor=actor, person=people[index], organizations=assigned, starts_on=STARTS_ON,
                           ended_on=term.ended_on, decision_number="15-QĐ/ĐU", reason=REASON)
