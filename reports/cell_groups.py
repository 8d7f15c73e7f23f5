"""A Party cell's own figures page (issue 8 §7): counts of organizations under the cell are left out, with a note.

A cell holds members and has no Party organization under it, so rows such as "Party cells: 0" read as "this cell:
0", and rows that count the cell itself ("Cells under a grassroots committee: 1") read as a count of something
under it. For each namespace that counts organizations, `for_a_cell` drops those keys and says why in a note that
names what the page can say about the cell itself (its own rating, whether a committee member oversees it).
The keys are dropped only when their numbers show nothing under the cell (a cell counts at most itself).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from organizations.models import Organization
from rating.models import LEVEL_ORDER

# Figures of the "organizations" namespace that count organizations under the one shown. Its coverage stays.
ORGANIZATIONS_BELOW = ("organizations_total", "cells", "grassroots_organizations", "grassroots_committees",
                       "grassroots_cells", "subordinate_cells", "established", "dissolved")
# Rating categories of organizations (keys "<category>_…", this year's and the previous year's): on a cell's page
# they count the cell itself, or nothing. Members and leaders stay.
RATING_ORGANIZATIONS = ("grassroots", "cells")
# Oversight of the cells under a grassroots committee: on a subordinate cell's page "cells" is the cell itself.
OVERSIGHT_CELLS = ("cells", "cells_overseen", "cells_without_overseer")

Values = dict[str, Any]


def _organizations(values: Values, name: str) -> tuple[Values, str] | None:
    if any(values.get(key) for key in ORGANIZATIONS_BELOW):
        return None
    kept = {key: value for key, value in values.items() if key not in ORGANIZATIONS_BELOW}
    return kept, _("%(name)s is a Party cell: no Party organization stands under it.") % {"name": name}


def _own_level(values: Values) -> str:
    """The words of the cell's own rating this year (the scheme's, else the level's), or ""."""
    for category in RATING_ORGANIZATIONS:
        for level in LEVEL_ORDER:
            if values.get(f"{category}_{level.value}"):
                return str(values.get(f"{category}_{level.value}_label") or level.label)
    return ""


def _rating(values: Values, name: str) -> tuple[Values, str] | None:
    if sum(values.get(f"{category}_rated") or 0 for category in RATING_ORGANIZATIONS) > 1:
        return None
    kept = {key: value for key, value in values.items()
            if not key.startswith(tuple(f"{category}_" for category in RATING_ORGANIZATIONS))}
    own, year = _own_level(values), values.get("rating_year", "")
    if own:
        note = _("%(name)s is a Party cell: no Party organization under it is rated. Its own rating for %(year)s: "
                 "%(level)s.") % {"name": name, "year": year, "level": own}
    else:
        note = _("%(name)s is a Party cell: no Party organization under it is rated. Its own rating for %(year)s "
                 "is not recorded.") % {"name": name, "year": year}
    return kept, note


def _oversight(values: Values, name: str) -> tuple[Values, str] | None:
    if (values.get("cells") or 0) > 1:
        return None
    kept = {key: value for key, value in values.items() if key not in OVERSIGHT_CELLS}
    note = _("%(name)s is a Party cell: no cell stands under it.") % {"name": name}
    if values.get("cells_overseen"):
        note += " " + _("A member of the committee above oversees it (rows below).")
    elif values.get("cells"):
        note += " " + _("No member of the committee above oversees it.")
    return kept, note


TREATMENTS: dict[str, Callable[[Values, str], tuple[Values, str] | None]] = {
    "organizations": _organizations, "rating": _rating, "oversight": _oversight}


def for_a_cell(namespace: str, values: Values, organization: Organization) -> tuple[Values, str | None]:
    """The namespace's figures as a cell's own page shows them, and the note that says what was left out."""
    treatment = TREATMENTS.get(namespace)
    if treatment is None or not organization.kind.holds_members:
        return values, None
    treated = treatment(values, organization.name)
    return treated if treated is not None else (values, None)
