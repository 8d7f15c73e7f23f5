"""Terms, congresses and seats: a committee as of any date across an election, an appointment after a merger and a
resignation; refusals naming the rule and field with nothing written; scope."""

from __future__ import annotations

import datetime as dt

import pytest

from committees import services
from committees.models import Congress, Seat, SeatBasis, SeatEnd, SeatKind, Term, TermOpening
from committees.queries import committee_as_of, seats_of_person
from committees.services import CongressInput, SeatInput, Sizes
from core.decisions import Decision
from core.errors import DomainError, Faults, NotInScope
from core.models import ChangeRecord
from core.testing import Cast, establish, kind
from members.tests.factories import member
from organizations.services import NewOrganization, organization_merge

D = dt.date
CLOSED = dt.date(2020, 8, 20)


def _congress(ordinal: int = 3, closed: dt.date = CLOSED) -> CongressInput:
    return CongressInput(ordinal=ordinal, opened_on=closed - dt.timedelta(days=1), closed_on=closed, delegates=150,
                         delegates_present=148, resolution_number="01-NQ/ĐH", resolution_date=closed)


@pytest.fixture
def people(cast: Cast) -> dict[str, object]:
    actor = cast.root_admin
    return {
        "an": member(actor, cast.cell_a1a, "Nguyễn Văn An", birth_date=D(1975, 1, 1)),
        "binh": member(actor, cast.cell_a1a, "Trần Thị Bình", gender="female", birth_date=D(1988, 6, 1)),
        "cuong": member(actor, cast.cell_a1b, "Lê Văn Cường", birth_date=D(1990, 3, 3)),
        "dung": member(actor, cast.cell_a1b, "Hoàng Thị Dung", gender="female", birth_date=D(1970, 3, 3)),
        "fresh": member(actor, cast.cell_a1b, "Phạm Văn Mới", admitted_on=D(2020, 5, 4), official=False),
    }


def _elect(cast: Cast, people: dict, closed: dt.date = CLOSED, **kw: object) -> Term:
    seats = [
        SeatInput(people["an"], SeatKind.EXECUTIVE), SeatInput(people["an"], SeatKind.STANDING),
        SeatInput(people["an"], SeatKind.SECRETARY, concurrent_post="council_chair"),
        SeatInput(people["binh"], SeatKind.EXECUTIVE), SeatInput(people["binh"], SeatKind.STANDING),
        SeatInput(people["binh"], SeatKind.DEPUTY_SECRETARY),
        SeatInput(people["cuong"], SeatKind.EXECUTIVE),
        SeatInput(people["dung"], SeatKind.INSPECTION_CHAIR),
    ]
    return services.term_open_by_congress(actor=cast.root_admin, organization=cast.commune_a1,
                                          congress=_congress(closed=closed), seats=seats,
                                          sizes=Sizes(executive=5, standing=2), **kw)


def test_a_congress_opens_a_term_with_its_elected_committee(cast: Cast, people: dict) -> None:
    term = _elect(cast, people)
    assert term.opened_by == TermOpening.CONGRESS
    assert term.starts_on == D(2020, 8, 20)
    assert term.label == "2020–2025"  # commune: 60 months (committee.term_months.grassroots)
    assert Congress.objects.get(term=term).ordinal_roman == "III"
    assert Seat.objects.filter(term=term, basis=SeatBasis.ELECTED).count() == 8
    committee = committee_as_of(cast.root_admin, organization=cast.commune_a1, on=D(2021, 1, 1))
    assert committee.secretary is not None and committee.secretary.person == people["an"]
    assert [s.person for s in committee.deputies] == [people["binh"]]
    assert committee.inspection_chair is not None
    assert committee.positions(people["an"])[0] == str(SeatKind.SECRETARY.label)
    assert committee_as_of(cast.root_admin, organization=cast.commune_a1, on=D(2020, 8, 19)).term is None
    assert ChangeRecord.objects.filter(object_id=str(term.pk), content_type__model="term").exists()


def test_a_cell_term_lasts_thirty_months(cast: Cast, people: dict) -> None:
    term = services.term_open_by_congress(
        actor=cast.root_admin, organization=cast.cell_a1a, congress=_congress(1, D(2020, 5, 10)),
        seats=[SeatInput(people["an"], SeatKind.EXECUTIVE), SeatInput(people["an"], SeatKind.SECRETARY)])
    assert term.planned_end_on == D(2022, 11, 10)
    assert term.label == "2020–2022"


