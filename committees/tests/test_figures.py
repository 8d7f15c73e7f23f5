"""Committee figures against hand counts: seats filled and vacant, shares of women, under-40 and ethnic-minority
committee members, secretaries who also chair the council, congresses in a period; under the tree of the date."""

from __future__ import annotations

import datetime as dt

import pytest

from committees import services
from committees.figures import FIGURE_KEYS, committee_figures
from committees.models import Seat, SeatEnd, SeatKind
from committees.services import CongressInput, SeatInput, Sizes
from core.testing import Cast
from members.models import Ethnicity
from members.tests.factories import member
from reports.figures import compute, make_request

D = dt.date


@pytest.fixture
def elected(cast: Cast) -> dict[str, object]:
    actor = cast.root_admin
    kinh, tay = Ethnicity.objects.get(code="01"), Ethnicity.objects.get(code="02")
    # name, gender, birth date, ethnicity
    cast_list = [
        ("Hoàng Văn Một", "male", D(1970, 1, 1), tay),      # secretary, 50 on 2020-12-31
        ("Nông Thị Hai", "female", D(1985, 5, 5), tay),    # deputy, 35 -> under 40
        ("Nguyễn Văn Ba", "male", D(1980, 12, 31), kinh),  # turns 40 on 2020-12-31 -> not under 40
        ("Lý Thị Bốn", "female", D(1981, 1, 1), None),     # 39 on 2020-12-31; ethnicity not recorded
        ("Triệu Văn Năm", "male", D(1990, 2, 2), tay),     # executive, resigns in 2020-10
    ]
    people = {name: member(actor, cast.cell_a1a, name, gender=gender, birth_date=born, ethnicity=ethnicity)
              for name, gender, born, ethnicity in cast_list}
    one, two, three, four, five = people.values()
    seats = [SeatInput(p, SeatKind.EXECUTIVE) for p in (one, two, three, four, five)]
    seats += [SeatInput(one, SeatKind.SECRETARY, concurrent_post="council_chair"), SeatInput(one, SeatKind.STANDING),
              SeatInput(two, SeatKind.DEPUTY_SECRETARY), SeatInput(two, SeatKind.STANDING),
              SeatInput(three, SeatKind.INSPECTION_CHAIR)]
    term = services.term_open_by_congress(
        actor=actor, organization=cast.commune_a1, seats=seats, sizes=Sizes(executive=7, standing=3),
        congress=CongressInput(ordinal=2, opened_on=D(2020, 6, 10), closed_on=D(2020, 6, 11)),
    )
    services.seat_end(actor=actor, seat=Seat.objects.get(term=term, person=five, kind=SeatKind.EXECUTIVE),
                      ended_on=D(2020, 10, 1), end_reason=SeatEnd.TRANSFERRED)
    return {"term": term, **people}


def test_figures_match_hand_counts(cast: Cast, elected: dict) -> None:
    figures = committee_figures(cast.district_a, date_from=D(2020, 1, 1), date_to=D(2020, 12, 31),
                                as_of=D(2020, 12, 31))
    assert set(figures) == set(FIGURE_KEYS)
    # Hand counts on 31/12/2020: four executive members (the fifth left on 01/10/2020) of 7 seats set.
    assert figures["committees"] == 1
    assert figures["executive_members"] == 4
    assert figures["executive_seats_set"] == 7 and figures["executive_vacant"] == 3
    assert figures["standing_members"] == 2 and figures["standing_vacant"] == 1
    assert figures["secretaries"] == 1 and figures["deputy_secretaries"] == 1
    assert figures["inspection_members"] == 1 and figures["inspection_chairs"] == 1
    assert figures["committee_members_women"] == 2  # Hai, Bốn
    assert figures["committee_members_under_40"] == 2  # Hai (35), Bốn (39); Ba turns 40 that day
    assert figures["committee_members_ethnic_minority"] == 2  # Một, Hai (Tày); Ba is Kinh, Bốn not recorded
    assert figures["committee_members_women_permille"] == 500
    assert figures["committee_members_under_40_permille"] == 500
    assert figures["secretaries_chairing_council"] == 1 and figures["secretaries_chairing_government"] == 0
    assert figures["congresses_held"] == 1 and figures["terms_appointed"] == 0
    # Before the resignation Năm (Tày, 30) still counts, and Ba is 39: 5 members, 3 minority, 4 under 40.
    before = committee_figures(cast.district_a, date_from=D(2020, 1, 1), date_to=D(2020, 12, 31),
                               as_of=D(2020, 9, 30))
    assert before["executive_members"] == 5
    assert before["committee_members_ethnic_minority"] == 3 and before["committee_members_under_40"] == 4
    assert before["committee_members_ethnic_minority_permille"] == 600


def test_other_subtrees_and_other_periods_count_nothing(cast: Cast, elected: dict) -> None:
    other = committee_figures(cast.district_b, date_from=D(2020, 1, 1), date_to=D(2020, 12, 31),
                              as_of=D(2020, 12, 31))
    assert other["committees"] == 0 and other["executive_members"] == 0
    assert other["committee_members_women_permille"] == 0 and other["congresses_held"] == 0
    earlier = committee_figures(cast.district_a, date_from=D(2019, 1, 1), date_to=D(2019, 12, 31),
                                as_of=D(2019, 12, 31))
    assert earlier["committees"] == 0 and earlier["congresses_held"] == 0


def test_the_figures_service_includes_the_namespace(cast: Cast, elected: dict) -> None:
    result = compute(make_request(organization=cast.province, date_from=D(2020, 1, 1), date_to=D(2020, 12, 31),
                                  as_of=D(2020, 12, 31)))
    assert result["figures"]["committees"]["executive_members"] == 4


def test_a_fixed_number_of_queries_whatever_the_size(cast: Cast, elected: dict, django_assert_num_queries) -> None:
    with django_assert_num_queries(7):
        committee_figures(cast.province, date_from=D(2020, 1, 1), date_to=D(2020, 12, 31), as_of=D(2020, 12, 31))
