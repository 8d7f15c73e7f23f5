"""Deadlines in working days across Tết and 30/4-1/5, in two different years; due lists per subtree and person."""

from __future__ import annotations

import datetime as dt

import pytest

from core.errors import NotInScope
from members import queries, services
from members.due import DueKind
from members.tests import factories as f
from rules.calendar import is_working_day
from rules.queries import rule

D = dt.date

# Days off and a worked Saturday as decided for those years (the calendar must hold them).
DAYS_OFF = {
    D(2024, 1, 1),
    *(D(2024, 2, d) for d in range(8, 15)),  # Tết Giáp Thìn: 08-14/02/2024
    D(2024, 4, 18),  # Giỗ Tổ Hùng Vương
    D(2024, 4, 29), D(2024, 4, 30), D(2024, 5, 1),  # 29/4 swapped with Saturday 04/05
    D(2025, 1, 1),
    *(D(2025, 1, d) for d in range(27, 32)), D(2025, 2, 1),  # Tết Ất Tỵ: 27/01-01/02/2025
    D(2025, 4, 7), D(2025, 4, 30), D(2025, 5, 1),
}
WORKED = {D(2024, 5, 4)}


def by_hand(start: dt.date, n: int) -> dt.date:
    """The n-th working day after start, counted day by day from the table above."""
    day = start
    while n:
        day += dt.timedelta(days=1)
        if (day.weekday() < 5 and day not in DAYS_OFF) or day in WORKED:
            n -= 1
    return day


def naive(start: dt.date, n: int) -> dt.date:
    day = start
    while n:
        day += dt.timedelta(days=1)
        n -= day.weekday() < 5
    return day


def test_calendar_holds_the_days_off(db):
    assert not any(is_working_day(d) for d in DAYS_OFF)
    assert all(is_working_day(d) for d in WORKED)


def _items(cast, on, kinds):
    rows = queries.due_list(cast.district_officer, cast.commune_a1, on=on, kinds=kinds)
    return {r.person_name: r for r in rows}


def test_admission_decision_deadline_across_tet_2024(cast):
    resolution = D(2024, 1, 15)
    f.candidate(cast.district_officer, cast.cell_a1a, "Lò Văn Chờ", registered_on=D(2023, 6, 1),
                course_on=D(2023, 9, 1), resolution_on=resolution)
    days = rule("admission.decision_deadline_working_days", on=resolution).value
    expected = by_hand(resolution, days)
    assert expected != naive(resolution, days)  # Tết and Giỗ Tổ fall inside
    item = _items(cast, D(2024, 3, 1), {DueKind.ADMISSION_DECISION})["Lò Văn Chờ"]
    assert item.deadline == expected
    assert item.days_left == sum(
        1 for k in range((expected - D(2024, 3, 1)).days)
        if (d := D(2024, 3, 2) + dt.timedelta(days=k)) and ((d.weekday() < 5 and d not in DAYS_OFF) or d in WORKED)
    )
    assert item.citation == rule("admission.decision_deadline_working_days", on=resolution).citation
    overdue = _items(cast, expected + dt.timedelta(days=7), {DueKind.ADMISSION_DECISION})["Lò Văn Chờ"]
    assert expected == D(2024, 4, 15)
    assert overdue.overdue and overdue.days_left == -4  # 16, 17, 19 and 22/4: Giỗ Tổ (18/4) is off


def test_ceremony_deadline_across_tet_2025(cast):
    decided = D(2025, 1, 20)
    f.admit(cast.district_officer, cast.cell_a1a, "Lò Thị Lễ", resolution_on=D(2024, 12, 2), decided_on=decided,
            ceremony_on=None)
    days = rule("admission.ceremony_deadline_working_days", on=decided).value
    expected = by_hand(decided, days)
    assert expected != naive(decided, days)
    item = _items(cast, D(2025, 2, 3), {DueKind.ADMISSION_CEREMONY})["Lò Thị Lễ"]
    assert item.deadline == expected


def test_transfer_presentation_across_30_4_in_2024(cast):
    out_on = D(2024, 4, 22)
    person = f.member(cast.district_officer, cast.cell_a1a, "Vàng Văn Chuyển")
    services.member_transfer_out(actor=cast.district_officer, person=person, temporary=False, occurred_on=out_on,
                                 letter=f.letter(), destination=cast.cell_a1b)
    days = rule("transfer.present_deadline_working_days", on=out_on).value
    expected = by_hand(out_on, days)
    item = _items(cast, D(2024, 5, 2), {DueKind.TRANSFER_PRESENTATION})["Vàng Văn Chuyển"]
    assert item.deadline == expected
    assert item.deadline != naive(out_on, days)


def test_recognition_deadline_across_30_4_in_2025(cast):
    person = f.admit(cast.district_officer, cast.cell_a1a, "Sùng Văn Dự", resolution_on=D(2024, 3, 1),
                     decided_on=D(2024, 4, 1), ceremony_on=D(2024, 4, 15))
    end = D(2025, 4, 15)
    months = rule("recognition.probation_months", on=D(2024, 4, 15)).value
    assert months == 12
    days = rule("recognition.consider_deadline_working_days", on=end).value
    expected = by_hand(end, days)
    assert expected != naive(end, days)
    item = _items(cast, D(2025, 5, 5), {DueKind.RECOGNITION})["Sùng Văn Dự"]
    assert item.deadline == expected
    # once recognised, nothing is due
    services.recognition_record(actor=cast.district_officer, person=person, decision=f.decision(D(2025, 5, 5)))
    assert "Sùng Văn Dự" not in _items(cast, D(2025, 5, 6), None)


def test_probation_ending_this_month(cast):
    f.admit(cast.district_officer, cast.cell_a1a, "Sùng Thị Tháng", resolution_on=D(2024, 3, 1),
            decided_on=D(2024, 4, 1), ceremony_on=D(2024, 5, 10))
    items = _items(cast, D(2025, 5, 2), {DueKind.PROBATION_ENDING})
    assert items["Sùng Thị Tháng"].deadline == D(2025, 5, 10)
    assert _items(cast, D(2025, 4, 30), {DueKind.PROBATION_ENDING}) == {}


def test_due_list_is_scoped_and_per_person(cast):
    person = f.candidate(cast.district_officer, cast.cell_a1b, "Lò Văn Khác", registered_on=D(2023, 6, 1),
                         course_on=D(2023, 9, 1), resolution_on=D(2024, 1, 15))
    with pytest.raises(NotInScope):
        queries.due_list(cast.cell_secretary, cast.cell_a1b, on=D(2024, 2, 1))
    assert queries.due_list(cast.cell_secretary, cast.cell_a1a, on=D(2024, 2, 1)) == []
    items = queries.person_due_items(cast.district_officer, person, on=D(2024, 2, 1))
    assert [i.kind for i in items] == [DueKind.ADMISSION_DECISION]
    with pytest.raises(NotInScope):
        queries.person_due_items(cast.outsider, person, on=D(2024, 2, 1))
