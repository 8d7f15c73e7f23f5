"""Rule data of discipline: which forms a regulation allows for each kind of subject, from..to (docs/rules.md,
section Inspection and discipline). Loaded by a data migration and by test set-up; `load` inserts what is
missing and changes nothing an administrator edited.

- Quy định 102-QĐ/TW (15/11/2017) on members and Quy định 07-QĐi/TW (28/08/2018) on organizations, replaced by
- Quy định 69-QĐ/TW (06/07/2022), Điều 7: organization — khiển trách, cảnh cáo, giải tán; official member —
  khiển trách, cảnh cáo, cách chức (if holding a post), khai trừ; probationary member — khiển trách, cảnh cáo;
- amended by Quy định 264-QĐ/TW (14/02/2025): the forms are assumed unchanged (the amending text was not read).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

D = dt.date

QD102 = ("Quy định 102-QĐ/TW ngày 15/11/2017", D(2017, 11, 15), D(2022, 7, 6), False,
         "Hình thức kỷ luật theo Điều lệ Đảng; điều khoản chưa đối chiếu với văn bản.")
QD07 = ("Quy định 07-QĐi/TW ngày 28/08/2018", D(2018, 8, 28), D(2022, 7, 6), False,
        "Hình thức kỷ luật theo Điều lệ Đảng; điều khoản chưa đối chiếu với văn bản.")
QD69 = ("Quy định 69-QĐ/TW ngày 06/07/2022", D(2022, 7, 6), D(2025, 2, 14), True,
        "Điều 7 (thuvienphapluat.vn, tóm tắt Quy định 69-QĐ/TW).")
QD264 = ("Quy định 69-QĐ/TW, sửa đổi bởi Quy định 264-QĐ/TW ngày 14/02/2025", D(2025, 2, 14), None, False,
         "Giả định không đổi hình thức kỷ luật; chưa đọc văn bản sửa đổi.")

MEMBER_FORMS = [("reprimand", False), ("warning", False), ("dismissal", True), ("expulsion", False)]
PROBATIONARY_FORMS = [("reprimand", False), ("warning", False)]
ORGANIZATION_FORMS = [("reprimand", False), ("warning", False), ("dissolution", False)]

# (subject, forms, regulation versions)
RULES: list[tuple[str, list[tuple[str, bool]], list[tuple[str, dt.date, dt.date | None, bool, str]]]] = [
    ("official", MEMBER_FORMS, [QD102, QD69, QD264]),
    ("probationary", PROBATIONARY_FORMS, [QD102, QD69, QD264]),
    ("organization", ORGANIZATION_FORMS, [QD07, QD69, QD264]),
]


def rows() -> list[dict[str, Any]]:
    found = []
    for subject, forms, versions in RULES:
        for regulation, valid_from, valid_to, confirmed, note in versions:
            article = "Điều 7" if "69-QĐ/TW" in regulation else ""
            for form, needs_post in forms:
                found.append({"subject": subject, "form": form, "needs_post": needs_post, "regulation": regulation,
                              "article": article, "valid_from": valid_from, "valid_to": valid_to,
                              "confirmed": confirmed, "note": note})
    return found


def load(apps: Any, schema_editor: Any = None) -> None:
    model = apps.get_model("inspection", "FormRule")
    for row in rows():
        model.objects.get_or_create(subject=row["subject"], form=row["form"], valid_from=row["valid_from"],
                                    defaults=row)
