"""The records behind a figure (issue 14 §4: click "76" → the 76 admission decisions).

An app that counts a key can declare, next to its counting function in its own `figures.py`, which records the
number counts — the same queryset the count aggregates, so the list and the number cannot disagree:

    register_records("members", {"admitted": Records(rows=admitted_events, describe=describe_event,
                                                     permission="members.view")})

`rows(request, key)` returns the records (a queryset or a list) counted by `key` for the request; `describe(record)`
says how one shows (a `RecordRow`: text, link to its own page, date, detail). The reports app serves them at
`records_path(...)` (`/figures/<organization>/records/<namespace>/<key>/?from=&to=&as_of=`, scoped by
`permission` over the organization), and links every number of a declared key there (the dashboard). Keys without
a declaration link to the figures page. Families of keys made from data (a campaign's code) declare a prefix
(`prefixes={"commendations_level_": ...}`); the `rows` function receives the whole key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from core.figures.registry import FigureRequest, autodiscover


@dataclass(frozen=True)
class RecordRow:
    """One record as the list shows it."""

    text: str
    url: str = ""
    on: dt.date | None = None
    detail: str = ""


@dataclass(frozen=True)
class Records:
    """How to list the records behind a key: the records, how one shows, who may see them."""

    rows: Callable[[FigureRequest, str], Iterable[Any]]
    describe: Callable[[Any], RecordRow]
    permission: str
    stock: bool = False  # counted on as_of (the list says so) rather than in the period
    # For a prefix family: which of its keys have records (e.g. not the `K_change` differences); None = all.
    matches: Callable[[str], bool] | None = None


_records: dict[tuple[str, str], Records] = {}
_prefixes: dict[str, dict[str, Records]] = {}


def register_records(namespace: str, keys: Mapping[str, Records], *,
                     prefixes: Mapping[str, Records] | None = None) -> None:
    """Declare the records behind `keys` of `namespace` (and behind every key starting with one of `prefixes`)."""
    for key, records in keys.items():
        _records[(namespace, key)] = records
    if prefixes:
        _prefixes.setdefault(namespace, {}).update(prefixes)


def records_of(namespace: str, key: str) -> Records | None:
    """The declaration behind a key, or None (the key has no record list)."""
    autodiscover()
    found = _records.get((namespace, key))
    if found is not None:
        return found
    for prefix, records in _prefixes.get(namespace, {}).items():
        if key.startswith(prefix) and len(key) > len(prefix) and (records.matches is None or records.matches(key)):
            return records
    return None


def records_path(organization_id: int, namespace: str, key: str, request: FigureRequest) -> str | None:
    """The address of the list of the records behind the key for the request, or None when none is declared."""
    if records_of(namespace, key) is None:
        return None
    query = urlencode({"from": request.date_from.strftime("%d/%m/%Y"), "to": request.date_to.strftime("%d/%m/%Y"),
                       "as_of": request.as_of.strftime("%d/%m/%Y")})
    # The page is the reports app's (named, not imported: core sits below it).
    return f"{reverse('reports:records', args=[organization_id, namespace, key])}?{query}"
