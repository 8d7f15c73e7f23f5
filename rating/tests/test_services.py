"""The rating's rules through its services: schemes by year, subjects and exclusions on both sides of 6 months,
the quota exactly at its limit and one over, step ordering, bars, past results as exceptions, a decision changed
by a later decision, refusals naming the article with nothing written, scope."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from django.utils import translation

from core.decisions import Decision
from core.discipline import register_discipline_source, unregister_discipline_source
from core.errors import DomainError, Faults, NotInScope
from core.models import ChangeRecord
from core.testing import Cast
from rating import queries, services
from rating import subjects as subj
from rating.models import Level, Rating, RatingStep, StepKind
from rating.services import RatingEntry
from rating.tests.conftest import self_assess

D = dt.date
pytestmark = pytest.mark.django_db
DECISION = Decision("12-QĐ/ĐU", D(2023, 12, 28), "Ban Thường vụ Đảng ủy xã")


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The refusals are matched on their English words (translations are tested by the pages)."""
    with translation.override("en"):
        yield


def _counts() -> tuple[int, int, int]:
    return Rating.objects.count(), RatingStep.objects.count(), ChangeRecord.objects.count()


def test_each_year_has_its_scheme_with_its_own_words(cast: Cast) -> None:
    assert subj.scheme_for_year(2013) is None
    assert subj.scheme_for_year(2016).code == "hd27-2014"  # type: ignore[union-attr]
    assert subj.scheme_for_year(2018).code == "qd132"  # type: ignore[union-attr]
    assert subj.scheme_for_year(2022).code == "qd132"  # type: ignore[union-attr]
    assert subj.scheme_for_year(2023).code == "qd124"  # type: ignore[union-attr]
    assert subj.scheme_for_year(2024).code == "qd124"  # type: ignore[union-attr]
    assert subj.scheme_for_year(2025).code == "qd366"  # type: ignore[union-attr]
    old = services.campaign_open(actor=cast.root_admin, organization=cast.commune_a1, year=2016, historic=True,
                                 decision=Decision("3-QĐ/ĐU", D(2016, 12, 20)))
    applied = subj.applied_scheme(old)
    assert applied.label("organization", Level.EXCELLENT) == "Trong sạch, vững mạnh"
    assert applied.label("member", Level.EXCELLENT) == "Đủ tư cách, hoàn thành xuất sắc nhiệm vụ"
    assert applied.exclude_admitted_months == 0  # no rule before 132: the scheme's own fields
    with pytest.raises(DomainError) as error:
        services.campaign_open(actor=cast.root_admin, organization=cast.commune_a1, year=2013)
    assert error.value.field == "year"


def test_subjects_exclusions_six_months_minus_a_day(cast: Cast, make_members: Callable) -> None:
    [old] = make_members(cast.cell_a1a, 1)
    [exactly] = make_members(cast.cell_a1a, 1, admitted_on=D(2023, 6, 30), start=1)  # exactly 6 months before
    [day_short] = make_members(cast.cell_a1a, 1, admitted_on=D(2023, 7, 1), start=2)  # 6 months minus a day
    campaign = services.campaign_open(actor=cast.root_admin, organization=cast.commune_a1, year=2023)
    rows = {r.person.pk: r for r in subj.member_subjects(campaign) if r.person}
    assert rows[old.pk].excluded == "" and rows[exactly.pk].excluded == ""
    assert "6" in rows[day_short.pk].excluded and "124-QĐ/TW" in rows[day_short.pk].excluded
    assert {r.organization.pk for r in subj.organization_subjects(campaign)} == {cast.cell_a1a.pk, cast.cell_a1b.pk}
    before = _counts()
    with pytest.raises(DomainError) as error:
        self_assess(cast.root_admin, campaign, [RatingEntry(Level.GOOD, person=day_short)], D(2023, 12, 1))
    assert "124-QĐ/TW" in str(error.value.message) and error.value.field == "entries.0.person"
    assert _counts() == before
    # Under 132-QĐ/TW there was no such exclusion: the same admission a day short of six months is rated.
    [recent] = make_members(cast.cell_a1b, 1, admitted_on=D(2020, 7, 1), start=3)
    older = services.campaign_open(actor=cast.root_admin, organization=cast.commune_a1, year=2020)
    assert not {r.person.pk: r for r in subj.member_subjects(older) if r.person}[recent.pk].excluded


