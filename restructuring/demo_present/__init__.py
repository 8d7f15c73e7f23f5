"""The demo's present: a current year of activity in the communes of today's tree, generated from the load date.

Called by `restructuring.demo.load_present` (restructuring is the last app, so it may use every app below it)
after the historic demo and the 2025 reorganization are in place. Everything is written through the services
users call, with the change log. A batch is the set of stories generated for one load date, from a seed made of
that date; its files carry the personal-history number `LL-<YYYY-MM-DD>-<n>` (the marker that finds the batches again).

Members (`members.py`, `stories.py`): candidates at every stage, decisions, ceremonies, probations,
recognitions, a transfer letter, badges. Committees (`committees.py`): the committees appointed for the communes
of 01/07/2025. Training (`training.py`): the batch's classes of the year. Rating (`rating.py`): the year's
campaign in progress. Documents (`documents.py`): the batch's plans and report. Mobilisation (`mobilisation.py`):
the batch's dialogues and their follow-ups. Inspection (`inspection.py`): an inspection with its follow-ups and
a supervision in progress. Targets (`targets.py`): the communes' programme for 2025–2030 and this year's estimates.

Loading as of D: every earlier batch is generated again (same seed, same stories) and its steps dated up to D are
written if missing (its candidates move on as a committee would have moved them), then D's batch is added. Nothing
recorded is changed. Loading as of a date before the latest batch writes nothing (history is not rewritten).
See docs/demo.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from members.models import Person
from members.ruling import Snapshot
from restructuring.demo import NA_RI_2025
from restructuring.demo_present import (
    committees,
    documents,
    inspection,
    members,
    mobilisation,
    rating,
    targets,
    training,
)
from restructuring.demo_present.stories import MARK, REFORM_ON

EARLIEST = REFORM_ON  # the present-day tree starts on 01/07/2025


def batch_dates() -> list[dt.date]:
    """The dates of the batches already loaded, from their files' marker."""
    numbers = Person.objects.filter(history_number__startswith=MARK).values_list("history_number", flat=True)
    return sorted({dt.date.fromisoformat(n[len(MARK):len(MARK) + 10]) for n in numbers})


def load(actor: Any, *, as_of: dt.date) -> str:
    """Bring the present up to `as_of`; returns what was done, for the command's output."""
    loaded = batch_dates()
    if loaded and as_of < loaded[-1]:
        return f"Present-day data already loaded as of {loaded[-1]:%Y-%m-%d}; nothing written for {as_of:%Y-%m-%d}."
    rules = Snapshot()
    steps = []
    for on in sorted({*loaded, as_of}):
        for batch in members.batches(on, rules):
            steps += batch.steps
    written = members.run(actor, steps, until=as_of)
    units = members.UNITS
    terms = committees.load(actor, [code for code, _name, _old in NA_RI_2025])  # the six communes of 01/07/2025
    classes = training.load(actor, as_of, [unit.code for unit in units], rules)
    completed = training.bring_forward(actor, as_of, rules)
    decided = rating.bring_forward(actor, as_of, units)
    campaigns = rating.load(actor, as_of, units, rules)
    registered = documents.load(actor, as_of, units, rules)
    moved = 0
    for on in sorted({*loaded, as_of}):  # each batch's dialogues and inspections, brought up to `as_of`
        moved += mobilisation.load(actor, on, units, rules, until=as_of)
        moved += inspection.load(actor, on, units, rules, until=as_of)
    results = targets.load(actor, as_of, units, rules)
    return (f"Present-day data as of {as_of:%Y-%m-%d}: {written} steps written ({len(loaded)} earlier batches), "
            f"{terms} committees appointed, {classes} classes ({completed} learners completed), {campaigns} rating "
            f"campaigns opened ({decided} ratings decided), {registered} documents registered, {moved} dialogues, "
            f"inspections and follow-ups written, {results} target results.")
