"""New-rural criteria (nông thôn mới) as versioned sets, and each commune's and village's status per year.

A set (2021–2025 under Quyết định 318/QĐ-TTg, 19 criteria; 2026–2030 under Quyết định 51/2025/QĐ-TTg …) is data:
criteria with their numbers, the years the set applies to, its level (standard, advanced, model) and commune
group, and whether its content is confirmed against the regulation (docs/rules.md). A status is one commune's
(or village's) result on one criterion for one year; a correction is a new row, the latest one counts.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organizations.models import CoveredUnit, Organization


class CriteriaLevel(models.TextChoices):
    STANDARD = "standard", _("new rural")
    ADVANCED = "advanced", _("advanced new rural")
    MODEL = "model", _("model new rural")


class CriteriaSet(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=255)
    regulation = models.CharField(_("regulation"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=CriteriaLevel.choices, default=CriteriaLevel.STANDARD)
    commune_group = models.CharField(_("commune group"), max_length=100, blank=True)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    confirmed = models.BooleanField(_("confirmed against the regulation"), default=False)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["level", "-first_year", "code"]
        constraints = [models.CheckConstraint(condition=Q(last_year__gte=models.F("first_year")),
                                              name="criteria_set_years_ordered")]
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")

    def __str__(self) -> str:
        return f"{self.name} ({self.first_year}–{self.last_year})"

    def applies_to(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year


class Criterion(models.Model):
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.PROTECT, related_name="criteria",
                                     verbose_name=_("criteria set"))
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=255)
    indicators = models.TextField(_("indicators"), blank=True)

    class Meta:
        ordering = ["criteria_set_id", "number"]
        constraints = [models.UniqueConstraint(fields=["criteria_set", "number"], name="criterion_unique_number")]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class CommuneCriterionStatus(models.Model):
    scope_path_lookup = "organization__path"

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("commune"))
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="statuses",
                                  verbose_name=_("criterion"))
    year = models.PositiveSmallIntegerField(_("year"))
    met = models.BooleanField(_("met"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organization_id", "year", "criterion_id", "pk"]
        indexes = [models.Index(fields=["year", "organization"], name="ntm_status_year_org")]
        verbose_name = _("commune criterion status")
        verbose_name_plural = _("commune criterion statuses")

    def __str__(self) -> str:
        return f"{self.organization} · {self.year} · {self.criterion.number}: {self.met}"


class VillageStatus(models.Model):
    """Whether a village (thôn, bản) meets the new-rural standard in a year, recorded under the commune the village
    belonged to then (a covered unit's territory is only its current one: later mergers move it)."""

    scope_path_lookup = "organization__path"

    village = models.ForeignKey(CoveredUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("village"))
    organization = models.ForeignKey(Organization, null=True, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("commune"))
    year = models.PositiveSmallIntegerField(_("year"))
    met = models.BooleanField(_("met"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["village_id", "year", "pk"]
        verbose_name = _("village new-rural status")
        verbose_name_plural = _("village new-rural statuses")

    def __str__(self) -> str:
        return f"{self.village} · {self.year}: {self.met}"