def _ready_cell(cast: Cast, make_members: Callable, count: int):  # type: ignore[no-untyped-def]
    people = make_members(cast.cell_a1a, count)
    campaign = services.campaign_open(actor=cast.root_admin, organization=cast.commune_a1, year=2023,
                                      self_assessment_due=D(2023, 12, 10), decision_due=D(2023, 12, 31))
    self_assess(cast.root_admin, campaign, [RatingEntry(Level.GOOD, organization=cast.cell_a1a)], D(2023, 12, 1))
    self_assess(cast.root_admin, campaign, [RatingEntry(Level.GOOD, person=p) for p in people], D(2023, 12, 1))
    services.rating_record(actor=cast.root_admin, campaign=campaign, step=StepKind.DECISION,
                           entry=RatingEntry(Level.GOOD, organization=cast.cell_a1a), on=D(2023, 12, 20),
                           decision=DECISION)
    return campaign, people


def test_quota_exactly_at_its_limit_and_one_over(cast: Cast, make_members: Callable) -> None:
    campaign, people = _ready_cell(cast, make_members, 7)
    # 1 "xuất sắc" for 5 "tốt" is exactly 20%: allowed.
    entries = [RatingEntry(Level.EXCELLENT, person=people[0])] + [RatingEntry(Level.GOOD, person=p)
                                                                  for p in people[1:6]]
    services.rating_record_many(actor=cast.root_admin, campaign=campaign, step=StepKind.DECISION, entries=entries,
                                on=D(2023, 12, 20), decision=DECISION)
    gauge = services.gauges(campaign)[subj.member_group(cast.cell_a1a.pk)]
    assert (gauge.excellent, gauge.good, gauge.limit, gauge.remaining) == (1, 5, 1, 0)
    before = _counts()
    with pytest.raises(DomainError) as error:
        services.rating_record(actor=cast.root_admin, campaign=campaign, step=StepKind.DECISION,
                               entry=RatingEntry(Level.EXCELLENT, person=people[6]), on=D(2023, 12, 20),
                               decision=DECISION)
    assert "20%" in str(error.value.message) and "124-QĐ/TW" in str(error.value.message)
    assert "at most 1" in str(error.value.message) and error.value.field == "level"
    assert _counts() == before
    services.rating_record(actor=cast.root_admin, campaign=campaign, step=StepKind.DECISION,
                           entry=RatingEntry(Level.GOOD, person=people[6]), on=D(2023, 12, 20), decision=DECISION)
    assert Rating.objects.filter(campaign=campaign, level=Level.GOOD, person__isnull=False).count() == 6


def test_bad_input_names_every_fault_and_writes_nothing(cast: Cast, make_members: Callable) -> None:
    campaign, people = _ready_cell(cast, make_members, 3)
    [fresh] = make_members(cast.cell_a1a, 1, admitted_on=D(2023, 11, 1), start=10)
    before = _counts()
    with pytest.raises(Faults) as error:
        services.rating_record_many(actor=cast.root_admin, campaign=campaign, step=StepKind.SELF, on=D(2023, 12, 2),
                                    entries=[RatingEntry("xuat_sac", person=people[0]),
                                             RatingEntry(Level.GOOD, person=fresh)])
    fields = [e.field for e in error.value.errors]
    assert fields == ["entries.0.level", "entries.1.person"]
    assert "124-QĐ/TW" in str(error.value.errors[0].message)
    assert _counts() == before
    # Self-assessed twice: rated once in a campaign.
    with pytest.raises(DomainError, match="already"):
        self_assess(cast.root_admin, campaign, [RatingEntry(Level.GOOD, person=people[0])], D(2023, 12, 3))
    # Decided twice without `amend`.
    services.rating_record(actor=cast.root_admin, campaign=campaign, step=StepKind.DECISION,
                           entry=RatingEntry(Level.GOOD, person=people[0]), on=D(2023, 12, 20), decision=DECISION)
    with pytest.raises(DomainError, match="already"):
        services.rating_record(actor=cast.root_admin, campaign=campaign, step=StepKind.DECISION,
                               entry=RatingEntry(Level.COMPLETED, person=people[0]), on=D(2023, 12, 21))
    # The same subject twice in one batch.
    with pytest.raises(DomainError, match="twice"):
        services.rating_record_many(actor=cast.root_admin, campaign=campaign, step=StepKind.DECISION,
                                    on=D(2023, 12, 20), entries=[RatingEntry(Level.GOOD, person=people[1]),
                                                                 RatingEntry(Level.GOOD, person=people[1])])
    assert Rating.objects.get(person=people[0]).level == Level.GOOD


