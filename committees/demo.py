"""Demo committees: Na Rì district (term 2020–2025), Na Tông commune (term 2015–2020) and the committees appointed
for the six communes established in Na Rì on 01/02/2020. Loaded after members.demo (INSTALLED_APPS order).

From the seed reports: Hoàng Văn Thiên is "Tỉnh ủy viên, Bí thư Huyện ủy Na Rì" (2020); Lò Văn Phong is "Bí thư
Đảng ủy" of Na Tông, whose committee served "nhiệm kỳ 2015 - 2020"; Lò Văn Liên is "Bí thư Chi bộ bản Pá Kín 1";
after the mergers of 855/NQ-UBTVQH14 the district "chỉ định Ban Chấp hành, Ban Thường vụ, Bí thư, các phó bí thư"
of each new commune. Everything else is illustrative: congress ordinals and dates, delegates, decision
numbers, the number of seats, who (among the demo's official members) holds the other seats, which secretaries
also chair the People's Council, and a transfer and an addition in the district committee in 2022. Seats are
chosen deterministically among the official members registered under each organization on the date, so loading
again changes nothing (an existing term is skipped).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from committees.models import SeatKind, Term
from committees.services import (
    CongressInput,
    SeatInput,
    Sizes,
    seat_end,
    seats_add,
    term_open_by_appointment,
    term_open_by_congress,
)
from core.decisions import Decision
from members.models import MembershipSpell, Person, Status
from organizations.models import Organization
from organizations.queries import subtree_versions_as_of

D = dt.date
REASON = "Dữ liệu mẫu"
NA_RI = "BK-NR"
NA_TONG = "DB-DBH-NT"
NEW_COMMUNES = ["YL2020", "CL2020", "VLA", "TP", "VV", "ST"]
MERGED_ON = D(2020, 2, 1)


def _official(organization: Organization, on: dt.date, *, exclude: set[int] = frozenset(),  # type: ignore[assignment]
              prefer: str = "") -> list[Person]:
    """Official members registered under the organization on `on`, in a fixed order (cells named `prefer` first)."""
    under = subtree_versions_as_of(organization, on=on).values("organization_id")
    spells = MembershipSpell.objects.filter(organization_id__in=under, status=Status.OFFICIAL, valid_from__lte=on)
    spells = spells.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))
    people = Person.objects.filter(pk__in=spells.values("person_id")).exclude(pk__in=exclude)
    ordered = sorted(people.select_related("organization"), key=lambda p: (p.citizen_id[-4:], p.pk))
    if prefer:
        ordered.sort(key=lambda p: not p.organization.code.startswith(prefer))
    return ordered


def _named(full_name: str, organization: Organization) -> Person:
    people = Person.objects.filter(full_name=full_name, organization__path__under=organization.path)
    person = people.filter(occupation__icontains="Bí thư").order_by("pk").first() or people.order_by("pk").first()
    if person is None:
        raise Person.DoesNotExist(full_name)
    return person


def _committee(secretary: Person, deputies: list[Person], standing: list[Person], executive: list[Person],
               inspection: list[Person], *, post: str = "") -> list[SeatInput]:
    """Seats for a committee: everyone in the executive committee; positions on top."""
    seats = [SeatInput(p, SeatKind.EXECUTIVE) for p in [secretary, *deputies, *standing, *executive]]
    seats.append(SeatInput(secretary, SeatKind.SECRETARY, concurrent_post=post))
    seats += [SeatInput(p, SeatKind.STANDING) for p in [secretary, *deputies, *standing]]
    seats += [SeatInput(p, SeatKind.DEPUTY_SECRETARY) for p in deputies]
    if inspection:
        seats.append(SeatInput(inspection[0], SeatKind.INSPECTION_CHAIR))
        seats += [SeatInput(p, SeatKind.INSPECTION) for p in inspection[1:]]
    return seats


def _exists(organization: Organization, starts_on: dt.date) -> bool:
    return Term.objects.filter(organization=organization, starts_on=starts_on).exists()


def load_na_ri_district(actor: Any) -> None:
    """Đại hội đại biểu Đảng bộ huyện Na Rì, nhiệm kỳ 2020–2025 (ordinal, dates and seats illustrative)."""
    district = Organization.objects.get(code=NA_RI)
    congress = CongressInput(ordinal=21, opened_on=D(2020, 7, 14), closed_on=D(2020, 7, 16), delegates=200,
                             delegates_present=198, resolution_number="01-NQ/ĐH", resolution_date=D(2020, 7, 16))
    if _exists(district, congress.closed_on):
        return
    thien = _named("Hoàng Văn Thiên", district)
    pool = _official(district, congress.closed_on, exclude={thien.pk}, prefer=f"{NA_RI}-CQ")
    deputies, standing, executive, inspection = pool[:2], pool[2:9], pool[9:30], pool[30:36]
    seats = _committee(thien, deputies, standing, executive, inspection)
    # The chair of the inspection committee sits on the standing committee (the others are not committee members).
    seats += [SeatInput(inspection[0], SeatKind.EXECUTIVE), SeatInput(inspection[0], SeatKind.STANDING)]
    term_open_by_congress(
        actor=actor, organization=district, congress=congress, seats=seats,
        sizes=Sizes(executive=33, standing=11, deputy_secretaries=2, inspection=7),
        decision=Decision("1125-QĐ/TU", D(2020, 7, 24), "Ban Thường vụ Tỉnh ủy Bắc Kạn"),
        note="Đại hội đại biểu Đảng bộ huyện Na Rì lần thứ XXI, nhiệm kỳ 2020–2025 (số thứ tự, ngày và nhân sự "
             "minh họa; Bí thư: đồng chí Hoàng Văn Thiên theo báo cáo).", reason=REASON,
    )


def load_na_tong(actor: Any) -> None:
    """Đại hội Đảng bộ xã Na Tông, nhiệm kỳ 2015–2020, and the cell of Pá Kín 1 (30-month cell term)."""
    commune = Organization.objects.get(code=NA_TONG)
    congress = CongressInput(ordinal=1, opened_on=D(2015, 5, 20), closed_on=D(2015, 5, 21), delegates=98,
                             delegates_present=95, resolution_number="01-NQ/ĐH", resolution_date=D(2015, 5, 21))
    if not _exists(commune, congress.closed_on):
        phong = _named("Lò Văn Phong", commune)
        pool = _official(commune, congress.closed_on, exclude={phong.pk})
        deputies, standing, executive, inspection = pool[:1], pool[1:4], pool[4:11], pool[11:15]
        term_open_by_congress(
            actor=actor, organization=commune, congress=congress,
            seats=_committee(phong, deputies, standing, executive, inspection),
            sizes=Sizes(executive=13, standing=5, deputy_secretaries=1, inspection=5),
            decision=Decision("388-QĐ/HU", D(2015, 6, 1), "Ban Thường vụ Huyện ủy Điện Biên"),
            note="Đại hội Đảng bộ xã Na Tông lần thứ I, nhiệm kỳ 2015–2020 (số thứ tự, ngày và nhân sự minh họa; "
                 "Bí thư: đồng chí Lò Văn Phong theo báo cáo).", reason=REASON,
        )
    cell = Organization.objects.get(code=f"{NA_TONG}-PK1")
    cell_congress = CongressInput(ordinal=1, opened_on=D(2015, 3, 12), closed_on=D(2015, 3, 12))
    if not _exists(cell, cell_congress.closed_on):
        lien = _named("Lò Văn Liên", cell)
        deputy = _official(cell, cell_congress.closed_on, exclude={lien.pk})[:1]
        seats = [SeatInput(lien, SeatKind.EXECUTIVE), SeatInput(lien, SeatKind.SECRETARY)]
        for person in deputy:
            seats += [SeatInput(person, SeatKind.EXECUTIVE), SeatInput(person, SeatKind.DEPUTY_SECRETARY)]
        term_open_by_congress(actor=actor, organization=cell, congress=cell_congress, seats=seats, reason=REASON,
                              note="Đại hội Chi bộ bản Pá Kín 1, nhiệm kỳ 2015–2017 (minh họa).")


def load_new_communes(actor: Any) -> None:
    """Committees appointed by the district's standing committee for the six communes of 01/02/2020."""
    district = Organization.objects.get(code=NA_RI)
    for index, code in enumerate(NEW_COMMUNES):
        commune = Organization.objects.get(code=f"{NA_RI}-{code}")
        if _exists(commune, MERGED_ON):
            continue
        pool = _official(commune, MERGED_ON)
        secretary, deputies, standing = pool[0], pool[1:3], pool[3:4]
        executive, inspection = pool[4:9], pool[9:12]
        term_open_by_appointment(
            actor=actor, organization=commune, starts_on=MERGED_ON, appointed_by=district,
            decision=Decision(f"{112 + index}-QĐ/HU", D(2020, 1, 20), "Ban Thường vụ Huyện ủy Na Rì"),
            seats=_committee(secretary, deputies, standing, executive, inspection,
                             post="council_chair" if index % 2 == 0 else ""),
            sizes=Sizes(executive=11, standing=4, deputy_secretaries=2, inspection=3),
            note=f"Chỉ định Ban Chấp hành, Ban Thường vụ, Bí thư, các Phó Bí thư khi thành lập {commune.name} "
                 "theo Nghị quyết 855/NQ-UBTVQH14 (số quyết định và nhân sự minh họa).",
            reason=REASON,
        )


