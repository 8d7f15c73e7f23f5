"""The rules this app reads (declared with their regulations in rules/reference.py) and how organization kinds
map to them. `load` inserts any missing rule version (run by a data migration and by test set-up)."""

from __future__ import annotations

from typing import Any

TERM_UPPER = "committee.term_months.upper"
TERM_GRASSROOTS = "committee.term_months.grassroots"
TERM_CELL = "committee.term_months.cell"
SEAT_REQUIRES_OFFICIAL = "committee.seat_requires_official_member"
APPOINTMENT_LEVELS = "committee.appointment_max_levels_above"
SECRETARIES_AT_A_TIME = "committee.secretaries_at_a_time"
RULE_KEYS = (TERM_UPPER, TERM_GRASSROOTS, TERM_CELL, SEAT_REQUIRES_OFFICIAL, APPOINTMENT_LEVELS,
             SECRETARIES_AT_A_TIME)

# Organization kind code -> the rule giving the length of its terms. Kinds not listed are treated as grassroots.
TERM_RULE_BY_KIND = {
    "province": TERM_UPPER,
    "district": TERM_UPPER,
    "commune": TERM_GRASSROOTS,
    "grassroots": TERM_GRASSROOTS,
    "grassroots-cell": TERM_GRASSROOTS,
    "sub-committee": TERM_CELL,
    "cell": TERM_CELL,
}


def term_rule_key(kind_code: str) -> str:
    return TERM_RULE_BY_KIND.get(kind_code, TERM_GRASSROOTS)


def load(apps: Any, schema_editor: Any = None) -> None:
    """Insert the committee rules if missing (they are declared in rules/reference.py with every other rule)."""
    from rules.reference import load_rules

    load_rules(apps, schema_editor)