def test_step_ordering(cast: Cast, make_members: Callable) -> None:
    people = make_members(cast.cell_a1b, 2)
    campaign = services.campaign_open(actor=cast.root_admin, organization=cast.district_a, year=2023)
    commune = RatingEntry(Level.GOOD, organization=cast.commune_a1)
    # A decision before any self-assessment.
    with pytest.raises(DomainError, match="self-assess"):
        services.rating_record(actor=cast.root_admin, campaign=campaign, step=StepKind.DECISION, entry=commune,
                               on=D(2023, 12, 20))
    with pytest.raises(DomainError, match="self-assess"):
        services.rating_record(actor=cast.root_admin, campaign=campaign, step=StepKind.REVIEW, entry=commune,
                               on=D(2023, 12, 20))
    self_assess(cast.root_admin, campaign, [commune], D(2023, 12, 10))
    # Dated before the self-assessment.
    with pytest.raises(DomainError) as error:
        services.rating_record(actor=cast.root_admin, campaign=campaign, step=StepKind.DECISION, entry=commune,
                               on=D(2023, 12, 9))
    assert error.value.field == "on"
    # Lower levels first: the commune waits for its cells.
    with pytest.raises(DomainError, match="lower levels"):
        services.rating_record(actor=cast.root_admin, campaign=campaign, step=StepKind.DECISION, entry=commune,
                               on=D(2023, 12, 20))
    # Collectives before their members.
    self_assess(cast.root_admin, campaign, [RatingEntry(Level.GOOD, person=p) for p in people], D(2023, 12, 10))
    with pytest.raises(DomainError, match="collectives"):
        services.rating_record(actor=cast.root_admin, campaign=campaign, step=StepKind.DECISION,
                               entry=RatingEntry(Level.GOOD, person=people[0]), on=D(2023, 12, 20))
    cells = [RatingEntry(Level.GOOD, organization=c) for c in (cast.cell_a1a, cast.cell_a1b)]
    self_assess(cast.root_admin, campaign, cells, D(2023, 12, 10))
    board = queries.board(cast.root_admin, campaign=campaign)
    waiting = {row.name: row for row in board.organizations}
    assert waiting[cast.cell_a1a.name].can_decide and not waiting[cast.commune_a1.name].can_decide
    services.rating_record_many(actor=cast.root_admin, campaign=campaign, step=StepKind.DECISION, entries=cells,
                                on=D(2023, 12, 20))
    services.rating_record(actor=cast.root_admin, campaign=campaign, step=StepKind.DECISION, entry=commune,
                           on=D(2023, 12, 21))
    services.rating_record(actor=cast.root_admin, campaign=campaign, step=StepKind.DECISION,
                           entry=RatingEntry(Level.GOOD, person=people[0]), on=D(2023, 12, 21))
    # A decision changes only by a later dated decision, which supersedes it.
    with pytest.raises(DomainError):
        services.rating_record(actor=cast.root_admin, campaign=campaign, step=StepKind.DECISION, amend=True,
                               entry=RatingEntry(Level.COMPLETED, person=people[0]), on=D(2023, 12, 21),
                               decision=DECISION)
    services.rating_record(actor=cast.root_admin, campaign=campaign, step=StepKind.DECISION, amend=True,
                           entry=RatingEntry(Level.COMPLETED, person=people[0]), on=D(2024, 1, 5),
                           decision=Decision("2-QĐ/ĐU", D(2024, 1, 5)))
    rating = Rating.objects.get(campaign=campaign, person=people[0])
    assert rating.level == Level.COMPLETED and rating.steps.filter(kind=StepKind.DECISION).count() == 2


