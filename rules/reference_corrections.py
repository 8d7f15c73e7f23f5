"""Corrections of seeded rule versions found wrong against the regulations' texts (issue 11).

`load_rules` never changes a version that exists, so an installation seeded before a correction keeps the old
value. A correction names the value (or article) that was seeded wrongly; a version that still holds exactly
that is brought in line with the current seed (value, article, confirmed, note) and the change log records
it. A version an administrator has changed since is left alone: it no longer holds the wrong seed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

REASON = "Corrected against the regulation's text (issue 11: rules corrected); see docs/rules.md."

_OLD_EDUCATION = {
    "grade": 9,
    "of": 12,
    "equivalents": [{"grade": 7, "of": 10}],
    "exception_areas": ["mountain", "island", "ethnic_minority", "especially_disadvantaged"],
    "exception_min_grade": 5,
}


@dataclass(frozen=True)
class Correction:
    key: str
    field: str  # "value" or "article": what was seeded wrongly
    wrong: Any
    regulation: str | None = None  # None: every version of the key


CORRECTIONS = [
    # The 45-year badge did not exist before 29-QĐ/TW (25/07/2016).
    Correction("party_age.badge_years", "value", [30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90], "45-QĐ/TW"),
    # "Admitted less than 6 months before" is an exclusion of 124-QĐ/TW, not of 132-QĐ/TW.
    Correction("assessment.exclude_admitted_within_months", "value", 6, "132-QĐ/TW"),
    # Introducers are §3.2 of the Charter regulations, not §3.1.
    Correction("admission.introducers_required", "article", "§3.1"),
    Correction("admission.introducer_min_months_together", "article", "§3.1"),
    # Border areas and fishermen at sea are exception areas too.
    Correction("admission.min_education", "value", _OLD_EDUCATION),
]

_FIELDS = ("value", "article", "confirmed", "note")


def apply_corrections(apps: Any, schema_editor: Any = None) -> None:
    """Bring wrongly seeded versions in line with the seed, with a change record for each."""
    from rules.reference import seed_versions

    model = apps.get_model("rules", "RuleVersion")
    record = apps.get_model("core", "ChangeRecord")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    content_type, _created = content_type_model.objects.get_or_create(app_label="rules", model="ruleversion")
    seeds = {(row["key"], row["valid_from"]): row for row in seed_versions()}
    for correction in CORRECTIONS:
        versions = model.objects.filter(key=correction.key)
        if correction.regulation:
            versions = versions.filter(regulation=correction.regulation)
        for version in versions:
            seed = seeds.get((version.key, version.valid_from))
            if seed is None or getattr(version, correction.field) != correction.wrong:
                continue
            before = {name: getattr(version, name) for name in _FIELDS}
            for name in _FIELDS:
                setattr(version, name, seed[name])
            after = {name: getattr(version, name) for name in _FIELDS}
            if after == before:
                continue
            version.save()
            record.objects.create(
                user=None, user_name="system", request_id="migration", action="update",
                content_type=content_type, object_id=str(version.pk),
                object_repr=f"{version.key} ({version.regulation})"[:300], before=before, after=after,
                reason=REASON,
            )
