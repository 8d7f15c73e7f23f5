"""The demo's targets from the seed reports: `manage.py figures` quotes them under documented keys, the admissions
share is computed from the members records (76 counted against the plan of 60), loading again changes nothing."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.utils import translation

from accounts.models import User
from targets import demo
from targets.models import CommuneCriterionStatus, OcopProduct, Resolution, Result

pytestmark = pytest.mark.django_db


def _figures(code: str, year: int) -> tuple[str, dict[str, dict[str, object]]]:
    out = io.StringIO()
    with translation.override("vi"):
        call_command("figures", code, user="admin", date_from=f"{year}-01-01", date_to=f"{year}-12-31",
                     as_of=f"{year}-12-31", stdout=out)
    text = out.getvalue()
    return text, json.loads(text)["figures"]


def test_demo_figures_of_na_ri_2020_and_na_tong_2016(demo_loaded: None) -> None:
    counts = (Resolution.objects.count(), Result.objects.count(), CommuneCriterionStatus.objects.count(),
              OcopProduct.objects.count())
    demo.load(User.objects.get(username="admin"))
    assert (Resolution.objects.count(), Result.objects.count(), CommuneCriterionStatus.objects.count(),
            OcopProduct.objects.count()) == counts

    text, figures = _figures("BK-NR", 2020)
    targets, newrural, ocop = figures["targets"], figures["newrural"], figures["ocop"]
    assert figures["members"]["admitted"] == targets["party_admissions"] == 76  # counted, not typed
    assert not Result.objects.filter(target__indicator__code="party_admissions").exists()
    assert targets["party_admissions_percent_of_plan"] == 126
    assert targets["party_admissions_phrase"] == "đạt 126% KH"
    # computed from the rating app's decided ratings, resolved by its figure key
    assert targets["grassroots_good_or_better"] == figures["rating"]["grassroots_good_or_better_percent"] == 94
    assert targets["grassroots_good_or_better_status"] == "exceeded"
    assert "grassroots_good_or_better_change" not in targets  # no resolution covered 2019: no base for a change
    assert targets["grain_output_phrase"] == "đạt hơn 102% KH"
    assert targets["grain_per_capita"] == 838 and targets["grain_per_capita_phrase"] == "đạt hơn 104% KH"
    assert targets["grain_per_capita_change_text"] == "tăng 35 kg/người/năm so với năm 2019"
    assert targets["land_use_coefficient"] == "1,89"
    assert targets["budget_revenue_phrase"] == "đạt hơn 138% KH"
    assert (newrural["criteria_total"], newrural["communes_all_criteria"], newrural["communes_15_18"],
            newrural["communes_10_14"], newrural["communes_5_9"]) == (19, 1, 1, 12, 2)
    assert newrural["communes_summary"] == (
        "01 xã đạt 19/19 tiêu chí; 01 xã đạt 15–18 tiêu chí; 12 xã đạt 10–14 tiêu chí; 02 xã đạt 5–9 tiêu chí")
    assert newrural["villages_summary"] == "05/15 thôn, chiếm hơn 33%"
    assert (ocop["products_registered"], ocop["products_upgrade"], ocop["products_new"]) == (16, 3, 13)
    assert ocop["ocop_summary"] == (
        "16 sản phẩm đăng ký, trong đó 3 nâng hạng, 13 mới; 01 sản phẩm đề nghị nâng từ 4 sao lên 5 sao")
    for quoted in ("126", "126% KH", "838", "1,89", "16", "13", "19"):
        assert quoted in text

    text, figures = _figures("DB-DBH-NT", 2016)
    targets = figures["targets"]
    assert (targets["livestock_growth"], targets["rice_area"], targets["rice_two_crop_area"],
            targets["multidimensional_poverty_rate"]) == ("4,5", 510, 56, 66)
    assert targets["budget_revenue_phrase"] == "đạt 133,5% KH"
    for quoted in ("4,5", "510", "56", "133,5", "66"):
        assert quoted in text
