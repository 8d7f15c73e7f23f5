"""Demo member files: Đảng bộ xã Na Tông (Điện Biên) in 2016 and Đảng bộ huyện Na Rì (Bắc Kạn) in 2020.

The published reports in the seed material give the numbers: Na Tông had 112 members in 16 cells at the
end of 2016, admitted 12 that year, recognised 13 as official and completed the dossiers of 2 candidates;
Na Rì admitted 76 members in 2020 and recognised 91. Here those numbers are not stored anywhere: the demo
writes individual files and dated events through `members.services`, and the figures service counts them.

The story the records tell: each committee began keeping its files here at the start of the reported year.
Members admitted before that have their admission, ceremony and recognition copied from their files
(`AdmissionRecord`); from then on every step is recorded as it happens: registration as an outstanding
candidate, the Party-awareness course, the application (1-KNĐ) and the cell's resolution (6-KNĐ), the
admission decision with its introducers, the ceremony, the recognition twelve months later. A dossier is
"completed" (8-KNĐ, the grassroots committee's resolution) only for the candidates whose decision was still
pending at the end of the year, which is what the Na Tông report counts. Na Tông also has a death, an
exemption from activities, a transfer in and a transfer out in 2016. Na Rì's January 2020 admissions happen
in cells of communes merged on 01/02/2020; the two cells of the former Lương Hạ commune are then merged into
one on 01/07/2020, so their members move through the members' restructuring handler.

Everything is generated from a fixed seed: names typical of the area (Thái, Mông, Khơ-mú and Kinh in Na Tông;
Tày, Nùng, Dao and Kinh in Na Rì), birth dates, schooling, occupations. A person's natural key is the
citizen ID, generated in the real layout (province code, century and gender digit, year of birth, serial):
loading again skips every file that exists, so a second run changes nothing.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from core.decisions import Decision
from members import services
from members.models import Ethnicity, Gender, Person, PoliticalTheory, Religion
from members.services import AdmissionRecord, Introducer, TransferLetter
from organizations.models import Organization, OrganizationKind
from organizations.services import NewOrganization, organization_merge
from rules import calendar as working_days

D = dt.date
REASON = "Dữ liệu mẫu"

# ----------------------------------------------------------------------------- names of the area

# (family names, male middle names, male given names, female middle names, female given names)
NAMES: dict[str, tuple[list[str], list[str], list[str], list[str], list[str]]] = {
    "thai": (
        ["Lò", "Lường", "Quàng", "Cà", "Tòng", "Vì", "Điêu", "Lò", "Lường", "Quàng"],
        ["Văn", "Văn", "Văn", "Chính"],
        ["Phong", "Liên", "Pọm", "Ơn", "Thanh", "Hưng", "Chung", "Khăm", "Panh", "Dũng", "Tiến", "Sơn", "Bun",
         "Thương", "Hặc", "Chiến", "Piên", "Inh", "Xôm", "Duẩn", "Ngoan", "Hôm", "Lả", "Tuyên", "Khiêm"],
        ["Thị", "Thị", "Thị"],
        ["Xuân", "Ón", "Hoa", "Thoa", "Yến", "Ngân", "Hương", "Phương", "Ánh", "Kim", "Biên", "Hom", "Pâng",
         "Lả", "Ẻn", "Thủy", "Minh", "Nhung"],
    ),
    "hmong": (
        ["Giàng", "Vàng", "Mùa", "Sùng", "Lầu", "Thào", "Lý", "Hờ", "Cháng", "Vừ"],
        ["A"],
        ["Páo", "Sử", "Lử", "Chớ", "Dê", "Lềnh", "Pó", "Sình", "Tủa", "Chứ", "Dơ", "Chá", "Khua", "Vảng", "Nhè",
         "Thề", "Chía", "Của", "Dình", "Lồng"],
        ["Thị"],
        ["Dợ", "Mỷ", "Pà", "Sua", "Chu", "Mai", "Dính", "Say", "Xi", "Vá", "Mua", "Chá"],
    ),
    "khmu": (
        ["Lò", "Vì", "Cụt", "Quàng", "Lò"],
        ["Văn"],
        ["Ín", "Xiêng", "Thoong", "Bua", "Pắn", "Khưn", "Ương", "Bình", "Hiên", "Phăn"],
        ["Thị"],
        ["Phiêng", "Ỏm", "Lan", "Mọn", "Xuân", "Dung"],
    ),
    "kinh": (
        ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô", "Nguyễn", "Trần", "Phạm"],
        ["Văn", "Đức", "Minh", "Quang", "Hữu", "Ngọc", "Văn", "Mạnh", "Xuân"],
        ["Hùng", "Dũng", "Tuấn", "Cường", "Hải", "Long", "Nam", "Trung", "Hiếu", "Đức", "Thành", "Tú", "Khoa",
         "Quyết", "Thắng", "Duy", "Bình", "Sơn", "Việt", "Hoàng"],
        ["Thị", "Thu", "Thanh", "Thị Thu", "Thị Minh", "Ngọc"],
        ["Hà", "Lan", "Hương", "Mai", "Hằng", "Huyền", "Trang", "Thủy", "Nga", "Hạnh", "Linh", "Phượng", "Yến",
         "Loan", "Dung", "Oanh"],
    ),
    "tay": (
        ["Hoàng", "Nông", "Lục", "Hà", "Lương", "Ma", "Đàm", "Lý", "Hứa", "Dương", "Lưu", "Triệu", "Hoàng", "Nông"],
        ["Văn", "Văn", "Đức", "Thế", "Văn", "Đình"],
        ["Thiên", "Giới", "Thiệu", "Ba", "Khánh", "Tuyến", "Sơn", "Hùng", "Thắng", "Chiến", "Thao", "Kiên", "Lâm",
         "Quyết", "Nghị", "Toản", "Bằng", "Tuân", "Ngọc", "Phúc", "Cương", "Hưởng", "Vượng", "Tình"],
        ["Thị", "Thị", "Thị Thu", "Thị Minh"],
        ["Lan", "Hoa", "Thu", "Duyên", "Thủy", "Nhung", "Hằng", "Huệ", "Liên", "Thoa", "Thảo", "Diệu", "Nguyệt",
         "Hiền", "Ngân", "Dịu"],
    ),
    "nung": (
        ["Hoàng", "Nông", "Lăng", "Chu", "Lành", "Mã", "Vi", "Hà", "Lạc"],
        ["Văn", "Văn", "Đức"],
        ["Páo", "Slằn", "Lìn", "Sáng", "Chắng", "Chỉnh", "Tằng", "Khìn", "Mạnh", "Dũng", "Pằn", "Quân"],
        ["Thị"],
        ["Mỉn", "Slao", "Dín", "Lả", "Phấn", "Chiêm", "Nhàn", "Thơm"],
    ),
    "dao": (
        ["Triệu", "Bàn", "Đặng", "Lý", "Phùng", "Chu", "Triệu", "Bàn"],
        ["Văn", "Tòn", "Kim", "Văn"],
        ["Quý", "Sinh", "Tài", "Phú", "Lâm", "Hin", "Vần", "Chòi", "Phin", "Siệu", "Kiềm", "Pham"],
        ["Thị", "Mùi", "Thị"],
        ["Mẩy", "Nái", "Liều", "Dùn", "Xuân", "Phương", "Seo", "Phây", "Sinh"],
    ),
}
ETHNICITY_CODES = {"thai": "03", "hmong": "08", "khmu": "29", "kinh": "01", "tay": "02", "nung": "07", "dao": "09"}

# ----------------------------------------------------------------------------- the two places

NA_TONG = "DB-DBH-NT"
NA_TONG_ADDRESS = "xã Na Tông, huyện Điện Biên, tỉnh Điện Biên"
NA_RI = "BK-NR"
NA_RI_ADDRESS = "huyện Na Rì, tỉnh Bắc Kạn"

# cell code suffix -> (village, mix of ethnic groups, kind of cell, members already admitted before 2016)
NA_TONG_CELLS: dict[str, tuple[str, dict[str, int], str, int]] = {
    "PK1": ("Pá Kín 1", {"thai": 9, "kinh": 1}, "village", 7),
    "PK2": ("Pá Kín 2", {"thai": 9, "khmu": 1}, "village", 6),
    "NT1": ("Na Tông 1", {"thai": 8, "kinh": 2}, "village", 7),
    "NT2": ("Na Tông 2", {"thai": 9, "kinh": 1}, "village", 6),
    "HH": ("Huổi Hốc", {"hmong": 9, "thai": 1}, "village", 6),
    "CC": ("Co Cượm", {"thai": 7, "khmu": 3}, "village", 6),
    "NH": ("Nà Hý", {"thai": 10}, "village", 5),
    "PH": ("Pá Hốc", {"khmu": 6, "thai": 4}, "village", 5),
    "XN": ("Xá Nhù", {"hmong": 10}, "village", 5),
    "TL": ("Tìa Ló", {"hmong": 10}, "village", 5),
    "HS": ("Hua Sa", {"hmong": 8, "thai": 2}, "village", 5),
    "NN": ("Nà Nọi", {"thai": 10}, "village", 5),
    "QS": ("Na Tông 1", {"thai": 6, "kinh": 3, "hmong": 1}, "military", 5),
    "CA": ("Na Tông 2", {"thai": 5, "kinh": 4, "hmong": 1}, "police", 4),
    "TH": ("Na Tông 1", {"kinh": 7, "thai": 3}, "school", 7),
    "MN": ("Na Tông 2", {"kinh": 6, "thai": 4}, "kindergarten", 4),
}

NA_RI_VILLAGE_MIX = {"tay": 7, "nung": 2, "dao": 1}
NA_RI_AGENCY_MIX = {"tay": 6, "kinh": 2, "nung": 1, "dao": 1}
# Agency cells of Na Rì (grassroots cells directly under the district committee) and their kind of work.
NA_RI_AGENCY_WORK = {
    "CQHU": "party", "CQDT": "mass", "THPT": "school", "DTNT": "school", "GDNN": "school", "KB": "finance",
    "CCT": "finance", "NHCS": "finance", "AGR": "finance", "BHXH": "finance", "VKS": "justice", "TA": "justice",
    "THA": "justice", "DL": "technical", "HTT": "forest", "TTCT": "party", "VHTT": "culture", "BQL": "technical",
    "THCSYL": "school", "THYL": "school", "MNYL": "kindergarten", "THCSKL": "school", "THCSCM": "school",
    "THCSLT": "school", "THCSXD": "school", "THCSDS": "school", "THCSQP": "school", "THCSCLE": "school",
    "THCSKH": "school",
}
# The two cells of the former Lương Hạ commune, merged on 01/07/2020 (illustrative, like the commune mergers).
LH_CELLS = ("BK-NR-LH-01", "BK-NR-LH-02")
LH_MERGED = ("BK-NR-YL2020-KHNB", "Chi bộ thôn Khuổi Hỏm - Nà Buốc")
LH_MERGED_ON = D(2020, 7, 1)

# (occupation, qualification, political theory) by kind of cell; the first rows go to the oldest members.
WORK: dict[str, list[tuple[str, str, str]]] = {
    "village": [
        ("Bí thư chi bộ, trưởng bản", "", PoliticalTheory.ELEMENTARY),
        ("Làm ruộng", "", PoliticalTheory.NONE),
        ("Làm ruộng", "", PoliticalTheory.NONE),
        ("Chi hội trưởng Hội Nông dân bản", "", PoliticalTheory.ELEMENTARY),
        ("Nhân viên y tế bản", "Trung cấp Y sĩ", PoliticalTheory.NONE),
        ("Công an viên bản", "", PoliticalTheory.NONE),
        ("Chi hội trưởng Hội Liên hiệp Phụ nữ bản", "", PoliticalTheory.ELEMENTARY),
        ("Hưu trí", "", PoliticalTheory.ELEMENTARY),
        ("Làm ruộng, chăn nuôi", "", PoliticalTheory.NONE),
        ("Bí thư Chi đoàn thanh niên bản", "", PoliticalTheory.NONE),
    ],
    "military": [
        ("Chỉ huy trưởng Ban Chỉ huy Quân sự xã", "Trung cấp Quân sự cơ sở", PoliticalTheory.INTERMEDIATE),
        ("Chỉ huy phó Ban Chỉ huy Quân sự xã", "Trung cấp Quân sự cơ sở", PoliticalTheory.ELEMENTARY),
        ("Thôn đội trưởng", "", PoliticalTheory.NONE),
        ("Dân quân thường trực", "", PoliticalTheory.NONE),
    ],
    "police": [
        ("Trưởng Công an xã", "Trung cấp Công an nhân dân", PoliticalTheory.INTERMEDIATE),
        ("Phó Trưởng Công an xã", "Trung cấp Công an nhân dân", PoliticalTheory.ELEMENTARY),
        ("Công an viên", "", PoliticalTheory.NONE),
    ],
    "school": [
        ("Hiệu trưởng", "Đại học Sư phạm", PoliticalTheory.INTERMEDIATE),
        ("Phó Hiệu trưởng", "Đại học Sư phạm", PoliticalTheory.ELEMENTARY),
        ("Giáo viên", "Đại học Sư phạm", PoliticalTheory.NONE),
        ("Giáo viên", "Cao đẳng Sư phạm", PoliticalTheory.NONE),
        ("Giáo viên", "Đại học Sư phạm", PoliticalTheory.NONE),
        ("Kế toán", "Trung cấp Kế toán", PoliticalTheory.NONE),
    ],
    "kindergarten": [
        ("Hiệu trưởng", "Đại học Giáo dục Mầm non", PoliticalTheory.INTERMEDIATE),
        ("Giáo viên mầm non", "Cao đẳng Sư phạm Mầm non", PoliticalTheory.NONE),
        ("Giáo viên mầm non", "Trung cấp Sư phạm Mầm non", PoliticalTheory.NONE),
    ],
    "party": [
        ("Phó Trưởng ban", "Đại học Luật", PoliticalTheory.ADVANCED),
        ("Chuyên viên", "Đại học Hành chính", PoliticalTheory.INTERMEDIATE),
        ("Chuyên viên", "Đại học Kinh tế", PoliticalTheory.INTERMEDIATE),
        ("Nhân viên văn thư", "Trung cấp Văn thư - Lưu trữ", PoliticalTheory.ELEMENTARY),
    ],
    "mass": [
        ("Phó Chủ tịch Ủy ban Mặt trận Tổ quốc huyện", "Đại học Luật", PoliticalTheory.ADVANCED),
        ("Chuyên viên", "Đại học Công tác xã hội", PoliticalTheory.INTERMEDIATE),
        ("Phó Bí thư Huyện đoàn", "Đại học Sư phạm", PoliticalTheory.INTERMEDIATE),
    ],
    "finance": [
        ("Giám đốc", "Đại học Kinh tế", PoliticalTheory.INTERMEDIATE),
        ("Kế toán viên", "Đại học Tài chính - Kế toán", PoliticalTheory.ELEMENTARY),
        ("Cán bộ tín dụng", "Đại học Ngân hàng", PoliticalTheory.NONE),
    ],
    "justice": [
        ("Viện trưởng", "Đại học Luật", PoliticalTheory.ADVANCED),
        ("Thẩm tra viên", "Đại học Luật", PoliticalTheory.INTERMEDIATE),
        ("Thư ký", "Đại học Luật", PoliticalTheory.ELEMENTARY),
    ],
    "technical": [
        ("Giám đốc", "Đại học Bách khoa", PoliticalTheory.INTERMEDIATE),
        ("Kỹ sư", "Đại học Xây dựng", PoliticalTheory.ELEMENTARY),
        ("Công nhân kỹ thuật", "Cao đẳng Điện", PoliticalTheory.NONE),
    ],
    "forest": [
        ("Hạt trưởng", "Đại học Lâm nghiệp", PoliticalTheory.INTERMEDIATE),
        ("Kiểm lâm viên", "Đại học Lâm nghiệp", PoliticalTheory.ELEMENTARY),
    ],
    "culture": [
        ("Giám đốc", "Đại học Văn hóa", PoliticalTheory.INTERMEDIATE),
        ("Phóng viên", "Đại học Báo chí", PoliticalTheory.ELEMENTARY),
        ("Diễn viên", "Cao đẳng Văn hóa Nghệ thuật", PoliticalTheory.NONE),
    ],
}

# ----------------------------------------------------------------------------- the plan


@dataclass
class File:
    """One demo person: the member file's fields, keyed by the citizen ID."""

    citizen_id: str
    cell: str
    full_name: str
    gender: str
    birth_date: dt.date
    ethnicity: str
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(order=True)
class Step:
    """One write, done on its date in the order the board would have recorded it."""

    on: dt.date
    seq: int
    citizen_id: str = field(compare=False)
    run: Callable[[Context], object] = field(compare=False)


