"""The demo's ratings, through the services, give the seed reports' figures: Na Rì 2020's 49 grassroots
organizations 10 / 36 / 3, Na Tông 2016's 16 cells all "hoàn thành tốt nhiệm vụ" or better and 15% of its rated
members "hoàn thành xuất sắc nhiệm vụ" (from the `figures` command); loading again changes nothing."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from accounts.models import User
from rating import demo
from rating.models import Campaign, Rating, RatingStep

pytestmark = pytest.mark.django_db


def _figures(code: str, year: int) -> dict:
    out = io.StringIO()
    call_command("figures", code, "--user", "admin", "--from", f"{year}-01-01", "--to", f"{year}-12-31",
                 "--as-of", f"{year}-12-31", stdout=out)
    return json.loads(out.getvalue())["figures"]["rating"]


def test_demo_ratings_give_the_reports_figures(demo_loaded: None) -> None:
    counts = (Campaign.objects.count(), Rating.objects.count(), RatingStep.objects.count())
    demo.load(User.objects.get(username="admin"))
    assert (Campaign.objects.count(), Rating.objects.count(), RatingStep.objects.count()) == counts

    na_ri = _figures("BK-NR", 2020)
    assert (na_ri["grassroots_excellent"], na_ri["grassroots_good"], na_ri["grassroots_completed"],
            na_ri["grassroots_rated"]) == (10, 36, 3, 49)
    assert na_ri["grassroots_excellent_label"] == "Hoàn thành xuất sắc nhiệm vụ"
    assert na_ri["grassroots_exceptions"] > 0  # 10 "xuất sắc" against 36 "tốt": recorded as decided, marked
    na_tong = _figures("DB-DBH-NT", 2016)
    assert na_tong["cells_rated"] == 16 and na_tong["cells_good_or_better_percent"] == 100
    assert na_tong["cells_excellent_label"] == "Trong sạch, vững mạnh" and na_tong["cells_excellent"] > 0
    assert na_tong["members_excellent_percent"] == 15
    assert na_tong["members_excellent_label"] == "Đủ tư cách, hoàn thành xuất sắc nhiệm vụ"
    live = Campaign.objects.get(organization__code="DB-DBH-NT", year=2025)
    assert live.scheme.code == "qd366" and not live.historic
    assert Rating.objects.filter(campaign=live, score__isnull=False).exclude(level="").count() > 5
