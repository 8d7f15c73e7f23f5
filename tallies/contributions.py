"""What one person contributes to the tallies: a pure function of their spells, live events and dimensions.

The same function serves the maintenance in the write's transaction (from the timeline the members services
just folded) and the full rebuild (from the stored rows), so both give the same rows by construction; the
figures they serve are checked against members.figures (the reference aggregate queries) by the property test.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from members.models import DOSSIER_COMPLETED_FORM, EventKind, Status

#: Spell statuses kept as stocks (the figures registry's members_* and candidates keys are sums of these).
STOCK_STATUSES = (Status.OFFICIAL, Status.EXEMPTED, Status.PROBATIONARY, Status.CANDIDATE)
#: Movement keys of members.figures covered by the tallies (recognised_decided is not: see docs/statistics.md).
TRANSFER_KEYS = ("transferred_in", "transferred_out")
MOVEMENT_KEYS = ("admitted", "recognised", *TRANSFER_KEYS, "struck_off", "expelled", "died", "left", "readmitted",
                 "candidates_registered", "dossiers_completed")
_SIMPLE = {
    EventKind.ADMISSION_DECISION: "admitted",
    EventKind.RECOGNITION: "recognised",
    EventKind.TRANSFER_IN_OFFICIAL: "transferred_in",
    EventKind.TRANSFER_OUT_OFFICIAL: "transferred_out",
    EventKind.STRIKE_OFF: "struck_off",
    EventKind.NOT_RECOGNISED: "struck_off",
    EventKind.EXPULSION: "expelled",
    EventKind.LEFT_VOLUNTARILY: "left",
    EventKind.READMISSION_DECISION: "readmitted",
    EventKind.CANDIDATE_REGISTERED: "candidates_registered",
}
#: Keep ethnicity as a series dimension (off: see `contributions`).
WITH_ETHNICITY = False
_MEMBER_BEFORE_DEATH = (Status.PROBATIONARY, Status.OFFICIAL, Status.EXEMPTED, Status.TRANSFERRED_OUT)


@dataclass(frozen=True)
class SpellRow:
    organization_id: int
    status: str
    valid_from: dt.date
    valid_to: dt.date | None


@dataclass(frozen=True)
class EventRow:
    kind: str
    occurred_on: dt.date
    organization_id: int | None
    counterpart_id: int | None
    details: dict[str, Any]


#: (key, organization, sex, ethnicity, counterpart, rollup, start, end): +1 on [start, end); end None = open.
#: rollup False: a leaf item (at the organization the spell or event belongs to); True: at an organization that
#: organization stood under (itself included) on those days.
Item = tuple[str, int, str, int, int, bool, dt.date, dt.date | None]
#: The tree the rollups follow: per organization its versions (valid_from, valid_to or None, ids on its path).
Span = tuple[dt.date, dt.date | None, tuple[int, ...]]
Tree = dict[int, list[Span]]


def movement_key(event: EventRow, spells: Iterable[SpellRow]) -> str | None:
    """The movement key an event counts under (None: it counts under none), as members.figures counts it."""
    if event.kind == EventKind.DEATH:
        died_a_member = any(s.valid_to == event.occurred_on and s.status in _MEMBER_BEFORE_DEATH for s in spells)
        return "died" if died_a_member else None
    if event.kind == EventKind.DOSSIER_STEP:
        return "dossiers_completed" if (event.details or {}).get("form") == DOSSIER_COMPLETED_FORM else None
    return _SIMPLE.get(event.kind)  # type: ignore[call-overload]


def contributions(*, sex: str, ethnicity_id: int | None, spells: list[SpellRow], events: list[EventRow],
                  tree: Tree) -> Counter[Item]:
    """Every +1 the person adds: one per stock spell over its period, one per counted event from its day on, at
    the leaf and at every organization above it on those days (`rollups`).

    Ethnicity is not a dimension of the series (always 0): measured on the 1 % Party, sex × ethnicity made about
    one stock series per member in a cell (docs/benchmarks.md), which is what pre-aggregation must avoid."""
    ethnicity = 0 if ethnicity_id is None or not WITH_ETHNICITY else ethnicity_id
    items: Counter[Item] = Counter()
    for spell in spells:
        if spell.status in STOCK_STATUSES:
            items[(spell.status, spell.organization_id, sex, ethnicity, 0, False, spell.valid_from,
                   spell.valid_to)] += 1
    for event in events:
        if event.organization_id is None:
            continue
        key = movement_key(event, spells)
        if key is None:
            continue
        counterpart = (event.counterpart_id or 0) if key in TRANSFER_KEYS else 0
        items[(key, event.organization_id, sex, ethnicity, counterpart, False, event.occurred_on, None)] += 1
    items.update(rollups(items, tree))
    return items


def involved(spells: Iterable[SpellRow], events: Iterable[EventRow]) -> set[int]:
    """The organizations whose versions the person's rollup items depend on."""
    ids = {s.organization_id for s in spells}
    for event in events:
        ids |= {pk for pk in (event.organization_id, event.counterpart_id) if pk}
    return ids


