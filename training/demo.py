"""Demo classes from the Na Rì 2020 report, as individual records (loaded after members and committees).

"Trung tâm Chính trị huyện phối hợp mở 01 lớp bồi dưỡng lý luận chính trị và nghiệp vụ cho cán bộ làm công tác
Mặt trận Tổ quốc với 40 học viên; 03 lớp bồi dưỡng lý luận chính trị kết nạp đảng cho 158 quần chúng ưu tú (trong
đó có 39 tân binh lên đường nhập ngũ năm 2020); 03 lớp bồi dưỡng lý luận chính trị đảng viên mới với 140 học viên
tham gia. Phối hợp với Trường chính trị tỉnh quản lý và tổ chức bế giảng lớp Trung cấp Lý luận chính trị – Hành
chính K56, lớp bồi dưỡng ngạch chuyên viên K63 mở tại huyện." The counts are the report's; class dates, places,
learners' names, birth dates and units are illustrative (learners are people not in the demo's files). Running it
again changes nothing (a class already recorded is skipped).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from organizations.models import Organization
from organizations.queries import versions_as_of
from training.models import ClassKind, Result, TrainingClass
from training.services import LearnerInput, class_create, learners_add

D = dt.date
NA_RI = "BK-NR"
CENTRE = "Trung tâm Chính trị huyện Na Rì"
SCHOOL = "Trường Chính trị tỉnh Bắc Kạn"
PLACE = "Hội trường Trung tâm Chính trị huyện Na Rì"
RECRUITS = "Tân binh nhập ngũ 2020"
REASON = "Dữ liệu mẫu: báo cáo năm 2020 của Huyện ủy Na Rì"

FAMILY = ["Hoàng", "Nông", "Lý", "Lương", "Hà", "Triệu", "Lục", "Ma", "Đinh", "Bế", "Lèo", "Dương"]
MIDDLE_M = ["Văn", "Đức", "Quang", "Minh"]
MIDDLE_F = ["Thị", "Thu", "Thanh", "Hồng"]
GIVEN_M = ["An", "Bảo", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phúc", "Quý", "Sơn", "Toàn", "Vũ"]
GIVEN_F = ["Bích", "Dung", "Hạnh", "Hoa", "Huyền", "Lan", "Liên", "Mai", "Nga", "Nhung", "Thảo", "Yến"]

# (code, title, kind, starts, ends, organizer, co-organizers, for, learners, recruits among them, planned)
CLASSES = [
    ("", "Bồi dưỡng lý luận chính trị và nghiệp vụ công tác Mặt trận", "professional", D(2020, 6, 15), D(2020, 6, 19),
     CENTRE, "Ủy ban Mặt trận Tổ quốc huyện Na Rì", "Cán bộ làm công tác Mặt trận Tổ quốc", 40, 0, 40),
    ("", "Bồi dưỡng nhận thức về Đảng, lớp 1/2020", "awareness", D(2020, 1, 6), D(2020, 1, 10), CENTRE,
     "Ban Chỉ huy Quân sự huyện Na Rì", "Quần chúng ưu tú, tân binh chuẩn bị nhập ngũ", 54, 39, 55),
    ("", "Bồi dưỡng nhận thức về Đảng, lớp 2/2020", "awareness", D(2020, 7, 6), D(2020, 7, 10), CENTRE, "",
     "Quần chúng ưu tú", 52, 0, 55),
    ("", "Bồi dưỡng nhận thức về Đảng, lớp 3/2020", "awareness", D(2020, 10, 12), D(2020, 10, 16), CENTRE, "",
     "Quần chúng ưu tú", 52, 0, 55),
    ("", "Bồi dưỡng lý luận chính trị cho đảng viên mới, lớp 1/2020", "new-member", D(2020, 3, 9), D(2020, 3, 13),
     CENTRE, "", "Đảng viên mới", 47, 0, 50),
    ("", "Bồi dưỡng lý luận chính trị cho đảng viên mới, lớp 2/2020", "new-member", D(2020, 8, 10), D(2020, 8, 14),
     CENTRE, "", "Đảng viên mới", 47, 0, 50),
    ("", "Bồi dưỡng lý luận chính trị cho đảng viên mới, lớp 3/2020", "new-member", D(2020, 11, 16), D(2020, 11, 20),
     CENTRE, "", "Đảng viên mới", 46, 0, 50),
    ("K56", "Trung cấp lý luận chính trị – hành chính K56", "theory-intermediate", D(2019, 3, 4), D(2020, 9, 25),
     SCHOOL, CENTRE, "Cán bộ, công chức huyện và các xã", 0, 0, 62),
    ("K63", "Bồi dưỡng ngạch chuyên viên K63", "civil-servant", D(2020, 8, 3), D(2020, 10, 30), SCHOOL, CENTRE,
     "Công chức, viên chức huyện Na Rì", 0, 0, 48),
]


def _name(index: int) -> tuple[str, bool]:
    female = index % 3 == 1
    middle = (MIDDLE_F if female else MIDDLE_M)[index // 7 % 4]
    given = (GIVEN_F if female else GIVEN_M)[index * 5 % (12 if female else 14)]
    return f"{FAMILY[index * 7 % 12]} {middle} {given}", female


def _units(district: Organization, on: dt.date) -> list[str]:
    root = versions_as_of(on).filter(organization=district).first()
    if root is None:
        return ["Huyện Na Rì"]
    names = versions_as_of(on).filter(parent=district).order_by("organization__code").values_list("name", flat=True)
    return [name.replace("Đảng bộ ", "").replace("Chi bộ ", "") for name in names] or ["Huyện Na Rì"]


def _learners(offset: int, count: int, recruits: int, *, starts_on: dt.date, units: list[str],
              completed: bool) -> list[LearnerInput]:
    rows = []
    for number in range(count):
        index = offset + number
        name, _female = _name(index)
        recruit = number < recruits
        age = 19 if recruit else 22 + index % 25
        birth = D(starts_on.year - age, 1 + index % 12, 1 + index * 3 % 28)
        rows.append(LearnerInput(
            full_name=name, birth_date=birth, unit=units[index % len(units)], tags=[RECRUITS] if recruit else [],
            result=Result.COMPLETED if completed else Result.PENDING,
            certificate_number=f"{starts_on.year}-{index + 1:04d}" if completed else "",
            certificate_date=None,
        ))
    return rows


def load(actor: Any) -> None:
    """Load the Na Rì 2020 classes; running it again changes nothing."""
    district = Organization.objects.filter(code=NA_RI).first()
    if district is None:
        return
    offset = 0
    for code, title, kind, starts, ends, organizer, co, group, count, recruits, planned in CLASSES:
        offset += count
        if TrainingClass.objects.filter(host=district, title=title, starts_on=starts).exists():
            continue
        training_class = class_create(
            actor=actor, host=district, kind=ClassKind.objects.get(code=kind), title=title, code=code,
            starts_on=starts, ends_on=ends, organizer_name=organizer, co_organizers=co, target_group=group,
            place=PLACE if organizer == CENTRE else "Trung tâm Chính trị huyện Na Rì (lớp mở tại huyện)",
            planned_learners=planned, note="Số lớp, số học viên theo báo cáo; ngày, danh sách học viên minh họa.",
            reason=REASON,
        )
        if count:
            learners_add(actor=actor, training_class=training_class, reason=REASON,
                         learners=_learners(offset - count, count, recruits, starts_on=starts,
                                            units=_units(district, starts), completed=True))