def test_committee_as_of_across_an_election_and_a_resignation(cast: Cast, people: dict) -> None:
    first = _elect(cast, people, closed=D(2015, 8, 20))
    an_secretary = Seat.objects.get(term=first, person=people["an"], kind=SeatKind.EXECUTIVE)
    services.seat_end(actor=cast.root_admin, seat=an_secretary, ended_on=D(2017, 3, 1),
                      end_reason=SeatEnd.RESIGNED, reason="Xin thôi")
    # Leaving the executive committee ended the standing committee and secretary seats the same day.
    assert not Seat.objects.filter(term=first, person=people["an"], ended_on__isnull=True).exists()
    mid = committee_as_of(cast.root_admin, organization=cast.commune_a1, on=D(2017, 3, 1))
    assert mid.secretary is None and people["an"] not in [s.person for s in mid.seats]
    # Bình becomes secretary (bổ sung) after the resignation.
    services.seats_add(actor=cast.root_admin, term=first, starts_on=D(2017, 4, 3),
                       seats=[SeatInput(people["binh"], SeatKind.SECRETARY)],
                       decision=Decision("21-QĐ/HU", D(2017, 4, 3), "Huyện ủy"))
    assert committee_as_of(cast.root_admin, organization=cast.commune_a1, on=D(2017, 4, 3)).secretary.person \
        == people["binh"]  # type: ignore[union-attr]
    # The next congress: the first term and its seats end the day the new term starts.
    second = _elect(cast, people, closed=D(2020, 8, 20))
    first.refresh_from_db()
    assert first.ended_on == D(2020, 8, 20)
    assert not Seat.objects.filter(term=first, ended_on__isnull=True).exists()
    before = committee_as_of(cast.root_admin, organization=cast.commune_a1, on=D(2020, 8, 19))
    after = committee_as_of(cast.root_admin, organization=cast.commune_a1, on=D(2020, 8, 20))
    assert before.term == first and before.secretary.person == people["binh"]  # type: ignore[union-attr]
    assert after.term == second and after.secretary.person == people["an"]  # type: ignore[union-attr]
    history = list(seats_of_person(cast.root_admin, person=people["an"]))
    assert {s.term_id for s in history} == {first.pk, second.pk}


def test_an_appointment_after_a_merger(cast: Cast, people: dict) -> None:
    _elect(cast, people, closed=D(2015, 8, 20))
    event = organization_merge(
        actor=cast.root_admin, sources=[cast.commune_a1, cast.commune_a2],
        target=NewOrganization("T-A-9", "Đảng bộ xã Đồng Hòa", kind("commune"), cast.district_a),
        effective_on=D(2020, 2, 1), decision=Decision("855/NQ-UBTVQH14", D(2020, 1, 10), "UBTVQH"),
    )
    merged = event.links.get(role="target").organization
    cast.commune_a1.refresh_from_db()
    # The old committee ended with its organization.
    assert committee_as_of(cast.root_admin, organization=cast.commune_a1, on=D(2020, 2, 1)).term is None
    assert committee_as_of(cast.root_admin, organization=cast.commune_a1, on=D(2020, 1, 31)).secretary is not None
    term = services.term_open_by_appointment(
        actor=cast.root_admin, organization=merged, starts_on=D(2020, 2, 1), appointed_by=cast.district_a,
        decision=Decision("112-QĐ/HU", D(2020, 1, 20), "Ban Thường vụ Huyện ủy"),
        seats=[SeatInput(people["cuong"], SeatKind.EXECUTIVE), SeatInput(people["cuong"], SeatKind.SECRETARY),
               SeatInput(people["dung"], SeatKind.EXECUTIVE)],
    )
    assert term.opened_by == TermOpening.APPOINTMENT and term.appointed_by == cast.district_a
    committee = committee_as_of(cast.root_admin, organization=merged, on=D(2020, 3, 1))
    assert committee.secretary.person == people["cuong"]  # type: ignore[union-attr]
    assert {s.basis for s in committee.seats} == {SeatBasis.APPOINTED}


# ----------------------------------------------------------------------------- refusals


def _refused(call, *args: object, **kwargs: object) -> DomainError:  # type: ignore[no-untyped-def]
    seats, terms = Seat.objects.count(), Term.objects.count()
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert (Seat.objects.count(), Term.objects.count()) == (seats, terms), "nothing written"
    return caught.value


def test_a_probationary_member_cannot_hold_a_seat(cast: Cast, people: dict) -> None:
    error = _refused(services.term_open_by_congress, actor=cast.root_admin, organization=cast.commune_a1,
                     congress=_congress(), seats=[SeatInput(people["fresh"], SeatKind.EXECUTIVE)])
    assert error.field == "seats.0.person"
    assert "Phạm Văn Mới" in str(error.message) and "29-QĐ/TW" in str(error.message)


