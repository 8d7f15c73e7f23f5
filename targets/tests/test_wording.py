"""The wording rules (targets/wording.py) table-tested against the seed reports' sentences, in Vietnamese."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from targets import wording as w
from targets.wording import NotComputable, Status

D = Decimal


@pytest.fixture(autouse=True)
def _vietnamese() -> object:
    with translation.override("vi"):
        yield


@pytest.mark.parametrize(("value", "plan", "wording", "estimate", "label", "expected"), [
    # "kết nạp đảng viên mới đạt 126% KH": 76 of 60 is 126,67%, truncated without "hơn"
    (D(76), D(60), "truncate", False, "KH", "đạt 126% KH"),
    # "đạt hơn 102% KH": 35.120 of 34.300 tấn
    (D(35120), D(34300), "more_than", False, "KH", "đạt hơn 102% KH"),
    # "đạt hơn 104% KH": 838 of 805 kg
    (D(838), D(805), "more_than", False, "KH", "đạt hơn 104% KH"),
    # "đạt hơn 138% KH": 24,878 of 18 tỷ đồng
    (D("24.878"), D(18), "more_than", False, "KH", "đạt hơn 138% KH"),
    # "đạt 133,5% kế hoạch": one decimal
    (D("1.602"), D("1.2"), "one_decimal", False, "KH", "đạt 133,5% KH"),
    # exact share: no "hơn"
    (D(102), D(100), "more_than", False, "KH", "đạt 102% KH"),
    # rounding instead of truncation
    (D(76), D(60), "round", False, "KH", "đạt 127% KH"),
    # an estimate
    (D(35120), D(34300), "more_than", True, "KH", "ước đạt hơn 102% KH"),
    (D(1627), D(1000), "one_decimal", False, "dự toán tỉnh giao", "đạt 162,7% dự toán tỉnh giao"),
])
def test_share_of_plan_sentences(value: Decimal, plan: Decimal, wording: str, estimate: bool, label: str,
                                 expected: str) -> None:
    percent = w.percent_of(value, plan)
    assert isinstance(percent, Decimal)
    assert w.achievement_text(percent, wording=wording, label=label, estimate=estimate) == expected


def test_two_plans_in_one_sentence() -> None:
    # "đạt 162,7% dự toán tỉnh giao và 124,3% dự toán huyện phấn đấu"
    shares = [(D("162.7"), "dự toán tỉnh giao"), (D("124.3"), "dự toán huyện phấn đấu")]
    assert w.plans_text(shares, wording="one_decimal") == (
        "đạt 162,7% dự toán tỉnh giao và 124,3% dự toán huyện phấn đấu")


@pytest.mark.parametrize(("value", "decimals", "expected"), [
    (D(35000), 0, "35.000"), (D("1.89"), 2, "1,89"), (D("24.878"), 3, "24,878"), (D("-4.5"), 1, "-4,5"),
    (D(1234567), 0, "1.234.567"), (D("0.5"), 0, "1"), (D(838), 0, "838"),
])
def test_numbers_as_reports_write_them(value: Decimal, decimals: int, expected: str) -> None:
    assert w.number_text(value, decimals) == expected


@pytest.mark.parametrize(("count", "noun", "expected"), [
    (3, "lớp", "03 lớp"), (1, "xã", "01 xã"), (12, "xã", "12 xã"), (0, "xã", "00 xã"),
    (112, "đảng viên", "112 đảng viên"),
])
def test_counts_with_their_noun_are_padded(count: int, noun: str, expected: str) -> None:
    assert w.count_text(count, noun) == expected


def test_targets_summary() -> None:
    statuses = [Status.EXCEEDED] * 9 + [Status.MET] * 8
    assert w.targets_summary(statuses) == "17/17 chỉ tiêu đạt và vượt, trong đó 09 chỉ tiêu vượt"
    mid = [Status.MET] * 20 + [Status.NOT_MET] * 9 + [NotComputable("x")]
    assert w.targets_summary(mid, components=True) == (
        "20/30 chỉ tiêu thành phần đạt và vượt, trong đó 00 chỉ tiêu vượt")


def test_village_share_and_commune_bands() -> None:
    assert w.share_text(5, 15, "thôn") == "05/15 thôn, chiếm hơn 33%"
    assert w.share_text(0, 0, "thôn") == "00/00 thôn"  # no share of nothing, no division
    bands = [(19, None, 1), (15, 18, 1), (10, 14, 12), (5, 9, 2), (0, 4, 0)]
    assert w.newrural_text(bands, total_criteria=19) == (
        "01 xã đạt 19/19 tiêu chí; 01 xã đạt 15–18 tiêu chí; 12 xã đạt 10–14 tiêu chí; 02 xã đạt 5–9 tiêu chí")


def test_ocop_sentence() -> None:
    assert w.ocop_text(16, 3, 13, [(4, 5, 1)]) == (
        "16 sản phẩm đăng ký, trong đó 3 nâng hạng, 13 mới; 01 sản phẩm đề nghị nâng từ 4 sao lên 5 sao")


def test_change_on_the_previous_year() -> None:
    found = w.change(D(838), D(803), previous_year=2019)
    assert w.change_text(found, unit="kg/người/năm", decimals=0) == "tăng 35 kg/người/năm so với năm 2019"
    assert w.change_percent_text(w.change(D("139.7"), D(100), previous_year=2019)) == "tăng 39,7%"
    assert w.change_percent_text(w.change(D("95.5"), D(100), previous_year=2015)) == "giảm 4,5%"
    missing = w.change(D(838), None, previous_year=2019)
    assert isinstance(missing, NotComputable)
    assert w.change_text(missing, unit="kg", decimals=0) == (
        "Chưa có kết quả năm 2019: không tính được mức tăng, giảm.")
    assert isinstance(w.change(D(5), D(0), previous_year=2019).percent, NotComputable)  # type: ignore[union-attr]


def test_exceeding_and_what_cannot_be_computed() -> None:
    assert w.exceed_text(D("126.67"), "truncate") == "vượt 26%"
    assert isinstance(w.exceed_text(D(100)), NotComputable)
    zero = w.percent_of(D(5), D(0))
    assert isinstance(zero, NotComputable) and "bằng 0" in str(zero)
    assert w.range_text(D("12.8"), D(13), 1) == "12,8–13"
    assert w.percent_whole(D("126.67")) == 126


P = D(100)


@pytest.mark.parametrize(("kind", "value", "plan_high", "previous", "expected"), [
    ("at_least", D("99.99"), None, None, Status.NOT_MET),
    ("at_least", D(100), None, None, Status.MET),
    ("at_least", D("100.01"), None, None, Status.EXCEEDED),
    ("share", D(100), None, None, Status.MET),
    ("share", D(101), None, None, Status.EXCEEDED),
    ("at_most", D("100.01"), None, None, Status.NOT_MET),
    ("at_most", D(100), None, None, Status.MET),
    ("at_most", D("99.99"), None, None, Status.EXCEEDED),
    ("exact", D(100), None, None, Status.MET),
    ("exact", D("100.01"), None, None, Status.NOT_MET),
    ("exact", D("99.99"), None, None, Status.NOT_MET),
    ("range", D("99.99"), D(130), None, Status.NOT_MET),
    ("range", D(100), D(130), None, Status.MET),
    ("range", D(130), D(130), None, Status.MET),
    ("range", D("130.01"), D(130), None, Status.EXCEEDED),
    # reduction: plan 100 = the planned fall
    ("reduction", D(400), None, D("499.99"), Status.NOT_MET),
    ("reduction", D(400), None, D(500), Status.MET),
    ("reduction", D(400), None, D("500.01"), Status.EXCEEDED),
])
def test_status_per_kind_at_its_boundaries(kind: str, value: Decimal, plan_high: Decimal | None,
                                           previous: Decimal | None, expected: Status) -> None:
    assert w.status(kind, value, P, plan_high=plan_high, previous=previous) is expected


def test_a_reduction_without_its_previous_year_is_not_computable() -> None:
    found = w.status("reduction", D(66), D(3), previous=None)
    assert isinstance(found, NotComputable)
    assert isinstance(w.share_of_plan("reduction", D(66), D(3), previous=None), NotComputable)
    assert w.share_of_plan("reduction", D(66), D(3), previous=D(70)) == D(400) / D(3)
    assert isinstance(w.share_of_plan("range", D(13), D("12.8")), NotComputable)
