"""Rules kept as data: every number of every regulation with its validity dates, and the working-day calendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class RuleVersion(models.Model):
    """One value of one rule (e.g. admission.min_age_months) as a regulation set it, valid from..to (exclusive).

    Versions of a key follow each other without gaps or overlaps; only the last may be open (valid_to empty).
    Rows are written only by `rules.services`; they are never deleted, a new regulation opens a new version.
    """

    key = models.CharField(_("key"), max_length=100)
    value = models.JSONField(_("value"), encoder=DjangoJSONEncoder)
    regulation = models.CharField(
        _("regulation"), max_length=64, help_text=_("Number of the text that sets the value, e.g. 294-QĐ/TW.")
    )
    regulation_kind = models.CharField(
        _("kind of text"), max_length=50, blank=True, help_text=_("e.g. Quy định, Hướng dẫn.")
    )
    regulation_date = models.DateField(_("signed on"), null=True, blank=True)
    article = models.CharField(_("article"), max_length=50, blank=True, help_text=_("e.g. §3.1"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until (exclusive)"), null=True, blank=True)
    confirmed = models.BooleanField(
        _("confirmed"), default=True, help_text=_("False while the value has not been checked in a primary text.")
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["key", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["key", "valid_from"], name="ruleversion_unique_start"),
            models.UniqueConstraint(
                fields=["key"], condition=Q(valid_to__isnull=True), name="ruleversion_one_open_per_key"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="ruleversion_valid_to_after_from",
            ),
        ]
        verbose_name = _("rule version")
        verbose_name_plural = _("rule versions")

    def __str__(self) -> str:
        return f"{self.key} = {self.value!r} ({self.citation}, {self.period})"

    @property
    def citation(self) -> str:
        """How a page or report cites the rule: "Quy định 294-QĐ/TW, §3.1"."""
        text = f"{self.regulation_kind} {self.regulation}".strip()
        return f"{text}, {self.article}" if self.article else text

    @property
    def full_citation(self) -> str:
        """The citation with the signing date, which tells apart texts numbered alike in different terms."""
        text = f"{self.regulation_kind} {self.regulation}".strip()
        if self.regulation_date:
            text += f" ngày {date_format(self.regulation_date, 'SHORT_DATE_FORMAT')}"
        return f"{text}, {self.article}" if self.article else text

    @property
    def period(self) -> str:
        start = self.valid_from.isoformat()
        return f"{start}..{self.valid_to.isoformat()}" if self.valid_to else f"{start}.."

    def in_force_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)


class HolidaySource(models.TextChoices):
    LIBRARY = "holidays-lib", _("holidays library")
    DECISION = "decision", _("notice shipped with dangvu")
    MANUAL = "manual", _("entered by an administrator")


class HolidayStatus(models.TextChoices):
    DAY_OFF = "day_off", _("day off")
    WORKDAY = "workday", _("working day (weekend day worked in exchange)")
    WITHDRAWN = "withdrawn", _("withdrawn (the usual Monday-Friday rule applies)")


class Holiday(models.Model):
    """An exception to the Monday-Friday week on one date: a public holiday or Tết day off, or a weekend day
    worked in exchange for a bridge day. Withdrawn exceptions are kept with both flags off (history kept).

    The calendar cache notices changes through count and max(updated_at): write only with `save()`
    (the services do), never with `QuerySet.update()`, which would not touch `updated_at`.
    """

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True, editable=False)
    source = models.CharField(_("source"), max_length=20, choices=HolidaySource.choices, default=HolidaySource.MANUAL)
    is_day_off = models.BooleanField(_("day off"), default=True)
    is_workday = models.BooleanField(
        _("worked weekend day"), default=False, help_text=_("A Saturday or Sunday worked in exchange for a day off.")
    )
    basis = models.CharField(
        _("basis"), max_length=200, blank=True,
        help_text=_("The notice or decision that set the day, e.g. Thông báo 6150/TB-BLĐTBXH."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(
                condition=~(Q(is_day_off=True) & Q(is_workday=True)), name="holiday_not_off_and_worked"
            ),
        ]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.year = self.date.year
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "year", "updated_at"}
        super().save(*args, **kwargs)

    @property
    def status(self) -> str:
        if self.is_day_off:
            return HolidayStatus.DAY_OFF
        if self.is_workday:
            return HolidayStatus.WORKDAY
        return HolidayStatus.WITHDRAWN
