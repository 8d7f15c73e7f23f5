"""Demo inspection records: the 2020 programme of inspection and supervision of Na Rì's district inspection
committee (Ủy ban Kiểm tra Huyện ủy Na Rì), two of its items and one discipline decision, as individual records
through the services. Loaded after members, committees and documents (INSTALLED_APPS order).

Counts (docs/inspection.md): 1 programme; 1 inspection of a party organization (a commune's implementation of
Chỉ thị 05-CT/TW, concluded, 2 follow-ups, one done) and 1 thematic supervision of a party member (violations
found, 1 follow-up); 1 discipline decision: a reprimand (khiển trách) of that official member by the district
inspection committee. Numbers, dates, subjects and teams are illustrative; the team is the inspection
committee's chair and a member, as seated by committees.demo. Loading again changes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from committees.models import Seat, SeatKind
from core.decisions import Decision
from inspection.models import Body, FollowUpStatus, InspectionKind, Programme, TeamRole
from inspection.services import (
    FollowUpInput,
    TeamInput,
    discipline_decide,
    follow_up_set_status,
    inspection_create,
    programme_create,
)
from members.models import MembershipSpell, Person, Status
from organizations.models import Organization
from organizations.queries import subtree_versions_as_of

D = dt.date
REASON = "Dữ liệu mẫu"
NA_RI = "BK-NR"
ISSUER = "Ủy ban Kiểm tra Huyện ủy Na Rì"


def _seated(district: Organization, kind: str, on: dt.date) -> list[Person]:
    seats = Seat.objects.filter(organization=district, kind=kind, starts_on__lte=on).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=on)).order_by("starts_on", "pk")
    return [seat.person for seat in seats.select_related("person")]


def _official_in(organization: Organization, on: dt.date, until: dt.date) -> Person | None:
    """An official member registered under the organization from `on` to `until`, chosen in a fixed order."""
    under = subtree_versions_as_of(organization, on=on).values("organization_id")
    spells = MembershipSpell.objects.filter(organization_id__in=under, status=Status.OFFICIAL, valid_from__lte=on)
    spells = spells.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=until))
    seated = Seat.objects.values("person_id")
    return Person.objects.filter(pk__in=spells.values("person_id")).exclude(pk__in=seated).order_by(
        "citizen_id", "pk").first()


def load(actor: Any) -> None:
    district = Organization.objects.filter(code=NA_RI).first()
    if district is None or Programme.objects.filter(organization=district, year=2020).exists():
        return
    first, second = D(2020, 8, 17), D(2020, 9, 14)
    commune = (subtree_versions_as_of(district, on=first).filter(kind__code="commune")
               .order_by("organization__code").first())
    chair = _seated(district, SeatKind.INSPECTION_CHAIR, first)
    members = _seated(district, SeatKind.INSPECTION, first)
    if commune is None or not chair:
        return
    subject = _official_in(commune.organization, second, D(2020, 12, 31))
    if subject is None:
        return
    team = [TeamInput(chair[0], TeamRole.HEAD)] + [TeamInput(p, TeamRole.MEMBER) for p in members[:1]]
    programme = programme_create(
        actor=actor, organization=district, body=Body.INSPECTION_COMMITTEE, year=2020,
        title="Chương trình kiểm tra, giám sát năm 2020 của Ủy ban Kiểm tra Huyện ủy Na Rì",
        document_number="01-CTr/UBKTHU", document_date=D(2020, 1, 10), reason=REASON)
    checked = inspection_create(
        actor=actor, organization=district, body=Body.INSPECTION_COMMITTEE, kind=InspectionKind.INSPECTION,
        programme=programme, subject_organization=commune.organization,
        content=f"Kiểm tra việc thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị tại {commune.name}",
        document_number="05-CT/TW", document_date=D(2016, 5, 15), starts_on=first, ends_on=D(2020, 8, 28),
        team=team, conclusion="Thực hiện tốt; còn hạn chế trong việc xây dựng kế hoạch hằng năm.",
        concluded_on=D(2020, 9, 4), violations_found=False,
        follow_ups=[FollowUpInput("Bổ sung kế hoạch thực hiện Chỉ thị 05-CT/TW năm 2021", D(2020, 10, 31),
                                  f"Ban Thường vụ {commune.name}"),
                    FollowUpInput("Báo cáo kết quả khắc phục hạn chế", D(2020, 12, 31),
                                  f"Ban Thường vụ {commune.name}")],
        reason=REASON)
    done = checked.follow_ups.order_by("due_on").first()
    assert done is not None
    follow_up_set_status(actor=actor, follow_up=done, status=FollowUpStatus.DONE, done_on=D(2020, 10, 20),
                         reason=REASON)
    supervised = inspection_create(
        actor=actor, organization=district, body=Body.INSPECTION_COMMITTEE, kind=InspectionKind.SUPERVISION,
        programme=programme, subject_person=subject,
        content="Giám sát chuyên đề việc thực hiện nhiệm vụ đảng viên và những điều đảng viên không được làm",
        starts_on=second, ends_on=D(2020, 9, 30), team=team,
        conclusion="Có vi phạm quy định về những điều đảng viên không được làm; đề nghị xem xét kỷ luật.",
        concluded_on=D(2020, 10, 9), violations_found=True,
        follow_ups=[FollowUpInput("Đảng viên kiểm điểm trước chi bộ", D(2020, 10, 30), subject.full_name)],
        reason=REASON)
    discipline_decide(
        actor=actor, organization=district, body=Body.INSPECTION_COMMITTEE, form="reprimand",
        subject_person=subject, inspection=supervised, decision=Decision("12-QĐ/UBKTHU", D(2020, 11, 20), ISSUER),
        grounds="Vi phạm quy định về những điều đảng viên không được làm (minh họa).", reason=REASON)
