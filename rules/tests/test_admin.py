"""The Django admin for rules and holidays writes only through the services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from accounts.models import User
from core.models import ChangeRecord
from rules.models import Holiday, RuleVersion
from rules.queries import rule

D = dt.date


@pytest.mark.django_db
def test_an_administrator_adds_a_day_off_with_a_reason(client, cast) -> None:
    client.force_login(cast.root_admin)
    response = client.post(
        reverse("admin:rules_holiday_add"),
        {"date": "2031-02-03", "name": "Nghỉ Tết (bổ sung)", "status": "day_off", "reason": "Thông báo 123/TB"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    holiday = Holiday.objects.get(date=D(2031, 2, 3))
    assert holiday.source == "manual" and holiday.is_day_off
    assert ChangeRecord.objects.for_object(holiday).get().reason == "Thông báo 123/TB"


@pytest.mark.django_db
def test_an_administrator_withdraws_a_day_in_the_change_form(client, cast) -> None:
    holiday = Holiday.objects.get(date=D(2031, 9, 2))
    client.force_login(cast.root_admin)
    url = reverse("admin:rules_holiday_change", args=[holiday.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": holiday.name, "status": "withdrawn", "reason": "Thử"})
    assert response.status_code == 302
    holiday.refresh_from_db()
    assert holiday.status == "withdrawn"


@pytest.mark.django_db
def test_a_refused_version_shows_the_error_and_writes_nothing(client, cast) -> None:
    client.force_login(cast.root_admin)
    client.cookies["django_language"] = "en"  # the language switch's choice (Accept-Language is not followed)
    count = RuleVersion.objects.count()
    response = client.post(
        reverse("admin:rules_ruleversion_add"),
        {
            "key": "transfer.present_deadline_working_days", "value": "20", "regulation": "300-QĐ/TW",
            "regulation_kind": "", "regulation_date": "", "article": "", "valid_from": "2024-01-01",
            "confirmed": "on", "note": "", "reason": "Thử",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "earlier periods are not rewritten" in response.content.decode()
    assert RuleVersion.objects.count() == count
    assert not ChangeRecord.objects.filter(reason="Thử").exists()


@pytest.mark.django_db
def test_an_administrator_adds_a_version(client, cast) -> None:
    client.force_login(cast.root_admin)
    response = client.post(
        reverse("admin:rules_ruleversion_add"),
        {
            "key": "transfer.present_deadline_working_days", "value": "20", "regulation": "300-QĐ/TW",
            "regulation_kind": "", "regulation_date": "2030-05-01", "article": "§6.3", "valid_from": "2030-06-01",
            "confirmed": "on", "note": "", "reason": "Quy định mới",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    version = rule("transfer.present_deadline_working_days", on=D(2030, 6, 1))
    assert version.value == 20 and version.citation == "Quy định 300-QĐ/TW, §6.3"
    assert rule("transfer.present_deadline_working_days", on=D(2030, 5, 31)).value == 30
    # The change form edits the notes only; deleting is not offered.
    change = reverse("admin:rules_ruleversion_change", args=[version.pk])
    page = client.get(change)
    assert page.status_code == 200 and 'name="value"' not in page.content.decode()
    assert client.get(reverse("admin:rules_ruleversion_delete", args=[version.pk])).status_code == 403


@pytest.mark.django_db
def test_staff_who_are_not_administrators_are_refused(client, cast) -> None:
    staff = User.objects.create_user("staff", password="staff-pass-123", is_staff=True)
    client.force_login(staff)
    assert client.get(reverse("admin:rules_holiday_changelist")).status_code == 403
    response = client.post(
        reverse("admin:rules_holiday_add"), {"date": "2031-02-03", "name": "x", "status": "day_off", "reason": "y"}
    )
    assert response.status_code == 403
    assert not Holiday.objects.filter(date=D(2031, 2, 3)).exists()
    client.force_login(cast.root_admin)
    assert client.get(reverse("admin:rules_holiday_changelist")).status_code == 200


@pytest.mark.django_db
def test_admin_pages_render(client, cast) -> None:
    client.force_login(cast.root_admin)
    for name in ("rules_ruleversion_changelist", "rules_ruleversion_add", "rules_holiday_changelist",
                 "rules_holiday_add"):
        response = client.get(reverse(f"admin:{name}"))
        assert response.status_code == 200, name
    listing = client.get(reverse("admin:rules_ruleversion_changelist"), {"key": "readmission.max_times"})
    assert "Quy định 294-QĐ/TW, §3.5" in listing.content.decode()
