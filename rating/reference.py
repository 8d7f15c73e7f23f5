"""Rating schemes by year, with the regulation each rule comes from. Loaded by a data migration (0002); an
administrator may edit them in the admin. What could not be confirmed from a text is marked UNCONFIRMED here and
in docs/rules.md ("Annual quality rating").

The numbers the rules app keeps (rules/reference_assessment.py) are read from it by the campaign's reference date
and win over the scheme's fallback fields: `assessment.exclude_admitted_within_months`,
`assessment.excluded_members`, `assessment.score_scale`, `assessment.score_band_minimums`. Before 08/03/2018 those
keys are missing, and the scheme's own fields (excluded statuses, months, score scale) apply.
"""

from __future__ import annotations

from typing import Any

EXCLUDE_ADMITTED = "assessment.exclude_admitted_within_months"
EXCLUDED_MEMBERS = "assessment.excluded_members"
SCORE_SCALE = "assessment.score_scale"
SCORE_BANDS = "assessment.score_band_minimums"

# The words of the four ratings from 132-QĐ/TW on (the same for organizations and members).
FOUR = {
    "excellent": "Hoàn thành xuất sắc nhiệm vụ",
    "good": "Hoàn thành tốt nhiệm vụ",
    "completed": "Hoàn thành nhiệm vụ",
    "not_completed": "Không hoàn thành nhiệm vụ",
}
ORDER = ["excellent", "good", "completed", "not_completed"]