@dataclass
class Context:
    actor: Any
    people: dict[str, Person] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    ethnicities: dict[str, Ethnicity] = field(default_factory=dict)

    def person(self, citizen_id: str) -> Person:
        if citizen_id not in self.people:
            self.people[citizen_id] = Person.objects.get(citizen_id=citizen_id)
        return self.people[citizen_id]

    def organization(self, code: str) -> Organization:
        if code not in self.organizations:
            self.organizations[code] = Organization.objects.get(code=code)
        return self.organizations[code]


ORGANIZATION_STEP = "-"  # citizen_id of a step that restructures the tree instead of writing a file


class Plan:
    """Generates files and their steps from a seed; `run` writes what is missing."""

    def __init__(self, seed: int, *, province_digits: str, card_prefix: str) -> None:
        self.rng = random.Random(seed)
        self.files: dict[str, File] = {}
        self.steps: list[Step] = []
        self._seq = itertools.count()
        self._names: set[str] = set()
        self._province = province_digits
        self._card_prefix = card_prefix
        self._cards = itertools.count(self.rng.randrange(10_000, 40_000))
        self._numbers: dict[tuple[str, int], int] = {}

    # ------------------------------------------------------------------ values

    def day(self, start: dt.date, end: dt.date) -> dt.date:
        """A working day between start and end (inclusive), if there is one."""
        for _ in range(20):
            day = start + dt.timedelta(days=self.rng.randint(0, (end - start).days))
            if day.weekday() < 5:
                return day
        return start

    def after(self, start: dt.date, low: int, high: int) -> dt.date:
        """Between `low` and `high` working days after `start`."""
        return working_days.add_working_days(start, self.rng.randint(low, high))

    def number(self, suffix: str, on: dt.date, issuer: str, step: tuple[int, int] = (1, 6)) -> Decision:
        """A decision of `issuer`, numbered in sequence within the year (e.g. 215-QĐ/HU)."""
        key = (suffix, on.year)
        self._numbers[key] = self._numbers.get(key, self.rng.randint(8, 40)) + self.rng.randint(*step)
        return Decision(f"{self._numbers[key]}-{suffix}", on, issuer)

    def name(self, ethnic: str, gender: str) -> str:
        families, male_middles, males, female_middles, females = NAMES[ethnic]
        for _ in range(200):
            if gender == Gender.MALE:
                full = f"{self.rng.choice(families)} {self.rng.choice(male_middles)} {self.rng.choice(males)}"
            else:
                full = f"{self.rng.choice(families)} {self.rng.choice(female_middles)} {self.rng.choice(females)}"
            words = full.split()
            if full not in self._names and words[-1] not in words[1:-1]:
                break
        self._names.add(full)
        return full

    def citizen_id(self, birth: dt.date, gender: str) -> str:
        century = 0 if birth.year < 2000 else 2
        digit = century + (1 if gender == Gender.FEMALE else 0)
        while True:
            value = f"{self._province}{digit}{birth.year % 100:02d}{self.rng.randrange(0, 1_000_000):06d}"
            if value not in self.files:
                return value

    def card(self) -> str:
        return f"{self._card_prefix}.{next(self._cards):06d}"

    def education(self, ethnic: str, birth: dt.date, *, applicant: bool = False) -> str:
        if birth.year < 1965:
            return self.rng.choice(["7/10", "10/10", "7/10"] if ethnic == "kinh" else ["4/10", "7/10", "7/10"])
        if ethnic == "hmong":
            return self.rng.choice(["7/12", "9/12", "12/12"] if applicant else ["5/12", "7/12", "9/12", "12/12"])
        return self.rng.choice(["12/12", "12/12", "9/12"])

    # ------------------------------------------------------------------ files and steps

    def step(self, on: dt.date, citizen_id: str, run: Callable[[Context], object]) -> None:
        self.steps.append(Step(on, next(self._seq), citizen_id, run))

    def file(
        self, *, cell: str, ethnic: str, born: tuple[int, int], gender: str | None = None, work: tuple[str, str, str],
        address: str, hometown: str, full_name: str | None = None, applicant: bool = False, card: bool = False,
    ) -> File:
        gender = gender or (Gender.MALE if self.rng.random() < 0.62 else Gender.FEMALE)
        birth = D(self.rng.randint(*born), self.rng.randint(1, 12), self.rng.randint(1, 28))
        citizen_id = self.citizen_id(birth, gender)
        occupation, qualification, theory = work
        fields: dict[str, Any] = {
            "birth_place": hometown, "hometown": hometown, "address": address,
            "general_education": self.education(ethnic, birth, applicant=applicant),
            "professional_qualification": qualification, "political_theory": theory, "occupation": occupation,
            "history_number": f"{self._card_prefix}{len(self.files) + 1:05d}",
        }
        if self.rng.random() < 0.55:
            fields["phone"] = f"0{self.rng.choice(['9', '3', '8'])}{self.rng.randrange(10_000_000, 99_999_999)}"
        if card:
            fields["party_card_number"] = self.card()
        if ethnic == "kinh" and birth.year < 1970 and self.rng.random() < 0.3:
            fields["religion"] = "phat-giao"
        file = File(citizen_id, cell, full_name or self.name(ethnic, gender), gender, birth, ethnic, fields)
        self.files[citizen_id] = file
        return file

    def member_of_record(self, file: File, *, admitted: dt.date, issuer: str, recognised: bool = True,
                         ceremony_between: tuple[dt.date, dt.date] | None = None) -> dt.date:
        """Open the file of a member admitted before the records began: history copied from the file.

        Returns the ceremony date (kept within `ceremony_between` when given)."""
        ceremony = admitted + dt.timedelta(days=self.rng.randint(8, 30))
        if ceremony_between is not None:
            ceremony = min(max(ceremony, ceremony_between[0]), ceremony_between[1])
        recognition = None
        recognised_on = None
        if recognised:
            recognised_on = working_days.add_months(ceremony, 12) + dt.timedelta(days=self.rng.randint(0, 40))
            recognition = self.number("QĐ/HU", recognised_on, issuer)
        record = AdmissionRecord(decision=self.number("QĐ/HU", admitted, issuer), ceremony_on=ceremony,
                                 recognised_on=recognised_on, recognition_decision=recognition)

        def create(ctx: Context) -> None:
            ctx.people[file.citizen_id] = _create(ctx, file, admitted=record)

        self.step(admitted, file.citizen_id, create)
        return ceremony

    def admission(
        self, file: File, *, resolution: dt.date, decided: dt.date, introducers: list[tuple[str, dt.date]],
        issuer: str, youth_union: Decision | None = None, exception_area: str = "", recognise: bool = True,
        completed: Decision | None = None,
    ) -> None:
        """The whole procedure: registration, course, application, cell resolution, [8-KNĐ], decision, ceremony,
        and (unless `recognise` is false) the recognition after twelve months of probation."""
        registered = resolution - dt.timedelta(days=self.rng.randint(160, 330))
        course = registered + dt.timedelta(days=self.rng.randint(20, 60))
        application = course + dt.timedelta(days=self.rng.randint(15, 60))
        ceremony = self.after(decided, 6, 22)
        cid = file.citizen_id
        certificate = f"{self.rng.randint(100, 999)}/CN-TTCT"

        def create(ctx: Context) -> None:
            ctx.people[cid] = _create(ctx, file)
            services.candidate_register(actor=ctx.actor, person=ctx.people[cid], registered_on=registered,
                                        reason=REASON)

        self.step(registered, cid, create)
        self.step(course, cid, lambda ctx: services.awareness_course_record(
            actor=ctx.actor, person=ctx.person(cid), completed_on=course, certificate_number=certificate,
            issuer="Trung tâm Bồi dưỡng chính trị huyện", reason=REASON))
        self.step(application, cid, lambda ctx: services.dossier_step_record(
            actor=ctx.actor, person=ctx.person(cid), form="1-KNĐ", occurred_on=application, reason=REASON))
        self.step(resolution, cid, lambda ctx: services.dossier_step_record(
            actor=ctx.actor, person=ctx.person(cid), form="6-KNĐ", occurred_on=resolution, reason=REASON))
        if completed is not None:
            completion = completed  # bound for the closure (mypy cannot narrow `completed` inside it)

            def complete(ctx: Context) -> None:
                services.dossier_step_record(actor=ctx.actor, person=ctx.person(cid), form="8-KNĐ",
                                             occurred_on=completion.date, decision=completion, reason=REASON)

            self.step(completion.date, cid, complete)
        decision = self.number("QĐ/HU", decided, issuer)

        def decide(ctx: Context) -> None:
            services.admission_decide(
                actor=ctx.actor, person=ctx.person(cid), decision=decision,
                introducers=[Introducer(ctx.person(i), since) for i, since in introducers],
                youth_union_resolution=youth_union, education_exception_area=exception_area, reason=REASON)

        self.step(decided, cid, decide)
        self.step(ceremony, cid, lambda ctx: services.admission_ceremony_record(
            actor=ctx.actor, person=ctx.person(cid), held_on=ceremony, reason=REASON))
        if recognise:
            self.recognition(file, end=working_days.add_months(ceremony, 12), issuer=issuer)

    def recognition(self, file: File, *, end: dt.date, issuer: str) -> dt.date:
        """Recognition decided some working days after probation ends (it takes effect at that end)."""
        decided = self.after(end, 5, 28)
        decision = self.number("QĐ/HU", decided, issuer)
        cid = file.citizen_id
        self.step(decided, cid, lambda ctx: services.recognition_record(
            actor=ctx.actor, person=ctx.person(cid), decision=decision, reason=REASON))
        return decided

    def introducers(self, cell_members: list[str], resolution: dt.date, *, count: int) -> list[tuple[str, dt.date]]:
        chosen = self.rng.sample(cell_members, count)
        return [(cid, resolution - dt.timedelta(days=self.rng.randint(420, 1500))) for cid in chosen]

    # ------------------------------------------------------------------ writing

    def run(self, actor: Any) -> int:
        """Write the steps of every file that does not exist yet, in date order. Returns the files written."""
        existing = set(Person.objects.filter(citizen_id__in=list(self.files)).values_list("citizen_id", flat=True))
        ctx = Context(actor=actor, ethnicities={e.code: e for e in Ethnicity.objects.all()})
        for step in sorted(self.steps):
            if step.citizen_id in existing:
                continue
            step.run(ctx)
        return len(set(self.files) - existing)


