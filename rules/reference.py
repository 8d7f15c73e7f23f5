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

# Annual quality assessment. No earlier text is recorded: before 08/03/2018 the rule is missing.
QD132 = Regulation("132-QĐ/TW", "Quy định", D(2018, 3, 8), D(2018, 3, 8), D(2023, 10, 4))
QD124 = Regulation(
    "124-QĐ/TW", "Quy định", D(2023, 10, 4), D(2023, 10, 4), None, "Hướng dẫn 25-HD/BTCTW ngày 10/11/2023"
)
ASSESSMENT_RULES = (QD132, QD124)

# The Hướng dẫn that details Quy định 24-QĐ/TW; its §18 covers Party badges.
HD01_2021 = {"regulation": "01-HD/TW", "regulation_kind": "Hướng dẫn", "regulation_date": D(2021, 9, 28)}

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
            rows.append(row)
        return rows


_BADGE_OVERRIDES = {QD24.number: {**HD01_2021, "article": "§18"}}
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
            "exception_areas": ["mountain", "island", "ethnic_minority", "especially_disadvantaged"],
            "exception_min_grade": 5,
        },
        "§1.2", (), "",
        "grade/of: lower-secondary diploma (THCS, grade 9 of 12; grade 7 of the old 10-year system) is stated in "
        "§1.2.1. The exception (applicants living in mountain, island, ethnic-minority or especially "
        "disadvantaged areas: primary school, grade 5) follows the Secretariat's guidance (§1.2.2); that grade "
        "is not in the domain brief.",
    ),
    RuleSpec(
        "admission.introducers_required", "count", "members",
        _("Official members who must introduce an applicant."),
        2, "§3.1", ALL, "Điều lệ Đảng (2011) Điều 4 khoản 1",
    ),
    RuleSpec(
        "admission.introducer_youth_union_alternative", "bool", "",
        _("A Youth Union member may be introduced by one official member plus the Youth Union's resolution."),
        True, "", ALL, "Điều lệ Đảng (2011) Điều 4 khoản 2",
    ),
    RuleSpec(
        "admission.introducer_min_months_together", "count", "months",
        _("Months an introducer must have worked with the applicant."),
        12, "§3.1", ALL, "Điều lệ Đảng (2011) Điều 4 khoản 1 (at least one year)",
        "The introducer must be an official member.",
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
        [30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90], "", (QD24.number,), "Hướng dẫn 01-HD/TW 2021 §18",
        _BADGE_NOTE_24, overrides=_BADGE_OVERRIDES, repeated_from=_BADGE_SOURCE,
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
        "assessment.exclude_admitted_within_months", "count", "months",
        _("Members admitted less than this many months before the assessment are not assessed."),
        6, "", (QD124.number,), "124-QĐ/TW", chain=ASSESSMENT_RULES,
    ),
]

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

HOLIDAY_YEARS = range(2010, 2036)


def holiday_seed(years: range = HOLIDAY_YEARS) -> list[dict[str, Any]]:
    """Days off and worked weekend days from the `holidays` package's Vietnam calendar, names in Vietnamese."""
    import holidays

    calendar = holidays.Vietnam(years=years, language="vi")  # type: ignore[attr-defined]
    rows = [
        {"date": day, "name": str(name)[:200], "is_day_off": True, "is_workday": False}
        for day, name in sorted(calendar.items())
    ]
    for day in sorted(d for d in calendar.weekend_workdays if d.year in years):
        if day in calendar:
            continue
        label = day.strftime("%d/%m/%Y")
        swapped = next((d for d, n in calendar.items() if label in str(n)), None)
        name = f"Ngày làm việc bù (cho ngày nghỉ {swapped:%d/%m/%Y})" if swapped else "Ngày làm việc bù"
        rows.append({"date": day, "name": name, "is_day_off": False, "is_workday": True})
    return sorted(rows, key=lambda row: row["date"])


def load_holidays(apps: Any, schema_editor: Any = None) -> None:
    """Insert the seeded days that are missing; never touch a day an administrator has already set."""
    model = apps.get_model("rules", "Holiday")
    have = set(model.objects.values_list("date", flat=True))
    model.objects.bulk_create(
        model(year=row["date"].year, source="holidays-lib", **row) for row in holiday_seed() if row["date"] not in have
    )


def load(apps: Any, schema_editor: Any = None) -> None:
    """Insert whatever reference data is missing: rule versions and the holiday seed."""
    load_rules(apps, schema_editor)
    load_holidays(apps, schema_editor)
