"""Reference data of targets, loaded by a data migration (and by test set-up): new-rural criteria sets and the
OCOP star bands. Both are data, editable in the admin (through targets.services.reference_save, logged);
`confirmed` says whether the content was checked against the regulation (docs/rules.md, section Targets).

`load` inserts what is missing and changes nothing an administrator edited.
"""

from __future__ import annotations

from typing import Any

# The 19 criteria of the commune sets 2016–2020 (Quyết định 1980/QĐ-TTg, 17/10/2016) and 2021–2025
# (Quyết định 318/QĐ-TTg, 08/3/2022). Names of the 2021–2025 set as listed in the domain notes; neither list
# could be checked against the text of the decision here (confirmed=False).
CRITERIA_2021 = [
    "Quy hoạch", "Giao thông", "Thủy lợi và phòng, chống thiên tai", "Điện", "Trường học",
    "Cơ sở vật chất văn hóa", "Cơ sở hạ tầng thương mại nông thôn", "Thông tin và Truyền thông", "Nhà ở dân cư",
    "Thu nhập", "Nghèo đa chiều", "Lao động", "Tổ chức sản xuất và phát triển kinh tế nông thôn",
    "Giáo dục và Đào tạo", "Y tế", "Văn hóa", "Môi trường và an toàn thực phẩm",
    "Hệ thống chính trị và tiếp cận pháp luật", "Quốc phòng và An ninh",
]
CRITERIA_2016 = [
    "Quy hoạch", "Giao thông", "Thủy lợi", "Điện", "Trường học", "Cơ sở vật chất văn hóa",
    "Cơ sở hạ tầng thương mại nông thôn", "Thông tin và Truyền thông", "Nhà ở dân cư", "Thu nhập", "Hộ nghèo",
    "Lao động có việc làm", "Tổ chức sản xuất", "Giáo dục và Đào tạo", "Y tế", "Văn hóa",
    "Môi trường và an toàn thực phẩm", "Hệ thống chính trị và tiếp cận pháp luật", "Quốc phòng và An ninh",
]

# (code, name, regulation, level, first year, last year, criteria, note)
CRITERIA_SETS: list[tuple[str, str, str, str, int, int, list[str], str]] = [
    ("ntm-xa-2016-2020", "Bộ tiêu chí quốc gia về xã nông thôn mới 2016–2020", "Quyết định 1980/QĐ-TTg ngày 17/10/2016",
     "standard", 2016, 2020, CRITERIA_2016, "Tên tiêu chí chưa được đối chiếu với văn bản."),
    ("ntm-xa-2021-2025", "Bộ tiêu chí quốc gia về xã nông thôn mới 2021–2025", "Quyết định 318/QĐ-TTg ngày 08/3/2022",
     "standard", 2021, 2025, CRITERIA_2021, "Tên tiêu chí theo ghi chú nghiệp vụ; chưa đối chiếu với văn bản."),
    ("ntm-xa-2026-2030", "Bộ tiêu chí quốc gia về nông thôn mới 2026–2030", "Quyết định 51/2025/QĐ-TTg",
     "standard", 2026, 2030, [],
     "Văn bản đã ban hành; nội dung (10 tiêu chí, 47 chỉ tiêu, ba nhóm xã) chưa được xác nhận: nhập tiêu chí khi đã "
     "đối chiếu."),
]

# OCOP star bands on the 100-point scale (Quyết định 1048/QĐ-TTg 2019; kept for 148/QĐ-TTg 2023, unconfirmed).
# (stars, lowest, highest, first year, last year, regulation, confirmed)
STAR_BANDS = [
    (5, 90, 100, 2019, 2022, "Quyết định 1048/QĐ-TTg ngày 21/8/2019", True),
    (4, 70, "89.99", 2019, 2022, "Quyết định 1048/QĐ-TTg ngày 21/8/2019", True),
    (3, 50, "69.99", 2019, 2022, "Quyết định 1048/QĐ-TTg ngày 21/8/2019", True),
    (2, 30, "49.99", 2019, 2022, "Quyết định 1048/QĐ-TTg ngày 21/8/2019", True),
    (1, 0, "29.99", 2019, 2022, "Quyết định 1048/QĐ-TTg ngày 21/8/2019", True),
    (5, 90, 100, 2023, None, "Quyết định 148/QĐ-TTg ngày 24/02/2023", False),
    (4, 70, "89.99", 2023, None, "Quyết định 148/QĐ-TTg ngày 24/02/2023", False),
    (3, 50, "69.99", 2023, None, "Quyết định 148/QĐ-TTg ngày 24/02/2023", False),
    (2, 30, "49.99", 2023, None, "Quyết định 148/QĐ-TTg ngày 24/02/2023", False),
    (1, 0, "29.99", 2023, None, "Quyết định 148/QĐ-TTg ngày 24/02/2023", False),
]


def load(apps: Any, schema_editor: Any = None) -> None:
    from decimal import Decimal

    criteria_set = apps.get_model("targets", "CriteriaSet")
    criterion = apps.get_model("targets", "Criterion")
    band = apps.get_model("targets", "OcopStarBand")
    for code, name, regulation, level, first, last, names, note in CRITERIA_SETS:
        found, created = criteria_set.objects.get_or_create(code=code, defaults={
            "name": name, "regulation": regulation, "level": level, "first_year": first, "last_year": last,
            "confirmed": False, "note": note})
        if created:
            for number, criterion_name in enumerate(names, 1):
                criterion.objects.create(criteria_set=found, number=number, name=criterion_name)
    for stars, low, high, first, last_year, regulation, confirmed in STAR_BANDS:
        band.objects.get_or_create(stars=stars, first_year=first, regulation=regulation, defaults={
            "min_score": Decimal(str(low)), "max_score": Decimal(str(high)), "last_year": last_year,
            "confirmed": confirmed})