def test_excellent_barred_for_the_disciplined_and_for_a_cell_with_a_failed_member(cast: Cast,
                                                                                 make_members: Callable) -> None:
    campaign, people = _ready_cell(cast, make_members, 6)
    register_discipline_source(name="test", people=lambda ids, year: {people[0].pk} if year == 2023 else set())
    try:
        with pytest.raises(DomainError, match="disciplined"):
            services.rating_record(actor=cast.root_admin, campaign=campaign, step=StepKind.DECISION,
                                   entry=RatingEntry(Level.EXCELLENT, person=people[0]), on=D(2023, 12, 20))
    finally:
        unregister_discipline_source("test")
    self_assess(cast.root_admin, campaign, [RatingEntry(Level.GOOD, organization=cast.cell_a1b)], D(2023, 12, 1))
    [failed] = make_members(cast.cell_a1b, 1, start=20)
    self_assess(cast.root_admin, campaign, [RatingEntry(Level.NOT_COMPLETED, person=failed)], D(2023, 12, 1))
    with pytest.raises(DomainError, match="25-HD/BTCTW"):
        services.rating_record_many(actor=cast.root_admin, campaign=campaign, step=StepKind.DECISION,
                                    on=D(2023, 12, 20), entries=[RatingEntry(Level.EXCELLENT,
                                                                             organization=cast.cell_a1b),
                                                                 RatingEntry(Level.NOT_COMPLETED, person=failed)])


def test_past_results_break_the_quota_as_recorded_exceptions(cast: Cast) -> None:
    with pytest.raises(DomainError) as error:
        services.campaign_open(actor=cast.root_admin, organization=cast.district_a, year=2020, historic=True)
    assert error.value.field == "decision_number"
    campaign = services.campaign_open(actor=cast.root_admin, organization=cast.district_a, year=2020, historic=True,
                                      decision=Decision("85-QĐ/HU", D(2021, 1, 8), "Huyện ủy"))
    # Two communes under one district: one "xuất sắc" against one "tốt" (100%) is over the 20% of 132-QĐ/TW.
    services.rating_record_many(actor=cast.root_admin, campaign=campaign, step=StepKind.DECISION,
                                on=D(2021, 1, 8), entries=[RatingEntry(Level.EXCELLENT, organization=cast.commune_a1),
                                                           RatingEntry(Level.GOOD, organization=cast.commune_a2)])
    excellent = Rating.objects.get(campaign=campaign, organization=cast.commune_a1)
    assert excellent.level == Level.EXCELLENT and "132-QĐ/TW" in excellent.exception
    assert "85-QĐ/HU" in excellent.exception
    assert Rating.objects.get(campaign=campaign, organization=cast.commune_a2).exception == ""
    assert excellent.steps.get().decision_number == "85-QĐ/HU"


def test_a_subject_is_rated_once_a_year_across_campaigns(cast: Cast, make_members: Callable) -> None:
    [person] = make_members(cast.cell_a1a, 1)
    commune = services.campaign_open(actor=cast.root_admin, organization=cast.commune_a1, year=2020, historic=True,
                                     decision=Decision("4-QĐ/ĐU", D(2020, 12, 20)))
    district = services.campaign_open(actor=cast.root_admin, organization=cast.district_a, year=2020, historic=True,
                                      decision=Decision("5-QĐ/HU", D(2020, 12, 28)))
    services.rating_record(actor=cast.root_admin, campaign=commune, step=StepKind.DECISION,
                           entry=RatingEntry(Level.GOOD, person=person), on=D(2020, 12, 20))
    before = _counts()
    with pytest.raises(DomainError, match="once a year") as error:
        services.rating_record(actor=cast.root_admin, campaign=district, step=StepKind.DECISION,
                               entry=RatingEntry(Level.GOOD, person=person), on=D(2020, 12, 28))
    assert error.value.field == "person" and _counts() == before


