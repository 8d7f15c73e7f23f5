"""Reference data: ethnic groups and religions for the member file and form 4-TCTW. Loaded by a migration.

Ethnic groups follow the list of the General Statistics Office (Quyết định 121-TCTK/PPCĐ, 1979), codes
01-54, plus "Khác". Each group is also found by its other official spellings (the 1979 list, the censuses since
1999: "Mông" for "Hmông", "Khmer" for "Khơ-me") and its common other names ("Mèo", "Việt"), ETHNICITY_VARIANTS;
`ethnicity_code` compares them without case, diacritics, spaces or punctuation ("H'Mông" = "Hmông").
Religions are those recognised in Vietnam, plus "Khác"; no religion is an empty field.
"""

from __future__ import annotations

import re
from typing import Any

from core.text import fold

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

#: Other official spellings and common other names of each group (Danh mục các dân tộc Việt Nam; the censuses
#: 1999, 2009 and 2019). A name shared by two groups (Thổ, Trại, Xá Lá Vàng; "Lao" of the La Hủ reads as Lào) is
#: listed under neither.
ETHNICITY_VARIANTS: dict[str, tuple[str, ...]] = {
    "01": ("Việt", "Kinh (Việt)"),
    "02": ("Ngạn", "Phén", "Thù Lao", "Pa Dí"),
    "03": ("Tày Khao", "Tày Đăm", "Tày Mười", "Tày Thanh", "Hàng Tổng", "Pu Thay", "Thái Đen", "Thái Trắng"),
    "04": ("Hán", "Hoa (Hán)", "Triều Châu", "Phúc Kiến", "Quảng Đông", "Hải Nam", "Xạ Phạng"),
    "05": ("Khmer", "Khơ Me", "Khơme", "Khmer Krôm", "Khơ-me Krôm", "Miên"),
    "06": ("Mol", "Mual", "Mọi Bi", "Ậu Tá", "Ao Tá"),
    "07": ("Xuồng", "Giang", "Nùng An", "Nùng Lòi", "Phàn Sinh", "Nùng Cháo", "Nùng Inh", "Quý Rim", "Khèn Lài"),
    "08": ("Mông", "H'Mông", "H'mông", "HMông (Mèo)", "Mông (Mèo)", "Mèo", "Mẹo", "Mông Trắng", "Mông Hoa",
           "Mông Đỏ", "Mông Đen", "Mông Xanh", "Mông Lềnh", "Mông Súa", "Ná Mẻo", "Hmong"),
    "09": ("Mán", "Động", "Dìu Miên", "Kiềm Miền", "Dao Đỏ", "Dao Tiền", "Dao Quần Chẹt", "Dao Quần Trắng",
           "Dao Thanh Y", "Dao Lô Gang", "Dao Tuyển", "Dao Áo Dài", "Dao Làn Tẻn", "Lan Tẻn", "Đại Bản", "Tiểu Bản",
           "Cóc Ngáng", "Cóc Mùn", "Sơn Đầu"),
    "10": ("Gia Rai", "Giơ-rai", "Jrai", "Jarai", "Chơ-rai", "Tơ-buăn", "Hơ-bau", "Hđrung"),
    "11": ("Xín", "Khách Gia", "Đản"),
    "12": ("Ê Đê", "Êđê", "Ede", "Rhade", "Ra-đê", "Rađê", "Đê", "Kpạ", "A-đham", "Ktul", "Đliê Ruê", "Blô",
           "Mđhur", "Bih"),
    "13": ("Ba Na", "Bana", "Bahnar", "Gơ-lar", "Tơ-lô", "Giơ-lâng", "Rơ-ngao", "Krem", "Roh", "Kon Kđe",
           "Kpăng Công", "Bơ-nâm"),
    "14": ("Xơ Đăng", "Xê Đăng", "Sơ-đăng", "Sedang", "Xơ-teng", "Hđang", "Tơ-đra", "Mơ-nâm", "Ha-lăng", "Ca Dong",
           "Kmrâng", "Con Lan", "Bri-la"),
    "15": ("Cao Lan", "Sán Chỉ", "Sán Chí", "Cao Lan - Sán Chỉ", "Mán Cao Lan", "Hờn Bạn", "Sán Chày"),
    "16": ("Cơ Ho", "Kơ Ho", "K'Ho", "Koho", "Xrê", "Nốp", "Tu-lốp", "Cơ-don", "Lạch", "Lát", "Trinh"),
    "17": ("Chàm", "Cham", "Chăm Pa", "Chămpa", "Champa", "Chiêm Thành", "Chăm Hroi", "Hroi"),
    "18": ("Sán Dẻo", "Trại Đất", "Mán Quần Cộc"),
    "19": ("H'rê", "Hơ Rê", "Chăm Rê", "Chom", "Krẹ Lũy"),
    "20": ("M'Nông", "Mơ Nông", "Pnông", "Pré", "Bu-đâng", "Đi-pri", "Biat", "Gar", "Rơ-lam"),
    "21": ("Raglai", "Ra Glai", "Roglai", "Ra-clây", "Rắc Lây", "La-oang", "Noang"),
    "22": ("Stiêng", "X'tiêng", "Xa-điêng", "Bù Lơ", "Bù Đek", "Bù Biêk"),
    "23": ("Bru", "Vân Kiều", "Bru - Vân Kiều", "Măng Coong", "Khùa"),
    "24": ("Kẹo", "Mọn", "Cuối", "Đan Lai", "Ly Hà", "Tày Poọng", "Con Kha"),
    "25": ("Nhắng", "Dẩng", "Pầu Thìn Nu Nà", "Cùi Chu"),
    "26": ("Cơ Tu", "Ca-tu", "Katu", "Ca Tu"),
    "27": ("Gié Triêng", "Giẻ-Triêng", "Giẻ Triêng", "Gié", "Giẻ", "Đgiéh", "Triêng", "Tà Riềng", "Ta-riêng", "Ve",
           "Veh", "La-ve", "Bnoong", "Tareb", "Giang Rẫy Pin"),
    "28": ("Châu Mạ", "Mạ Ngăn", "Mạ Xóp", "Mạ Tô", "Mạ Krung"),
    "29": ("Khơ Mú", "Khmú", "Kmhmu", "Kh'mú", "Xá Cẩu", "Mứn Xen", "Pu Thênh", "Tềnh", "Tày Hay"),
    "30": ("Cor", "Col", "Cùa", "Trầu"),
    "31": ("Tà Ôi", "Ta Oi", "Tôi-ôi", "Pa Cô", "Pa-kô", "Pacoh", "Pa Hy", "Pa-hi", "Ba-hi"),
    "32": ("Chơ Ro", "Chơro", "Châu Ro", "Dơ-ro"),
    "33": ("Xá Súa", "Xá Dón", "Xá Dẩng", "Xá Hốc", "Xá Ái", "Xá Bung", "Quảng Lâm"),
    "34": ("Xinh Mun", "Xinh-mul", "Puộc", "Pụa"),
    "35": ("U Ni", "Xá U Ni", "Hà Nhì Già", "Hani"),
    "36": ("Chu Ru", "Churu", "Chơ Ru", "Chơ-ru"),
    "37": ("Lào Bốc", "Lào Nọi", "Lào Bốc - Lào Nọi"),
    "38": ("Cù Tê", "La Quả"),
    "39": ("Khlá Phlạo",),
    "40": ("Bồ Khô Pạ", "Mu Di", "Pạ Xá", "Phó", "Phổ", "Va Xơ", "Xá Phó"),
    "41": ("Khù Xung", "Cò Xung", "Khả Quy"),
    "42": ("Lữ", "Nhuồn", "Duôn"),
    "43": ("Lolo", "Mun Di"),
    "44": ("Sách", "Mày", "Rục", "Mã Liềng", "A-rem", "Tu Vang", "Pa-leng", "Xơ-lang", "Tơ-hung", "Chà-củi",
           "Tắc-củi", "U-mo"),
    "45": ("Mảng Ư",),
    "46": ("Pà Hưng", "Tống"),
    "47": ("Co Lao", "Cờ Lao", "Gelao"),
    "48": ("Xắm Khống", "Mấng Nhé", "Xá Xeng"),
    "49": ("Bố-Y", "Chủng Chá", "Trọng Gia", "Tu Dí", "Tu Din"),
    "50": ("Si-la", "Cù Dề Xừ", "Khả Pẻ"),
    "51": ("Ka Pèo", "Pen Ti Lô Lô"),
    "52": ("Brao",),
    "53": ("Ơ-đu", "Tày Hạt"),
    "54": ("Rơ Măm", "Romam"),
    "99": ("Dân tộc khác", "Người nước ngoài"),
}

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


_NOT_LETTERS = re.compile(r"[^0-9a-z]+")


def name_key(text: str) -> str:
    """A name as compared: no case, diacritics (đ = d), spaces or punctuation: "H'Mông" -> "hmong"."""
    return _NOT_LETTERS.sub("", fold(text or ""))


def ethnicity_keys() -> dict[str, str]:
    """Every official name, spelling and other name of the groups (and their codes, "8" = "08"), by name_key."""
    keys: dict[str, str] = {}
    for code, name in ETHNICITIES:
        for text in (code, str(int(code)), name, *ETHNICITY_VARIANTS.get(code, ())):
            keys.setdefault(name_key(text), code)
    return keys


def ethnicity_code(text: str) -> str | None:
    """The code of the group named (by code, official name or another name), or None."""
    return ethnicity_keys().get(name_key(text)) if (text or "").strip() else None