def _create(ctx: Context, file: File, *, admitted: AdmissionRecord | None = None) -> Person:
    fields = dict(file.fields)
    religion = fields.pop("religion", None)
    if religion:
        fields["religion"] = Religion.objects.get(code=religion)
    return services.person_create(
        actor=ctx.actor, organization=ctx.organization(file.cell), full_name=file.full_name, gender=file.gender,
        birth_date=file.birth_date, admitted=admitted, reason=REASON, citizen_id=file.citizen_id,
        ethnicity=ctx.ethnicities[ETHNICITY_CODES[file.ethnicity]], **fields,
    )


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


# What newly admitted villagers do; elsewhere newcomers take the rows of WORK after the two heads.
YOUNG_VILLAGERS = [
    ("Làm ruộng", "", PoliticalTheory.NONE),
    ("Làm ruộng, chăn nuôi", "", PoliticalTheory.NONE),
    ("Làm ruộng", "", PoliticalTheory.NONE),
    ("Bí thư Chi đoàn thanh niên bản", "", PoliticalTheory.NONE),
    ("Công an viên bản", "", PoliticalTheory.NONE),
    ("Dân quân", "", PoliticalTheory.NONE),
    ("Trồng rừng, chăn nuôi", "", PoliticalTheory.NONE),
]


