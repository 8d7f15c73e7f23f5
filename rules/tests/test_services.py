"""Writing rule versions and calendar days: validation, history kept, change log, who may."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from core.errors import DomainError
from core.models import ChangeAction, ChangeRecord
from rules.errors import NotPermitted
from rules.models import Holiday, HolidaySource, RuleVersion
from rules.queries import rule
from rules.services import (
    holiday_remove,
    holiday_set,
    regulation_kind_for,
    rule_version_add,
    rule_version_annotate,
    workday_set,
)

D = dt.date
KEY = "admission.decision_deadline_working_days"


def _add(actor: Any, **overrides: Any) -> RuleVersion:
    arguments: dict[str, Any] = {
        "actor": actor,
        "key": KEY,
        "value": 45,
        "regulation": "12-QĐ/TW",
        "article": "§4.3.1",
        "valid_from": D(2030, 1, 1),
        "confirmed": True,
        "note": "",
        "reason": "Quy định mới",
    }
    arguments.update(overrides)
    return rule_version_add(**arguments)


@pytest.mark.django_db
def test_a_new_version_closes_the_open_one_and_both_are_logged(cast) -> None:
    previous = RuleVersion.objects.get(key=KEY, valid_to__isnull=True)
    assert previous.regulation == "294-QĐ/TW"
    new = _add(cast.root_admin, regulation_date=D(2029, 11, 20))

    previous.refresh_from_db()
    assert previous.valid_to == D(2030, 1, 1)
    assert new.valid_from == D(2030, 1, 1) and new.valid_to is None
    assert new.citation == "Quy định 12-QĐ/TW, §4.3.1"
    assert rule(KEY, on=D(2029, 12, 31)).value == 60
    assert rule(KEY, on=D(2030, 1, 1)).value == 45

    closed = ChangeRecord.objects.for_object(previous).get()
    assert closed.action == ChangeAction.UPDATE
    assert closed.before["valid_to"] is None and closed.after["valid_to"] == "2030-01-01"
    assert closed.reason == "Quy định mới" and closed.user == cast.root_admin
    opened = ChangeRecord.objects.for_object(new).get()
    assert opened.action == ChangeAction.CREATE and opened.after["value"] == 45


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"valid_from": D(2025, 7, 1)}, "valid_from"),  # same day as the open version: would rewrite it
        ({"valid_from": D(2024, 1, 1)}, "valid_from"),  # backdated into closed history
        ({"valid_from": dt.datetime(2030, 1, 1, tzinfo=dt.UTC)}, "valid_from"),
        ({"valid_from": None}, "valid_from"),
        ({"key": "admission.unknown"}, "key"),
        ({"value": "sixty"}, "value"),
        ({"value": -5}, "value"),
        ({"regulation": "Quy định mới"}, "regulation"),
        ({"regulation": ""}, "regulation"),
        ({"reason": "  "}, "reason"),
        ({"article": "§" * 51}, "article"),
        ({"regulation_date": D(2032, 1, 1)}, "regulation_date"),
    ],
)
def test_bad_versions_are_refused_naming_the_field_and_nothing_is_written(cast, overrides, field) -> None:
    count, records = RuleVersion.objects.count(), ChangeRecord.objects.count()
    with pytest.raises(DomainError) as caught:
        _add(cast.root_admin, **overrides)
    assert caught.value.field == field
    assert RuleVersion.objects.count() == count
    assert ChangeRecord.objects.count() == records
    assert RuleVersion.objects.get(key=KEY, valid_to__isnull=True).regulation == "294-QĐ/TW"


@pytest.mark.django_db
def test_a_version_between_the_open_one_and_a_newer_one_is_refused(cast) -> None:
    _add(cast.root_admin)
    with pytest.raises(DomainError, match="01/01/2030") as caught:
        _add(cast.root_admin, valid_from=D(2028, 1, 1))
    assert caught.value.field == "valid_from"


@pytest.mark.django_db
def test_after_a_closed_last_version_the_next_must_start_where_it_ended(cast) -> None:
    RuleVersion.objects.filter(key=KEY, valid_to__isnull=True).update(valid_to=D(2027, 1, 1))
    with pytest.raises(DomainError, match="01/01/2027") as caught:
        _add(cast.root_admin, valid_from=D(2028, 1, 1))
    assert caught.value.field == "valid_from"
    assert _add(cast.root_admin, valid_from=D(2027, 1, 1)).valid_from == D(2027, 1, 1)


@pytest.mark.django_db
def test_only_an_installation_administrator_changes_rules(cast) -> None:
    with pytest.raises(NotPermitted) as caught:
        _add(cast.province_officer)
    assert caught.value.status_code == 403
    with pytest.raises(NotPermitted):
        holiday_set(actor=cast.province_officer, day=D(2030, 2, 1), name="Tết", reason="x")
    assert _add(cast.root_admin).pk


@pytest.mark.django_db
def test_annotate_changes_the_source_notes_only_and_is_logged(cast) -> None:
    version = RuleVersion.objects.get(key="readmission.min_months_out", regulation="29-QĐ/TW")
    assert version.confirmed is False
    updated = rule_version_annotate(
        actor=cast.root_admin, version=version, confirmed=True, note="Checked against the printed text.",
        reason="Đã đối chiếu văn bản gốc",
    )
    assert updated.confirmed is True and updated.value == 36 and updated.valid_from == version.valid_from
    record = ChangeRecord.objects.for_object(version).get()
    assert record.before["confirmed"] is False and record.after["confirmed"] is True
    # Nothing changed: nothing logged.
    rule_version_annotate(actor=cast.root_admin, version=updated, confirmed=True, reason="again")
    assert ChangeRecord.objects.for_object(version).count() == 1
    with pytest.raises(NotPermitted):
        rule_version_annotate(actor=cast.district_officer, version=version, confirmed=False, reason="x")


def test_kind_of_text_from_its_number() -> None:
    assert regulation_kind_for("294-QĐ/TW") == "Quy định"
    assert regulation_kind_for("01-HD/TW") == "Hướng dẫn"
    assert regulation_kind_for("855/NQ-UBTVQH14") == ""


# ----------------------------------------------------------------------------- calendar


@pytest.mark.django_db
def test_holiday_set_creates_then_renames_and_logs(cast) -> None:
    day = D(2030, 10, 15)
    created = holiday_set(actor=cast.root_admin, day=day, name="Nghỉ Quốc khánh", reason="Thông báo")
    assert created.source == HolidaySource.MANUAL and created.year == 2030 and created.is_day_off
    renamed = holiday_set(actor=cast.root_admin, day=day, name="Quốc khánh (ngày thứ hai)", reason="Sửa tên")
    assert renamed.pk == created.pk
    actions = list(ChangeRecord.objects.for_object(created).order_by("id").values_list("action", "reason"))
    assert actions == [(ChangeAction.CREATE, "Thông báo"), (ChangeAction.UPDATE, "Sửa tên")]
    holiday_set(actor=cast.root_admin, day=day, name="Quốc khánh (ngày thứ hai)", reason="Không đổi")
    assert ChangeRecord.objects.for_object(created).count() == 2


@pytest.mark.django_db
def test_a_seeded_holiday_is_withdrawn_not_deleted(cast) -> None:
    day = D(2030, 4, 30)
    seeded = Holiday.objects.get(date=day)
    assert seeded.source == HolidaySource.LIBRARY and seeded.is_day_off
    removed = holiday_remove(actor=cast.root_admin, day=day, reason="Thử")
    assert Holiday.objects.filter(date=day).exists()
    assert removed.status == "withdrawn" and removed.source == HolidaySource.MANUAL
    record = ChangeRecord.objects.for_object(seeded).get()
    assert record.before["is_day_off"] is True and record.after["is_day_off"] is False
    with pytest.raises(DomainError) as caught:
        holiday_remove(actor=cast.root_admin, day=day, reason="again")
    assert caught.value.field == "day"


@pytest.mark.django_db
def test_a_worked_saturday(cast) -> None:
    saturday = D(2030, 5, 4)
    worked = workday_set(actor=cast.root_admin, day=saturday, name="Làm bù", reason="Hoán đổi ngày nghỉ")
    assert worked.is_workday and not worked.is_day_off
    with pytest.raises(DomainError) as caught:
        workday_set(actor=cast.root_admin, day=D(2030, 5, 6), name="Thứ hai", reason="x")
    assert caught.value.field == "day"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"day": None, "name": "x", "reason": "y"}, "day"),
        ({"day": D(2030, 1, 2), "name": " ", "reason": "y"}, "name"),
        ({"day": D(2030, 1, 2), "name": "x", "reason": ""}, "reason"),
        ({"day": D(1800, 1, 2), "name": "x", "reason": "y"}, "day"),
    ],
)
def test_bad_holidays_are_refused(cast, arguments, field) -> None:
    with pytest.raises(DomainError) as caught:
        holiday_set(actor=cast.root_admin, **arguments)
    assert caught.value.field == field
