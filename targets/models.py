"""Resolutions (nghị quyết) and their targets (chỉ tiêu): plans with their source, results per period.

A resolution belongs to an organization and runs over years (a congress term 2020–2025, one year for an annual
resolution). Each target has an indicator (name, unit, decimals, field, and — for an indicator dangvu counts
itself — a figure key of the figures registry), a kind (at least, at most, exact, range, reduction, share), a
period, optional component targets under a main one, and one or more plans. Results are values per year marked
estimate or final; a correction is a new result (the latest recorded counts), nothing is updated or deleted.
New-rural criteria (targets/newrural/models.py) and OCOP products (targets/ocop/models.py) live in this app too.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organizations.models import Organization


class ResolutionKind(models.TextChoices):
    CONGRESS = "congress", _("congress resolution")
    ANNUAL = "annual", _("annual resolution")
    PROGRAMME = "programme", _("action programme")


class Field(models.TextChoices):
    PARTY = "party", _("Party building")
    ECONOMY = "economy", _("economy")
    SOCIETY = "society", _("culture and society")
    DEFENCE = "defence", _("defence and security")


class TargetKind(models.TextChoices):
    AT_LEAST = "at_least", _("at least")
    AT_MOST = "at_most", _("at most")
    EXACT = "exact", _("exact")
    RANGE = "range", _("range")
    REDUCTION = "reduction", _("reduction")
    SHARE = "share", _("share")


class TargetPeriod(models.TextChoices):
    TERM = "term", _("term total")
    EACH_YEAR = "each_year", _("each year")
    BY_YEAR = "by_year", _("by a year")
    MIDTERM = "midterm", _("mid-term")


class Wording(models.TextChoices):
    """How a report writes the share of plan (targets.wording.percent_text)."""

    MORE_THAN = "more_than", _("“more than 102%” (truncated, with “hơn”)")
    TRUNCATE = "truncate", _("“126%” (truncated)")
    ROUND = "round", _("“127%” (rounded)")
    ONE_DECIMAL = "one_decimal", _("“133,5%” (one decimal)")


class ResultKind(models.TextChoices):
    ESTIMATE = "estimate", _("estimate")
    FINAL = "final", _("final")


class Indicator(models.Model):
    """What is measured: "Kết nạp đảng viên mới" in "đảng viên", or "Hệ số sử dụng đất" in "lần" with 2 decimals.

    `figure_key` ("members.admitted") makes the indicator computed: its value for a year is counted by the figures
    registry for the resolution's organization, never typed.
    """

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=255)
    unit = models.CharField(_("unit"), max_length=40)
    decimals = models.PositiveSmallIntegerField(_("decimals"), default=0)
    field = models.CharField(_("field"), max_length=20, choices=Field.choices)
    figure_key = models.CharField(_("figure key"), max_length=100, blank=True,
                                  help_text=_("namespace.key of the figures registry, e.g. members.admitted"))

    class Meta:
        ordering = ["field", "name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"

    @property
    def is_computed(self) -> bool:
        return bool(self.figure_key)


class Resolution(models.Model):
    scope_path_lookup = "organization__path"

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="resolutions",
                                     verbose_name=_("organization"))
    kind = models.CharField(_("kind"), max_length=20, choices=ResolutionKind.choices)
    title = models.CharField(_("title"), max_length=300)
    number = models.CharField(_("number"), max_length=64, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    document_ref = models.CharField(_("document in the register"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organization_id", "-start_year", "pk"]
        constraints = [models.CheckConstraint(condition=Q(end_year__gte=models.F("start_year")),
                                              name="resolution_years_ordered")]
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")

    def __str__(self) -> str:
        return self.title

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)


class Target(models.Model):
    scope_path_lookup = "resolution__organization__path"

    resolution = models.ForeignKey(Resolution, on_delete=models.PROTECT, related_name="targets",
                                   verbose_name=_("resolution"))
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="components",
                               verbose_name=_("main target"))
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="targets",
                                  verbose_name=_("indicator"))
    kind = models.CharField(_("kind"), max_length=20, choices=TargetKind.choices)
    period = models.CharField(_("period"), max_length=20, choices=TargetPeriod.choices)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True,
                                            help_text=_("For “by a year” and mid-term targets."))
    wording = models.CharField(_("wording"), max_length=20, choices=Wording.choices, default=Wording.MORE_THAN)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("text of the target"), max_length=500, blank=True)

    class Meta:
        ordering = ["resolution_id", "position", "pk"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return f"{self.indicator.name} · {self.resolution}"


class Plan(models.Model):
    """A planned value of a target and who set it: "KH" (the plan), "dự toán tỉnh giao", "dự toán huyện phấn đấu".

    A range has `value` as its low bound and `value_high` as its high bound; a reduction's value is the fall in
    the indicator's unit (points for a rate). `year` empty: the plan holds for every year of the target.
    """

    scope_path_lookup = "target__resolution__organization__path"

    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="plans", verbose_name=_("target"))
    value = models.DecimalField(_("planned value"), max_digits=18, decimal_places=4)
    value_high = models.DecimalField(_("high bound"), max_digits=18, decimal_places=4, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=40)
    source = models.CharField(_("source"), max_length=200)
    label = models.CharField(_("short label"), max_length=60, default="KH",
                             help_text=_("How reports name it after a percentage: KH, dự toán tỉnh giao …"))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["target_id", "position", "pk"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return f"{self.value} {self.unit} ({self.source})"


class Result(models.Model):
    """A value reached for a year: estimate ("ước đạt") or final, with its source and date. Never updated: a
    correction is a new result for the same year; the latest recorded one counts."""

    scope_path_lookup = "target__resolution__organization__path"

    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="results", verbose_name=_("target"))
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)
    kind = models.CharField(_("kind"), max_length=20, choices=ResultKind.choices, default=ResultKind.FINAL)
    source = models.CharField(_("source"), max_length=300)
    reported_on = models.DateField(_("reported on"))
    supersedes = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("corrects"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["target_id", "year", "pk"]
        indexes = [models.Index(fields=["target", "year"], name="target_result_year")]
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self) -> str:
        return f"{self.target} · {self.year}: {self.value}"


from targets.newrural.models import CommuneCriterionStatus, CriteriaSet, Criterion, VillageStatus  # noqa: E402
from targets.ocop.models import OcopProduct, OcopStarBand  # noqa: E402

__all__ = ["CommuneCriterionStatus", "CriteriaSet", "Criterion", "Indicator", "OcopProduct", "OcopStarBand", "Plan",
           "Resolution", "Result", "Target", "VillageStatus"]
