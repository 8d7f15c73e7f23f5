"""A rating campaign in progress in each present-day commune: the year's campaign (the current year from July,
the previous one before), self-assessment due in 8 working days and the decision in 25; the secretary's cell and
its members have self-assessed two working days ago, the other cells not yet. Skipped when the commune's campaign
of that year exists (a campaign is opened once). Brought forward: once a campaign's decision day has come, a later
load records what the committee then did for the subjects that self-assessed (the cell's review on the
self-assessment day, the decision on the decision day, at the levels they proposed: the cell first, then its
members); the cells that never self-assessed stay as they were."""

from __future__ import annotations

import datetime as dt
from typing import Any

from core.decisions import Decision
from members.ruling import Snapshot
from organizations.models import Organization
from rating import services
from rating import subjects as subj
from rating.models import Campaign, Level, Rating, RatingStep, StepKind
from rating.services import RatingEntry
from restructuring.demo_present.stories import REASON, Unit

NOTE = "dữ liệu mẫu của năm hiện tại"  # in the note of the campaigns the present opens


def load(actor: Any, on: dt.date, units: list[Unit], rules: Snapshot) -> int:
    """Open the campaigns missing on `on`; returns how many were opened."""
    year = on.year if on.month >= 7 else on.year - 1
    opened = 0
    for unit in units:
        commune = Organization.objects.filter(code=unit.code).first()
        cell = Organization.objects.filter(code=unit.secretary_cell).first()
        if commune is None or cell is None or Campaign.objects.filter(organization=commune, year=year).exists():
            continue
        campaign = services.campaign_open(
            actor=actor, organization=commune, year=year, reference_date=dt.date(year, 12, 31),
            self_assessment_due=rules.add_working_days(on, 8), decision_due=rules.add_working_days(on, 25),
            note=f"Kiểm điểm, đánh giá, xếp loại chất lượng năm {year} ({NOTE}).",
            reason=REASON)
        members = [r for r in subj.member_subjects(campaign, cell=cell) if not r.excluded and r.person is not None]
        members.sort(key=lambda r: r.person.citizen_id if r.person else "")
        entries = [RatingEntry(level=Level.COMPLETED if index == len(members) - 1 else Level.GOOD, person=row.person,
                               score=62 if index == len(members) - 1 else 88 - index % 9)
                   for index, row in enumerate(members)]
        assessed = rules.add_working_days(on, -2)
        services.rating_record_many(actor=actor, campaign=campaign, step=StepKind.SELF, on=assessed, reason=REASON,
                                    entries=[RatingEntry(level=Level.GOOD, organization=cell, score=85,
                                                         text="Chi bộ tự đánh giá.")])
        if entries:
            services.rating_record_many(actor=actor, campaign=campaign, step=StepKind.SELF, on=assessed,
                                        entries=entries, reason=REASON)
        opened += 1
    return opened


def bring_forward(actor: Any, until: dt.date, units: list[Unit]) -> int:
    """Decide the self-assessed subjects of the present's campaigns whose decision day has come by `until`."""
    decided = 0
    campaigns = Campaign.objects.filter(organization__code__in=[u.code for u in units], note__contains=NOTE,
                                        decision_due__lte=until).exclude(ratings__steps__kind=StepKind.DECISION)
    for campaign in campaigns.select_related("organization").distinct():
        assert campaign.self_assessment_due is not None and campaign.decision_due is not None
        unit = next(u for u in units if u.code == campaign.organization.code)
        selves = RatingStep.objects.filter(rating__campaign=campaign, kind=StepKind.SELF).select_related(
            "rating__organization", "rating__person").order_by("rating__person__citizen_id", "pk")
        decision = Decision(f"{campaign.decision_due.timetuple().tm_yday}-QĐ/ĐU", campaign.decision_due, unit.commune)
        for collectives in (True, False):
            entries = [RatingEntry(level=s.level, score=s.score, person=s.rating.person,
                                   organization=s.rating.organization if s.rating.person is None else None)
                       for s in selves if (s.rating.person is None) == collectives]
            if not entries:
                continue
            if not Rating.objects.filter(campaign=campaign, steps__kind=StepKind.REVIEW,
                                         person__isnull=collectives).exists():
                services.rating_record_many(actor=actor, campaign=campaign, step=StepKind.REVIEW, entries=entries,
                                            on=campaign.self_assessment_due, reason=REASON)
            services.rating_record_many(actor=actor, campaign=campaign, step=StepKind.DECISION, entries=entries,
                                        on=campaign.decision_due, decision=decision, reason=REASON)
            decided += len(entries)
    return decided
