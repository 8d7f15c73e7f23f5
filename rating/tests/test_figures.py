"""Results as of a year under the tree of that year, across a merge of two cells the year after."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from core.decisions import Decision
from core.testing import Cast, kind
from organizations.models import Organization
from organizations.services import NewOrganization, organization_merge
from rating import services
from rating.figures import rating_figures, results
from rating.models import Level, StepKind
from rating.services import RatingEntry

D = dt.date
pytestmark = pytest.mark.django_db


def test_results_of_a_year_across_a_merge_of_two_cells(cast: Cast, make_members: Callable) -> None:
    a = make_members(cast.cell_a1a, 3)
    b = make_members(cast.cell_a1b, 2, start=5)
    campaign = services.campaign_open(actor=cast.root_admin, organization=cast.commune_a1, year=2020, historic=True,
                                      decision=Decision("9-QĐ/ĐU", D(2020, 12, 28)))
    services.rating_record_many(actor=cast.root_admin, campaign=campaign, step=StepKind.DECISION, on=D(2020, 12, 28),
                                entries=[RatingEntry(Level.GOOD, organization=cast.cell_a1a),
                                         RatingEntry(Level.EXCELLENT, organization=cast.cell_a1b)])
    levels = [Level.EXCELLENT, Level.GOOD, Level.GOOD, Level.COMPLETED, Level.GOOD]
    services.rating_record_many(actor=cast.root_admin, campaign=campaign, step=StepKind.DECISION, on=D(2020, 12, 28),
                                entries=[RatingEntry(level, person=p) for level, p in zip(levels, a + b, strict=True)])
    organization_merge(actor=cast.root_admin, sources=[cast.cell_a1a, cast.cell_a1b],
                       target=NewOrganization("T-A-1-m", "Chi bộ thôn Nà Rì - Khuổi Hỏm", kind("cell"),
                                              cast.commune_a1),
                       effective_on=D(2021, 3, 1), decision=Decision("15-QĐ/ĐU", D(2021, 2, 20)))
    year = rating_figures(cast.commune_a1, year=2020, on=D(2020, 12, 31))
    assert (year["members_rated"], year["members_excellent"], year["members_good"], year["members_completed"]) == \
        (5, 1, 3, 1)
    assert year["members_excellent_percent"] == 20 and year["members_good_or_better_percent"] == 80
    assert (year["cells_rated"], year["cells_excellent"], year["cells_good_or_better_percent"]) == (2, 1, 100)
    assert year["members_excellent_label"] == "Hoàn thành xuất sắc nhiệm vụ"
    # The district counts them too; the other district does not; nothing is rated in 2021 yet.
    assert rating_figures(cast.district_a, year=2020, on=D(2020, 12, 31))["members_rated"] == 5
    assert rating_figures(cast.district_b, year=2020, on=D(2020, 12, 31))["members_rated"] == 0
    assert rating_figures(cast.commune_a1, year=2021, on=D(2021, 12, 31))["members_rated"] == 0
    # Two years running "not completed": b[0] was "completed" in 2020, so not counted; b[1] rated 2020 and 2021.
    later = services.campaign_open(actor=cast.root_admin, organization=cast.commune_a1, year=2021, historic=True,
                                   decision=Decision("3-QĐ/ĐU", D(2021, 12, 28)))
    services.rating_record_many(actor=cast.root_admin, campaign=later, step=StepKind.DECISION, on=D(2021, 12, 28),
                                entries=[RatingEntry(Level.NOT_COMPLETED, person=p) for p in b])
    assert rating_figures(cast.commune_a1, year=2021, on=D(2021, 12, 31))["members_not_completed_two_years"] == 0
    services.rating_record(actor=cast.root_admin, campaign=campaign, step=StepKind.DECISION, amend=True,
                           entry=RatingEntry(Level.NOT_COMPLETED, person=b[1]), on=D(2021, 1, 10),
                           decision=Decision("1-QĐ/ĐU", D(2021, 1, 10)))
    assert rating_figures(cast.commune_a1, year=2021, on=D(2021, 12, 31))["members_not_completed_two_years"] == 1
    # Each cell of 2020 still has its own results; the merged cell of 2021 has none for 2020.
    assert rating_figures(cast.cell_a1b, year=2020, on=D(2020, 12, 31))["members_rated"] == 2
    # The merged cell of 2021 is younger than 31/12/2020: its previous year is its two predecessors' 2020, summed.
    merged = Organization.objects.get(code="T-A-1-m")
    services.rating_record_many(actor=cast.root_admin, campaign=later, step=StepKind.DECISION, on=D(2021, 12, 28),
                                entries=[RatingEntry(Level.GOOD, person=p) for p in a])
    compared = results(merged, year=2021, on=D(2021, 12, 31))
    assert compared["members_rated"] == 5 and compared["rating_previous_predecessors"] == 2
    assert (compared["members_rated_previous"], compared["members_excellent_previous"],
            compared["members_good_previous"], compared["members_not_completed_previous"]) == (5, 1, 2, 1)
    assert compared["members_good_or_better_percent_previous"] == 60
    assert (compared["cells_rated_previous"], compared["cells_excellent_previous"]) == (2, 1)  # the two cells
    # The commune existed in 2020: its own subtree, the two cells as they stood then.
    commune = results(cast.commune_a1, year=2021, on=D(2021, 12, 31))
    assert commune["rating_previous_predecessors"] == 0
    assert (commune["members_rated_previous"], commune["cells_rated_previous"],
            commune["cells_good_or_better_percent_previous"]) == (5, 2, 100)
