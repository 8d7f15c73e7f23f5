"""The home page's rating campaigns in progress (rating/tasks.py): opened with a deadline and nothing decided yet,
with the next deadline (self-assessment, then decision), late once the decision's day has passed."""

from __future__ import annotations

import datetime as dt

import pytest

from core.decisions import Decision
from core.testing import Cast
from rating import services
from rating.tasks import rating_tasks

pytestmark = pytest.mark.django_db


def test_campaigns_in_progress_reach_the_home_page(cast: Cast) -> None:
    services.campaign_open(actor=cast.root_admin, organization=cast.commune_a1, year=2025,
                           self_assessment_due=dt.date(2025, 12, 10), decision_due=dt.date(2025, 12, 30))
    services.campaign_open(actor=cast.root_admin, organization=cast.commune_a2, year=2024, historic=True,
                           decision=Decision("9-QĐ/ĐU", dt.date(2024, 12, 28)))  # past results: nothing to do
    group = rating_tasks(cast.district_officer, cast.district_a, dt.date(2025, 12, 1)).groups[0]
    assert (group.count, group.urgent) == (1, 0) and "10/12/2025" in group.entries[0].label  # self-assessment day
    late = rating_tasks(cast.district_officer, cast.district_a, dt.date(2026, 1, 5)).groups[0]
    assert (late.count, late.urgent) == (1, 1) and late.by_organization == {cast.commune_a1.pk: 1}
    assert "30/12/2025" in late.entries[0].label  # then the decision's day
    assert rating_tasks(cast.cell_secretary, cast.cell_a1a, dt.date(2025, 12, 1)).groups[0].count == 0
