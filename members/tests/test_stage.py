"""The admission pipeline's stage is defined once (members.standing.derive.stage_of): the stored standing and the
folded board read the same function, and a candidate's application starts at `Timeline.application_start()`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from members.models import CELL_RESOLUTION_FORM, EventKind, Status
from members.pages.pipeline import stage_of as board_stage_of
from members.standing import derive as standing
from members.standing.derive import Stage, stage_of
from members.status import Exit, State, Timeline, derive

D = dt.date


@dataclass
class E:
    """A stand-in event for the pure fold."""

    id: int
    kind: str
    occurred_on: dt.date
    organization_id: int | None = 1
    counterpart_id: int | None = None
    supersedes_id: int | None = None
    details: dict[str, Any] = field(default_factory=dict)


def test_stored_and_folded_pipeline_read_one_function():
    assert board_stage_of is standing.stage_of
    assert not hasattr(standing, "stage_now")


def test_application_starts_at_an_exit_later_than_the_registration():
    """Where the two copies disagreed: the stored standing counted a candidate's dossier from the last registration,
    the board from `application_start()` (the last registration or the last exit, whichever is later). The fold
    cannot produce such a candidate today (registration follows only an empty file), so the timeline is built by
    hand: a 6-KNĐ resolution of an application that ended with an exit must not make the new one "decision
    pending"."""
    events = [
        E(1, EventKind.CANDIDATE_REGISTERED, D(2018, 3, 1)),
        E(2, EventKind.DOSSIER_STEP, D(2019, 5, 1), details={"form": CELL_RESOLUTION_FORM}),
        E(3, EventKind.AWARENESS_COURSE, D(2023, 2, 1)),
    ]
    exit_ = Exit(EventKind.STRIKE_OFF, D(2020, 1, 10))
    timeline = Timeline(events=events, exits=[exit_],
                        state=State(status=Status.CANDIDATE, since=D(2018, 3, 1), last_exit=exit_))
    assert timeline.application_start() == D(2020, 1, 10)
    # The old stored copy answered (decision_pending, 2019-05-01) here; the board answered the line below.
    assert stage_of(timeline) == (Stage.COURSE_DONE, D(2023, 2, 1))
    assert stage_of(timeline, year=2023) == (Stage.COURSE_DONE, D(2023, 2, 1))
    # The stored pending steps follow the same start (the old copy awaited an admission decision from 2019).
    assert standing.pending_of(timeline.state, timeline.events, rules=None) == []  # type: ignore[arg-type]
    assert timeline.cell_resolution_on() is None  # what the folded due list reads
    without_course = Timeline(events=events[:2], exits=timeline.exits, state=timeline.state)
    assert stage_of(without_course) == (Stage.REGISTERED, D(2020, 1, 10))


def test_stages_along_an_admission_and_the_year_of_a_recognition():
    log = [
        E(1, EventKind.CANDIDATE_REGISTERED, D(2019, 1, 1)),
        E(2, EventKind.AWARENESS_COURSE, D(2019, 2, 1)),
        E(3, EventKind.DOSSIER_STEP, D(2019, 3, 1), details={"form": "1-KNĐ"}),
        E(4, EventKind.DOSSIER_STEP, D(2019, 6, 1), details={"form": CELL_RESOLUTION_FORM}),
        E(5, EventKind.ADMISSION_DECISION, D(2020, 4, 1)),
        E(6, EventKind.ADMISSION_CEREMONY, D(2020, 4, 20)),
        E(7, EventKind.RECOGNITION, D(2021, 4, 20)),
    ]
    expected = [
        (Stage.REGISTERED, D(2019, 1, 1)),
        (Stage.COURSE_DONE, D(2019, 2, 1)),
        (Stage.DOSSIER, D(2019, 3, 1)),
        (Stage.DECISION_PENDING, D(2019, 6, 1)),
        (Stage.CEREMONY_PENDING, D(2020, 4, 1)),
        (Stage.PROBATIONARY, D(2020, 4, 20)),
        (Stage.RECOGNISED, D(2021, 4, 20)),
    ]
    for n, stage in enumerate(expected, start=1):
        assert stage_of(derive(log[:n])) == stage, n
    recognised = derive(log)
    assert stage_of(recognised, year=2021) == (Stage.RECOGNISED, D(2021, 4, 20))
    assert stage_of(recognised, year=2022) is None  # the board shows a recognition in its year only
    struck_off = derive([*log, E(8, EventKind.STRIKE_OFF, D(2022, 1, 5))])
    assert stage_of(struck_off) is None