def _work(plan: Plan, kind: str, index: int = 0, *, newcomer: bool = False) -> tuple[str, str, str]:
    """The work of the `index`-th member of record of a cell of that kind, or of a newly admitted member."""
    rows = WORK[kind]
    if newcomer:
        return plan.rng.choice(YOUNG_VILLAGERS if kind == "village" else rows[2:] or rows[1:])
    return rows[index] if index < len(rows) else plan.rng.choice(rows[1:])


def _old_admission(plan: Plan, birth: dt.date, *, latest: dt.date) -> dt.date:
    """When a member of record was admitted: between 21 and 38 years old, not after `latest`."""
    earliest = max(D(birth.year + 19, 1, 1), D(1972, 1, 1))
    start = min(D(birth.year + plan.rng.randint(21, 38), 1, 1), latest)
    start = max(start, earliest) if earliest <= latest else latest
    return plan.day(start, min(D(start.year, 12, 31), latest))


# ----------------------------------------------------------------------------- Na Tông, 2016

NA_TONG_DISTRICT = "Ban Thường vụ Huyện ủy Điện Biên"
NA_TONG_COMMITTEE = "Đảng ủy xã Na Tông"


def _gender(plan: Plan, kind: str) -> str:
    """Soldiers and police officers of a commune are men, kindergarten teachers women; elsewhere a mix."""
    if kind in ("military", "police"):
        return Gender.MALE if plan.rng.random() < 0.95 else Gender.FEMALE
    if kind == "kindergarten":
        return Gender.FEMALE
    return Gender.MALE if plan.rng.random() < 0.62 else Gender.FEMALE


