"""Inspection figures against hand counts on records unlike the demo's: two districts, two years, every kind of
subject, organizations of both levels, and a decision annulled on appeal."""

from __future__ import annotations

import datetime as dt

import pytest

from core.testing import Cast
from inspection import services
from inspection.exports import statistics_rows
from inspection.figures import inspection_figures
from inspection.tests.helpers import decision
from members.tests.factories import member

D = dt.date


def _inspect(cast: Cast, organization: object, on: dt.date, kind: str, **subject: object) -> None:
    services.inspection_create(actor=cast.root_admin, organization=organization, body="inspection_committee",
                               kind=kind, content="Nội dung", starts_on=on, **subject)


def _discipline(cast: Cast, organization: object, on: dt.date, form: str, **subject: object) -> object:
    return services.discipline_decide(actor=cast.root_admin, organization=organization, body="standing", form=form,
                                      decision=decision(on), grounds="Vi phạm", **subject)


@pytest.fixture
def records(cast: Cast) -> None:
    a1 = member(cast.root_admin, cast.cell_a1a, "Nguyễn Văn An")
    a2 = member(cast.root_admin, cast.cell_a1b, "Trần Thị Bình")
    fresh = member(cast.root_admin, cast.cell_a1b, "Phạm Văn Mới", admitted_on=D(2022, 3, 1), official=False)
    # 2022 (previous year): district A inspects 1 organization; commune A1 supervises 1 member.
    _inspect(cast, cast.district_a, D(2022, 4, 1), "inspection", subject_organization=cast.commune_a2)
    _inspect(cast, cast.commune_a1, D(2022, 5, 1), "supervision", subject_person=a1)
    _discipline(cast, cast.district_a, D(2022, 9, 1), "warning", subject_person=fresh)
    # 2023: district A: 2 inspections of organizations (one on signs of violation), 1 of a member,
    # 2 supervisions of organizations; district B: 1 inspection (not under A).
    _inspect(cast, cast.district_a, D(2023, 1, 10), "inspection", subject_organization=cast.commune_a1)
    _inspect(cast, cast.district_a, D(2023, 2, 10), "violation_signs", subject_organization=cast.cell_a1a)
    _inspect(cast, cast.commune_a1, D(2023, 4, 10), "inspection", subject_person=a2)
    _inspect(cast, cast.district_a, D(2023, 7, 10), "supervision", subject_organization=cast.commune_a2)
    _inspect(cast, cast.cell_a1a, D(2023, 12, 31), "supervision", subject_organization=cast.cell_a1a)
    _inspect(cast, cast.district_b, D(2023, 3, 3), "inspection", subject_organization=cast.commune_b1)
    # 2023 discipline under A: a reprimand of a member, a warning of a commune (annulled on appeal), an
    # expulsion; under B: a reprimand of the commune (not counted under A).
    _discipline(cast, cast.district_a, D(2023, 3, 1), "reprimand", subject_person=a2)
    warned = _discipline(cast, cast.district_a, D(2023, 6, 1), "warning", subject_organization=cast.commune_a2)
    appeal = services.appeal_file(actor=cast.root_admin, discipline=warned, filed_on=D(2023, 6, 10),
                                  filed_with="Tỉnh ủy")
    services.appeal_decide(actor=cast.root_admin, appeal=appeal, outcome="annulled", decided_on=D(2023, 8, 1))
    _discipline(cast, cast.commune_a1, D(2023, 10, 1), "expulsion", subject_person=a1)
    _discipline(cast, cast.district_b, D(2023, 5, 1), "reprimand", subject_organization=cast.commune_b1)


def test_hand_counts_for_district_a(cast: Cast, records: None) -> None:
    got = inspection_figures(cast.district_a, date_from=D(2023, 1, 1), date_to=D(2023, 12, 31))
    expected = {
        "inspections": 3, "inspections_previous": 1, "inspections_change": 2,
        "inspections_organization": 2, "inspections_member": 1,
        "inspections_inspection_organization": 1, "inspections_violation_signs_organization": 1,
        "inspections_inspection_member": 1, "inspections_violation_signs_member": 0,
        "supervisions": 2, "supervisions_previous": 1, "supervisions_change": 1,
        "supervisions_organization": 2, "supervisions_member": 0, "supervisions_member_previous": 1,
        "disciplines": 3, "disciplines_previous": 1, "disciplines_change": 2,
        "disciplines_member": 2, "disciplines_organization": 1, "disciplines_probationary": 0,
        "disciplines_probationary_previous": 1, "disciplines_reprimand": 1, "disciplines_warning": 1,
        "disciplines_warning_previous": 1, "disciplines_warning_change": 0, "disciplines_expulsion": 1,
        "disciplines_expulsion_member": 1, "disciplines_warning_organization": 1, "disciplines_annulled": 1,
        "disciplines_dissolution": 0,
    }
    assert {key: got[key] for key in expected} == expected


def test_hand_counts_for_a_commune_and_the_other_district(cast: Cast, records: None) -> None:
    commune = inspection_figures(cast.commune_a1, date_from=D(2023, 1, 1), date_to=D(2023, 12, 31))
    assert (commune["inspections"], commune["supervisions"], commune["disciplines"]) == (1, 1, 2)
    assert commune["disciplines_organization"] == 0  # the commune disciplined is A2, not under A1
    other = inspection_figures(cast.district_b, date_from=D(2023, 1, 1), date_to=D(2023, 12, 31))
    assert (other["inspections"], other["supervisions"], other["disciplines_reprimand_organization"]) == (1, 0, 1)
    half = inspection_figures(cast.district_a, date_from=D(2023, 1, 1), date_to=D(2023, 6, 30))
    assert (half["inspections"], half["supervisions"], half["disciplines"]) == (3, 0, 2)


def test_quarterly_table_adds_up_to_the_year(cast: Cast, records: None) -> None:
    quarters = statistics_rows(cast.district_a, 2023, "quarter")
    year = statistics_rows(cast.district_a, 2023, "year")[0]
    assert [sum(row[i] for row in quarters) for i in range(1, len(year))] == year[1:]
    assert quarters[0][1] == 2 and quarters[0][3] == 1  # Q1: A1 inspected, cell A1a on signs of violation


def test_cumulative_periods_of_the_sector_reports(cast: Cast, records: None) -> None:
    rows = statistics_rows(cast.district_a, 2023, "cumulative")
    assert [row[0].split()[-1] for row in rows] == ["2023"] * 4
    assert [row[1] for row in rows] == [2, 2, 2, 2]  # organizations inspected: both in Q1, none later
    assert [row[6] for row in rows] == [0, 0, 1, 2]  # organizations supervised: July, then the cell on 31/12


def test_a_fixed_number_of_queries(cast: Cast, records: None, django_assert_num_queries: object) -> None:
    with django_assert_num_queries(6):  # type: ignore[operator]  # per period: the paths, two aggregates
        inspection_figures(cast.district_a, date_from=D(2023, 1, 1), date_to=D(2023, 12, 31))


def test_every_key_has_a_label(cast: Cast, records: None) -> None:
    from core.figures import label

    got = inspection_figures(cast.district_a, date_from=D(2023, 1, 1), date_to=D(2023, 12, 31))
    assert [key for key in got if label("inspection", key) == key] == []
    assert str(label("inspection", "disciplines_change")).startswith(str(label("inspection", "disciplines")))
