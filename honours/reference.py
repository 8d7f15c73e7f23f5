"""Levels and forms of commendation and the usual campaigns; `load` adds what is missing (a data migration and
test set-up run it). Administrators add others in the admin."""

from __future__ import annotations

from typing import Any

LEVELS = [("central", "Trung ương", 1), ("province", "Tỉnh", 2), ("district", "Huyện", 3),
          ("grassroots", "Cơ sở", 4)]
FORMS = [("certificate-of-merit", "Giấy khen"), ("diploma-of-merit", "Bằng khen"), ("badge", "Huy hiệu Đảng"),
         ("medal", "Huân chương"), ("emulation-flag", "Cờ thi đua")]
CAMPAIGNS = [
    ("hcm-study", "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "Chỉ thị 05-CT/TW ngày 15/5/2016"),
    ("hcm-130", "Kỷ niệm 130 năm ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 – 19/5/2020)", "19/5/2020"),
]


def load(apps: Any, schema_editor: Any = None) -> None:
    Level = apps.get_model("honours", "Level")
    Form = apps.get_model("honours", "Form")
    Campaign = apps.get_model("honours", "Campaign")
    for code, name, rank in LEVELS:
        if not Level.objects.filter(code=code).exists():
            Level.objects.create(code=code, name=name, rank=rank)
    for code, name in FORMS:
        if not Form.objects.filter(code=code).exists():
            Form.objects.create(code=code, name=name)
    for code, name, basis in CAMPAIGNS:
        if not Campaign.objects.filter(code=code).exists():
            Campaign.objects.create(code=code, name=name, basis=basis)
