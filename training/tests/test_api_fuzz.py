"""Generated input against the write routes of training, honours and oversight (issue 9): never a 500, and every
route really writes. Half the examples are valid by construction (a fresh class, learner, cell or assignment made
through the services for the example); the others break such a body or send junk. The ledger checks after each
request that a refusal wrote nothing, that a success logged every row it wrote with the caller as user, and that
the same call by a user outside the scope answers 404 and writes nothing (core/testing_fuzz.py)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import strategies as st

from committees.models import SeatKind
from committees.services import CongressInput, SeatInput, term_open_by_congress
from core.testing import Cast, establish
from core.testing_fuzz import Ledger, Tally, body, broken, explore, free_text, mutated, send
from honours import services as honours
from honours.models import Commendation, Contest, ContestResult
from members.tests.factories import member
from oversight import services as oversight
from oversight.models import Assignment
from training import services as training
from training.models import ClassKind, Learner, LearnerTag, TrainingClass

pytestmark = pytest.mark.django_db

EXAMPLES = 6  # per route (CI time): half valid by construction, half broken or junk (any JSON now and then)
D = dt.date
LEDGER = Ledger([TrainingClass, Learner, LearnerTag, Commendation, Contest, ContestResult, Assignment], derived={})
_serial = itertools.count(1)
Request = tuple[str, dict[str, Any]]


class Valid:
    """Bodies valid by construction, with what each needs made through the services first."""

    def __init__(self, cast: Cast, data: st.DataObject) -> None:
        self.cast, self.data, self.admin = cast, data, cast.root_admin

    def name(self) -> str:
        return f"{self.data.draw(st.sampled_from(['Hoàng Thị Mai', 'Nông Văn Tú', 'Lý Thị Hoa']))} {next(_serial)}"

    def _class(self) -> TrainingClass:
        return training.class_create(actor=self.admin, host=self.cast.district_a, kind=ClassKind.objects.get(
            code="new-member"), title="Lớp thử", starts_on=D(2021, 3, 1), ends_on=D(2021, 3, 5),
            organizer_name="Trung tâm Chính trị")

    def classes(self) -> Request:
        start = D(2021, 1, 1) + dt.timedelta(days=self.data.draw(st.integers(0, 300)))
        return "/api/v1/training/classes", {
            "host": self.data.draw(st.sampled_from([str(self.cast.district_a.pk), self.cast.district_a.code])),
            "kind": "awareness", "title": self.data.draw(free_text) or "Lớp", "starts_on": start.isoformat(),
            "ends_on": (start + dt.timedelta(days=self.data.draw(st.integers(0, 30)))).isoformat(),
            "organizer_name": "Trung tâm Chính trị huyện", "code": f"K{next(_serial)}"}

    def learners(self) -> Request:
        rows = [{"full_name": self.name(), "unit": "Xã Kim Lư", "tags": ["tân binh"]}
                for _ in range(self.data.draw(st.integers(1, 3)))]
        return f"/api/v1/training/classes/{self._class().pk}/learners", {"learners": rows}

    def result(self) -> Request:
        training_class = self._class()
        (learner,) = training.learners_add(actor=self.admin, training_class=training_class,
                                           learners=[training.LearnerInput(full_name=self.name())])
        return f"/api/v1/training/learners/{learner.pk}/result", {
            "result": "completed", "certificate_number": str(next(_serial)), "certificate_date": "2021-03-05"}

    def commendation(self) -> Request:
        return "/api/v1/honours/commendations", {
            "organization": self.cast.commune_a1.code, "target": "organization", "level": "district",
            "form": "certificate-of-merit", "decided_on": "2020-05-15", "decided_by": "Ban Thường vụ Huyện ủy"}

    def contest_result(self) -> Request:
        contest = Contest.objects.first() or honours.contest_create(
            actor=self.admin, name="Bắc Kạn học tập và làm theo Bác", organizer_name="Tỉnh ủy", year=2020)
        return f"/api/v1/honours/contests/{contest.pk}/results", {
            "organization": str(self.cast.commune_a1.pk), "prize": self.data.draw(st.sampled_from(["first", "third"])),
            "awarded_on": "2020-06-01", "participant": self.data.draw(st.sampled_from(["", "Nông Thị Hoa"]))}

    def assign(self) -> Request:
        cell = establish(self.admin, f"FZ-{next(_serial)}", "Chi bộ thôn Thử", "cell", self.cast.commune_a1,
                         on=D(2020, 9, 1))
        return "/api/v1/oversight/assignments", {"person": str(COMMITTEE[0].pk), "cells": [cell.code],
                                                 "starts_on": "2020-10-01"}

    def end(self) -> Request:
        cell = establish(self.admin, f"FZ-{next(_serial)}", "Chi bộ thôn Thử", "cell", self.cast.commune_a1,
                         on=D(2020, 9, 1))
        (assignment,) = oversight.assignments_create(actor=self.admin, person=COMMITTEE[0], organizations=[cell],
                                                     starts_on=D(2020, 10, 1))
        return f"/api/v1/oversight/assignments/{assignment.pk}/end", {"ended_on": "2021-01-01", "reason": "x"}


COMMITTEE: list[Any] = []
ROUTES: dict[str, Callable[[Valid], Request]] = {
    "classes": Valid.classes, "learners": Valid.learners, "result": Valid.result,
    "commendation": Valid.commendation, "contest_result": Valid.contest_result, "assign": Valid.assign,
    "end": Valid.end,
}


def _seat_committee(cast: Cast) -> None:
    person = member(cast.root_admin, cast.cell_a1a, "Nguyễn Văn An", birth_date=D(1975, 1, 1))
    term_open_by_congress(actor=cast.root_admin, organization=cast.commune_a1,
                          congress=CongressInput(ordinal=3, opened_on=D(2020, 8, 19), closed_on=D(2020, 8, 20)),
                          seats=[SeatInput(person, SeatKind.EXECUTIVE)])
    COMMITTEE[:] = [person]


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_write_route(cast: Cast, route: str) -> None:
    tally = Tally()
    if route in ("assign", "end"):
        _seat_committee(cast)

    def step(data: st.DataObject, mode: str) -> None:
        url, payload = ROUTES[route](Valid(cast, data))
        if mode == "broken":
            payload = broken(payload, data)
        elif mode == "junk":
            payload = data.draw(body(mutated({k: st.just(v) for k, v in payload.items()}, at_least=2)))
        user = cast.root_admin if mode == "junk" and data.draw(st.booleans()) else cast.district_officer
        before = LEDGER.take()
        response = send(user, "POST", url, payload)
        ok = tally.count(route, response, valid=mode == "valid")
        LEDGER.check(before, response, user, replay=(lambda: send(cast.outsider, "POST", url, payload)) if ok
                     else None)

    explore(EXAMPLES // 2, lambda data: step(data, "valid"))  # half the examples valid by construction
    explore(EXAMPLES // 2, lambda data: step(data, data.draw(st.sampled_from(["broken", "junk"]))))
    tally.require()