SCHEMES: list[dict[str, Any]] = [
    {
        "code": "hd27-2014",
        "name": "Hướng dẫn 27-HD/BTCTW ngày 25/09/2014 (trước Quy định 132-QĐ/TW)",
        "guidance": "Hướng dẫn 27-HD/BTCTW ngày 25/09/2014 của Ban Tổ chức Trung ương",
        "first_year": 2014,
        "last_year": 2017,
        "quota_percent": None,
        "quota_article": "",
        "quota_exception_article": "",
        "bar_disciplined_article": "",
        "bar_failed_member_article": "",
        "exclusions_article": "Hướng dẫn 27-HD/BTCTW, mục II (đảng viên miễn công tác và sinh hoạt đảng; "
                              "CHƯA XÁC NHẬN)",
        "excluded_statuses": ["exempted"],
        "exclude_admitted_months": 0,
        "score_scale": 100,
        "steps_article": "Hướng dẫn 27-HD/BTCTW, mục II",
        "note": "Levels of organizations (trong sạch, vững mạnh / hoàn thành tốt nhiệm vụ / hoàn thành nhiệm vụ / "
                "yếu kém, the last below 50 points) confirmed from Hướng dẫn 27-HD/BTCTW mục II as quoted by "
                "thuvienphapluat.vn; the members' four levels and the exclusion of exempted members: UNCONFIRMED. "
                "No quota is recorded for this scheme (UNCONFIRMED).",
        "levels": {
            "organization": {
                "excellent": "Trong sạch, vững mạnh",
                "good": "Hoàn thành tốt nhiệm vụ",
                "completed": "Hoàn thành nhiệm vụ",
                "not_completed": "Yếu kém",
            },
            "member": {
                "excellent": "Đủ tư cách, hoàn thành xuất sắc nhiệm vụ",
                "good": "Đủ tư cách, hoàn thành tốt nhiệm vụ",
                "completed": "Đủ tư cách, hoàn thành nhiệm vụ nhưng còn hạn chế",
                "not_completed": "Vi phạm tư cách hoặc không hoàn thành nhiệm vụ",
            },
        },
    },
    {
        "code": "qd132",
        "name": "Quy định 132-QĐ/TW ngày 08/03/2018",
        "guidance": "Hướng dẫn 16-HD/BTCTW ngày 24/09/2018; Hướng dẫn 21-HD/BTCTW ngày 18/10/2019",
        "first_year": 2018,
        "last_year": 2022,
        "quota_percent": 20,
        "quota_article": "Quy định 132-QĐ/TW và Hướng dẫn 21-HD/BTCTW: “hoàn thành xuất sắc nhiệm vụ” không vượt "
                         "quá 20% số được xếp loại “hoàn thành tốt nhiệm vụ” theo từng nhóm đối tượng tương đồng",
        "quota_exception_article": "Hướng dẫn 21-HD/BTCTW: trường hợp tập thể có thành tích nổi trội, cấp có thẩm "
                                   "quyền xem xét, quyết định (CHƯA XÁC NHẬN)",
        "bar_disciplined_article": "Quy định 132-QĐ/TW: tập thể, cá nhân bị kỷ luật trong năm không xếp loại "
                                   "“hoàn thành xuất sắc nhiệm vụ” (CHƯA XÁC NHẬN)",
        "bar_failed_member_article": "",
        "exclusions_article": "Hướng dẫn 21-HD/BTCTW (đảng viên miễn công tác và sinh hoạt đảng, bị đình chỉ "
                              "sinh hoạt đảng)",
        "excluded_statuses": ["exempted"],
        "exclude_admitted_months": 0,
        "score_scale": 0,
        "steps_article": "Quy định 132-QĐ/TW: tự đánh giá, thẩm định, đề xuất, cấp có thẩm quyền quyết định",
        "note": "The quota's wording, its groups and its exception clause: UNCONFIRMED (the texts were not read in "
                "full). Na Rì 2020 (10 “xuất sắc” against 36 “tốt”) is lawful only under the exception clause, "
                "read per group and decided by the district committee: see docs/rating.md.",
        "leader_seats": ["secretary", "deputy_secretary", "standing"],
        "leaders_article": "Quy định 132-QĐ/TW, Hướng dẫn 16-HD/BTCTW: cá nhân cán bộ lãnh đạo, quản lý các cấp "
                           "(which committee seats: CHƯA XÁC NHẬN)",
        "levels": {"organization": FOUR, "member": FOUR, "leader": FOUR},
    },
    {
        "code": "qd124",
        "name": "Quy định 124-QĐ/TW ngày 04/10/2023",
        "guidance": "Hướng dẫn 25-HD/BTCTW ngày 10/11/2023",
        "first_year": 2023,
        "last_year": 2024,
        "quota_percent": 20,
        "quota_article": "Quy định 124-QĐ/TW: “hoàn thành xuất sắc nhiệm vụ” không vượt quá 20% số được xếp loại "
                         "“hoàn thành tốt nhiệm vụ” theo từng nhóm đối tượng tương đồng",
        "quota_exception_article": "Quy định 124-QĐ/TW: trường hợp đặc biệt do cấp có thẩm quyền xem xét, quyết "
                                   "định (CHƯA XÁC NHẬN)",
        "bar_disciplined_article": "Quy định 124-QĐ/TW: tập thể, cá nhân bị kỷ luật trong năm không xếp loại "
                                   "“hoàn thành xuất sắc nhiệm vụ”",
        "bar_failed_member_article": "Hướng dẫn 25-HD/BTCTW: chi bộ có đảng viên xếp loại “không hoàn thành nhiệm "
                                     "vụ” không xếp loại “hoàn thành xuất sắc nhiệm vụ” (CHƯA XÁC NHẬN)",
        "exclusions_article": "Quy định 124-QĐ/TW (miễn công tác và sinh hoạt đảng, đình chỉ sinh hoạt đảng, "
                              "kết nạp dưới 6 tháng)",
        "excluded_statuses": ["exempted", "suspended"],
        "exclude_admitted_months": 6,
        "score_scale": 0,
        "steps_article": "Quy định 124-QĐ/TW, Điều 12–13: tự đánh giá, thẩm định và đề xuất, quyết định",
        "note": "Four levels (Điều 12), the 20% quota within groups of like subjects and the exclusions: from the "
                "domain brief and government summaries. Article numbers of the quota and the bars: UNCONFIRMED.",
        "leader_seats": ["secretary", "deputy_secretary", "standing"],
        "leaders_article": "Quy định 124-QĐ/TW: cá nhân cán bộ lãnh đạo, quản lý, sau tập thể "
                           "(which committee seats: CHƯA XÁC NHẬN)",
        "levels": {"organization": FOUR, "member": FOUR, "leader": FOUR},
    },
    {
        "code": "qd366",
        "name": "Quy định 366-QĐ/TW ngày 30/08/2025",
        "guidance": "Hướng dẫn 43-HD/BTCTW ngày 31/10/2025",
        "first_year": 2025,
        "last_year": None,
        "quota_percent": 20,
        "quota_article": "Quy định 366-QĐ/TW: tỷ lệ “hoàn thành xuất sắc nhiệm vụ” không vượt quá 20% số được xếp "
                         "loại “hoàn thành tốt nhiệm vụ” (CHƯA XÁC NHẬN)",
        "quota_exception_article": "Quy định 366-QĐ/TW: trường hợp đặc biệt do cấp có thẩm quyền quyết định "
                                   "(CHƯA XÁC NHẬN)",
        "bar_disciplined_article": "Quy định 366-QĐ/TW: bị kỷ luật trong năm không xếp loại “hoàn thành xuất sắc "
                                   "nhiệm vụ” (CHƯA XÁC NHẬN)",
        "bar_failed_member_article": "",
        "exclusions_article": "Quy định 366-QĐ/TW (exclusions as under 124-QĐ/TW: CHƯA XÁC NHẬN)",
        "excluded_statuses": ["exempted", "suspended"],
        "exclude_admitted_months": 6,
        "score_scale": 100,
        "steps_article": "Quy định 366-QĐ/TW (4 chương, 19 điều): tự đánh giá, thẩm định, quyết định",
        "note": "Scored out of 100 (thanhnien.vn, 20/09/2025); bands 90/70/50 and whether the 20% quota and the "
                "exclusions are kept: UNCONFIRMED (Hướng dẫn 43-HD/BTCTW not read).",
        "leader_seats": ["secretary", "deputy_secretary", "standing"],
        "leaders_article": "Quy định 366-QĐ/TW: cá nhân cán bộ lãnh đạo, quản lý "
                           "(which committee seats: CHƯA XÁC NHẬN)",
        "levels": {"organization": FOUR, "member": FOUR, "leader": FOUR},
        "min_scores": {"excellent": 90, "good": 70, "completed": 50, "not_completed": 0},
    },
]

