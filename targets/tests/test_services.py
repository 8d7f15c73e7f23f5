"""Resolutions, targets, plans and results through the services: evaluation with two plans, change with a
missing previous year, computed indicators following the records, every refusal naming its field (nothing
written), scope."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from core.errors import DomainError, NotInScope
from core.models import ChangeRecord
from core.testing import Cast
from members.tests import factories
from targets.evaluation import evaluate
from targets.models import Plan, Resolution, Result, Target
from targets.queries import resolution_get
from targets.services import (
    PlanInput,
    ResultInput,
    plan_add,
    resolution_create,
    result_record,
    results_record_bulk,
    target_add,
)
from targets.tests.helpers import indicator, resolution, target
from targets.wording import NotComputable, Status

D = dt.date
pytestmark = pytest.mark.django_db


def test_share_of_two_plans_and_the_status_by_the_first(cast: Cast) -> None:
    found = resolution(cast)
    budget = indicator(cast.district_officer, "budget_revenue", "tỷ đồng", 1)
    goal = target(cast, found, budget, PlanInput("10", "tỷ đồng", "Tỉnh giao", label="dự toán tỉnh giao"),
                  wording="one_decimal")
    plan_add(actor=cast.district_officer, target=goal,
             plan=PlanInput("13.09", "tỷ đồng", "Huyện phấn đấu", label="dự toán huyện phấn đấu"))
    result_record(actor=cast.district_officer, target=goal, year=2020, value="16,27", source="Báo cáo",
                  reported_on=D(2020, 12, 20))
    evaluation = evaluate(goal, 2020)
    assert [s.percent_whole for s in evaluation.shares] == [162, 124]
    assert evaluation.status is Status.EXCEEDED
    with translation.override("vi"):
        assert evaluation.phrase == "đạt 162,7% dự toán tỉnh giao và 124,3% dự toán huyện phấn đấu"


def test_change_with_and_without_the_previous_year(cast: Cast) -> None:
    found = resolution(cast, start=2019, end=2020, kind="congress")
    per_capita = indicator(cast.district_officer, "grain_per_capita", "kg/người/năm")
    goal = target(cast, found, per_capita, PlanInput("805", "kg/người/năm", "NQ"))
    result_record(actor=cast.district_officer, target=goal, year=2020, value=838, source="BC",
                  reported_on=D(2020, 12, 20))
    with translation.override("vi"):
        missing = evaluate(goal, 2020)
        assert isinstance(missing.change, NotComputable)
        assert missing.change_text == "Chưa có kết quả năm 2019: không tính được mức tăng, giảm."
        result_record(actor=cast.district_officer, target=goal, year=2019, value=803, source="BC",
                      reported_on=D(2019, 12, 20))
        assert evaluate(goal, 2020).change_text == "tăng 35 kg/người/năm so với năm 2019"


def test_a_correction_is_a_new_result_and_the_latest_counts(cast: Cast) -> None:
    found = resolution(cast)
    goal = target(cast, found, indicator(cast.district_officer), PlanInput("100", "tấn", "NQ"))
    first = result_record(actor=cast.district_officer, target=goal, year=2020, value=99, source="Ước",
                          reported_on=D(2020, 11, 1), kind="estimate")
    assert evaluate(goal, 2020).status is Status.NOT_MET and evaluate(goal, 2020).value.estimate
    second = result_record(actor=cast.district_officer, target=goal, year=2020, value=101, source="Chính thức",
                           reported_on=D(2021, 1, 10))
    assert second.supersedes == first and Result.objects.filter(target=goal).count() == 2
    assert evaluate(goal, 2020).status is Status.EXCEEDED
    assert ChangeRecord.objects.filter(object_id=str(second.pk), action="create").exists()


def test_a_computed_indicator_follows_the_records(cast: Cast) -> None:
    found = resolution(cast, organization=cast.commune_a1)
    admissions = indicator(cast.district_officer, "party_admissions", "đảng viên", figure_key="members.admitted",
                           field="party")
    goal = target(cast, found, admissions, PlanInput("2", "đảng viên", "NQ"), wording="truncate")
    assert evaluate(goal, 2020).value.amount == 0
    factories.member(cast.root_admin, cast.cell_a1a, "Nông Văn Một", admitted_on=D(2020, 3, 2), official=False)
    factories.member(cast.root_admin, cast.cell_a1a, "Nông Văn Hai", admitted_on=D(2020, 5, 4), official=False)
    factories.member(cast.root_admin, cast.cell_a1a, "Nông Văn Ba", admitted_on=D(2020, 6, 8), official=False)
    evaluation = evaluate(goal, 2020)
    assert evaluation.value.amount == 3 and evaluation.value.computed
    assert evaluation.shares[0].percent_whole == 150 and evaluation.status is Status.EXCEEDED
    factories.member(cast.root_admin, cast.cell_a1a, "Nông Văn Cũ", admitted_on=D(2019, 6, 8), official=False)
    assert evaluate(goal, 2020).value.amount == 3  # another year's admission does not count
    with pytest.raises(DomainError) as refused:
        result_record(actor=cast.district_officer, target=goal, year=2020, value=5, source="BC",
                      reported_on=D(2020, 12, 1))
    assert refused.value.field == "value"
    assert not Result.objects.exists()


def _refused(call: object, **kwargs: object) -> DomainError:
    with pytest.raises(DomainError) as refused:
        call(**kwargs)  # type: ignore[operator]
    return refused.value


def test_bad_targets_are_refused_naming_every_field_and_nothing_is_written(cast: Cast) -> None:
    found = resolution(cast)
    grain = indicator(cast.district_officer)
    before = (Target.objects.count(), Plan.objects.count(), ChangeRecord.objects.count())
    with translation.override("vi"):
        error = _refused(target, cast=cast, found=found, found_indicator=grain)  # no plan at all
        assert error.field == "plans"
        error = _refused(target_add, actor=cast.district_officer, resolution=found, indicator=grain, kind="range",
                         period="each_year", plans=[PlanInput("0", "kg", "NQ", value_high="-1"),
                                                    PlanInput("13", "tấn", "NQ", value_high="12.8")])
    fields = [e.field for e in error.errors]  # type: ignore[attr-defined]
    assert fields == ["plans[0].value", "plans[0].value_high", "plans[0].unit", "plans[1].value_high"]
    messages = str(error.message)
    assert "Kế hoạch bằng 0" in messages and "kg" in messages and "Cận dưới 13 lớn hơn cận trên 12.8" in messages
    assert (Target.objects.count(), Plan.objects.count(), ChangeRecord.objects.count()) == before


def test_bad_results_are_refused_and_a_bulk_writes_all_or_nothing(cast: Cast) -> None:
    found = resolution(cast)
    goal = target(cast, found, indicator(cast.district_officer), PlanInput("100", "tấn", "NQ"))
    error = _refused(result_record, actor=cast.district_officer, target=goal, year=2021, value=5, source="BC",
                     reported_on=D(2021, 1, 2))
    assert error.field == "year"
    items = [ResultInput(goal, 2020, "101", "BC", D(2020, 12, 1)), ResultInput(goal, 2020, "abc", "", None)]
    error = _refused(results_record_bulk, actor=cast.district_officer, items=items)
    assert [e.field for e in error.errors] == [  # type: ignore[attr-defined]
        "results[1].value", "results[1].source", "results[1].reported_on"]
    assert not Result.objects.exists()


def test_scope(cast: Cast) -> None:
    found = resolution(cast)
    with pytest.raises(NotInScope):
        resolution_get(cast.outsider, pk=found.pk)
    assert resolution_get(cast.province_officer, pk=found.pk) == found
    goal = target(cast, found, indicator(cast.district_officer), PlanInput("100", "tấn", "NQ"))
    with pytest.raises(NotInScope):
        result_record(actor=cast.outsider, target=goal, year=2020, value=1, source="x", reported_on=D(2020, 5, 5))
    with pytest.raises(NotInScope):
        resolution_create(actor=cast.outsider, organization=cast.district_a, kind="annual", title="x",
                          start_year=2020, end_year=2020)
    assert Resolution.objects.count() == 1 and not Result.objects.exists()
    assert Decimal(goal.plans.get().value) == 100
