"""Leaders as subjects, data-driven per scheme: the holders of the scheme's leader seats (committees.Seat) on the
reference date in the organizations rated; rated after their collective; a person rated both as a member and as a
leader; a member holding no such seat refused as a leader with the article, nothing written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from committees.checks import SeatInput
from committees.models import SeatKind
from committees.services import term_open_by_appointment
from core.decisions import Decision
from core.errors import DomainError
from core.models import ChangeRecord
from core.testing import Cast
from rating import services
from rating import subjects as subj
from rating.figures import rating_figures
from rating.models import Level, Rating, StepKind, Subject
from rating.services import RatingEntry
from rating.tests.conftest import self_assess

D = dt.date
pytestmark = pytest.mark.django_db
DECIDED = Decision("20-QĐ/HU", D(2023, 12, 28), "Ban Thường vụ Huyện ủy")


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def test_leaders_from_seats_after_their_collective(cast: Cast, make_members: Callable) -> None:
    actor = cast.root_admin
    secretary, executive, other = make_members(cast.cell_a1a, 3)
    term_open_by_appointment(actor=actor, organization=cast.commune_a1, starts_on=D(2021, 3, 1),
                             appointed_by=cast.district_a, decision=Decision("3-QĐ/HU", D(2021, 2, 20)),
                             seats=[SeatInput(secretary, SeatKind.EXECUTIVE), SeatInput(secretary, SeatKind.SECRETARY),
                                    SeatInput(executive, SeatKind.EXECUTIVE)])
    campaign = services.campaign_open(actor=actor, organization=cast.district_a, year=2023)
    leaders = subj.leader_subjects(campaign)
    assert [(r.person, r.organization, r.role) for r in leaders] == [(secretary, cast.commune_a1, "secretary")]
    assert "124-QĐ/TW" in campaign.scheme.leaders_article

    before = (Rating.objects.count(), ChangeRecord.objects.count())
    with pytest.raises(DomainError) as error:
        self_assess(actor, campaign, [RatingEntry(Level.GOOD, person=executive, leader=True)], D(2023, 12, 1))
    assert "124-QĐ/TW" in str(error.value.message) and "secretary" in str(error.value.message)
    assert (Rating.objects.count(), ChangeRecord.objects.count()) == before

    orgs = [cast.cell_a1a, cast.cell_a1b, cast.commune_a1]
    self_assess(actor, campaign, [RatingEntry(Level.GOOD, organization=o) for o in orgs]
                + [RatingEntry(Level.GOOD, person=p) for p in (secretary, executive, other)]
                + [RatingEntry(Level.GOOD, person=secretary, leader=True)], D(2023, 12, 1))
    assert Rating.objects.filter(campaign=campaign, person=secretary).count() == 2  # as a member and as a leader
    client = Client()
    client.force_login(cast.district_officer)
    board = client.get(reverse("rating:board", args=[campaign.pk])).content.decode()
    assert f'data-leader="{secretary.pk}"' in board and f'data-leader="{executive.pk}"' not in board
    entry = reverse("rating:leaders_entry", args=[campaign.pk])
    assert secretary.full_name in client.get(entry).content.decode()
    assert client.post(entry, {"step": "review", "on": "05/12/2023", "level_0": "good"}).status_code == 302
    assert Rating.objects.get(campaign=campaign, subject=Subject.LEADER).steps.filter(kind=StepKind.REVIEW).exists()
    translation.activate("en")  # the pages answered in the user's language
    with pytest.raises(DomainError) as error:  # the commune is not decided yet
        services.rating_record(actor=actor, campaign=campaign, step=StepKind.DECISION, on=D(2023, 12, 28),
                               decision=DECIDED, entry=RatingEntry(Level.GOOD, person=secretary, leader=True))
    assert "after their collective" in str(error.value.message)
    services.rating_record_many(actor=actor, campaign=campaign, step=StepKind.DECISION, on=D(2023, 12, 28),
                                decision=DECIDED, entries=[RatingEntry(Level.GOOD, organization=o) for o in orgs[:2]])
    services.rating_record_many(actor=actor, campaign=campaign, step=StepKind.DECISION, on=D(2023, 12, 28),
                                decision=DECIDED, entries=[RatingEntry(Level.GOOD, organization=cast.commune_a1),
                                                           RatingEntry(Level.COMPLETED, person=secretary,
                                                                       leader=True)])
    leader = Rating.objects.get(campaign=campaign, subject=Subject.LEADER)
    assert (leader.person, leader.level) == (secretary, Level.COMPLETED)
    figures = rating_figures(cast.district_a, year=2023, on=D(2023, 12, 31))
    assert (figures["leaders_rated"], figures["leaders_completed"], figures["members_rated"]) == (1, 1, 0)
    assert figures["leaders_completed_label"] == "Hoàn thành nhiệm vụ"

    # The scheme before 2018 rates no leaders as a subject: nobody is listed.
    old = services.campaign_open(actor=actor, organization=cast.district_a, year=2016, historic=True,
                                 decision=Decision("1-QĐ/HU", D(2016, 12, 28)))
    assert old.scheme.leader_seats == [] and subj.leader_subjects(old) == []
