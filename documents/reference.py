"""Reference data of the register: document types and issuer codes with their Vietnamese names.

Party type codes follow Hướng dẫn 36-HD/VPTW (03/4/2018) as quoted in the domain notes and seen in real numbers
(05-CT/TW, 11-CTr/HU, 11-QĐi/TW); the complete 36-HD table was not read from its text: UNCONFIRMED beyond the
codes listed in docs/rules.md. State type codes follow Phụ lục III of Nghị định 30/2020/NĐ-CP (confirmed) plus
the legal documents (NĐ, TT, Luật). Issuer codes are the ones seen in numbers; the full table is UNCONFIRMED,
so they are data an administrator can extend. `load` inserts what is missing and never overwrites an edit.
"""

from __future__ import annotations

from typing import Any

PARTY, STATE = "party", "state"

# (style, code, Vietnamese name, English name, rank, is a resolution that others implement, numbered without code)
DOCUMENT_TYPES: list[tuple[str, str, str, str, int, bool, bool]] = [
    (PARTY, "NQ", "Nghị quyết", "Resolution", 10, True, False),
    (PARTY, "CT", "Chỉ thị", "Directive", 20, True, False),
    (PARTY, "KL", "Kết luận", "Conclusion", 30, True, False),
    (PARTY, "QĐi", "Quy định", "Regulation", 40, True, False),
    (PARTY, "QC", "Quy chế", "Statute", 50, True, False),
    (PARTY, "QĐ", "Quyết định", "Decision", 60, False, False),
    (PARTY, "TT", "Thông tri", "Circular (Party)", 70, True, False),
    (PARTY, "HD", "Hướng dẫn", "Guidance", 80, True, False),
    (PARTY, "CTr", "Chương trình", "Programme", 90, True, False),
    (PARTY, "CTHĐ", "Chương trình hành động", "Action programme", 91, True, False),
    (PARTY, "KH", "Kế hoạch", "Plan", 100, True, False),
    (PARTY, "ĐA", "Đề án", "Project", 110, True, False),
    (PARTY, "TB", "Thông báo", "Notice", 120, False, False),
    (PARTY, "BC", "Báo cáo", "Report", 130, False, False),
    (PARTY, "TTr", "Tờ trình", "Submission", 140, False, False),
    (PARTY, "CV", "Công văn", "Official letter", 150, False, False),
    (PARTY, "BB", "Biên bản", "Minutes", 160, False, False),
    (STATE, "L", "Luật", "Law", 5, True, True),
    (STATE, "NQ", "Nghị quyết", "Resolution", 10, True, True),
    (STATE, "NĐ", "Nghị định", "Decree", 15, True, False),
    (STATE, "QĐ", "Quyết định", "Decision", 20, True, False),
    (STATE, "CT", "Chỉ thị", "Directive", 30, True, False),
    (STATE, "TT", "Thông tư", "Circular", 35, True, False),
    (STATE, "QC", "Quy chế", "Statute", 40, False, False),
    (STATE, "QyĐ", "Quy định", "Regulation", 45, False, False),
    (STATE, "HD", "Hướng dẫn", "Guidance", 50, True, False),
    (STATE, "CTr", "Chương trình", "Programme", 55, True, False),
    (STATE, "KH", "Kế hoạch", "Plan", 60, True, False),
    (STATE, "PA", "Phương án", "Option", 65, False, False),
    (STATE, "ĐA", "Đề án", "Project", 70, True, False),
    (STATE, "TB", "Thông báo", "Notice", 80, False, False),
    (STATE, "BC", "Báo cáo", "Report", 90, False, False),
    (STATE, "TTr", "Tờ trình", "Submission", 100, False, False),
    (STATE, "CV", "Công văn", "Official letter", 110, False, False),
]

