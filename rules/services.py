"""Every write to rules and the working-day calendar. Each function is one transaction and writes the change log.

Rules and the calendar are installation-wide, so only an installation administrator (superuser) changes them.
Nothing is deleted: a new regulation closes the open version and opens a new one; a withdrawn holiday is
kept with its flags off.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.changelog import log_change, snapshot
from core.decisions import decision_number_is_valid
from core.errors import DomainError
from core.models import ChangeAction
from core.scope import is_administrator
from rules.calendar import forget_holidays
from rules.errors import NotPermitted
from rules.models import Holiday, HolidaySource, RuleVersion
from rules.queries import forget_rules
from rules.reference import RULE_SPECS

# Kind of text named by the type code of its number (Hướng dẫn 36-HD/VPTW). Central "QĐ/TW" texts that
# implement the Charter are regulations (Quy định), e.g. 294-QĐ/TW.
_KIND_BY_TYPE = {
    "QĐ": "Quy định",
    "QĐi": "Quy định",
    "HD": "Hướng dẫn",
    "NQ": "Nghị quyết",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "QC": "Quy chế",
    "TT": "Thông tri",
}


def regulation_kind_for(number: str) -> str:
    """'Quy định' for 294-QĐ/TW, 'Hướng dẫn' for 01-HD/TW; '' when the type code is not known."""
    head = number.split("/", 1)[0]
    code = head.split("-", 1)[1] if "-" in head else ""
    return _KIND_BY_TYPE.get(code, "")


def _fmt(day: dt.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def _require_administrator(actor: Any) -> None:
    if not is_administrator(actor):
        raise NotPermitted(_("Only an installation administrator may change rules and the working-day calendar."))


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for the change (it is kept in the change log)."), field="reason")
    return reason


def _require_date(value: Any, field: str) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise DomainError(_("A date is required."), field=field)
    if not 1930 <= value.year <= 2100:
        raise DomainError(_("The date %(date)s is not plausible.") % {"date": _fmt(value)}, field=field)
    return value


def _text(value: str | None, *, field: str, max_length: int, required: bool = False) -> str:
    text = " ".join((value or "").split())
    if required and not text:
        raise DomainError(_("This field is required."), field=field)
    if len(text) > max_length:
        raise DomainError(
            _("At most %(n)d characters are allowed.") % {"n": max_length}, field=field
        )
    return text


def _after_commit(forget: Any) -> None:
    forget()  # this process at once (also inside the transaction) ...
    transaction.on_commit(forget)  # ... and again once the change is visible to every connection


# ----------------------------------------------------------------------------- rule versions


@transaction.atomic
def rule_version_add(
    *,
    actor: Any,
    key: str,
    value: Any,
    regulation: str,
    article: str,
    valid_from: dt.date,
    confirmed: bool,
    note: str,
    reason: str,
    regulation_kind: str = "",
    regulation_date: dt.date | None = None,
) -> RuleVersion:
    """Record a new version of a rule from `valid_from`: the open version ends that day, the new one starts.

    Refused (DomainError naming the field): unknown key, value of the wrong shape, malformed regulation number,
    a start on or before the start of the latest version (history is not rewritten) or leaving a gap.
    """
    _require_administrator(actor)
    key = (key or "").strip()
    spec = RULE_SPECS.get(key)
    if spec is None:
        raise DomainError(
            _("Unknown rule “%(key)s”: a new key needs code that uses it; see docs/rules.md.") % {"key": key},
            field="key",
        )
    problem = spec.check(value)
    if problem:
        raise DomainError(
            _("The value of %(key)s is not valid: %(problem)s.") % {"key": key, "problem": problem}, field="value"
        )
    regulation = _text(regulation, field="regulation", max_length=64, required=True)
    if not decision_number_is_valid(regulation):
        raise DomainError(
            _("Regulation number “%(number)s” is malformed: write it as 294-QĐ/TW.") % {"number": regulation},
            field="regulation",
        )
    article = _text(article, field="article", max_length=50)
    regulation_kind = _text(regulation_kind, field="regulation_kind", max_length=50) or regulation_kind_for(regulation)
    valid_from = _require_date(valid_from, "valid_from")
    if regulation_date is not None:
        regulation_date = _require_date(regulation_date, "regulation_date")
        if regulation_date > valid_from + dt.timedelta(days=366):
            raise DomainError(
                _("The text cannot be signed more than a year after the version takes effect."),
                field="regulation_date",
            )
    if not isinstance(confirmed, bool):
        raise DomainError(_("Say whether the value is confirmed."), field="confirmed")
    note = (note or "").strip()
    reason = _require_reason(reason)

    latest = RuleVersion.objects.select_for_update().filter(key=key).order_by("-valid_from").first()
    if latest is not None:
        if valid_from <= latest.valid_from:
            raise DomainError(
                _(
                    "The new version of %(key)s must start after %(date)s, when the version under %(citation)s "
                    "began; earlier periods are not rewritten."
                )
                % {"key": key, "date": _fmt(latest.valid_from), "citation": latest.citation},
                field="valid_from",
            )
        if latest.valid_to is not None and valid_from != latest.valid_to:
            raise DomainError(
                _("The new version of %(key)s must start on %(date)s, when the last version ended.")
                % {"key": key, "date": _fmt(latest.valid_to)},
                field="valid_from",
            )
        if latest.valid_to is None:
            before = snapshot(latest)
            latest.valid_to = valid_from
            latest.save(update_fields=["valid_to", "updated_at"])
            log_change(actor=actor, action=ChangeAction.UPDATE, instance=latest, before=before, reason=reason)

    version = RuleVersion.objects.create(
        key=key,
        value=value,
        regulation=regulation,
        regulation_kind=regulation_kind,
        regulation_date=regulation_date,
        article=article,
        valid_from=valid_from,
        valid_to=None,
        confirmed=confirmed,
        note=note,
    )
    log_change(actor=actor, action=ChangeAction.CREATE, instance=version, reason=reason)
    _after_commit(forget_rules)
    return version


@transaction.atomic
def rule_version_annotate(
    *,
    actor: Any,
    version: RuleVersion,
    reason: str,
    article: str | None = None,
    confirmed: bool | None = None,
    note: str | None = None,
    regulation_kind: str | None = None,
    regulation_date: dt.date | None = None,
) -> RuleVersion:
    """Correct what a version says about its source (article, kind, date, confirmed, note); never its value
    or dates, which only a new version changes. Arguments left None stay as they are."""
    _require_administrator(actor)
    reason = _require_reason(reason)
    current = RuleVersion.objects.select_for_update().get(pk=version.pk)
    before = snapshot(current)
    if article is not None:
        current.article = _text(article, field="article", max_length=50)
    if regulation_kind is not None:
        current.regulation_kind = _text(regulation_kind, field="regulation_kind", max_length=50)
    if regulation_date is not None:
        current.regulation_date = _require_date(regulation_date, "regulation_date")
    if confirmed is not None:
        if not isinstance(confirmed, bool):
            raise DomainError(_("Say whether the value is confirmed."), field="confirmed")
        current.confirmed = confirmed
    if note is not None:
        current.note = note.strip()
    if snapshot(current) == before:
        return current
    current.save()
    log_change(actor=actor, action=ChangeAction.UPDATE, instance=current, before=before, reason=reason)
    _after_commit(forget_rules)
    return current


# ----------------------------------------------------------------------------- calendar


def _holiday_for_update(day: dt.date) -> Holiday | None:
    return Holiday.objects.select_for_update().filter(date=day).first()


def _write_holiday(
    *, actor: Any, day: dt.date, name: str, is_day_off: bool, is_workday: bool, reason: str, basis: str = ""
) -> Holiday:
    holiday = _holiday_for_update(day)
    if holiday is None:
        holiday = Holiday(date=day, name=name, source=HolidaySource.MANUAL, is_day_off=is_day_off,
                          is_workday=is_workday, basis=basis)
        holiday.save()
        log_change(actor=actor, action=ChangeAction.CREATE, instance=holiday, reason=reason)
    else:
        basis = basis or holiday.basis  # an edit that names no notice keeps the one recorded
        if (holiday.name, holiday.is_day_off, holiday.is_workday, holiday.basis) == (
            name, is_day_off, is_workday, basis
        ):
            return holiday
        before = snapshot(holiday)
        holiday.name, holiday.is_day_off, holiday.is_workday = name, is_day_off, is_workday
        holiday.basis = basis
        holiday.source = HolidaySource.MANUAL
        holiday.save()
        log_change(actor=actor, action=ChangeAction.UPDATE, instance=holiday, before=before, reason=reason)
    _after_commit(forget_holidays)
    return holiday


@transaction.atomic
def holiday_set(*, actor: Any, day: dt.date, name: str, reason: str, basis: str = "") -> Holiday:
    """Make `day` a day off (a public holiday, a Tết day off decided for the year, a bridge day); `basis`
    names the notice or decision that set it."""
    _require_administrator(actor)
    day = _require_date(day, "day")
    name = _text(name, field="name", max_length=200, required=True)
    basis = _text(basis, field="basis", max_length=200)
    reason = _require_reason(reason)
    return _write_holiday(actor=actor, day=day, name=name, is_day_off=True, is_workday=False, reason=reason,
                          basis=basis)


@transaction.atomic
def workday_set(*, actor: Any, day: dt.date, name: str, reason: str, basis: str = "") -> Holiday:
    """Make a Saturday or Sunday a working day (worked in exchange for a bridge day off)."""
    _require_administrator(actor)
    day = _require_date(day, "day")
    if day.weekday() < 5:
        raise DomainError(
            _("%(date)s is a weekday: only a Saturday or Sunday can be made a working day.") % {"date": _fmt(day)},
            field="day",
        )
    name = _text(name, field="name", max_length=200, required=True)
    basis = _text(basis, field="basis", max_length=200)
    reason = _require_reason(reason)
    return _write_holiday(actor=actor, day=day, name=name, is_day_off=False, is_workday=True, reason=reason,
                          basis=basis)


@transaction.atomic
def holiday_remove(*, actor: Any, day: dt.date, reason: str) -> Holiday:
    """Withdraw the exception recorded on `day` (a day off or a worked weekend day): the usual Monday-Friday
    rule applies again. The row stays, with both flags off, and the change log keeps what it was."""
    _require_administrator(actor)
    day = _require_date(day, "day")
    reason = _require_reason(reason)
    holiday = _holiday_for_update(day)
    if holiday is None or not (holiday.is_day_off or holiday.is_workday):
        raise DomainError(
            _("No day off or worked weekend day is recorded on %(date)s.") % {"date": _fmt(day)}, field="day"
        )
    before = snapshot(holiday)
    holiday.is_day_off = False
    holiday.is_workday = False
    holiday.source = HolidaySource.MANUAL
    holiday.save()
    log_change(actor=actor, action=ChangeAction.UPDATE, instance=holiday, before=before, reason=reason)
    _after_commit(forget_holidays)
    return holiday
