"""Exporting member files to XLSX in the import template's columns, so that an export re-imports cleanly.

The format (columns, headers, how values are written) is the import template's: see docs/import-template.md.
Callers pass a queryset already read through the user's scope (members.queries.person_list / person_search).
Each row carries the file's member code (the one an import gave it, else its exchange code), so importing the
export again finds every file and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from ingest.columns import COLUMNS
from ingest.queries import member_keys
from ingest.values import HISTORY_KINDS, open_places, person_values, sheet_row
from ingest.workbook import members_xlsx
from members.models import MemberEvent, Person

CHUNK = 1_000


def export_members_xlsx(queryset: QuerySet[Person]) -> bytes:
    """The files of `queryset`, in its order, as an XLSX workbook of the template's columns."""
    return members_xlsx(_rows(queryset))


def _rows(queryset: QuerySet[Person]) -> Iterator[list[Any]]:
    chunk: list[Person] = []
    for person in queryset.select_related("organization", "ethnicity", "religion").iterator(chunk_size=CHUNK):
        chunk.append(person)
        if len(chunk) >= CHUNK:
            yield from _chunk_rows(chunk)
            chunk = []
    if chunk:
        yield from _chunk_rows(chunk)


def _chunk_rows(chunk: list[Person]) -> Iterator[list[Any]]:
    """One query each for the member codes, the history events and the current places of a chunk of files."""
    keys = [column.key for column in COLUMNS]
    ids = [person.pk for person in chunk]
    codes = member_keys(ids)
    events: dict[int, list[MemberEvent]] = {pk: [] for pk in ids}
    for event in MemberEvent.objects.filter(person_id__in=ids, kind__in=HISTORY_KINDS).order_by("id"):
        events[event.person_id].append(event)
    places = open_places(ids)
    for person in chunk:
        code = codes.get(person.pk) or str(person.code)
        yield sheet_row(person_values(person, events[person.pk], code=code, places=places[person.pk]), keys)
