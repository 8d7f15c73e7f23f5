"""Rules of the annual quality assessment (kiểm điểm, đánh giá, xếp loại chất lượng): its own chain of
regulations, not the Charter's. Part of rules/reference.py (which appends ASSESSMENT_SPECS to RULES).

No text before Quy định 132-QĐ/TW is recorded: before 08/03/2018 these rules are missing (`RuleMissing`).
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from rules.reference import Regulation, RuleSpec

D = dt.date

# Annual quality assessment. No earlier text is recorded: before 08/03/2018 the rule is missing.
QD132 = Regulation(
    "132-QĐ/TW", "Quy định", D(2018, 3, 8), D(2018, 3, 8), D(2023, 10, 4), "Hướng dẫn 21-HD/BTCTW ngày 18/10/2019"
)
QD124 = Regulation(
    "124-QĐ/TW", "Quy định", D(2023, 10, 4), D(2023, 10, 4), D(2025, 8, 30), "Hướng dẫn 25-HD/BTCTW ngày 10/11/2023"
)
# Quy định 366-QĐ/TW of the Politburo, signed 30/08/2025, replaces 124-QĐ/TW (thanhnien.vn and dantri.com.vn,
# 20/09/2025: "Quy định 366 thay thế Quy định số 124-QĐ/TW"). In force from signing: assumed, as for 124 (the
# text's closing article was not read).
QD366 = Regulation(
    "366-QĐ/TW", "Quy định", D(2025, 8, 30), D(2025, 8, 30), None, "Hướng dẫn 43-HD/BTCTW ngày 31/10/2025"
)
ASSESSMENT_RULES = (QD132, QD124, QD366)

ASSESSMENT_SPECS: list[RuleSpec] = [
    RuleSpec(
        "assessment.exclude_admitted_within_months", "count", "months",
        _("Members admitted less than this many months before the assessment are not assessed (0: no such "
          "exclusion)."),
        6, "", (QD124.number,), "124-QĐ/TW (domain brief)", chain=ASSESSMENT_RULES,
        overrides={QD132.number: {
            "value": 0, "confirmed": True,
            "note": "0: no such exclusion under 132-QĐ/TW; it was introduced by 124-QĐ/TW (04/10/2023). Stated in "
                    "the domain brief; Hướng dẫn 21-HD/BTCTW ngày 18/10/2019 excludes only exempted and "
                    "suspended members (luatvietnam.vn).",
        }},
        repeated_from="124-QĐ/TW",
    ),
    RuleSpec(
        "assessment.excluded_members", "codes", "",
        _("Members who are not assessed: exempted from work and Party activities, suspended from Party "
          "activities (codes)."),
        ["exempted", "suspended"], "", (QD124.number,), "124-QĐ/TW (domain brief: exempted, suspended and "
        "recently admitted members are not assessed)", chain=ASSESSMENT_RULES,
        note="Codes: exempted (miễn công tác và sinh hoạt đảng), suspended (đình chỉ sinh hoạt đảng). Recently "
        "admitted members: assessment.exclude_admitted_within_months.",
        overrides={QD132.number: {
            "note": "Hướng dẫn 21-HD/BTCTW ngày 18/10/2019 (guidance to 132-QĐ/TW) assesses every member except "
                    "exempted and suspended ones, as reported by luatvietnam.vn; the domain brief names only "
                    "exempted members.",
        }},
        repeated_from="124-QĐ/TW",
    ),
    RuleSpec(
        "assessment.score_scale", "count", "points",
        _("Points of the scale on which collectives and individuals are scored (0: no score, ratings only)."),
        100, "", (QD366.number,), "366-QĐ/TW (thanhnien.vn 20/09/2025: criteria scored out of 100; detailed by "
        "Hướng dẫn 43-HD/BTCTW ngày 31/10/2025)", chain=ASSESSMENT_RULES,
        overrides={QD132.number: {"value": 0, "confirmed": True, "note": "No score: four ratings only."},
                   QD124.number: {"value": 0, "confirmed": True, "note": "No score: four ratings only."}},
    ),
    RuleSpec(
        "assessment.score_band_minimums", "increasing", "points",
        _("Lowest scores of the ratings above \"not completed\": completed, completed well, completed "
          "excellently."),
        [50, 70, 90], "", (), "",
        "Bands reported for 366-QĐ/TW: >= 90 excellent, 70 to < 90 good, 50 to < 70 completed, < 50 not "
        "completed (domain brief). UNCONFIRMED: Hướng dẫn 43-HD/BTCTW ngày 31/10/2025 was not read; whether 366 "
        "keeps the 20% quota and its exclusions is not known either.",
        chain=(QD366,),
    ),

]
