"""OCOP products (Chương trình Mỗi xã một sản phẩm): registrations per year, scores and stars, proposals.

Star bands are rule data (`OcopStarBand`: stars, lowest and highest score, the years and regulation they
apply to); a star rating must be one of the bands in force in the product's year, and a score must fall in
the band of its stars.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organizations.models import Organization


class Registration(models.TextChoices):
    NEW = "new", _("new product")
    UPGRADE = "upgrade", _("star upgrade")


class OcopStarBand(models.Model):
    stars = models.PositiveSmallIntegerField(_("stars"))
    min_score = models.DecimalField(_("lowest score"), max_digits=5, decimal_places=2)
    max_score = models.DecimalField(_("highest score"), max_digits=5, decimal_places=2)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    regulation = models.CharField(_("regulation"), max_length=200)
    confirmed = models.BooleanField(_("confirmed against the regulation"), default=False)

    class Meta:
        ordering = ["-first_year", "-stars"]
        constraints = [models.CheckConstraint(condition=Q(max_score__gte=models.F("min_score")),
                                              name="ocop_band_scores_ordered")]
        verbose_name = _("OCOP star band")
        verbose_name_plural = _("OCOP star bands")

    def __str__(self) -> str:
        return f"{self.stars}★ {self.min_score}–{self.max_score} ({self.regulation})"


class OcopProduct(models.Model):
    """One product registered in one year by a producer of a commune."""

    scope_path_lookup = "organization__path"

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("commune"))
    name = models.CharField(_("product"), max_length=255)
    producer = models.CharField(_("producer"), max_length=255)
    year = models.PositiveSmallIntegerField(_("year"))
    registration = models.CharField(_("registration"), max_length=20, choices=Registration.choices)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True)
    stars = models.PositiveSmallIntegerField(_("stars"), null=True, blank=True)
    proposed_stars = models.PositiveSmallIntegerField(_("proposed stars"), null=True, blank=True)
    export_markets = models.CharField(_("export markets"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["year", "organization_id", "name"]
        verbose_name = _("OCOP product")
        verbose_name_plural = _("OCOP products")

    def __str__(self) -> str:
        return f"{self.name} · {self.producer} ({self.year})"