# Members named in the published reports or given a demo account: (cell, index in the cell) -> name, gender, work.
NA_TONG_NAMED = {
    ("PK1", 0): ("Lò Văn Liên", Gender.MALE, ("Bí thư chi bộ bản Pá Kín 1", "", PoliticalTheory.ELEMENTARY)),
    ("NT1", 1): ("Lò Văn Phong", Gender.MALE, ("Bí thư Đảng ủy xã", "Đại học Hành chính",
                                               PoliticalTheory.INTERMEDIATE)),
    ("NT2", 1): ("Lò Thị Xuân", Gender.FEMALE, ("Văn phòng Đảng ủy xã", "Cao đẳng Văn thư - Lưu trữ",
                                                PoliticalTheory.ELEMENTARY)),
}
NA_TONG_HOME = "xã Na Tông, huyện Điện Biên, tỉnh Điện Biên"
KINH_HOMETOWNS = ["xã Vũ Hội, huyện Vũ Thư, tỉnh Thái Bình", "xã Hải Anh, huyện Hải Hậu, tỉnh Nam Định",
                  "xã Thanh Xương, huyện Điện Biên, tỉnh Điện Biên", "phường Him Lam, thành phố Điện Biên Phủ"]


def plan_na_tong() -> Plan:
    """112 members in 16 cells on 31/12/2016; in 2016: 12 admitted, 13 recognised, 2 dossiers completed."""
    plan = Plan(2016, province_digits="011", card_prefix="62")
    rng = plan.rng
    members: dict[str, list[str]] = {}  # cell code -> citizen IDs of members of record (the introducers)
    named: set[str] = set()
    for suffix, (village, mix, kind, count) in NA_TONG_CELLS.items():
        cell = f"{NA_TONG}-{suffix}"
        members[cell] = []
        for index in range(count):
            ethnic = _pick(rng, mix)
            full_name, gender, work = NA_TONG_NAMED.get((suffix, index), (None, _gender(plan, kind), None))
            if full_name:
                ethnic = "thai"
            born = (1940, 1958) if index == 0 and kind == "village" else (1950, 1992) if kind == "village" \
                else (1962, 1990)
            file = plan.file(cell=cell, ethnic=ethnic, born=born, gender=gender, full_name=full_name,
                             work=work or _work(plan, kind, index), address=f"Bản {village}, {NA_TONG_ADDRESS}",
                             hometown=rng.choice(KINH_HOMETOWNS) if ethnic == "kinh" else NA_TONG_HOME, card=True)
            plan.member_of_record(file, admitted=_old_admission(plan, file.birth_date, latest=D(2013, 12, 31)),
                                  issuer=NA_TONG_DISTRICT)
            members[cell].append(file.citizen_id)
            if full_name:
                named.add(file.citizen_id)

    cells = list(members)
    villages = [c for c in cells if NA_TONG_CELLS[c.rsplit("-", 1)[1]][2] == "village"]
    # The two oldest villagers die and are exempted; a teacher from the lowlands goes home. None introduces anyone.
    elders = sorted((plan.files[cid] for c in villages for cid in members[c] if cid not in named),
                    key=lambda f: f.birth_date)
    died, exempted = elders[0], elders[1]
    leaving = next(plan.files[cid] for cid in members[f"{NA_TONG}-TH"] if plan.files[cid].ethnicity == "kinh"
                   and "Hiệu trưởng" not in plan.files[cid].fields["occupation"])
    for file in (died, exempted, leaving):
        members[file.cell].remove(file.citizen_id)

    # 13 admitted in 2015 (copied from their files), recognised in 2016 at the end of their probation.
    for index in range(13):
        cell = cells[(index * 5) % len(cells)]
        village, mix, kind, _count = NA_TONG_CELLS[cell.rsplit("-", 1)[1]]
        file = plan.file(cell=cell, ethnic=_pick(rng, mix), born=(1986, 1996), gender=_gender(plan, kind),
                         work=_work(plan, kind, newcomer=True), address=f"Bản {village}, {NA_TONG_ADDRESS}",
                         hometown=NA_TONG_HOME)
        admitted = plan.day(D(2015, 1, 5), D(2015, 11, 20))
        ceremony = plan.member_of_record(file, admitted=admitted, issuer=NA_TONG_DISTRICT, recognised=False,
                                         ceremony_between=(admitted, D(2015, 12, 30)))
        plan.recognition(file, end=working_days.add_months(ceremony, 12), issuer=NA_TONG_DISTRICT)

    # 12 admitted in 2016 through the whole procedure (recognised in 2017).
    resolutions = [D(2016, 1, 18), D(2016, 1, 25), D(2016, 3, 14), D(2016, 4, 11), D(2016, 5, 9), D(2016, 6, 20),
                   D(2016, 7, 18), D(2016, 8, 22), D(2016, 9, 12), D(2016, 9, 26), D(2016, 10, 10), D(2016, 10, 24)]
    for index, resolution in enumerate(resolutions):
        cell = rng.choice(villages) if index % 3 else cells[(index * 7 + 3) % len(cells)]
        _admit_na_tong(plan, members, cell, resolution=resolution, decided=plan.after(resolution, 15, 40))

    # 2 candidates whose dossiers were completed (8-KNĐ) in December 2016, decided in January 2017.
    for cell, resolution in ((f"{NA_TONG}-HS", D(2016, 11, 14)), (f"{NA_TONG}-NN", D(2016, 11, 21))):
        completed = plan.number("NQ/ĐU", plan.after(resolution, 10, 16), NA_TONG_COMMITTEE)
        _admit_na_tong(plan, members, cell, resolution=resolution, decided=plan.day(D(2017, 1, 9), D(2017, 1, 20)),
                       completed=completed)

    # Other events of 2016: a death, an exemption, a transfer out and a transfer in (the total stays at 112).
    plan.step(D(2016, 3, 8), died.citizen_id, lambda ctx: services.death_record(
        actor=ctx.actor, person=ctx.person(died.citizen_id), died_on=D(2016, 3, 8), reason="Từ trần do bệnh tuổi già"))
    exemption = plan.number("QĐ/ĐU", D(2016, 6, 6), NA_TONG_COMMITTEE)
    plan.step(D(2016, 6, 6), exempted.citizen_id, lambda ctx: services.exemption_start(
        actor=ctx.actor, person=ctx.person(exempted.citizen_id), occurred_on=exemption.date, decision=exemption,
        reason="Tuổi cao, sức khỏe yếu; đảng viên có đơn đề nghị miễn sinh hoạt đảng"))
    letter_out = TransferLetter(register_number="18/GGT-ĐU", list_number="07", dues_paid_until=D(2016, 8, 1),
                                issued_on=D(2016, 8, 12), issuer=NA_TONG_COMMITTEE)
    plan.step(D(2016, 8, 12), leaving.citizen_id, lambda ctx: services.member_transfer_out(
        actor=ctx.actor, person=ctx.person(leaving.citizen_id), temporary=False, occurred_on=D(2016, 8, 12),
        letter=letter_out, destination_outside="Chi bộ Trường Tiểu học xã Vũ Hội, huyện Vũ Thư, tỉnh Thái Bình",
        reason="Chuyển công tác về quê"))
    arriving = plan.file(cell=f"{NA_TONG}-TH", ethnic="kinh", born=(1984, 1988), gender=Gender.FEMALE,
                         work=("Giáo viên", "Đại học Sư phạm Tiểu học", PoliticalTheory.ELEMENTARY),
                         address=f"Bản Na Tông 1, {NA_TONG_ADDRESS}", hometown="phường Chiềng Lề, thành phố Sơn La",
                         card=True)
    sơn_la = "Ban Thường vụ Thành ủy Sơn La"
    history = AdmissionRecord(decision=Decision("412-QĐ/TU", D(2009, 5, 12), sơn_la), ceremony_on=D(2009, 5, 30),
                              recognised_on=D(2010, 5, 30), recognition_decision=Decision("598-QĐ/TU", D(2010, 6, 15),
                                                                                          sơn_la))
    letter_in = TransferLetter(register_number="25/GGT-ĐU", list_number="11", dues_paid_until=D(2016, 8, 1),
                               issued_on=D(2016, 8, 15), issuer="Đảng ủy phường Chiềng Lề")

    def transfer_in(ctx: Context) -> None:
        ctx.people[arriving.citizen_id] = _create(ctx, arriving)
        services.member_transfer_in(actor=ctx.actor, person=ctx.person(arriving.citizen_id), temporary=False,
                                    organization=ctx.organization(arriving.cell), occurred_on=D(2016, 8, 29),
                                    letter=letter_in, arriving=history, reason="Chuyển công tác",
                                    origin_outside="Chi bộ Trường Tiểu học Chiềng Lề, Đảng bộ phường Chiềng Lề, "
                                            "thành phố Sơn La, tỉnh Sơn La")

    plan.step(D(2016, 8, 29), arriving.citizen_id, transfer_in)
    return plan


