"""Extension point: "was this person or organization disciplined in that year?" without importing a discipline app.

Apps that read discipline (the rating's bar on the top level) ask `disciplined_people(ids, year)` and
`disciplined_organizations(ids, year)`; an app that keeps discipline records registers, from its AppConfig.ready,
a source that answers those questions:

    register_discipline_source(name="discipline", people=people_disciplined_in, organizations=orgs_disciplined_in)

Until one registers, nobody is disciplined (both answer the empty set). A source receives a collection of ids and
a year and returns the subset disciplined in that year.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

Source = Callable[[Collection[int], int], set[int]]


@dataclass(frozen=True)
class DisciplineSource:
    name: str
    people: Source | None = None
    organizations: Source | None = None


_sources: dict[str, DisciplineSource] = {}


def register_discipline_source(*, name: str, people: Source | None = None,
                               organizations: Source | None = None) -> None:
    """Register (or replace, by name) a source of discipline records."""
    _sources[name] = DisciplineSource(name, people, organizations)


def unregister_discipline_source(name: str) -> None:
    _sources.pop(name, None)


def disciplined_people(person_ids: Collection[int], year: int) -> set[int]:
    """Ids among `person_ids` disciplined in `year`, by any registered source."""
    found: set[int] = set()
    for source in _sources.values():
        if source.people is not None and person_ids:
            found |= set(source.people(person_ids, year)) & set(person_ids)
    return found


def disciplined_organizations(organization_ids: Collection[int], year: int) -> set[int]:
    """Ids among `organization_ids` disciplined in `year`, by any registered source."""
    found: set[int] = set()
    for source in _sources.values():
        if source.organizations is not None and organization_ids:
            found |= set(source.organizations(organization_ids, year)) & set(organization_ids)
    return found