SCHEME_FIELDS = ("name", "guidance", "first_year", "last_year", "quota_percent", "quota_article",
                 "quota_exception_article", "bar_disciplined_article", "bar_failed_member_article",
                 "exclusions_article", "excluded_statuses", "exclude_admitted_months", "score_scale", "steps_article",
                 "note", "leader_seats", "leaders_article")


def load(apps: Any, schema_editor: Any = None) -> None:
    """Insert missing schemes and levels; never overwrite what an administrator has edited."""
    scheme_model = apps.get_model("rating", "Scheme")
    level_model = apps.get_model("rating", "SchemeLevel")
    known = {f.name for f in scheme_model._meta.get_fields()}  # 0002 runs before the leader fields (0003)
    for data in SCHEMES:
        scheme, _created = scheme_model.objects.get_or_create(
            code=data["code"],
            defaults={name: data.get(name, [] if name == "leader_seats" else "") for name in SCHEME_FIELDS
                      if name in known},
        )
        for subject, labels in data["levels"].items():
            for order, code in enumerate(ORDER, 1):
                level_model.objects.get_or_create(
                    scheme=scheme, subject=subject, code=code,
                    defaults={"label": labels[code], "order": order,
                              "min_score": data.get("min_scores", {}).get(code)},
                )


def add_leaders(apps: Any, schema_editor: Any = None) -> None:
    """Migration 0003: the leader seats and article of the schemes that rate leaders, and their leader levels."""
    scheme_model = apps.get_model("rating", "Scheme")
    for data in SCHEMES:
        if data.get("leader_seats"):
            scheme_model.objects.filter(code=data["code"], leader_seats=[]).update(
                leader_seats=data["leader_seats"], leaders_article=data["leaders_article"])
    load(apps, schema_editor)
