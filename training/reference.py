"""Class kinds, with the regulation or programme that governs them; `load` adds what is missing (a data
migration and test set-up run it). Administrators add "other" kinds in the admin."""

from __future__ import annotations

from typing import Any

# (code, name, category, regulation or programme)
KINDS = [
    ("awareness", "Bồi dưỡng nhận thức về Đảng", "awareness",
     "Quy định 29-QĐ/TW (2016), mục 3.1: giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng"),
    ("new-member", "Bồi dưỡng lý luận chính trị cho đảng viên mới", "new_member",
     "Chương trình bồi dưỡng lý luận chính trị dành cho đảng viên mới (Ban Tuyên giáo Trung ương)"),
    ("theory-elementary", "Sơ cấp lý luận chính trị", "theory_elementary",
     "Chương trình sơ cấp lý luận chính trị (Ban Tuyên giáo Trung ương)"),
    ("theory-intermediate", "Trung cấp lý luận chính trị – hành chính", "theory_intermediate",
     "Chương trình trung cấp lý luận chính trị – hành chính (Học viện Chính trị quốc gia Hồ Chí Minh)"),
    ("theory-advanced", "Cao cấp lý luận chính trị", "theory_advanced",
     "Chương trình cao cấp lý luận chính trị (Học viện Chính trị quốc gia Hồ Chí Minh)"),
    ("professional", "Bồi dưỡng nghiệp vụ", "professional", ""),
    ("civil-servant", "Bồi dưỡng ngạch chuyên viên", "civil_servant", "Chương trình bồi dưỡng ngạch chuyên viên"),
    ("update", "Cập nhật kiến thức", "update", ""),
]


def load(apps: Any, schema_editor: Any = None) -> None:
    ClassKind = apps.get_model("training", "ClassKind")
    for code, name, category, regulation in KINDS:
        if not ClassKind.objects.filter(code=code).exists():
            ClassKind.objects.create(code=code, name=name, category=category, regulation=regulation)
