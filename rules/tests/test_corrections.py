"""Rules corrected against the regulations' texts (issue 11): each test names the rule, its article and the
dates on both sides of the change; the corrections reach installations seeded before them; the calendar."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps as django_apps
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from core.models import ChangeRecord
from rules import reference, reference_corrections
from rules.admin import remind_calendar
from rules.calendar import add_working_days, calendar_reminder, is_working_day
from rules.holiday_seed import DECIDED_DAYS, holiday_seed, load_holidays
from rules.models import Holiday, HolidaySource, RuleVersion
from rules.queries import rule, rule_value
from rules.services import holiday_set

D = dt.date
pytestmark = pytest.mark.django_db


# ----------------------------------------------------------------------------- assessment


def test_recently_admitted_exclusion_belongs_to_124_qd_tw_of_04_10_2023() -> None:
    """assessment.exclude_admitted_within_months: none under 132-QĐ/TW (until 03/10/2023); 6 months under
    124-QĐ/TW from 04/10/2023."""
    before, after = rule("assessment.exclude_admitted_within_months", on=D(2023, 10, 3)), rule(
        "assessment.exclude_admitted_within_months", on=D(2023, 10, 4))
    assert (before.regulation, before.value, before.confirmed) == ("132-QĐ/TW", 0, True)
    assert (after.regulation, after.value, after.confirmed) == ("124-QĐ/TW", 6, True)


def test_suspended_members_are_not_assessed_under_124_qd_tw() -> None:
    """assessment.excluded_members (124-QĐ/TW, 04/10/2023): exempted and suspended (đình chỉ sinh hoạt)."""
    assert {"exempted", "suspended"} <= set(rule_value("assessment.excluded_members", on=D(2023, 10, 4)))
    assert rule("assessment.excluded_members", on=D(2023, 10, 3)).confirmed is False  # 132: reported, unread


def test_366_qd_tw_of_30_08_2025_replaces_124_qd_tw() -> None:
    """124-QĐ/TW is closed: until 29/08/2025 it applies; from 30/08/2025 Quy định 366-QĐ/TW (Hướng dẫn 43-HD/BTCTW
    of 31/10/2025) with a 100-point scale; what is not confirmed for 366 is marked so."""
    on_29, on_30 = D(2025, 8, 29), D(2025, 8, 30)
    for key in ("assessment.exclude_admitted_within_months", "assessment.excluded_members",
                "assessment.score_scale"):
        assert rule(key, on=on_29).regulation == "124-QĐ/TW", key
        assert rule(key, on=on_29).valid_to == on_30, key
        assert rule(key, on=on_30).regulation == "366-QĐ/TW", key
    assert (rule_value("assessment.score_scale", on=on_29), rule_value("assessment.score_scale", on=on_30)) == (0, 100)
    assert rule("assessment.score_scale", on=on_30).confirmed is True
    assert rule("assessment.exclude_admitted_within_months", on=on_30).confirmed is False
    bands = rule("assessment.score_band_minimums", on=on_30)
    assert (bands.value, bands.confirmed) == ([50, 70, 90], False)
    assert "43-HD/BTCTW" in bands.note


def test_missed_activities_three_months_is_a_strike_off_ground_s8_1() -> None:
    """strike_off.missed_activities_months (Điều lệ Điều 8 khoản 2; 24-QĐ/TW §8.1): beside unpaid dues."""
    for on in (D(2021, 7, 30), D(2025, 7, 1)):
        version = rule("strike_off.missed_activities_months", on=on)
        assert (version.value, version.article, version.confirmed) == (3, "§8.1", True)


# ----------------------------------------------------------------------------- installations seeded before


def test_wrong_seeds_are_corrected_with_a_change_record_and_admin_edits_kept() -> None:
    badge = RuleVersion.objects.get(key="party_age.badge_years", regulation="45-QĐ/TW")
    badge.value = [30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90]  # as seeded before the correction
    badge.save()
    exclusion = RuleVersion.objects.get(key="assessment.exclude_admitted_within_months", regulation="132-QĐ/TW")
    exclusion.value = 6
    exclusion.save()
    introducers = RuleVersion.objects.get(key="admission.introducers_required", regulation="294-QĐ/TW")
    introducers.article = "§3.1"
    introducers.save()
    edited = RuleVersion.objects.get(key="admission.introducer_min_months_together", regulation="294-QĐ/TW")
    edited.article = "§3.9"  # an administrator's own choice: not the wrong seed, left alone
    edited.save()

    reference_corrections.apply_corrections(django_apps)

    badge.refresh_from_db()
    exclusion.refresh_from_db()
    introducers.refresh_from_db()
    edited.refresh_from_db()
    assert 45 not in badge.value and exclusion.value == 0 and introducers.article == "§3.2"
    assert edited.article == "§3.9"
    records = ChangeRecord.objects.filter(reason=reference_corrections.REASON)
    assert records.count() == 3
    assert {r.before["article"] for r in records if r.object_id == str(introducers.pk)} == {"§3.1"}


def test_loading_closes_the_open_124_version_at_366s_start() -> None:
    """An installation whose 124-QĐ/TW version is still open gets 366-QĐ/TW from 30/08/2025."""
    RuleVersion.objects.filter(key="assessment.excluded_members", regulation="366-QĐ/TW").delete()
    open_124 = RuleVersion.objects.get(key="assessment.excluded_members", regulation="124-QĐ/TW")
    open_124.valid_to = None
    open_124.save()
    reference.load_rules(django_apps)
    open_124.refresh_from_db()
    assert open_124.valid_to == D(2025, 8, 30)
    assert rule("assessment.excluded_members", on=D(2025, 8, 30)).regulation == "366-QĐ/TW"


# ----------------------------------------------------------------------------- calendar


def test_2025_swap_of_thong_bao_6150_is_in_the_calendar() -> None:
    """Thông báo 6150/TB-BLĐTBXH: Saturday 26/04/2025 worked, Friday 02/05/2025 off."""
    assert is_working_day(D(2025, 4, 26)) and not is_working_day(D(2025, 5, 2))
    assert add_working_days(D(2025, 4, 25), 1) == D(2025, 4, 26)
    assert add_working_days(D(2025, 4, 29), 1) == D(2025, 5, 5)  # 30/4, 1/5, 2/5 off, then the weekend
    for day in (D(2025, 4, 26), D(2025, 5, 2)):
        assert "6150/TB-BLĐTBXH" in Holiday.objects.get(date=day).basis


def test_2026_tet_and_quoc_khanh_days_name_their_notice() -> None:
    """Thông báo 9441/TB-BNV (16/10/2025): Tết 16-20/02/2026; 31/08/2026 off for Saturday 22/08/2026 worked."""
    for day in (D(2026, 2, 16), D(2026, 2, 20), D(2026, 8, 31)):
        assert not is_working_day(day)
        assert "9441/TB-BNV" in Holiday.objects.get(date=day).basis
    assert is_working_day(D(2026, 8, 22)) and is_working_day(D(2026, 2, 23))


def test_culture_day_24_11_is_not_seeded_until_the_labour_code_says_so() -> None:
    assert D(2026, 11, 24) not in {row["date"] for row in holiday_seed()}
    assert is_working_day(D(2026, 11, 24))


def test_loading_adds_missing_decided_days_and_keeps_an_administrators_day(cast) -> None:
    Holiday.objects.filter(date=D(2025, 5, 2)).delete()  # an installation seeded from the old package
    holiday_set(actor=cast.root_admin, day=D(2026, 8, 31), name="Ngày nghỉ theo quyết định của tỉnh",
                reason="tỉnh quyết định", basis="Quyết định của tỉnh")
    load_holidays(django_apps)
    added = Holiday.objects.get(date=D(2025, 5, 2))
    assert (added.source, added.is_day_off) == (HolidaySource.DECISION, True)
    kept = Holiday.objects.get(date=D(2026, 8, 31))
    assert (kept.source, kept.basis) == (HolidaySource.MANUAL, "Quyết định của tỉnh")
    assert {d.date for d in DECIDED_DAYS} <= set(Holiday.objects.values_list("date", flat=True))


def _request(user):
    request = RequestFactory().get("/admin/rules/holiday/")
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_administrators_are_reminded_in_december_to_confirm_next_years_days(cast) -> None:
    """Each December (here 01/12/2026) administrators confirm next year's Tết and swapped days; not in November,
    and not shown to other users."""
    assert calendar_reminder(D(2026, 11, 30)) is None
    reminder = calendar_reminder(D(2026, 12, 1))
    assert reminder is not None and reminder.year == 2027
    assert reminder.days_recorded == Holiday.objects.filter(year=2027, is_day_off=True).count() > 0
    request = _request(cast.root_admin)
    text = remind_calendar(request, on=D(2026, 12, 1))
    assert text is not None and "2027" in text
    assert [str(m) for m in request._messages] == [text]
    assert remind_calendar(_request(cast.root_admin), on=D(2026, 11, 30)) is None
    assert remind_calendar(_request(cast.province_officer), on=D(2026, 12, 1)) is None
    Holiday.objects.filter(year=2036).delete()
    assert calendar_reminder(D(2035, 12, 1)).tet_missing  # type: ignore[union-attr]