def test_a_member_of_another_organization_cannot_hold_a_seat(cast: Cast, people: dict) -> None:
    cell_b = establish(cast.root_admin, "T-B-1-a", "Chi bộ thôn Bản Chang", "cell", cast.commune_b1)
    other = member(cast.root_admin, cell_b, "Vi Văn Khác")
    error = _refused(services.term_open_by_congress, actor=cast.root_admin, organization=cast.commune_a1,
                     congress=_congress(), seats=[SeatInput(other, SeatKind.EXECUTIVE)])
    assert error.field == "seats.0.person" and "Vi Văn Khác" in str(error.message)


def test_two_secretaries_at_once_and_every_fault_is_named(cast: Cast, people: dict) -> None:
    error = _refused(services.term_open_by_congress, actor=cast.root_admin, organization=cast.commune_a1,
                     congress=_congress(), seats=[
                         SeatInput(people["an"], SeatKind.EXECUTIVE), SeatInput(people["an"], SeatKind.SECRETARY),
                         SeatInput(people["binh"], SeatKind.EXECUTIVE), SeatInput(people["binh"], SeatKind.SECRETARY),
                         SeatInput(people["cuong"], SeatKind.STANDING),
                         SeatInput(people["dung"], SeatKind.EXECUTIVE, ended_on=D(2020, 8, 1)),
                     ])
    assert isinstance(error, Faults)
    fields = [e.field for e in error.errors]
    assert "seats.3.kind" in fields  # the second secretary (committee.secretaries_at_a_time)
    assert "seats.4.kind" in fields  # standing committee without an executive seat
    assert "seats.5.ended_on" in fields  # ends before it starts
    assert error.as_dict()["errors"]


def test_a_seat_outside_the_term_is_refused(cast: Cast, people: dict) -> None:
    term = _elect(cast, people)
    error = _refused(services.seats_add, actor=cast.root_admin, term=term,
                     seats=[SeatInput(people["cuong"], SeatKind.STANDING, starts_on=D(2019, 1, 1))],
                     decision=Decision("3-QĐ/HU", D(2020, 9, 1)))
    assert error.field == "seats.0.starts_on"


def test_an_appointment_by_an_incompetent_level_is_refused(cast: Cast, people: dict) -> None:
    error = _refused(services.term_open_by_appointment, actor=cast.root_admin, organization=cast.commune_a1,
                     starts_on=D(2020, 2, 1), appointed_by=cast.province,
                     decision=Decision("5-QĐ/TU", D(2020, 1, 20)), seats=[SeatInput(people["an"], SeatKind.EXECUTIVE)])
    assert error.field == "appointed_by" and "Đảng bộ tỉnh Thử" in str(error.message)


def test_more_people_than_seats_set(cast: Cast, people: dict) -> None:
    error = _refused(services.term_open_by_congress, actor=cast.root_admin, organization=cast.commune_a1,
                     congress=_congress(), sizes=Sizes(executive=1),
                     seats=[SeatInput(people["an"], SeatKind.EXECUTIVE), SeatInput(people["binh"], SeatKind.EXECUTIVE)])
    assert error.field == "sizes.executive"


def test_out_of_scope_writes_answer_not_found(cast: Cast, people: dict) -> None:
    with pytest.raises(NotInScope):
        services.term_open_by_congress(actor=cast.outsider, organization=cast.commune_a1, congress=_congress(),
                                       seats=[SeatInput(people["an"], SeatKind.EXECUTIVE)])
    assert not Term.objects.exists()
    term = _elect(cast, people)
    seat = Seat.objects.filter(term=term).first()
    with pytest.raises(NotInScope):
        services.seat_end(actor=cast.cell_secretary, seat=seat, ended_on=D(2021, 1, 1), end_reason="resigned")
    # The district's organization board may.
    services.seat_end(actor=cast.district_officer, seat=seat, ended_on=D(2021, 1, 1), end_reason="resigned")


def test_a_term_cannot_end_before_a_seat_of_it_begins(cast: Cast, people: dict) -> None:
    first = _elect(cast, people, closed=D(2015, 8, 20))
    services.seats_add(actor=cast.root_admin, term=first, starts_on=D(2020, 9, 1),
                       seats=[SeatInput(people["cuong"], SeatKind.STANDING)],
                       decision=Decision("30-QĐ/HU", D(2020, 9, 1), "Huyện ủy"))
    error = _refused(_elect, cast, people, closed=D(2020, 8, 20))
    assert error.field == "congress.closed_on" and "Lê Văn Cường" in str(error.message)