def _admit_na_tong(plan: Plan, members: dict[str, list[str]], cell: str, *, resolution: dt.date,
                   decided: dt.date, completed: Decision | None = None) -> None:
    rng = plan.rng
    village, mix, kind, _count = NA_TONG_CELLS[cell.rsplit("-", 1)[1]]
    ethnic = _pick(rng, mix)
    file = plan.file(cell=cell, ethnic=ethnic, born=(resolution.year - 34, resolution.year - 19),
                     gender=_gender(plan, kind), work=_work(plan, kind, newcomer=True),
                     address=f"Bản {village}, {NA_TONG_ADDRESS}", hometown=NA_TONG_HOME, applicant=True)
    young = resolution.year - file.birth_date.year <= 29 and rng.random() < 0.4
    youth = plan.number("NQ/ĐTN", resolution - dt.timedelta(days=rng.randint(5, 20)),
                        "Ban Chấp hành Đoàn xã Na Tông") if young else None
    education = file.fields["general_education"]
    area = "mountain" if education in ("5/12", "7/12") else ""
    plan.admission(file, resolution=resolution, decided=decided, issuer=NA_TONG_DISTRICT, youth_union=youth,
                   introducers=plan.introducers(members[cell], resolution, count=1 if youth else 2),
                   exception_area=area, completed=completed)


