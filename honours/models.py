"""Commendations (khen thưởng), the "người tốt, việc tốt" register, contests and their results.

Levels and forms of commendation and the campaigns or movements they are given in are data. A commendation goes
to a collective — an organization in the tree, or a named collective — or to an individual (a member file or a
name), and is kept under `organization`, the organization it concerns (the scope): the commended organization
itself, or the organization of the collective or person. Rows are written only by honours.services.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.models import Person
from organizations.models import Organization


class Level(models.Model):
    """The level of the body that commends (Trung ương, tỉnh, huyện, cơ sở); reference data."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    rank = models.PositiveSmallIntegerField(_("rank"), default=100, help_text=_("1 for the highest level."))

    class Meta:
        ordering = ["rank", "name"]
        verbose_name = _("commendation level")
        verbose_name_plural = _("commendation levels")

    def __str__(self) -> str:
        return self.name


class Form(models.Model):
    """The form of a commendation (giấy khen, bằng khen, huy hiệu …); reference data."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("commendation form")
        verbose_name_plural = _("commendation forms")

    def __str__(self) -> str:
        return self.name


class Campaign(models.Model):
    """A campaign or movement commendations are given in (Chỉ thị 05-CT/TW; an anniversary); reference data."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    basis = models.CharField(_("directive or occasion"), max_length=255, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("campaign or movement")
        verbose_name_plural = _("campaigns and movements")

    def __str__(self) -> str:
        return self.name


class Target(models.TextChoices):
    ORGANIZATION = "organization", _("an organization in the tree")
    COLLECTIVE = "collective", _("a named collective")
    INDIVIDUAL = "individual", _("an individual")


COLLECTIVE_TARGETS = (Target.ORGANIZATION, Target.COLLECTIVE)


class Commendation(models.Model):
    scope_path_lookup = "organization__path"
    scope_person_lookup = "person"

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="commendations",
                                     verbose_name=_("organization"))
    target = models.CharField(_("commended"), max_length=20, choices=Target.choices)
    recipient_name = models.CharField(_("collective or person"), max_length=255, blank=True)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="commendations",
                               verbose_name=_("member file"))
    level = models.ForeignKey(Level, on_delete=models.PROTECT, related_name="+", verbose_name=_("level"))
    form = models.ForeignKey(Form, on_delete=models.PROTECT, related_name="+", verbose_name=_("form"))
    campaign = models.ForeignKey(Campaign, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("campaign or movement"))
    decided_on = models.DateField(_("decision date"))
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    decided_by = models.CharField(_("decided by"), max_length=255)
    reason_text = models.TextField(_("achievement"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "id"]
        indexes = [models.Index(fields=["organization", "decided_on"], name="commendation_org_date")]
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")

    def __str__(self) -> str:
        return f"{self.recipient} · {self.form} · {self.decided_on}"

    @property
    def recipient(self) -> str:
        if self.target == Target.ORGANIZATION:
            return self.organization.name
        if self.person_id:
            return self.person.full_name  # type: ignore[union-attr]
        return self.recipient_name


class HonourEntry(models.Model):
    """An entry of the "người tốt, việc tốt" register: a collective or a person and their good deed."""

    scope_path_lookup = "organization__path"
    scope_person_lookup = "person"

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="honour_entries",
                                     verbose_name=_("organization"))
    target = models.CharField(_("entered"), max_length=20, choices=Target.choices)
    name = models.CharField(_("collective or person"), max_length=255, blank=True)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="honour_entries",
                               verbose_name=_("member file"))
    deed = models.TextField(_("good deed"))
    deed_on = models.DateField(_("date of the deed"), null=True, blank=True)
    entered_on = models.DateField(_("entered on"))
    campaign = models.ForeignKey(Campaign, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("campaign or movement"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-entered_on", "id"]
        constraints = [models.CheckConstraint(
            condition=Q(deed_on__isnull=True) | Q(deed_on__lte=models.F("entered_on")),
            name="honourentry_deed_before_entry")]
        verbose_name = _("honour-book entry")
        verbose_name_plural = _("honour-book entries")

    def __str__(self) -> str:
        return self.person.full_name if self.person_id else self.name  # type: ignore[union-attr]


class Contest(models.Model):
    """A contest (cuộc thi) organized by a body, e.g. the province's "Bắc Kạn học tập và làm theo Bác"."""

    name = models.CharField(_("name"), max_length=300)
    organizer_name = models.CharField(_("organized by"), max_length=255)
    level = models.ForeignKey(Level, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("level"))
    campaign = models.ForeignKey(Campaign, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("campaign or movement"))
    year = models.PositiveSmallIntegerField(_("year"))

    class Meta:
        ordering = ["-year", "name"]
        constraints = [models.UniqueConstraint(fields=["name", "year"], name="contest_name_year")]
        verbose_name = _("contest")
        verbose_name_plural = _("contests")

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class Prize(models.TextChoices):
    FIRST = "first", _("first prize")
    SECOND = "second", _("second prize")
    THIRD = "third", _("third prize")
    CONSOLATION = "consolation", _("consolation prize")
    OTHER = "other", _("other award")


class ContestResult(models.Model):
    """A participant's result in a contest: the organization (scope) or a person under it."""

    scope_path_lookup = "organization__path"

    contest = models.ForeignKey(Contest, on_delete=models.PROTECT, related_name="results", verbose_name=_("contest"))
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="contest_results",
                                     verbose_name=_("organization"))
    participant = models.CharField(_("participant"), max_length=255, blank=True,
                                   help_text=_("Empty when the organization itself took part."))
    prize = models.CharField(_("prize"), max_length=20, choices=Prize.choices)
    awarded_on = models.DateField(_("awarded on"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-awarded_on", "id"]
        verbose_name = _("contest result")
        verbose_name_plural = _("contest results")

    def __str__(self) -> str:
        return f"{self.contest} · {self.get_prize_display()}"
