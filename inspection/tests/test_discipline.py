"""Discipline decisions: the forms allowed per subject and per rule version (both sides of each date), removal
from post only for a member holding a committee seat on the date, the expulsion written through the members
service, appeals, the core.discipline answers; refusals name the rule and field and write nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from committees import services as committees_services
from committees.models import SeatKind
from committees.services import CongressInput, SeatInput
from core.discipline import disciplined_organizations, disciplined_people
from core.errors import DomainError, NotInScope
from core.models import ChangeRecord
from core.testing import Cast
from inspection import services
from inspection.models import Discipline, DisciplineSubject
from inspection.tests.helpers import decision, discipline_args, inspector
from members.models import EventKind, Person, Status
from members.tests.factories import member

D = dt.date


@pytest.fixture
def official(cast: Cast) -> Person:
    return member(cast.root_admin, cast.cell_a1a, "Nguyễn Văn An", birth_date=D(1975, 1, 1))


@pytest.fixture
def probationary(cast: Cast) -> Person:
    return member(cast.root_admin, cast.cell_a1b, "Phạm Văn Mới", admitted_on=D(2024, 5, 4), official=False)


def _decide(cast: Cast, on: dt.date, form: str, **kwargs: object) -> Discipline:
    return services.discipline_decide(**discipline_args(cast, form=form, decision=decision(on), **kwargs))


@pytest.mark.parametrize(("on", "citation"), [
    (D(2017, 11, 15), "102-QĐ/TW"), (D(2022, 7, 5), "102-QĐ/TW"), (D(2022, 7, 6), "69-QĐ/TW ngày 06/07/2022, Điều 7"),
    (D(2025, 2, 13), "69-QĐ/TW ngày 06/07/2022, Điều 7"), (D(2025, 2, 14), "264-QĐ/TW")])
def test_a_member_is_disciplined_under_the_rule_of_the_date(cast: Cast, official: Person, on: dt.date,
                                                            citation: str) -> None:
    found = _decide(cast, on, "warning", subject_person=official)
    assert found.subject == DisciplineSubject.OFFICIAL
    assert citation in found.rule.citation
    assert found.unit == cast.cell_a1a


def test_before_the_first_recorded_rule_nothing_is_allowed(cast: Cast, official: Person) -> None:
    with pytest.raises(DomainError) as caught:
        _decide(cast, D(2017, 11, 14), "warning", subject_person=official)
    assert caught.value.field == "decision_date"
    assert not Discipline.objects.exists()


def test_organization_rules_start_with_07_qdi(cast: Cast) -> None:
    with pytest.raises(DomainError) as caught:
        _decide(cast, D(2018, 8, 27), "reprimand", subject_organization=cast.commune_a1)
    assert caught.value.field == "decision_date"
    found = _decide(cast, D(2018, 8, 28), "dissolution", subject_organization=cast.commune_a1)
    assert "07-QĐi/TW" in found.rule.citation and found.subject == DisciplineSubject.ORGANIZATION


@pytest.mark.parametrize("form", ["expulsion", "dismissal"])
def test_an_organization_is_not_expelled_nor_removed_from_post(cast: Cast, form: str) -> None:
    with pytest.raises(DomainError) as caught:
        _decide(cast, D(2023, 3, 1), form, subject_organization=cast.commune_a1)
    assert caught.value.field == "form" and "69-QĐ/TW" in str(caught.value.message)


@pytest.mark.parametrize("form", ["expulsion", "dismissal", "dissolution"])
def test_a_probationary_member_only_gets_reprimand_or_warning(cast: Cast, probationary: Person, form: str) -> None:
    with pytest.raises(DomainError) as caught:
        _decide(cast, D(2024, 9, 1), form, subject_person=probationary)
    assert caught.value.field == "form"
    assert _decide(cast, D(2024, 9, 1), "reprimand", subject_person=probationary).subject == "probationary"


def test_removal_from_post_needs_a_seat_held_on_the_date(cast: Cast, official: Person) -> None:
    committees_services.term_open_by_congress(
        actor=cast.root_admin, organization=cast.cell_a1a,
        congress=CongressInput(ordinal=1, opened_on=D(2020, 5, 9), closed_on=D(2020, 5, 10)),
        seats=[SeatInput(official, SeatKind.EXECUTIVE), SeatInput(official, SeatKind.SECRETARY)])
    with pytest.raises(DomainError) as caught:
        _decide(cast, D(2020, 5, 9), "dismissal", subject_person=official)
    assert caught.value.field == "form" and "09/05/2020" in str(caught.value.message)
    found = _decide(cast, D(2021, 3, 1), "dismissal", subject_person=official)
    assert found.post_seat is not None and found.post_seat.person == official


def test_an_expulsion_writes_the_members_expulsion_event(cast: Cast, official: Person) -> None:
    found = _decide(cast, D(2023, 3, 1), "expulsion", subject_person=official)
    official.refresh_from_db()
    assert found.expulsion_event is not None and found.expulsion_event.kind == EventKind.EXPULSION
    assert official.status == Status.EXPELLED
    with pytest.raises(DomainError) as caught:  # an expelled person is no longer a member to discipline
        _decide(cast, D(2023, 4, 1), "warning", subject_person=official)
    assert caught.value.field == "subject_person"


def test_an_expulsion_needs_the_right_to_change_member_files(cast: Cast, official: Person) -> None:
    user = inspector(cast, cast.district_a)
    with pytest.raises(DomainError) as caught:
        _decide(cast, D(2023, 3, 1), "expulsion", subject_person=official, actor=user)
    assert caught.value.field == "form"
    assert not Discipline.objects.exists()
    assert _decide(cast, D(2023, 3, 1), "warning", subject_person=official, actor=user).form == "warning"


def test_bad_input_reports_every_fault_and_writes_nothing(cast: Cast, official: Person) -> None:
    before = ChangeRecord.objects.count()
    with pytest.raises(DomainError) as caught:
        services.discipline_decide(**discipline_args(
            cast, form="dissolution", grounds="  ", body="cell", subject_person=official,
            decision=decision(D(2023, 3, 1), number="12/ABC")))
    fields = {e.field for e in getattr(caught.value, "errors", [caught.value])}
    assert {"grounds", "decision_number", "form", "body"} <= fields
    assert ChangeRecord.objects.count() == before and not Discipline.objects.exists()


def test_a_subject_outside_the_deciding_organization_is_refused(cast: Cast) -> None:
    with pytest.raises(DomainError) as caught:
        _decide(cast, D(2023, 3, 1), "reprimand", subject_organization=cast.commune_b1)
    assert caught.value.field == "organization"


def test_out_of_scope_answers_404(cast: Cast, official: Person) -> None:
    with pytest.raises(NotInScope):
        _decide(cast, D(2023, 3, 1), "warning", subject_person=official, actor=inspector(cast, cast.district_b))


def test_disciplined_in_a_year_and_appeals(cast: Cast, official: Person) -> None:
    found = _decide(cast, D(2023, 3, 1), "warning", subject_person=official)
    org = _decide(cast, D(2023, 5, 1), "reprimand", subject_organization=cast.commune_a1)
    assert disciplined_people([official.pk], 2023) == {official.pk}
    assert disciplined_people([official.pk], 2022) == set()
    assert disciplined_organizations([cast.commune_a1.pk, cast.commune_a2.pk], 2023) == {cast.commune_a1.pk}
    appeal = services.appeal_file(actor=cast.root_admin, discipline=found, filed_on=D(2023, 3, 20),
                                  filed_with="Ủy ban Kiểm tra Tỉnh ủy")
    with pytest.raises(DomainError) as caught:
        services.appeal_decide(actor=cast.root_admin, appeal=appeal, outcome="changed", decided_on=D(2023, 5, 1),
                               new_form="dissolution")
    assert caught.value.field == "new_form"
    services.appeal_decide(actor=cast.root_admin, appeal=appeal, outcome="annulled", decided_on=D(2023, 5, 1))
    assert disciplined_people([official.pk], 2023) == set()
    other = services.appeal_file(actor=cast.root_admin, discipline=org, filed_on=D(2023, 5, 2), filed_with="Tỉnh ủy")
    decided = services.appeal_decide(actor=cast.root_admin, appeal=other, outcome="changed",
                                     decided_on=D(2023, 6, 1), new_form="warning")
    assert decided.new_form == "warning"
    with pytest.raises(DomainError):
        services.appeal_file(actor=cast.root_admin, discipline=org, filed_on=D(2023, 4, 1), filed_with="Tỉnh ủy")


def test_a_decision_dated_in_the_future_is_refused(cast: Cast, official: Person) -> None:
    with pytest.raises(DomainError) as caught:
        _decide(cast, dt.date.today() + dt.timedelta(days=30), "warning", subject_person=official)
    assert caught.value.field == "decision_date" and not Discipline.objects.exists()