# ----------------------------------------------------------------------------- Na Rì, 2020

NA_RI_DISTRICT = "Ban Thường vụ Huyện ủy Na Rì"


def _na_ri_cells() -> tuple[dict[str, tuple[str, str]], list[str]]:
    """cell code -> (kind of work, address); and the codes of the predecessor communes merged in 2020."""
    from organizations.demo import NA_RI_AGENCIES, NA_RI_COMMUNES_BEFORE_2020, NA_RI_MERGERS_2020

    merged = [p for _code, _name, predecessors in NA_RI_MERGERS_2020 for p in predecessors]
    cells: dict[str, tuple[str, str]] = {}
    for code, name, villages in NA_RI_COMMUNES_BEFORE_2020:
        commune = name.replace("Đảng bộ ", "")
        for index, village in enumerate(villages, 1):
            place = "Tổ" if code == "YL" else "Thôn"
            cells[f"{NA_RI}-{code}-{index:02d}"] = ("village", f"{place} {village}, {commune}, {NA_RI_ADDRESS}")
    for code, _name, kind in NA_RI_AGENCIES:
        if kind == "grassroots-cell":
            cells[f"{NA_RI}-{code}"] = (NA_RI_AGENCY_WORK[code], f"Thị trấn Yến Lạc, {NA_RI_ADDRESS}")
    return cells, merged


NA_RI_NAMED = {
    ("CQHU", 0): ("Hoàng Văn Thiên", Gender.MALE, ("Tỉnh ủy viên, Bí thư Huyện ủy", "Đại học Luật",
                                                   PoliticalTheory.ADVANCED)),
    ("CQHU", 1): ("Hoàng Thị Lan", Gender.FEMALE, ("Chuyên viên Ban Tổ chức Huyện ủy", "Đại học Hành chính",
                                                   PoliticalTheory.INTERMEDIATE)),
}
NA_RI_JANUARY_CELLS = ["LH-01", "LH-02", "VH-01", "VH-02", "CL-01", "YL-01", "LS-01", "AT-02", "HN-01", "VM-01"]


