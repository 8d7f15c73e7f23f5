"""Read models behind the member pages, one module per subject; this package re-exports the public names.

- `vocabularies`: age and Party-age bands, dossier forms, grounds, exception areas, status groups.
- `chooser`: the organizations a user may choose (depth first) and their names.
- `pipeline`: the admission pipeline board.
- `deadlines`: a rule's deadline after an event, the due lists grouped for display.
- `timeline`: the member page's timeline rows, badge information, which events the state allows now.

The member list's filtering (`MemberFilter`, `filter_members`, `status_counts`, `party_ages`) is query logic and
lives in `members.queries`; it is still reachable here by name for older importers.
"""

from typing import Any

from members.kinds import allowed_now
from members.pages.chooser import OrganizationChoice, default_organization, member_organizations, organization_names
from members.pages.deadlines import (
    DUE_GROUPS,
    DUE_LABELS,
    Deadline,
    describe_due,
    grouped_due,
    month_deadline,
    working_deadline,
)
from members.pages.pipeline import STAGES, Board, Card, Column, Stage, pipeline, stage_of
from members.pages.timeline import (
    BadgeInfo,
    TimelineRow,
    badge_info,
    corrections_of,
    event_details,
    timeline_rows,
)
from members.pages.vocabularies import (
    AGE_BAND_BY_CODE,
    AGE_BANDS,
    DOSSIER_LABELS,
    EXCEPTION_AREA_LABELS,
    EXPULSION_GROUNDS,
    GROUND_LABELS,
    PARTY_AGE_BAND_BY_CODE,
    PARTY_AGE_BANDS,
    PARTY_AGE_STATUSES,
    STATUS_ACTIVE,
    STATUS_GROUPS,
    STATUS_MEMBERS,
    Band,
    age_years,
)

_IN_QUERIES = frozenset({"MemberFilter", "SEARCH_LIMIT", "filter_members", "party_ages", "status_counts"})


def __getattr__(name: str) -> Any:
    """The list filtering moved to members.queries (imported lazily: queries imports the vocabularies)."""
    if name in _IN_QUERIES:
        from members import queries

        return getattr(queries, name)
    raise AttributeError(name)


__all__ = [
    "AGE_BANDS",
    "AGE_BAND_BY_CODE",
    "DOSSIER_LABELS",
    "DUE_GROUPS",
    "DUE_LABELS",
    "EXCEPTION_AREA_LABELS",
    "EXPULSION_GROUNDS",
    "GROUND_LABELS",
    "PARTY_AGE_BANDS",
    "PARTY_AGE_BAND_BY_CODE",
    "PARTY_AGE_STATUSES",
    "STAGES",
    "STATUS_ACTIVE",
    "STATUS_GROUPS",
    "STATUS_MEMBERS",
    "BadgeInfo",
    "Band",
    "Board",
    "Card",
    "Column",
    "Deadline",
    "OrganizationChoice",
    "Stage",
    "TimelineRow",
    "age_years",
    "allowed_now",
    "badge_info",
    "corrections_of",
    "default_organization",
    "describe_due",
    "event_details",
    "grouped_due",
    "member_organizations",
    "month_deadline",
    "organization_names",
    "pipeline",
    "stage_of",
    "timeline_rows",
    "working_deadline",
]
