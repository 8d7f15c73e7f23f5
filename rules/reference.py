"""Reference data: every rule key with its meaning, value shape, value and regulation; and the holiday seed.

One block per rule below. A version is generated for each regulation period of the rule's chain, so the
tables always answer "which value, under which text, on date D". The data migrations load what is missing
and never overwrite what an administrator has changed; later changes go through `rules.services`
(or the admin, which calls them): a new regulation is a data change, not a code change.

Confirmation: a version is `confirmed` when the domain brief states the value for that regulation (or the
value comes from the Party Charter, Điều lệ Đảng 2011, in force through every period). Otherwise the known
value is repeated with confirmed=False and the note says where it was taken from.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

D = dt.date

# ----------------------------------------------------------------------------- regulations


@dataclass(frozen=True)
class Regulation:
    """A text that sets rules, with the period in which it governed (valid_to exclusive, None = still)."""

    number: str
    kind: str
    signed_on: dt.date
    valid_from: dt.date
    valid_to: dt.date | None
    guidance: str = ""  # the Hướng dẫn that details it, named in notes

    @property
    def title(self) -> str:
        return f"{self.kind} {self.number}"


# Quy định thi hành Điều lệ Đảng: each replaced the previous one on the day it took effect.
QD45 = Regulation("45-QĐ/TW", "Quy định", D(2011, 11, 1), D(2011, 11, 1), D(2016, 7, 25))
QD29 = Regulation(
    "29-QĐ/TW", "Quy định", D(2016, 7, 25), D(2016, 7, 25), D(2021, 7, 30), "Hướng dẫn 01-HD/TW ngày 20/9/2016"
)
QD24 = Regulation(
    "24-QĐ/TW", "Quy định", D(2021, 7, 30), D(2021, 7, 30), D(2025, 1, 20), "Hướng dẫn 01-HD/TW ngày 28/9/2021"
)
QD232 = Regulation("232-QĐ/TW", "Quy định", D(2025, 1, 20), D(2025, 1, 20), D(2025, 7, 1))
QD294 = Regulation("294-QĐ/TW", "Quy định", D(2025, 5, 26), D(2025, 7, 1), None)
CHARTER_RULES = (QD45, QD29, QD24, QD232, QD294)

# Annual quality assessment (132-QĐ/TW, 124-QĐ/TW, 366-QĐ/TW): rules/reference_assessment.py.

# The Hướng dẫn that details Quy định 24-QĐ/TW; its §18 covers Party badges.
HD01_2021 = {"regulation": "01-HD/TW", "regulation_kind": "Hướng dẫn", "regulation_date": D(2021, 9, 28)}

# Areas (and the one occupation) where the schooling requirement is relaxed: codes used in member files.
EDUCATION_EXCEPTION_AREAS = [
    "mountain", "border", "island", "ethnic_minority", "especially_disadvantaged", "fisherman_at_sea",
]

LATEST = (QD24.number, QD232.number, QD294.number)  # the chain the domain brief states admission rules for
ALL = tuple(r.number for r in CHARTER_RULES)

# ----------------------------------------------------------------------------- value shapes

Check = Callable[[Any], str | None]  # returns a problem (translated) or None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_count(value: Any) -> str | None:
    if not _is_int(value) or value < 0:
        return gettext("a whole number, 0 or more, is expected")
    return None


def check_bool(value: Any) -> str | None:
    return None if isinstance(value, bool) else gettext("true or false is expected")


def check_years(value: Any) -> str | None:
    if not isinstance(value, list) or not value or not all(_is_int(v) and v > 0 for v in value):
        return gettext("a list of whole numbers above 0 is expected")
    if value != sorted(set(value)):
        return gettext("the numbers must be increasing, without repeats")
    return None


_CODE = re.compile(r"^[a-z][a-z0-9_]*$")


def check_codes(value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) and _CODE.match(v) for v in value):
        return gettext("a list of codes (lower-case letters, digits, _) is expected")
    if len(set(value)) != len(value):
        return gettext("codes must not repeat")
    return None


def check_month_days(value: Any) -> str | None:
    if not isinstance(value, list) or not value:
        return gettext("a list of MM-DD dates is expected")
    for item in value:
        try:
            month, day = (int(part) for part in str(item).split("-"))
            D(2000, month, day)  # a leap year, so 02-29 passes
        except ValueError:
            return gettext("“%(item)s” is not a MM-DD date") % {"item": item}
        if not re.fullmatch(r"\d\d-\d\d", str(item)):
            return gettext("“%(item)s” is not a MM-DD date") % {"item": item}
    return None


def check_badge_early(value: Any) -> str | None:
    message = gettext('a list of {"from": years, "to": years, "months": months} is expected')
    if not isinstance(value, list) or not value:
        return message
    for item in value:
        if not isinstance(item, dict) or set(item) != {"from", "to", "months"}:
            return message
        if not all(_is_int(item[k]) and item[k] >= 0 for k in item) or item["from"] > item["to"]:
            return message
    return None


def check_education(value: Any) -> str | None:
    message = gettext(
        'an object {"grade", "of", "exception_areas", "exception_min_grade"[, "equivalents"]} is expected'
    )
    if not isinstance(value, dict) or not {"grade", "of", "exception_areas", "exception_min_grade"} <= set(value):
        return message
    grades_ok = all(_is_int(value[k]) and value[k] > 0 for k in ("grade", "of", "exception_min_grade"))
    if not grades_ok or value["grade"] > value["of"] or check_codes(value["exception_areas"]):
        return message
    for item in value.get("equivalents", []):
        if not isinstance(item, dict) or not all(_is_int(item.get(k)) for k in ("grade", "of")):
            return message
    extra = set(value) - {"grade", "of", "exception_areas", "exception_min_grade", "equivalents"}
    return message if extra else None


SHAPES: dict[str, tuple[Check, str]] = {
    "count": (check_count, "integer >= 0"),
    "bool": (check_bool, "boolean"),
    "years": (check_years, "increasing list of integers"),
    "increasing": (check_years, "increasing list of integers"),
    "codes": (check_codes, "list of codes"),
    "month_days": (check_month_days, 'list of "MM-DD"'),
    "badge_early": (check_badge_early, 'list of {"from", "to", "months"}'),
    "education": (check_education, "object, see docs/rules.md"),
}

# ----------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class RuleSpec:
    """One rule: its key, value shape, meaning, and the value under each regulation of its chain."""

    key: str
    shape: str
    unit: str
    meaning: str | Promise
    value: Any
    article: str = ""
    confirmed_in: tuple[str, ...] = LATEST
    source: str = ""  # where the confirmed value is stated
    note: str = ""  # what a reader must know to apply the value
    chain: tuple[Regulation, ...] = CHARTER_RULES
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)  # per regulation number
    repeated_from: str = ""  # named in unconfirmed notes; default: the regulations in confirmed_in

    def check(self, value: Any) -> str | None:
        return SHAPES[self.shape][0](value)

    def versions(self) -> list[dict[str, Any]]:
        """The seed rows of this rule, one per regulation period, contiguous."""
        rows = []
        for regulation in self.chain:
            confirmed = regulation.number in self.confirmed_in
            row: dict[str, Any] = {
                "key": self.key,
                "value": self.value,
                "regulation": regulation.number,
                "regulation_kind": regulation.kind,
                "regulation_date": regulation.signed_on,
                "article": self.article if regulation is not QD45 else "",
                "valid_from": regulation.valid_from,
                "valid_to": regulation.valid_to,
                "confirmed": confirmed,
            }
            row.update(self.overrides.get(regulation.number, {}))
            confirmed = row["confirmed"]  # an override may confirm a period's own value
            notes = [self.note] if self.note else []
            if confirmed and self.source:
                notes.append(f"Stated in: {self.source}.")
            if not confirmed:
                if not self.confirmed_in:
                    notes.append("UNCONFIRMED: the value has not been checked in a primary text.")
                else:
                    stated = self.repeated_from or ", ".join(self.confirmed_in)
                    notes.append(
                        f"UNCONFIRMED for {regulation.number}: value repeated from {stated}; "
                        "check this text and confirm."
                    )
            if regulation.guidance and regulation.number not in self.overrides:
                notes.append(f"Detailed by {regulation.guidance}.")
            row["note"] = " ".join(notes)
            extra = self.overrides.get(regulation.number, {}).get("note")
            if extra:  # a period-specific note (what differs in that text) comes first
                row["note"] = f"{extra} {row['note']}".strip()
            rows.append(row)
        return rows


_BADGE_OVERRIDES: dict[str, dict[str, Any]] = {QD24.number: {**HD01_2021, "article": "§18"}}
_BADGE_YEARS = [30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90]
# The 45-year badge was created by Quy định 29-QĐ/TW point 27.3a (in force 25/07/2016): Ban Tổ chức Trung ương,
# "Về việc xét tặng Huy hiệu 45 năm tuổi đảng" (xaydungdang.org.vn) - members with 45 to under 50 years of Party
# age on 25/07/2016 were then considered for it. Before that day there is no 45-year badge.
_BADGE_YEARS_OVERRIDES: dict[str, dict[str, Any]] = {
    **_BADGE_OVERRIDES,
    QD45.number: {
        "value": [y for y in _BADGE_YEARS if y != 45],
        "note": "No 45-year badge: it exists only from Quy định 29-QĐ/TW point 27.3a, in force 25/07/2016 "
                "(Ban Tổ chức Trung ương, \"Về việc xét tặng Huy hiệu 45 năm tuổi đảng\", xaydungdang.org.vn).",
    },
    QD29.number: {
        "article": "§27.3",
        "note": "The 45-year badge is new in this text (point 27.3a, in force 25/07/2016; xaydungdang.org.vn).",
    },
}
_BADGE_SOURCE = "Hướng dẫn 01-HD/TW ngày 28/9/2021 §18"
_BADGE_NOTE_24 = "Quy định 24-QĐ/TW §4.5 counts Party age (from the admission decision, minus time outside)."

RULES: list[RuleSpec] = [
    RuleSpec(
        "admission.min_age_months", "count", "months",
        _("Youngest age, in whole months, on the day the cell considers the application."),
        216, "§1.1", ALL, "Điều lệ Đảng (2011) Điều 1 khoản 2 (18 years); §1.1.1 counts in months",
    ),
    RuleSpec(
        "admission.max_age_months", "count", "months",
        _("Oldest age, in whole months, on the day the cell considers the application."),
        720, "§1.1", LATEST, "§1.1.1",
        "Older applicants only by decision of a committee directly under the Central Committee (§1.1.2).",
    ),
    RuleSpec(
        "admission.min_education", "education", "",
        _("Lowest schooling: lower-secondary graduation, with exceptions for some areas."),
        {
            "grade": 9,
            "of": 12,
            "equivalents": [{"grade": 7, "of": 10}],
            "exception_areas": EDUCATION_EXCEPTION_AREAS,
            "exception_min_grade": 5,
        },
        "§1.2", (), "",
        "grade/of: lower-secondary diploma (THCS, grade 9 of 12) is stated in §1.2.1 (29-QĐ/TW §1.2a adds \"or "
        "equivalent\"; grade 7 of the old 10-year system is that equivalent: UNCONFIRMED). Schooling of another "
        "system counts only through a listed equivalent. The exception (§1.2.2, detailed by the Secretariat's "
        "Hướng dẫn 01-HD/TW ngày 28/9/2021 §1.2, as quoted by boxhoidap.com): applicants living in mountain, "
        "border, island, ethnic-minority or especially disadvantaged areas, or fishermen who regularly work at "
        "sea or on islands, need at least completed primary school (grade 5). 29-QĐ/TW, 24-QĐ/TW and 232-QĐ/TW "
        "§1.2 themselves list only mountain, island, ethnic-minority and especially disadvantaged areas and "
        "refer to the guidance; the guidance in force before 2021 (Hướng dẫn 01-HD/TW ngày 20/9/2016) and after "
        "2025 was not read, so every version stays unconfirmed.",
    ),
    RuleSpec(
        "admission.introducers_required", "count", "members",
        _("Official members who must introduce an applicant."),
        2, "§3.2", ALL, "Điều lệ Đảng (2011) Điều 4 khoản 1",
        "§3.2 (Người giới thiệu người vào Đảng), not §3.1: corrected 2026 after a review against the texts "
        "(issue 11); the section number was not read in a primary text for 45-QĐ/TW.",
    ),
    RuleSpec(
        "admission.introducer_youth_union_alternative", "bool", "",
        _("A Youth Union member may be introduced by one official member plus the Youth Union's resolution."),
        True, "", ALL, "Điều lệ Đảng (2011) Điều 4 khoản 2",
    ),
    RuleSpec(
        "admission.introducer_trade_union_alternative", "bool", "",
        _("The grassroots Trade Union's resolution may, like the Youth Union's, replace one of the two introducers."),
        True, "§3.2", (QD24.number,), "Hướng dẫn 12-HD/BTCTW ngày 18/01/2022 Phần II §1.1 (dossier item 5: "
        "\"Nghị quyết giới thiệu đoàn viên ưu tú vào Đảng của Đoàn TNCS Hồ Chí Minh hoặc của công đoàn cơ sở\")",
        "An applicant who is a Trade Union member is introduced by one official member plus the grassroots "
        "Trade Union's resolution; only one organization's resolution counts.",
        repeated_from="24-QĐ/TW (Hướng dẫn 12-HD/BTCTW 2022)",
    ),
    RuleSpec(
        "admission.introducer_min_months_together", "count", "months",
        _("Months an introducer must have worked with the applicant."),
        12, "§3.2", ALL, "Điều lệ Đảng (2011) Điều 4 khoản 1 (at least one year)",
        "The introducer must be an official member. §3.2, not §3.1 (corrected 2026, issue 11). A replacement "
        "introducer (admission.replacement_introducer_needs_months_together) is exempt.",
    ),
    RuleSpec(
        "admission.replacement_introducer_needs_months_together", "bool", "",
        _("Whether an introducer who replaces one who moved away or lost the right to introduce must also have "
          "worked with the applicant for the required months."),
        False, "§3.2.2", (), "",
        "§3.2.2: when an introducer is transferred, disciplined or otherwise cannot go on, the cell assigns "
        "another official member, who need not have worked with the applicant for 12 months. UNCONFIRMED: stated "
        "by the review of issue 11; the wording of §3.2.2 was not read in a primary text.",
    ),
    RuleSpec(
        "admission.decision_deadline_working_days", "count", "working days",
        _("Working days after the cell's resolution within which the competent committee decides on admission."),
        60, "§4.3.1", LATEST, "§4.3.1",
        "May be extended by deadline.max_extension_working_days.",
    ),
    RuleSpec(
        "admission.ceremony_deadline_working_days", "count", "working days",
        _("Working days after the cell receives the admission decision within which it holds the ceremony."),
        30, "§4.1", LATEST, "§4.1", "Later only if reported to and accepted by the committee directly above.",
    ),
    RuleSpec(
        "recognition.probation_months", "count", "months",
        _("Probation, in months from the admission ceremony."),
        12, "", ALL, "Điều lệ Đảng (2011) Điều 5 khoản 1",
    ),
    RuleSpec(
        "recognition.consider_deadline_working_days", "count", "working days",
        _("Working days after the probation ends within which the cell considers recognition."),
        30, "§4.2", LATEST, "§4.2",
        "Counted after the 12 months end. Recognition takes effect at the end of the 12 months even when the "
        "cell or the committee acts late; not recognised -> struck off.",
    ),
    RuleSpec(
        "recognition.decision_deadline_working_days", "count", "working days",
        _("Working days after the cell's resolution within which the competent committee decides on recognition."),
        30, "§4.3.1", LATEST, "§4.3.1",
        "May be extended by deadline.max_extension_working_days.",
    ),
    RuleSpec(
        "deadline.max_extension_working_days", "count", "working days",
        _("Longest extension, in working days, of an admission or recognition decision deadline."),
        30, "§4.3.1", LATEST, "§4.3.1", "Only in special cases.",
    ),
    RuleSpec(
        "awareness_course.certificate_valid_months", "count", "months",
        _("Months the certificate of the Party-awareness course (CN-NTVĐ) stays valid."),
        60, "", (), "",
    ),
    # Plausibility floors (issue 6 §3). No regulation found sets an age for these steps: the texts searched
    # (Điều lệ Đảng 2011, Quy định 24/232/294-QĐ/TW as quoted in the domain brief, public pages on the
    # awareness course) give an age only for admission (18, Điều lệ Điều 1 khoản 2), and reports show
    # upper-secondary pupils from grade 10 (15-16 years old) attending the course. Unconfirmed everywhere.
    RuleSpec(
        "candidate.min_age_months", "count", "months",
        _("Youngest plausible age, in whole months, on the day a person is registered as an outstanding "
          "candidate (a plausibility floor, not a number of a regulation)."),
        180, "", (), "",
        "PLAUSIBILITY FLOOR: no regulation found states an age for registering an outstanding candidate "
        "(quần chúng ưu tú); admission needs 18 years (216 months) when the cell considers the application. "
        "15 years refuses impossible entries (a child) without refusing upper-secondary pupils followed from "
        "grade 10. Before 01/11/2011 the first version applies.",
    ),
    RuleSpec(
        "awareness_course.min_age_months", "count", "months",
        _("Youngest plausible age, in whole months, on the day the Party-awareness course is completed "
          "(a plausibility floor, not a number of a regulation)."),
        180, "", (), "",
        "PLAUSIBILITY FLOOR: no regulation found states an age for the course (bồi dưỡng nhận thức về Đảng); "
        "provinces hold it for upper-secondary pupils from grade 10 (15-16 years old). Before 01/11/2011 the "
        "first version applies.",
    ),
    RuleSpec(
        "transfer.start_deadline_working_days", "count", "working days",
        _("Working days after the decision or the move within which the member starts an official transfer."),
        60, "§6.3", (QD294.number,), "294-QĐ/TW §6.3",
    ),
    RuleSpec(
        "transfer.present_deadline_working_days", "count", "working days",
        _("Working days after the introduction letter within which the member presents it to the receiving cell."),
        30, "§6.3", (QD294.number,), "294-QĐ/TW §6.3", "Late: a written explanation is required.",
    ),
    RuleSpec(
        "temporary_transfer.min_months", "count", "months",
        _("Shortest absence, in months, that calls for a temporary transfer."),
        3, "§6.3", (QD294.number,), "294-QĐ/TW §6.3",
    ),
    RuleSpec(
        "temporary_transfer.max_months_work", "count", "months",
        _("Absence for residence or work: temporary transfer when shorter than this many months (exclusive)."),
        12, "§6.3", (QD294.number,), "294-QĐ/TW §6.3 (3 months to under 1 year)",
        "Exclusive: 12 months or more calls for an official transfer.",
    ),
    RuleSpec(
        "temporary_transfer.max_months_study", "count", "months",
        _("Full-time study: temporary transfer for up to this many months (inclusive)."),
        24, "§6.3", (QD294.number,), "294-QĐ/TW §6.3 (3 months to 2 years)",
    ),
    RuleSpec(
        "readmission.min_months_out", "count", "months",
        _("Months a former member must have been out of the Party before re-admission."),
        36, "§3.5", LATEST, "§3.5.1",
        "Also: written consent of the provincial standing committee; probation again (§3.5.4).",
    ),
    RuleSpec(
        "readmission.min_months_after_record_cleared", "count", "months",
        _("Months after a minor criminal record is cleared before re-admission."),
        60, "§3.5", LATEST, "§3.5.1",
    ),
    RuleSpec(
        "readmission.max_times", "count", "times",
        _("How many times a person may be re-admitted."),
        1, "§3.5", LATEST, "§3.5.3",
    ),
    RuleSpec(
        "readmission.barred_grounds", "codes", "",
        _("Grounds of leaving for which re-admission is never considered."),
        ["abandoned_activities", "applied_to_leave", "serious_disunity", "corruption_conviction",
         "serious_crime_conviction"],
        "§3.5", LATEST, "§3.5.2",
        "applied_to_leave: except when the member left for especially hard family reasons.",
    ),
    RuleSpec(
        "party_age.badge_years", "years", "years",
        _("Years of Party age at which a Party badge is awarded."),
        _BADGE_YEARS, "", (QD24.number,), "Hướng dẫn 01-HD/TW 2021 §18",
        _BADGE_NOTE_24, overrides=_BADGE_YEARS_OVERRIDES, repeated_from=_BADGE_SOURCE,
    ),
    RuleSpec(
        "party_age.badge_posthumous_months", "count", "months",
        _("Months after a member's death within which a badge the member had reached may be awarded "
          "posthumously."),
        12, "", (QD24.number,), "Hướng dẫn 01-HD/TW 2021 §18 (as stated in the domain brief)",
        "Truy tặng: a member who reached a badge's years of Party age but died before it was presented is "
        "listed at the presentation days up to this many months after the death.",
        overrides=_BADGE_OVERRIDES, repeated_from=_BADGE_SOURCE,
    ),
    RuleSpec(
        "party_age.badge_early_months", "badge_early", "months",
        _("How many months early a seriously ill member may receive each badge."),
        [{"from": 30, "to": 65, "months": 12}, {"from": 70, "to": 90, "months": 24}],
        "", (QD24.number,), "Hướng dẫn 01-HD/TW 2021 §18",
        "Each item covers badges of from..to years inclusive.", overrides=_BADGE_OVERRIDES,
        repeated_from=_BADGE_SOURCE,
    ),
    RuleSpec(
        "party_age.badge_presentation_days", "month_days", "MM-DD",
        _("Days of the year on which badges are presented."),
        ["02-03", "05-19", "09-02", "11-07"], "", (QD24.number,), "Hướng dẫn 01-HD/TW 2021 §18",
        "3/2, 19/5, 2/9, 7/11; other occasions by decision of the provincial standing committee.",
        overrides=_BADGE_OVERRIDES, repeated_from=_BADGE_SOURCE,
    ),
    RuleSpec(
        "strike_off.unpaid_dues_months", "count", "months",
        _("Months of dues unpaid within a year, without good reason, that are a ground for striking off."),
        3, "§8.1", ALL, "Điều lệ Đảng (2011) Điều 8 khoản 2; 24-QĐ/TW §8.1",
    ),
    RuleSpec(
        "strike_off.missed_activities_months", "count", "months",
        _("Months of Party activities missed within a year, without good reason, that are a ground for "
          "striking off."),
        3, "§8.1", ALL, "Điều lệ Đảng (2011) Điều 8 khoản 2 (\"bỏ sinh hoạt đảng hoặc không đóng đảng phí ba "
        "tháng trong năm mà không có lý do chính đáng\"); 29-QĐ/TW and 24-QĐ/TW §8.1",
        "A ground beside unpaid dues (strike_off.unpaid_dues_months). Counted from attendance once cell "
        "meetings are recorded; until then the cell states the months when it strikes a member off.",
    ),

    # Committees, terms and congresses (committees app).
    RuleSpec(
        "committee.term_months.upper", "count", "months",
        _("Length of a term of a district or provincial committee, in months (congress once in five years)."),
        60, "", (), "",
        "Đảng bộ tỉnh, huyện: the Charter (2011) has their congress convened once every five years; the article "
        "was not checked in a primary text here.",
    ),
    RuleSpec(
        "committee.term_months.grassroots", "count", "months",
        _("Length of a term of a grassroots committee (commune, grassroots organization or cell), in months."),
        60, "", (), "",
        "Grassroots organizations (Điều lệ Đảng 2011 Điều 22). The seed report of Na Tông (a commune committee, "
        "“nhiệm kỳ 2015 - 2020”) agrees; the article was not checked in a primary text here.",
    ),
    RuleSpec(
        "committee.term_months.cell", "count", "months",
        _("Length of a term of a cell under a grassroots committee, in months (congress twice in five years)."),
        30, "", ALL, "Điều lệ Đảng (2011) Điều 24 khoản 3: the cell's congress is convened twice in five years",
        "The same for cells under a sub-committee. The committee above may allow a congress up to six months "
        "early or late.",
    ),
    RuleSpec(
        "committee.seat_requires_official_member", "bool", "",
        _("Only an official member of the organization may hold a committee seat (not a probationary member)."),
        True, "", ALL,
        "Điều lệ Đảng (2011) Điều 3: a probationary member has every right except to vote, stand for and elect "
        "the Party's leading bodies",
    ),
    RuleSpec(
        "committee.appointment_max_levels_above", "count", "levels",
        _("How many levels above an organization the committee that appoints its committee may sit."),
        1, "", (), "",
        "1 = the committee directly above (cấp ủy cấp trên trực tiếp) appoints the committee of an organization "
        "established, merged or split mid-term.",
    ),
    RuleSpec(
        "committee.secretaries_at_a_time", "count", "persons",
        _("How many secretaries an organization's committee has at a time."),
        1, "", (), "", "The Charter names the secretary (bí thư) in the singular; no number is stated.",
    ),
]

# The assessment regulations' rules; imported here, after RuleSpec and RULES exist (the module imports them).
from rules.reference_assessment import ASSESSMENT_SPECS  # noqa: E402

RULES += ASSESSMENT_SPECS
RULE_SPECS: dict[str, RuleSpec] = {spec.key: spec for spec in RULES}


def seed_versions() -> list[dict[str, Any]]:
    return [row for spec in RULES for row in spec.versions()]


def load_rules(apps: Any, schema_editor: Any = None) -> None:
    """Insert missing seed versions, never changing what is there, with one exception that mirrors
    `rule_version_add`: a new open-ended seed version that starts after the key's open version closes it.
    A seed version whose period an existing version already covers is skipped."""
    model = apps.get_model("rules", "RuleVersion")
    far = D(9999, 12, 31)
    existing: dict[str, list[Any]] = {}
    for version in model.objects.all():
        existing.setdefault(version.key, []).append(version)
    new = []
    for row in seed_versions():
        start, end = row["valid_from"], row["valid_to"] or far
        versions = existing.setdefault(row["key"], [])
        overlapping = [v for v in versions if v.valid_from < end and start < (v.valid_to or far)]
        if overlapping:
            current = overlapping[0]
            closes_open = len(overlapping) == 1 and current.valid_to is None and current.valid_from < start
            if row["valid_to"] is not None or not closes_open:
                continue
            current.valid_to = start
            current.save()
        version = model(**row)
        versions.append(version)
        new.append(version)
    model.objects.bulk_create(new)


# ----------------------------------------------------------------------------- holidays
# The calendar's reference data lives in rules/holiday_seed.py; these names stay importable from here
# (migration 0002 calls `reference.load_holidays`).
from rules.holiday_seed import HOLIDAY_YEARS as HOLIDAY_YEARS  # noqa: E402
from rules.holiday_seed import holiday_seed as holiday_seed  # noqa: E402
from rules.holiday_seed import load_holidays  # noqa: E402


def load(apps: Any, schema_editor: Any = None) -> None:
    """Insert whatever reference data is missing: rule versions and the holiday seed."""
    load_rules(apps, schema_editor)
    load_holidays(apps, schema_editor)