def plan_na_ri() -> Plan:
    """76 admitted and 91 recognised in 2020, over the communes (before and after the mergers) and agencies."""
    plan = Plan(2020, province_digits="006", card_prefix="06")
    rng = plan.rng
    cells, merged = _na_ri_cells()
    members: dict[str, list[str]] = {}  # cell code -> citizen IDs of members of record (the introducers)
    for cell, (kind, address) in cells.items():
        members[cell] = []
        count = rng.randint(3, 4) if kind == "village" else rng.randint(3, 6)
        mix = NA_RI_VILLAGE_MIX if kind == "village" else NA_RI_AGENCY_MIX
        for index in range(count):
            full_name, gender, work = NA_RI_NAMED.get((cell.removeprefix(f"{NA_RI}-"), index),
                                                      (None, _gender(plan, kind), _work(plan, kind, index)))
            ethnic = "tay" if full_name else _pick(rng, mix)
            file = plan.file(cell=cell, ethnic=ethnic, born=(1948, 1990) if kind == "village" else (1965, 1992),
                             gender=gender, work=work, full_name=full_name, address=address,
                             hometown=_na_ri_hometown(plan, kind, address), card=True)
            plan.member_of_record(file, admitted=_old_admission(plan, file.birth_date, latest=D(2017, 6, 30)),
                                  issuer=NA_RI_DISTRICT)
            members[cell].append(file.citizen_id)

    # Cells that exist through 2020 (the Lương Hạ cells are merged on 01/07/2020).
    lasting = [c for c in cells if c not in LH_CELLS]
    # The oldest villager dies in April; a teacher moves to another school of the district in August.
    died = min((plan.files[cid] for c in lasting if cells[c][0] == "village" for cid in members[c]),
               key=lambda f: f.birth_date)
    teacher = plan.files[members[f"{NA_RI}-THCSKL"][-1]]
    for file in (died, teacher):
        members[file.cell].remove(file.citizen_id)

    # 91 recognised in 2020: admitted from December 2018 to November 2019 (copied from their files).
    for index in range(91):
        cell = LH_CELLS[index % 2] if index < 2 else lasting[(index * 7) % len(lasting)]
        kind, address = cells[cell]
        mix = NA_RI_VILLAGE_MIX if kind == "village" else NA_RI_AGENCY_MIX
        file = plan.file(cell=cell, ethnic=_pick(rng, mix), born=(1980, 1999), gender=_gender(plan, kind),
                         work=_work(plan, kind, newcomer=True), address=address,
                         hometown=_na_ri_hometown(plan, kind, address))
        # In the Lương Hạ cells probation ends, and is decided, before their merger.
        admitted = plan.day(D(2018, 12, 3), D(2019, 2, 28) if cell in LH_CELLS else D(2019, 11, 29))
        # The ceremony falls in 2019, so that the probation ends in 2020.
        ceremony = plan.member_of_record(file, admitted=admitted, issuer=NA_RI_DISTRICT, recognised=False,
                                         ceremony_between=(D(2019, 1, 3), D(2019, 12, 27)))
        plan.recognition(file, end=working_days.add_months(ceremony, 12), issuer=NA_RI_DISTRICT)

    # 76 admitted in 2020: 10 in January in cells of the communes merged on 01/02/2020, 66 from February on.
    for index, suffix in enumerate(NA_RI_JANUARY_CELLS):
        cell = f"{NA_RI}-{suffix}"
        assert suffix.split("-")[0] in merged
        _admit_na_ri(plan, cells, members, cell, resolution=plan.day(D(2019, 11, 4), D(2019, 11, 29)),
                     decided=plan.day(D(2020, 1, 6), D(2020, 1, 17)), index=index)
    for index in range(66):
        cell = lasting[(index * 11 + 5) % len(lasting)]
        resolution = plan.day(D(2020, 1, 6), D(2020, 10, 30))
        decided = plan.after(resolution, 15, 40)
        if decided.year > 2020 or decided < D(2020, 2, 3):
            decided = plan.day(D(2020, 2, 3), D(2020, 12, 18))
            resolution = decided - dt.timedelta(days=rng.randint(20, 45))
        _admit_na_ri(plan, cells, members, cell, resolution=resolution, decided=decided, index=index)

    # The two Lương Hạ cells become one on 01/07/2020: their files move through the restructuring handler.
    plan.step(LH_MERGED_ON, ORGANIZATION_STEP, _merge_lh_cells)

    # Other events of 2020: a death, a transfer between two cells of the district, a transfer in from outside.
    plan.step(D(2020, 4, 14), died.citizen_id, lambda ctx: services.death_record(
        actor=ctx.actor, person=ctx.person(died.citizen_id), died_on=D(2020, 4, 14), reason="Từ trần"))
    letter = TransferLetter(register_number="09/GGT-CB", list_number="04", dues_paid_until=D(2020, 8, 1),
                            issued_on=D(2020, 8, 17), issuer="Chi bộ Trường THCS Kim Lư")

    def move_teacher(ctx: Context) -> None:
        person = ctx.person(teacher.citizen_id)
        school = ctx.organization(f"{NA_RI}-THPT")
        services.member_transfer_out(actor=ctx.actor, person=person, temporary=False, occurred_on=D(2020, 8, 17),
                                     letter=letter, destination=school, reason="Điều động công tác")
        services.member_transfer_in(actor=ctx.actor, person=person, temporary=False, organization=school,
                                    occurred_on=D(2020, 8, 24), reason="Điều động công tác")

    plan.step(D(2020, 8, 17), teacher.citizen_id, move_teacher)
    arriving = plan.file(cell=f"{NA_RI}-BHXH", ethnic="tay", born=(1985, 1990), gender=Gender.MALE,
                         work=("Chuyên viên", "Đại học Kinh tế", PoliticalTheory.ELEMENTARY),
                         address=f"Thị trấn Yến Lạc, {NA_RI_ADDRESS}", hometown="phường Hợp Giang, thành phố Cao Bằng",
                         card=True)
    cao_bang = "Ban Thường vụ Thành ủy Cao Bằng"
    history = AdmissionRecord(decision=Decision("233-QĐ/TU", D(2012, 9, 5), cao_bang), ceremony_on=D(2012, 9, 25),
                              recognised_on=D(2013, 9, 25),
                              recognition_decision=Decision("301-QĐ/TU", D(2013, 10, 8), cao_bang))
    letter_in = TransferLetter(register_number="31/GGT-ĐU", list_number="15", dues_paid_until=D(2020, 9, 1),
                               issued_on=D(2020, 9, 8), issuer="Đảng ủy Khối cơ quan thành phố Cao Bằng")

    def transfer_in(ctx: Context) -> None:
        ctx.people[arriving.citizen_id] = _create(ctx, arriving)
        services.member_transfer_in(actor=ctx.actor, person=ctx.person(arriving.citizen_id), temporary=False,
                                    organization=ctx.organization(arriving.cell), occurred_on=D(2020, 9, 21),
                                    letter=letter_in, arriving=history, reason="Chuyển công tác",
                                    origin_outside="Chi bộ Bảo hiểm xã hội thành phố Cao Bằng, tỉnh Cao Bằng")

    plan.step(D(2020, 9, 21), arriving.citizen_id, transfer_in)
    return plan


def _na_ri_hometown(plan: Plan, kind: str, address: str) -> str:
    if kind == "village":
        return address.split(", ", 1)[1]
    commune = plan.rng.choice(["Kim Lư", "Côn Minh", "Lương Thượng", "Cư Lễ", "Xuân Dương", "Văn Minh"])
    return f"xã {commune}, {NA_RI_ADDRESS}"


def _admit_na_ri(plan: Plan, cells: dict[str, tuple[str, str]], members: dict[str, list[str]], cell: str, *,
                 resolution: dt.date, decided: dt.date, index: int) -> None:
    rng = plan.rng
    kind, address = cells[cell]
    mix = NA_RI_VILLAGE_MIX if kind == "village" else NA_RI_AGENCY_MIX
    file = plan.file(cell=cell, ethnic=_pick(rng, mix), born=(resolution.year - 36, resolution.year - 19),
                     gender=_gender(plan, kind), work=_work(plan, kind, newcomer=True), address=address,
                     applicant=True, hometown=_na_ri_hometown(plan, kind, address))
    young = resolution.year - file.birth_date.year <= 29 and rng.random() < 0.35
    youth = plan.number("NQ/ĐTN", resolution - dt.timedelta(days=rng.randint(5, 20)),
                        "Ban Chấp hành Đoàn cơ sở") if young else None
    plan.admission(file, resolution=resolution, decided=decided, issuer=NA_RI_DISTRICT, youth_union=youth,
                   introducers=plan.introducers(members[cell], resolution, count=1 if youth else 2))


def _merge_lh_cells(ctx: Context) -> None:
    code, name = LH_MERGED
    if Organization.objects.filter(code=code).exists():
        return
    parent = ctx.organization(f"{NA_RI}-YL2020")
    organization_merge(
        actor=ctx.actor, sources=[ctx.organization(c) for c in LH_CELLS],
        target=NewOrganization(code, name, OrganizationKind.objects.get(code="cell"), parent),
        effective_on=LH_MERGED_ON, decision=Decision("48-QĐ/ĐU", D(2020, 6, 22), "Đảng ủy thị trấn Yến Lạc"),
        reason="Sáp nhập thôn Khuổi Hỏm và thôn Nà Buốc",
    )


# ----------------------------------------------------------------------------- entry point


def load(actor: Any) -> None:
    """Load the demo member files (after organizations.demo); running it again changes nothing."""
    plan_na_tong().run(actor)
    plan_na_ri().run(actor)