def load_na_ri_changes(actor: Any) -> None:
    """During the term: a member of the district committee is transferred (01/03/2022) and another member is
    added by the provincial standing committee's decision (15/06/2022) - illustrative."""
    district = Organization.objects.get(code=NA_RI)
    term = Term.objects.filter(organization=district, starts_on=D(2020, 7, 16)).first()
    if term is None or term.seats.filter(end_reason="transferred").exists():
        return
    leaving = term.seats.filter(kind=SeatKind.EXECUTIVE, ended_on__isnull=True).exclude(
        person__in=term.seats.exclude(kind=SeatKind.EXECUTIVE).values("person")).order_by("pk").last()
    if leaving is None:
        return
    seat_end(actor=actor, seat=leaving, ended_on=D(2022, 3, 1), end_reason="transferred",
             decision_number="215-QĐ/TU", reason="Điều động công tác (minh họa)")
    holders = set(term.seats.values_list("person_id", flat=True))
    newcomer = next(p for p in _official(district, D(2022, 6, 15), prefer=f"{NA_RI}-CQ") if p.pk not in holders)
    seats_add(actor=actor, term=term, seats=[SeatInput(newcomer, SeatKind.EXECUTIVE)], basis="added",
              starts_on=D(2022, 6, 15), decision=Decision("236-QĐ/TU", D(2022, 6, 15), "Ban Thường vụ Tỉnh ủy Bắc Kạn"),
              reason="Bổ sung Ủy viên Ban Chấp hành Đảng bộ huyện (minh họa)")


def load(actor: Any) -> None:
    """Load the demo committees (after members.demo); running it again changes nothing."""
    if not Organization.objects.filter(code=NA_RI).exists() or not Person.objects.exists():
        return
    load_na_tong(actor)
    load_new_communes(actor)
    load_na_ri_district(actor)
    load_na_ri_changes(actor)
