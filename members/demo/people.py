"""The people of the demo: names typical of the area by ethnic group, and the work members do by kind of cell."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from members.models import Gender, PoliticalTheory

if TYPE_CHECKING:
    from members.demo.plan import Plan

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


def pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def work_of(plan: Plan, kind: str, index: int = 0, *, newcomer: bool = False) -> tuple[str, str, str]:
    """The work of the `index`-th member of record of a cell of that kind, or of a newly admitted member."""
    rows = WORK[kind]
    if newcomer:
        return plan.rng.choice(YOUNG_VILLAGERS if kind == "village" else rows[2:] or rows[1:])
    return rows[index] if index < len(rows) else plan.rng.choice(rows[1:])


def gender_for(plan: Plan, kind: str) -> str:
    """Soldiers and police officers of a commune are men, kindergarten teachers women; elsewhere a mix."""
    if kind in ("military", "police"):
        return Gender.MALE if plan.rng.random() < 0.95 else Gender.FEMALE
    if kind == "kindergarten":
        return Gender.FEMALE
    return Gender.MALE if plan.rng.random() < 0.62 else Gender.FEMALE