# (style, code, Vietnamese name, confirmed by a number seen in a source)
ISSUER_CODES: list[tuple[str, str, str, bool]] = [
    (PARTY, "TW", "Ban Chấp hành Trung ương, Bộ Chính trị, Ban Bí thư", True),
    (PARTY, "VPTW", "Văn phòng Trung ương Đảng", True),
    (PARTY, "BTCTW", "Ban Tổ chức Trung ương", False),
    (PARTY, "BTGTW", "Ban Tuyên giáo Trung ương", False),
    (PARTY, "BDVTW", "Ban Dân vận Trung ương", False),
    (PARTY, "BTGDVTW", "Ban Tuyên giáo và Dân vận Trung ương", True),
    (PARTY, "UBKTTW", "Ủy ban Kiểm tra Trung ương", True),
    (PARTY, "TU", "Tỉnh ủy", True),
    (PARTY, "TƯ", "Thành ủy", False),
    (PARTY, "VPTU", "Văn phòng Tỉnh ủy", False),
    (PARTY, "BTCTU", "Ban Tổ chức Tỉnh ủy", False),
    (PARTY, "BDVTU", "Ban Dân vận Tỉnh ủy", False),
    (PARTY, "UBKTTU", "Ủy ban Kiểm tra Tỉnh ủy", False),
    (PARTY, "HU", "Huyện ủy", True),
    (PARTY, "QU", "Quận ủy", False),
    (PARTY, "TXU", "Thị xã ủy", False),
    (PARTY, "VPHU", "Văn phòng Huyện ủy", False),
    (PARTY, "BTCHU", "Ban Tổ chức Huyện ủy", False),
    (PARTY, "BTGHU", "Ban Tuyên giáo Huyện ủy", False),
    (PARTY, "BDVHU", "Ban Dân vận Huyện ủy", False),
    (PARTY, "UBKTHU", "Ủy ban Kiểm tra Huyện ủy", False),
    (PARTY, "ĐU", "Đảng ủy (xã, phường, cơ sở)", True),
    (PARTY, "BTCĐU", "Ban Tổ chức Đảng ủy", True),
    (PARTY, "UBKTĐU", "Ủy ban Kiểm tra Đảng ủy", False),
    (PARTY, "CB", "Chi bộ", False),
    (PARTY, "ĐH", "Đại hội đảng bộ", False),
    (STATE, "QH", "Quốc hội (khóa ghi kèm: QH11, QH14)", True),
    (STATE, "UBTVQH", "Ủy ban Thường vụ Quốc hội (khóa ghi kèm: UBTVQH14)", True),
    (STATE, "CP", "Chính phủ", True),
    (STATE, "TTg", "Thủ tướng Chính phủ", True),
    (STATE, "UBND", "Ủy ban nhân dân", True),
    (STATE, "HĐND", "Hội đồng nhân dân", False),
    (STATE, "BNV", "Bộ Nội vụ", False),
    (STATE, "UBMTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam", False),
]

# Codes a type carried before a date (numbers dated before it may use them): (style, code, former code, until).
FORMER_CODES = [(PARTY, "QĐi", "QĐ", "2018-04-03")]

# The issuer code an organization of a kind writes in its own numbers (a proposal the user may change).
ISSUER_BY_KIND = {
    "central": "TW", "province": "TU", "district": "HU", "commune": "ĐU", "grassroots": "ĐU",
    "grassroots-cell": "CB", "sub-committee": "ĐU", "cell": "CB",
}


def load(apps: Any, schema_editor: Any = None) -> None:
    """Insert missing document types and issuer codes; never overwrite what an administrator edited."""
    type_model = apps.get_model("documents", "DocumentType")
    for style, code, name, name_en, rank, is_resolution, may_omit in DOCUMENT_TYPES:
        type_model.objects.get_or_create(style=style, code=code, defaults={
            "name": name, "name_en": name_en, "rank": rank, "is_resolution": is_resolution,
            "may_omit_code": may_omit})
    has_former = any(f.name == "former_code" for f in type_model._meta.get_fields())
    for style, code, former, until in FORMER_CODES if has_former else ():
        type_model.objects.filter(style=style, code=code, former_code="").update(former_code=former,
                                                                                former_until=until)
    issuer_model = apps.get_model("documents", "IssuerCode")
    for style, code, name, confirmed in ISSUER_CODES:
        issuer_model.objects.get_or_create(style=style, code=code, defaults={"name": name, "confirmed": confirmed})
