"""Read side of the rating. Every function takes the user who asks and reads through core.scope.

Rating data is visible with "rating.view" over the organization's subtree (a member's own-file role reaches their
own ratings); writes need "rating.change" (the services re-check it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from core.scope import CHANGE, VIEW, covers, get_in_scope, restrict
from members.models import Person
from organizations.models import Organization
from rating import subjects as subj
from rating.models import Campaign, Level, Rating, RatingStep, Scheme, StepKind, Subject
from rating.services import Gauge, gauges

VIEW_PERMISSION = "rating.view"
CHANGE_PERMISSION = "rating.change"


def _permission(action: str) -> str:
    return CHANGE_PERMISSION if action == CHANGE else VIEW_PERMISSION


def organization_get(user: Any, *, pk: Any = None, code: Any = None, action: str = VIEW) -> Organization:
    lookup = {"pk": pk} if pk is not None else {"code": code}
    return get_in_scope(Organization.objects.select_related("kind", "parent"), user, _permission(action), **lookup)


def can_change(user: Any, organization: Organization) -> bool:
    return covers(user, organization, CHANGE_PERMISSION)


def schemes() -> QuerySet[Scheme]:
    return Scheme.objects.prefetch_related("levels").order_by("first_year")


def campaigns_visible(user: Any, action: str = VIEW) -> QuerySet[Campaign]:
    return restrict(Campaign.objects.select_related("organization", "scheme"), user, _permission(action))


def campaign_get(user: Any, *, pk: Any, action: str = VIEW) -> Campaign:
    return get_in_scope(Campaign.objects.select_related("organization", "scheme"), user, _permission(action), pk=pk)


def campaigns_of(user: Any, *, organization: Organization) -> QuerySet[Campaign]:
    return campaigns_visible(user).filter(organization=organization).order_by("-year")


def ratings_visible(user: Any, action: str = VIEW) -> QuerySet[Rating]:
    return restrict(Rating.objects.select_related("campaign__scheme", "organization", "person"), user,
                    _permission(action))


def person_get(user: Any, *, pk: Any) -> Person:
    from members.queries import person_get as members_person_get

    return members_person_get(user, pk=pk)


@dataclass
class BoardRow:
    """One subject on the campaign board: its steps, what it waits for, whether it is late."""

    row: subj.SubjectRow
    rating: Rating | None
    steps: dict[str, RatingStep] = field(default_factory=dict)
    waits: str = ""
    late: bool = False
    can_decide: bool = False

    @property
    def name(self) -> str:
        return self.row.person.full_name if self.row.person else self.row.name

    @property
    def level(self) -> str:
        return self.rating.level if self.rating else ""


@dataclass
class Board:
    campaign: Campaign
    applied: subj.AppliedScheme
    organizations: list[BoardRow]
    members: list[BoardRow]
    excluded: list[subj.SubjectRow]
    gauges: list[Gauge]
    today: dt.date
    leaders: list[BoardRow] = field(default_factory=list)

    def label(self, subject: str, code: str) -> str:
        return self.applied.label(subject, code)


def _rows(campaign: Campaign, subjects: list[subj.SubjectRow], ratings: dict[tuple[str, int], Rating],
          steps: dict[int, dict[str, RatingStep]], today: dt.date, decided_orgs: set[int],
          rated_orgs: dict[int, subj.SubjectRow]) -> list[BoardRow]:
    rows = []
    for row in subjects:
        rating = ratings.get(row.key)
        done = steps.get(rating.pk, {}) if rating else {}
        item = BoardRow(row, rating, done)
        if StepKind.DECISION not in done:
            if StepKind.SELF not in done and not campaign.historic:
                item.waits = str(StepKind.SELF.label)
                item.late = bool(campaign.self_assessment_due and today > campaign.self_assessment_due)
            elif row.person is not None and row.organization.pk in rated_orgs and row.organization.pk not in \
                    decided_orgs:
                item.waits = rated_orgs[row.organization.pk].name
            elif row.person is None and any(o.organization.path.startswith(row.organization.path)
                                            and o.organization.pk != row.organization.pk
                                            and o.organization.pk not in decided_orgs
                                            for o in rated_orgs.values()):
                item.waits = str(Subject.ORGANIZATION.label)
            else:
                item.can_decide = True
            if campaign.decision_due and today > campaign.decision_due:
                item.late = True
        rows.append(item)
    return rows


def board(user: Any, *, campaign: Campaign, cell: Organization | None = None, members: bool = True,
          leaders: bool = True) -> Board:
    """The campaign board: subjects the user may see, their steps, what waits, what is late, quota gauges."""
    applied = subj.applied_scheme(campaign)
    org_subjects = subj.organization_subjects(campaign)
    visible = set(restrict(Organization.objects.filter(pk__in=[r.organization.pk for r in org_subjects]
                                                       + [campaign.organization_id]), user, VIEW_PERMISSION,
                           via="path").values_list("pk", flat=True))
    org_subjects = [r for r in org_subjects if r.organization.pk in visible]
    member_rows = subj.member_subjects(campaign, cell=cell) if members else []
    if members:
        cells = {r.organization.pk for r in member_rows}
        seen = set(restrict(Organization.objects.filter(pk__in=cells), user, VIEW_PERMISSION, via="path")
                   .values_list("pk", flat=True))
        member_rows = [r for r in member_rows if r.organization.pk in seen]
    if cell is not None:
        org_subjects = [r for r in org_subjects if r.organization.pk == cell.pk]
    ratings = {}
    for rating in Rating.objects.filter(campaign=campaign).select_related("organization", "person"):
        key = (str(rating.subject), rating.person_id) if rating.person_id else ("organization", rating.organization_id)
        ratings[key] = rating
    steps: dict[int, dict[str, RatingStep]] = {}
    for step in RatingStep.objects.filter(rating__campaign=campaign, superseded_by__isnull=True).order_by(
            "occurred_on", "id"):
        steps.setdefault(step.rating_id, {})[step.kind] = step
    decided = set(Rating.objects.filter(campaign__year=campaign.year, person__isnull=True).exclude(level="")
                  .values_list("organization_id", flat=True))
    all_orgs = {r.organization.pk: r for r in subj.organization_subjects(campaign)}
    today = timezone.localdate()
    leader_rows = [r for r in subj.leader_subjects(campaign) if r.organization.pk in visible
                   and not r.excluded] if leaders and cell is None else []
    rated = [r for r in member_rows if not r.excluded]
    excluded = [r for r in member_rows if r.excluded]
    return Board(
        campaign=campaign, applied=applied,
        organizations=_rows(campaign, org_subjects, ratings, steps, today, decided, all_orgs),
        members=_rows(campaign, rated, ratings, steps, today, decided, all_orgs),
        excluded=excluded, gauges=list(gauges(campaign).values()), today=today,
        leaders=_rows(campaign, leader_rows, ratings, steps, today, decided, all_orgs),
    )


@dataclass(frozen=True)
class HistoryRow:
    year: int
    campaign: Campaign
    level: str
    label: str
    score: int | None
    decided_on: dt.date | None
    exception: str


def person_history(user: Any, *, person: Person) -> list[HistoryRow]:
    """The member's decided ratings by year, newest first, with the scheme's words."""
    rows = []
    applied_by_campaign: dict[int, subj.AppliedScheme] = {}
    for rating in ratings_visible(user).filter(person=person).exclude(level="").order_by("-campaign__year"):
        if rating.campaign_id not in applied_by_campaign:
            applied_by_campaign[rating.campaign_id] = subj.applied_scheme(rating.campaign)
        applied = applied_by_campaign[rating.campaign_id]
        rows.append(HistoryRow(rating.campaign.year, rating.campaign, rating.level,
                               applied.label(rating.subject, rating.level), rating.score, rating.decided_on,
                               rating.exception))
    return rows


def level_codes() -> list[str]:
    return list(Level.values)
