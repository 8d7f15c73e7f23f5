"""Oversight assignments (phân công cấp ủy viên phụ trách chi bộ): a member of the committee of the organization
directly above a cell or unit is assigned to oversee it from a date to a date (exclusive; empty while current).

Kept in their own app beside `committees`, whose seats say who is a committee member on a date. Rows are written
only by oversight.services, which log every change; an assignment that ends gets its end date, never deleted.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.models import Person
from organizations.models import Organization


class Assignment(models.Model):
    scope_path_lookup = "organization__path"
    scope_person_lookup = "person"

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="oversight_assignments",
                                     verbose_name=_("cell or unit"))
    committee_of = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("committee of"))
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="oversight_assignments",
                               verbose_name=_("committee member"))
    starts_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True, help_text=_("First day no longer assigned."))
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organization_id", "starts_on", "id"]
        indexes = [models.Index(fields=["organization", "starts_on"], name="oversight_org_start"),
                   models.Index(fields=["person", "starts_on"], name="oversight_person_start")]
        constraints = [models.CheckConstraint(
            condition=Q(ended_on__isnull=True) | Q(ended_on__gt=models.F("starts_on")),
            name="oversight_period_ordered")]
        verbose_name = _("oversight assignment")
        verbose_name_plural = _("oversight assignments")

    def __str__(self) -> str:
        return f"{self.person} → {self.organization}"

    def held_on(self, day: object) -> bool:
        return self.starts_on <= day and (self.ended_on is None or day < self.ended_on)  # type: ignore[operator]
