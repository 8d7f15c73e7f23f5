"""Demo commendations from the Na Rì 2020 report, as individual records (loaded after members and committees).

"… lập sổ ghi danh “người tốt, việc tốt” … được 04 tập thể, 17 cá nhân tại các đơn vị. Khen thưởng 18 tập thể,
37 cá nhân có thành tích xuất sắc trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh nhân dịp kỷ
niệm 130 năm ngày sinh của Bác (19/5/1890-19/5/2020). Tham gia cuộc thi “Bắc Kạn học tập và làm theo Bác” do Ban
Tuyên giáo Tỉnh ủy tổ chức kết quả giành giải nhất." The counts are the report's; who was commended (organizations
and official members of the demo under Na Rì), decision numbers and dates, deeds and names in the honour book are
illustrative. Running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from honours.models import Campaign, Commendation, Contest, ContestResult, Form, HonourEntry, Level, Prize, Target
from honours.services import commendation_create, contest_create, contest_result_record, honour_entry_create
from members.models import MembershipSpell, Person, Status
from organizations.models import Organization
from organizations.queries import subtree_versions_as_of

D = dt.date
NA_RI = "BK-NR"
DECIDED_ON = D(2020, 5, 15)
DECIDED_BY = "Ban Thường vụ Huyện ủy Na Rì"
REASON = "Dữ liệu mẫu: báo cáo năm 2020 của Huyện ủy Na Rì"
FOR = ("Có thành tích xuất sắc trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh nhân dịp kỷ niệm "
       "130 năm ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 – 19/5/2020)")
CONTEST = "Bắc Kạn học tập và làm theo Bác"
BOOK_COLLECTIVES = [
    ("Chi đoàn thanh niên thôn Nà Cà", "Vận động đoàn viên làm 2 km đường bê tông nông thôn"),
    ("Hội Phụ nữ xã Kim Hỷ", "Giúp 12 hộ nghèo vay vốn, làm nhà đại đoàn kết"),
    ("Tổ tự quản đường giao thông thôn Khuổi Khe", "Giữ gìn đường làng sạch đẹp, trồng 500 cây xanh"),
    ("Trường Tiểu học Lương Thượng", "Quyên góp sách vở, áo ấm cho học sinh vùng khó khăn"),
]
BOOK_PEOPLE = [
    "Hoàng Văn Thành", "Nông Thị Hà", "Lý Văn Khánh", "Lương Thị Nga", "Hà Văn Dũng", "Triệu Thị Mai",
    "Lục Văn Sơn", "Ma Thị Hạnh", "Đinh Văn Tuấn", "Bế Thị Lan", "Dương Văn Hùng", "Hoàng Thị Yến",
    "Nông Văn Long", "Lý Thị Thảo", "Lương Văn Phúc", "Hà Thị Nhung", "Triệu Văn Toàn",
]
DEEDS = ["Nhặt được của rơi trả lại người đánh mất", "Hiến đất làm đường giao thông nông thôn",
         "Giúp đỡ gia đình khó khăn trong thôn", "Tích cực tham gia phòng, chống dịch Covid-19"]


def _organizations(district: Organization, on: dt.date, count: int) -> list[Organization]:
    under = subtree_versions_as_of(district, on=on).exclude(organization=district)
    return list(Organization.objects.filter(pk__in=under.values("organization_id")).order_by("code")[:count])


def _members(district: Organization, on: dt.date, count: int) -> list[tuple[Person, Organization]]:
    """Official members under the district on `on`, each with the cell they belonged to that day."""
    under = subtree_versions_as_of(district, on=on).values("organization_id")
    spells = MembershipSpell.objects.filter(organization_id__in=under, status=Status.OFFICIAL, valid_from__lte=on)
    spells = spells.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on)).select_related("person", "organization")
    return [(s.person, s.organization) for s in spells.order_by("person__citizen_id", "person_id")[:count]]


def load_commendations(actor: Any, district: Organization) -> None:
    if Commendation.objects.filter(organization__path__startswith=district.path, decided_on=DECIDED_ON).exists():
        return
    level = Level.objects.get(code="district")
    form = Form.objects.get(code="certificate-of-merit")
    campaign = Campaign.objects.get(code="hcm-study")
    common: dict[str, Any] = {"level": level, "form": form, "campaign": campaign, "decided_on": DECIDED_ON,
                              "decided_by": DECIDED_BY, "reason_text": FOR, "reason": REASON}
    for number, organization in enumerate(_organizations(district, DECIDED_ON, 18), 1):
        commendation_create(actor=actor, organization=organization, target=Target.ORGANIZATION,
                            decision_number=f"{350 + number}-QĐ/HU", **common)
    people = _members(district, DECIDED_ON, 37)
    for number, (person, cell) in enumerate(people, 19):
        commendation_create(actor=actor, organization=cell, target=Target.INDIVIDUAL, person=person,
                            decision_number=f"{350 + number}-QĐ/HU", **common)
    for number in range(len(people), 37):  # a smaller demo tree: named people instead of member files
        commendation_create(actor=actor, organization=district, target=Target.INDIVIDUAL,
                            recipient_name=BOOK_PEOPLE[number % 17], decision_number=f"{400 + number}-QĐ/HU", **common)


def load_honour_book(actor: Any, district: Organization) -> None:
    if HonourEntry.objects.filter(organization=district, entered_on__year=2020).exists():
        return
    campaign = Campaign.objects.get(code="hcm-study")
    for number, (name, deed) in enumerate(BOOK_COLLECTIVES):
        honour_entry_create(actor=actor, organization=district, target=Target.COLLECTIVE, name=name, deed=deed,
                            deed_on=D(2020, 3 + number, 10), entered_on=D(2020, 9, 2), campaign=campaign,
                            reason=REASON)
    for number, name in enumerate(BOOK_PEOPLE):
        honour_entry_create(actor=actor, organization=district, target=Target.INDIVIDUAL, name=name,
                            deed=DEEDS[number % len(DEEDS)], deed_on=D(2020, 1 + number % 8, 5 + number),
                            entered_on=D(2020, 9, 2), campaign=campaign, reason=REASON)


def load_contest(actor: Any, district: Organization) -> None:
    contest = Contest.objects.filter(name=CONTEST, year=2020).first() or contest_create(
        actor=actor, name=CONTEST, organizer_name="Ban Tuyên giáo Tỉnh ủy Bắc Kạn", year=2020,
        level=Level.objects.get(code="province"), campaign=Campaign.objects.get(code="hcm-study"), reason=REASON)
    if not ContestResult.objects.filter(contest=contest, organization=district).exists():
        contest_result_record(actor=actor, contest=contest, organization=district, prize=Prize.FIRST,
                              awarded_on=D(2020, 11, 20), reason=REASON)


def load(actor: Any) -> None:
    """Load the Na Rì 2020 commendations, honour book and contest result; running it again changes nothing."""
    district = Organization.objects.filter(code=NA_RI).first()
    if district is None:
        return
    load_commendations(actor, district)
    load_honour_book(actor, district)
    load_contest(actor, district)
