"""Reference data: ethnic groups and religions for the member file and form 4-TCTW. Loaded by a migration.

Ethnic groups follow the list of the General Statistics Office (Quyết định 121-TCTK/PPCĐ, 1979), codes
01-54, plus "Khác". Religions are those recognised in Vietnam, plus "Khác"; no religion is an empty field.
"""

from __future__ import annotations

from typing import Any

ETHNICITIES = [
    ("01", "Kinh"), ("02", "Tày"), ("03", "Thái"), ("04", "Hoa"), ("05", "Khơ-me"), ("06", "Mường"),
    ("07", "Nùng"), ("08", "Hmông"), ("09", "Dao"), ("10", "Gia-rai"), ("11", "Ngái"), ("12", "Ê-đê"),
    ("13", "Ba-na"), ("14", "Xơ-đăng"), ("15", "Sán Chay"), ("16", "Cơ-ho"), ("17", "Chăm"), ("18", "Sán Dìu"),
    ("19", "Hrê"), ("20", "Mnông"), ("21", "Ra-glai"), ("22", "Xtiêng"), ("23", "Bru-Vân Kiều"), ("24", "Thổ"),
    ("25", "Giáy"), ("26", "Cơ-tu"), ("27", "Gié-Triêng"), ("28", "Mạ"), ("29", "Khơ-mú"), ("30", "Co"),
    ("31", "Tà-ôi"), ("32", "Chơ-ro"), ("33", "Kháng"), ("34", "Xinh-mun"), ("35", "Hà Nhì"), ("36", "Chu-ru"),
    ("37", "Lào"), ("38", "La Chí"), ("39", "La Ha"), ("40", "Phù Lá"), ("41", "La Hủ"), ("42", "Lự"),
    ("43", "Lô Lô"), ("44", "Chứt"), ("45", "Mảng"), ("46", "Pà Thẻn"), ("47", "Cơ Lao"), ("48", "Cống"),
    ("49", "Bố Y"), ("50", "Si La"), ("51", "Pu Péo"), ("52", "Brâu"), ("53", "Ơ Đu"), ("54", "Rơ-măm"),
    ("99", "Khác"),
]

RELIGIONS = [
    ("phat-giao", "Phật giáo"),
    ("cong-giao", "Công giáo"),
    ("tin-lanh", "Tin lành"),
    ("cao-dai", "Cao Đài"),
    ("phat-giao-hoa-hao", "Phật giáo Hòa Hảo"),
    ("hoi-giao", "Hồi giáo"),
    ("baha-i", "Tôn giáo Baha'i"),
    ("tinh-do-cu-si", "Tịnh độ Cư sĩ Phật hội Việt Nam"),
    ("co-doc-phuc-lam", "Cơ đốc Phục lâm Việt Nam"),
    ("tu-an-hieu-nghia", "Phật giáo Tứ Ân Hiếu nghĩa"),
    ("minh-su-dao", "Minh Sư đạo"),
    ("minh-ly-dao", "Minh Lý đạo - Tam Tông Miếu"),
    ("ba-la-mon", "Bà-la-môn giáo"),
    ("mac-mon", "Các Thánh hữu Ngày sau của Chúa Giê-su Ky-tô (Mặc Môn)"),
    ("hieu-nghia-ta-lon", "Phật giáo Hiếu nghĩa Tà Lơn"),
    ("buu-son-ky-huong", "Bửu Sơn Kỳ Hương"),
    ("khac", "Khác"),
]


def load(apps: Any, schema_editor: Any = None) -> None:
    """Insert missing rows; never overwrite what an administrator has edited."""
    ethnicity = apps.get_model("members", "Ethnicity")
    for order, (code, name) in enumerate(ETHNICITIES, 1):
        ethnicity.objects.get_or_create(code=code, defaults={"name": name, "order": order})
    religion = apps.get_model("members", "Religion")
    for order, (code, name) in enumerate(RELIGIONS, 1):
        religion.objects.get_or_create(code=code, defaults={"name": name, "order": order})
