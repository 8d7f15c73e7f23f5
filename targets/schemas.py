"""API shapes of targets: separate input and output schemas, bounded at the edge (core.schemas)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import AfterValidator, Field

from core.schemas import Day, Id, ShortText, storable

Year = Annotated[int, Field(ge=1930, le=2200)]
Amount = Annotated[Decimal, Field(max_digits=18, decimal_places=4, ge=Decimal("-99999999999999"),
                                  le=Decimal("99999999999999"))]
Ref = Annotated[str, AfterValidator(storable), Field(min_length=1, max_length=64)]


T40 = Annotated[str, AfterValidator(storable), Field(max_length=40)]
T60 = Annotated[str, AfterValidator(storable), Field(max_length=60)]
T64 = Annotated[str, AfterValidator(storable), Field(max_length=64)]
T100 = Annotated[str, AfterValidator(storable), Field(max_length=100)]
T200 = Annotated[str, AfterValidator(storable), Field(max_length=200)]
T255 = Annotated[str, AfterValidator(storable), Field(max_length=255)]
T300 = Annotated[str, AfterValidator(storable), Field(max_length=300)]
T500 = Annotated[str, AfterValidator(storable), Field(max_length=500)]


class YearQuery(Schema):
    year: Year | None = None


class ResolutionIn(Schema):
    organization: Id | Ref = Field(description="Organization id or code, e.g. 'BK-NR'.")
    kind: Literal["congress", "annual", "programme"]
    title: T300
    number: T64 = ""
    adopted_on: Day | None = None
    start_year: Year
    end_year: Year
    document_ref: T200 = ""


class PlanIn(Schema):
    value: Amount
    value_high: Amount | None = None
    unit: T40
    source: T200
    label: T60 = "KH"
    year: Year | None = None


class IndicatorIn(Schema):
    code: T60
    name: T255 = ""
    unit: T40 = ""
    decimals: Annotated[int, Field(ge=0, le=4)] = 0
    field: Literal["party", "economy", "society", "defence"] = "economy"
    figure_key: T100 = ""


class TargetIn(Schema):
    indicator: IndicatorIn = Field(description="An indicator by its code; created from the other fields if new.")
    kind: Literal["at_least", "at_most", "exact", "range", "reduction", "share"]
    period: Literal["term", "each_year", "by_year", "midterm"] = "each_year"
    year: Year | None = None
    parent: Id | None = Field(None, description="Id of the main target this one is a component of.")
    wording: Literal["more_than", "truncate", "round", "one_decimal"] = "more_than"
    text: T500 = ""
    plans: Annotated[list[PlanIn], Field(max_length=10)]


class ResultIn(Schema):
    resolution: Id
    indicator: T60 = Field(description="Indicator code of a target of the resolution.")
    year: Year
    value: Amount
    kind: Literal["estimate", "final"] = "final"
    source: ShortText
    reported_on: Day
    note: T500 = ""


class ResultsIn(Schema):
    results: Annotated[list[ResultIn], Field(min_length=1, max_length=2000)]


class PlanOut(Schema):
    value: Decimal
    value_high: Decimal | None
    unit: str
    source: str
    label: str
    year: int | None
    percent: Decimal | None
    status: str | None


class EvaluationOut(Schema):
    id: int
    indicator: str
    indicator_name: str
    unit: str
    kind: str
    period: str
    parent: int | None
    computed: bool
    year: int
    value: Decimal | None
    value_text: str
    estimate: bool
    status: str | None
    phrase: str
    change_text: str
    plans: list[PlanOut]


class ResolutionOut(Schema):
    id: int
    organization: dict[str, Any]
    kind: str
    title: str
    number: str
    start_year: int
    end_year: int
    year: int | None = None
    summary: str | None = None
    targets: list[EvaluationOut] = []


class ResultOut(Schema):
    id: int
    target: int
    year: int
    value: Decimal
    kind: str
    source: str
    reported_on: Any
    supersedes: int | None


class CommuneStatusIn(Schema):
    year: Year
    criteria_set: T60 | None = Field(None, description="Code of the criteria set; default: the set of the year.")
    met: Annotated[dict[Annotated[int, Field(ge=1, le=100)], bool], Field(max_length=100)] = Field(
        description="Criterion number -> met.")
    source: T300 = ""


class OcopProductIn(Schema):
    name: T255
    producer: T255
    year: Year
    registration: Literal["new", "upgrade"]
    score: Annotated[Decimal, Field(max_digits=5, decimal_places=2, ge=0, le=1000)] | None = None
    stars: Annotated[int, Field(ge=0, le=100)] | None = None
    proposed_stars: Annotated[int, Field(ge=0, le=100)] | None = None
    export_markets: T300 = ""
