"""Rating API under /api/v1/rating/: schemes, campaigns, subjects, results, steps in bulk (all or none), a member's
history. Organizations are named by id or code, members by file id or exchange code (UUID). Handlers fetch every
id through the caller's scope (missing or out of scope: 404), call one service and answer; a refused input is a
400 `{"detail", "field", "errors": [...]}` naming every fault (`entries.N.level`...); nothing is written."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from core.decisions import Decision
from core.refs import id_or_code, id_or_uuid
from core.schemas import ErrorOut, ValidationErrorOut
from core.scope import CHANGE, VIEW
from members.models import Person
from organizations.models import Organization
from organizations.schemas import DecisionIn
from rating import queries, services
from rating import subjects as subj
from rating.models import Campaign, Rating
from rating.schemas import (
    CampaignIn,
    CampaignOut,
    GaugeOut,
    HistoryOut,
    ResultOut,
    SchemeOut,
    StepOut,
    StepsIn,
    SubjectOut,
)

router = Router(tags=["rating"])

READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
WRITE_ERRORS: dict[int, Any] = {400: ErrorOut, **READ_ERRORS}


def _organization(request: HttpRequest, ref: str | int, action: str = VIEW) -> Organization:
    return queries.organization_get(request.user, action=action, **id_or_code(ref))


def _person(request: HttpRequest, ref: str | int) -> Person:
    lookup = id_or_uuid(ref)
    if "pk" in lookup:
        return queries.person_get(request.user, pk=lookup["pk"])
    from members.queries import person_get

    return person_get(request.user, code=lookup["code"])


def _decision(payload: DecisionIn | None) -> Decision | None:
    return Decision(payload.number, payload.date, payload.issuer) if payload is not None else None


def _campaign_out(campaign: Campaign, *, with_gauges: bool = False) -> dict[str, Any]:
    gauges = [GaugeOut(group=g.group, excellent=g.excellent, good=g.good, limit=g.limit, remaining=g.remaining)
              for g in services.gauges(campaign).values()] if with_gauges else []
    return {"id": campaign.pk, "organization_id": campaign.organization_id,
            "organization_code": campaign.organization.code, "year": campaign.year, "scheme": campaign.scheme.code,
            "reference_date": campaign.reference_date, "self_assessment_due": campaign.self_assessment_due,
            "decision_due": campaign.decision_due, "historic": campaign.historic,
            "decision_number": campaign.decision_number, "gauges": gauges}


def _result_out(rating: Rating, applied: subj.AppliedScheme) -> dict[str, Any]:
    return {"id": rating.pk, "subject": rating.subject, "organization_id": rating.organization_id,
            "organization_code": rating.organization.code, "person_id": rating.person_id,
            "person_code": str(rating.person.code) if rating.person else None, "quota_group": rating.quota_group,
            "level": rating.level, "label": applied.label(rating.subject, rating.level) if rating.level else "",
            "score": rating.score, "decided_on": rating.decided_on, "exception": rating.exception}


@router.get("/rating/schemes", response={200: list[SchemeOut], **READ_ERRORS})
def scheme_list(request: HttpRequest) -> Any:
    """The rating schemes by year, with their levels (the scheme's own words) and quota."""
    return [{**{f: getattr(s, f) for f in ("code", "name", "guidance", "first_year", "last_year", "quota_percent",
                                          "quota_article")},
             "levels": [{"subject": lv.subject, "code": lv.code, "label": lv.label, "order": lv.order,
                         "min_score": lv.min_score} for lv in s.levels.all()]}
            for s in queries.schemes()]


@router.get("/rating/organizations/{ref}/campaigns", response={200: list[CampaignOut], **READ_ERRORS})
def campaign_list(request: HttpRequest, ref: str) -> Any:
    organization = _organization(request, ref)
    return [_campaign_out(c) for c in queries.campaigns_of(request.user, organization=organization)]


@router.post("/rating/organizations/{ref}/campaigns", response={201: CampaignOut, **WRITE_ERRORS})
def campaign_create(request: HttpRequest, ref: str, payload: CampaignIn) -> Any:
    """Open the rating of a year over the organization's subtree (past results: `historic` with `decision`)."""
    organization = _organization(request, ref, CHANGE)
    campaign = services.campaign_open(
        actor=request.user, organization=organization, year=payload.year, reference_date=payload.reference_date,
        self_assessment_due=payload.self_assessment_due, decision_due=payload.decision_due,
        historic=payload.historic, decision=_decision(payload.decision), note=payload.note, reason=payload.reason)
    return 201, _campaign_out(campaign, with_gauges=True)


@router.get("/rating/campaigns/{campaign_id}", response={200: CampaignOut, **READ_ERRORS})
def campaign_detail(request: HttpRequest, campaign_id: int) -> Any:
    """A campaign with the quota gauge of every group (how many "excellent" each still allows)."""
    return _campaign_out(queries.campaign_get(request.user, pk=campaign_id), with_gauges=True)


@router.get("/rating/campaigns/{campaign_id}/subjects", response={200: list[SubjectOut], **READ_ERRORS})
def subject_list(request: HttpRequest, campaign_id: int) -> Any:
    """Who is rated (organizations, members, leaders) and who is not, with the reason and article."""
    campaign = queries.campaign_get(request.user, pk=campaign_id)
    board = queries.board(request.user, campaign=campaign)
    rows = ([r.row for r in board.organizations] + [r.row for r in board.members] + [r.row for r in board.leaders]
            + board.excluded)
    return [{"subject": r.subject, "organization_id": r.organization.pk, "organization_code": r.organization.code,
             "person_id": r.person.pk if r.person else None,
             "name": r.person.full_name if r.person else r.name, "quota_group": r.quota_group,
             "excluded": r.excluded} for r in rows]


@router.get("/rating/campaigns/{campaign_id}/results", response={200: list[ResultOut], **READ_ERRORS})
def result_list(request: HttpRequest, campaign_id: int) -> Any:
    campaign = queries.campaign_get(request.user, pk=campaign_id)
    applied = subj.applied_scheme(campaign)
    ratings = queries.ratings_visible(request.user).filter(campaign=campaign).order_by("subject", "organization__path",
                                                                                        "person__sort_name")
    return [_result_out(r, applied) for r in ratings]


@router.post("/rating/campaigns/{campaign_id}/steps", response={201: list[StepOut], **WRITE_ERRORS})
def steps_create(request: HttpRequest, campaign_id: int, payload: StepsIn) -> Any:
    """One step (self-assessment, review, proposal, decision) for many subjects at once: all or none."""
    campaign = queries.campaign_get(request.user, pk=campaign_id)
    entries = []
    for item in payload.entries:
        organization = _organization(request, item.organization) if item.organization is not None else None
        person = _person(request, item.person) if item.person is not None else None
        entries.append(services.RatingEntry(item.level, organization=organization, person=person, score=item.score,
                                            text=item.text, quota_group=item.quota_group, leader=item.leader))
    steps = services.rating_record_many(actor=request.user, campaign=campaign, step=payload.step, entries=entries,
                                        on=payload.on, decision=_decision(payload.decision), amend=payload.amend,
                                        reason=payload.reason)
    return 201, [{"id": s.pk, "rating_id": s.rating_id, "kind": s.kind, "level": s.level, "score": s.score,
                  "occurred_on": s.occurred_on} for s in steps]


@router.get("/rating/people/{ref}/ratings", response={200: list[HistoryOut], **READ_ERRORS})
def person_history(request: HttpRequest, ref: str) -> Any:
    """A member's decided ratings by year, with the words of each year's scheme."""
    person = _person(request, ref)
    return [{"year": r.year, "campaign_id": r.campaign.pk, "level": r.level, "label": r.label, "score": r.score,
             "decided_on": r.decided_on, "exception": r.exception}
            for r in queries.person_history(request.user, person=person)]
