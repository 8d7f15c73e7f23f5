"""Targets API under /api/v1/targets/: resolutions with their targets evaluated for a year, creation of
resolutions and targets, results in bulk (all or nothing, indicators named by code), new-rural summary and OCOP
counts. Organizations are named by id or code; everything is read through the caller's scope (404 otherwise).
A refused input is a 400 {"detail", "field", "errors"} naming every fault; nothing is written."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext
from ninja import Query, Router

from core.errors import DomainError
from core.refs import id_or_code
from core.schemas import ErrorOut, Id, ValidationErrorOut
from core.scope import CHANGE
from organizations.models import Organization
from targets import queries, services
from targets.evaluation import Evaluation, evaluate, summary
from targets.models import Resolution, Result, Target
from targets.newrural.models import CriteriaSet
from targets.newrural.queries import criteria_set_for, grid, villages
from targets.newrural.services import commune_statuses_record
from targets.ocop.queries import counts
from targets.ocop.services import ocop_product_register
from targets.schemas import (
    CommuneStatusIn,
    EvaluationOut,
    OcopProductIn,
    PlanOut,
    ResolutionIn,
    ResolutionOut,
    ResultOut,
    ResultsIn,
    TargetIn,
    YearQuery,
)
from targets.wording import Status

router = Router(tags=["targets"])

READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
WRITE_ERRORS: dict[int, Any] = {400: ErrorOut, **READ_ERRORS}


def _organization(request: HttpRequest, ref: str | int) -> Organization:
    lookup = id_or_code(ref)
    if "pk" in lookup:
        return queries.organization_get(request.user, pk=lookup["pk"])
    return queries.organization_by_code(request.user, code=lookup["code"])


def _status(value: object) -> str | None:
    return value.value if isinstance(value, Status) else None


def _evaluation_out(e: Evaluation) -> EvaluationOut:
    target, amount = e.target, e.value.amount
    return EvaluationOut(
        id=target.pk, indicator=target.indicator.code, indicator_name=target.indicator.name,
        unit=target.indicator.unit, kind=target.kind, period=target.period, parent=target.parent_id,
        computed=target.indicator.is_computed, year=e.year, value=amount if isinstance(amount, Decimal) else None,
        value_text=e.value_text, estimate=e.value.estimate, status=_status(e.status), phrase=e.phrase,
        change_text=e.change_text,
        plans=[PlanOut(value=s.plan.value, value_high=s.plan.value_high, unit=s.plan.unit, source=s.plan.source,
                       label=s.plan.label, year=s.plan.year,
                       percent=s.percent if isinstance(s.percent, Decimal) else None, status=_status(s.status))
               for s in e.shares])


def _resolution_out(resolution: Resolution, year: int | None = None) -> ResolutionOut:
    out = ResolutionOut(id=resolution.pk, kind=resolution.kind, title=resolution.title, number=resolution.number,
                        start_year=resolution.start_year, end_year=resolution.end_year,
                        organization={"id": resolution.organization_id, "code": resolution.organization.code,
                                      "name": resolution.organization.name})
    if year is not None:
        evaluations = queries.evaluations(resolution, year)
        out.year = year
        out.targets = [_evaluation_out(e) for e in evaluations]
        out.summary = str(summary(evaluations)["text"])
    return out


def _result_out(result: Result) -> ResultOut:
    return ResultOut(id=result.pk, target=result.target_id, year=result.year, value=result.value, kind=result.kind,
                     source=result.source, reported_on=result.reported_on, supersedes=result.supersedes_id)


@router.get("/targets/organizations/{ref}/resolutions", response={200: list[ResolutionOut], **READ_ERRORS})
def resolutions(request: HttpRequest, ref: str) -> Any:
    organization = _organization(request, ref)
    return [_resolution_out(r) for r in queries.resolutions_of(request.user, organization).select_related(
        "organization")]


@router.get("/targets/resolutions/{resolution_id}", response={200: ResolutionOut, **READ_ERRORS})
def resolution_detail(request: HttpRequest, resolution_id: Id, query: Query[YearQuery]) -> Any:
    """The resolution with every target evaluated for `year` (default: this year, within the resolution)."""
    found = queries.resolution_get(request.user, pk=resolution_id)
    year = query.year or max(found.start_year, min(found.end_year, timezone.localdate().year))
    return _resolution_out(found, year)


@router.post("/targets/resolutions", response={201: ResolutionOut, **WRITE_ERRORS})
def resolution_create(request: HttpRequest, payload: ResolutionIn) -> Any:
    organization = _organization(request, payload.organization)
    data = payload.dict(exclude={"organization"})
    found = services.resolution_create(actor=request.user, organization=organization, **data)
    return 201, _resolution_out(found)


@router.post("/targets/resolutions/{resolution_id}/targets", response={201: EvaluationOut, **WRITE_ERRORS})
def target_create(request: HttpRequest, resolution_id: Id, payload: TargetIn) -> Any:
    found = queries.resolution_get(request.user, pk=resolution_id, permission=CHANGE)
    spec = payload.indicator
    indicator = queries.indicator_by_code(spec.code) or services.indicator_create(
        actor=request.user, code=spec.code, name=spec.name, unit=spec.unit, decimals=spec.decimals,
        field=spec.field, figure_key=spec.figure_key)
    parent = None
    if payload.parent is not None:
        parent = Target.objects.filter(pk=payload.parent, resolution=found).first()
        if parent is None:
            raise DomainError(gettext("The main target belongs to another resolution."), field="parent")
    plans = [services.PlanInput(p.value, p.unit, p.source, p.label, value_high=p.value_high, year=p.year)
             for p in payload.plans]
    target = services.target_add(actor=request.user, resolution=found, indicator=indicator, kind=payload.kind,
                                 period=payload.period, year=payload.year, parent=parent, wording=payload.wording,
                                 text_=payload.text, plans=plans, position=found.targets.count() + 1)
    return 201, _evaluation_out(evaluate(target, payload.year or found.start_year))


@router.post("/targets/results", response={201: list[ResultOut], **WRITE_ERRORS})
def results_create(request: HttpRequest, payload: ResultsIn) -> Any:
    """Results in bulk, each naming its resolution (id) and indicator (code): all of them or none."""
    items = []
    for index, item in enumerate(payload.results):
        found = queries.resolution_get(request.user, pk=item.resolution, permission=CHANGE)
        target = (Target.objects.filter(resolution=found, indicator__code=item.indicator)
                  .select_related("indicator", "resolution__organization").order_by("parent_id", "pk").first())
        if target is None:
            raise DomainError(gettext("No target of this resolution has the indicator code “%(code)s”.")
                              % {"code": item.indicator[:60]}, field=f"results[{index}].indicator")
        items.append(services.ResultInput(target, item.year, item.value, item.source, item.reported_on, item.kind,
                                          item.note))
    written = services.results_record_bulk(actor=request.user, items=items, reason="API")
    return 201, [_result_out(r) for r in written]


@router.get("/targets/organizations/{ref}/new-rural", response={200: dict[str, Any], **READ_ERRORS})
def newrural(request: HttpRequest, ref: str, query: Query[YearQuery]) -> Any:
    organization = _organization(request, ref)
    year = query.year or timezone.localdate().year
    found = grid(organization, year=year, user=request.user)
    met, assessed = villages(organization, year=year)
    return {"year": year, "criteria_set": found.criteria_set.code if found.criteria_set else None,
            "criteria": len(found.criteria), "summary": found.summary(), "villages_met": met,
            "villages_assessed": assessed,
            "communes": [{"name": row["name"], "met": row["met"], "criteria": row["cells"]} for row in found.table]}


@router.get("/targets/organizations/{ref}/ocop", response={200: dict[str, Any], **READ_ERRORS})
def ocop(request: HttpRequest, ref: str, query: Query[YearQuery]) -> Any:
    organization = _organization(request, ref)
    year = query.year or timezone.localdate().year
    found = counts(organization, year=year)
    return {"year": year, "registered": found.registered, "upgrades": found.upgrades, "new": found.new,
            "proposals": [{"from": f, "to": t, "products": n} for f, t, n in found.proposals],
            "summary": found.text if found.registered else ""}


@router.post("/targets/organizations/{ref}/new-rural", response={201: dict[str, Any], **WRITE_ERRORS})
def newrural_record(request: HttpRequest, ref: str, payload: CommuneStatusIn) -> Any:
    """A commune's status on criteria of a set for a year (criteria by number); all or nothing."""
    organization = _organization(request, ref)
    criteria_set = (CriteriaSet.objects.filter(code=payload.criteria_set).first() if payload.criteria_set
                    else criteria_set_for(payload.year))
    if criteria_set is None:
        raise DomainError(gettext("No criteria set applies to %(year)s.") % {"year": payload.year},
                          field="criteria_set")
    by_number = {c.number: c for c in criteria_set.criteria.all()}
    unknown = sorted(n for n in payload.met if n not in by_number)
    if unknown:
        raise DomainError(gettext("The set “%(set)s” has no criterion %(numbers)s.")
                          % {"set": criteria_set.name, "numbers": ", ".join(map(str, unknown))}, field="met")
    rows = commune_statuses_record(actor=request.user, organization=organization, year=payload.year,
                                   met={by_number[n]: v for n, v in payload.met.items()}, source=payload.source,
                                   reason="API")
    return 201, {"recorded": len(rows), "criteria_set": criteria_set.code, "year": payload.year}


@router.post("/targets/organizations/{ref}/ocop", response={201: dict[str, Any], **WRITE_ERRORS})
def ocop_record(request: HttpRequest, ref: str, payload: OcopProductIn) -> Any:
    organization = _organization(request, ref)
    product = ocop_product_register(actor=request.user, organization=organization, reason="API", **payload.dict())
    return 201, {"id": product.pk, "name": product.name, "year": product.year, "stars": product.stars}