def test_366_scores_in_their_bands(cast: Cast, make_members: Callable) -> None:
    [person] = make_members(cast.cell_a1a, 1)
    campaign = services.campaign_open(actor=cast.root_admin, organization=cast.commune_a1, year=2025)
    with pytest.raises(Faults) as error:
        services.rating_record_many(actor=cast.root_admin, campaign=campaign, step=StepKind.SELF, on=D(2025, 12, 1),
                                    entries=[RatingEntry(Level.EXCELLENT, person=person, score=89),
                                             RatingEntry(Level.GOOD, organization=cast.cell_a1a)])
    assert [e.field for e in error.value.errors] == ["entries.0.level", "entries.1.score"]
    self_assess(cast.root_admin, campaign, [RatingEntry(Level.EXCELLENT, person=person, score=90)], D(2025, 12, 1))
    assert RatingStep.objects.get(rating__person=person).score == 90


def test_scope(cast: Cast) -> None:
    with pytest.raises(NotInScope):
        services.campaign_open(actor=cast.outsider, organization=cast.district_a, year=2023)
    campaign = services.campaign_open(actor=cast.district_officer, organization=cast.district_a, year=2023)
    with pytest.raises(NotInScope):
        queries.campaign_get(cast.outsider, pk=campaign.pk)
    assert queries.campaign_get(cast.province_officer, pk=campaign.pk) == campaign
    with pytest.raises(NotInScope):  # a cell secretary cannot decide for the district
        services.rating_record(actor=cast.cell_secretary, campaign=campaign, step=StepKind.DECISION,
                               entry=RatingEntry(Level.GOOD, organization=cast.cell_a1a), on=D(2023, 12, 20))


@pytest.mark.parametrize("year", [2016, 2020, 2023, 2025])
def test_each_schemes_quota_on_both_sides_of_its_limit(cast: Cast, make_members: Callable, year: int) -> None:
    """Before 2018 no quota; 132, 124 and 366: one "excellent" needs five "good" in the group."""
    people = make_members(cast.cell_a1a, 6)
    campaign = services.campaign_open(actor=cast.root_admin, organization=cast.commune_a1, year=year)
    scored = campaign.scheme.code == "qd366"

    def entry(level: str, **subject: object) -> RatingEntry:
        score = (95 if level == Level.EXCELLENT else 80) if scored else None
        return RatingEntry(level, score=score, **subject)  # type: ignore[arg-type]

    on, decided_on = D(year, 12, 1), D(year, 12, 20)
    self_assess(cast.root_admin, campaign, [entry(Level.GOOD, organization=cast.cell_a1a)], on)
    self_assess(cast.root_admin, campaign, [entry(Level.GOOD, person=p) for p in people], on)
    services.rating_record(actor=cast.root_admin, campaign=campaign, step=StepKind.DECISION,
                           entry=entry(Level.GOOD, organization=cast.cell_a1a), on=decided_on)
    one_short = [entry(Level.EXCELLENT, person=people[0])] + [entry(Level.GOOD, person=p) for p in people[1:5]]
    if campaign.scheme.quota_percent is None:
        services.rating_record_many(actor=cast.root_admin, campaign=campaign, step=StepKind.DECISION,
                                    entries=one_short, on=decided_on)
        assert Rating.objects.filter(campaign=campaign, level=Level.EXCELLENT).count() == 1
        return
    with pytest.raises(DomainError, match="Quota"):  # 1 for 4: over 20%
        services.rating_record_many(actor=cast.root_admin, campaign=campaign, step=StepKind.DECISION,
                                    entries=one_short, on=decided_on)
    services.rating_record_many(actor=cast.root_admin, campaign=campaign, step=StepKind.DECISION,
                                entries=[*one_short, entry(Level.GOOD, person=people[5])], on=decided_on)
    assert Rating.objects.filter(campaign=campaign, level=Level.EXCELLENT).count() == 1  # 1 for 5: exactly 20%