def ancestors_on(tree: Tree, organization_id: int, day: dt.date) -> tuple[int, ...]:
    """The ids on the organization's path on `day` (itself last); () when it did not exist that day."""
    for valid_from, valid_to, ids in tree.get(organization_id, ()):
        if valid_from <= day and (valid_to is None or day < valid_to):
            return ids
    return ()


def rollups(leaves: Counter[Item], tree: Tree) -> Counter[Item]:
    """The rollup items of leaf items under `tree`.

    A stock item at C on [s, e) adds, for each version of C overlapping [s, e), its count on the overlap to every
    organization on that version's path. A movement item on day t adds to every organization on C's path on t —
    the reference's "events whose organization stood under the subtree on the event's day"; a transfer only to
    those not also on its counterpart's path that day (the reference counts transfers across the subtree's
    boundary only), so the counterpart is not a dimension of rollup series."""
    out: Counter[Item] = Counter()
    for (key, organization_id, sex, ethnicity, counterpart, rollup, start, end), n in leaves.items():
        if rollup or not n:
            continue
        if key in STOCK_STATUSES:
            for valid_from, valid_to, ids in tree.get(organization_id, ()):
                first = max(start, valid_from)
                last = valid_to if end is None else end if valid_to is None else min(end, valid_to)
                if last is not None and last <= first:
                    continue
                for ancestor in ids:
                    out[(key, ancestor, sex, ethnicity, 0, True, first, last)] += n
            continue
        ids = ancestors_on(tree, organization_id, start)
        if key in TRANSFER_KEYS and counterpart:
            across = set(ancestors_on(tree, counterpart, start))
            ids = tuple(ancestor for ancestor in ids if ancestor not in across)
        for ancestor in ids:
            out[(key, ancestor, sex, ethnicity, 0, True, start, None)] += n
    return out


def rows_of(timeline: Any) -> tuple[list[SpellRow], list[EventRow]]:
    """The spells `_rebuild` writes and the events not superseded, of a timeline (a voided file: none)."""
    if timeline is None or timeline.state.status == Status.VOIDED:
        return [], []
    spells = [SpellRow(s.organization_id, s.status, s.valid_from, s.valid_to) for s in timeline.segments
              if s.organization_id is not None and s.status != Status.NONE]
    live = [*timeline.events, *(r.event for r in timeline.rejected)]
    events = [EventRow(e.kind, e.occurred_on, e.organization_id, e.counterpart_id, e.details or {}) for e in live]
    return spells, events


def from_rows(person: Any, rows: tuple[list[SpellRow], list[EventRow]], tree: Tree) -> Counter[Item]:
    spells, events = rows
    if not spells and not events:
        return Counter()
    return contributions(sex=person.gender, ethnicity_id=person.ethnicity_id, spells=spells, events=events,
                         tree=tree)

