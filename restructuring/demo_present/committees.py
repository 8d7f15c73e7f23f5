"""The committees of today's communes: the province's standing committee appoints (chỉ định) the executive and
standing committees, the secretary, deputies and the inspection committee of each commune established on
01/07/2025, for the term that starts that day (the 2025 plan in `restructuring/demo.py` has no `appoint` rows).
Seats go to official members of the commune on that day, in a fixed order, never to present-day files. Skipped
when the commune already has a term from that day; the date does not depend on the load date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from committees.models import SeatKind, Term
from committees.services import SeatInput, Sizes, term_open_by_appointment
from core.decisions import Decision
from members.models import MembershipSpell, Person, Status
from organizations.models import Organization
from organizations.queries import subtree_versions_as_of
from restructuring.demo_present.stories import MARK, REASON, REFORM_ON

APPOINTED_BY = {"TN": ("TN-2025", "Ban Thường vụ Tỉnh ủy Thái Nguyên")}


def _official(commune: Organization, on: dt.date) -> list[Person]:
    """Official members registered under the commune on `on`, historic files only, in a fixed order."""
    under = subtree_versions_as_of(commune, on=on).values("organization_id")
    spells = MembershipSpell.objects.filter(organization_id__in=under, status=Status.OFFICIAL, valid_from__lte=on)
    spells = spells.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))
    people = Person.objects.filter(pk__in=spells.values("person_id")).exclude(history_number__startswith=MARK)
    return sorted(people, key=lambda p: (p.citizen_id[-4:], p.pk))


def _seats(pool: list[Person], *, chairs_council: bool) -> list[SeatInput]:
    secretary, deputies, standing, executive, inspection = pool[0], pool[1:3], pool[3:5], pool[5:11], pool[11:14]
    seats = [SeatInput(p, SeatKind.EXECUTIVE) for p in [secretary, *deputies, *standing, *executive]]
    seats.append(SeatInput(secretary, SeatKind.SECRETARY, concurrent_post="council_chair" if chairs_council else ""))
    seats += [SeatInput(p, SeatKind.STANDING) for p in [secretary, *deputies, *standing]]
    seats += [SeatInput(p, SeatKind.DEPUTY_SECRETARY) for p in deputies]
    seats.append(SeatInput(inspection[0], SeatKind.INSPECTION_CHAIR))
    seats += [SeatInput(p, SeatKind.INSPECTION) for p in inspection[1:]]
    return seats


def load(actor: Any, codes: list[str]) -> int:
    """Appoint the committees missing; returns how many terms were opened."""
    opened = 0
    for index, code in enumerate(codes):
        province = APPOINTED_BY.get(code.split("-")[0])
        commune = Organization.objects.filter(code=code, established_on=REFORM_ON).first()
        if province is None or commune is None or Term.objects.filter(organization=commune,
                                                                      starts_on=REFORM_ON).exists():
            continue
        pool = _official(commune, REFORM_ON)
        if len(pool) < 14:
            continue
        term_open_by_appointment(
            actor=actor, organization=commune, starts_on=REFORM_ON,
            appointed_by=Organization.objects.get(code=province[0]),
            decision=Decision(f"{1201 + index}-QĐ/TU", REFORM_ON - dt.timedelta(days=1), province[1]),
            seats=_seats(pool, chairs_council=index % 2 == 0),
            sizes=Sizes(executive=15, standing=5, deputy_secretaries=2, inspection=5),
            note=f"Chỉ định Ban Chấp hành, Ban Thường vụ, Bí thư, các Phó Bí thư và Ủy ban Kiểm tra khi thành lập "
                 f"{commune.name} từ 01/07/2025 (số quyết định và nhân sự minh họa).", reason=REASON)
        opened += 1
    return opened
