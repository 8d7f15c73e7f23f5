"""Where a member lives and works: a covered unit (village, residential group, school, clinic …) between two dates.

Kept as dated rows (like coverage, organizations.Coverage), not as fields of the file: a person moves, and
"units without any member living there" must be counted as of any date (members.places). Written only by
members.services.places (the file's services pass `places` through to it); imported by members.models.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from organizations.models import CoveredUnit


class PlaceKind(models.TextChoices):
    RESIDENCE = "residence", _("place of residence")
    WORK = "work", _("place of work")


class PersonPlace(models.Model):
    """The person lived (residence) or worked (work) in `unit` from valid_from until valid_to (exclusive).

    `valid_from` is empty when the start is unknown (counted from the beginning, like coverage). Never edited
    but to close it: a move closes the open row on its date and opens the next one."""

    scope_path_lookup = "person__organization__path"
    scope_person_lookup = "person"  # a role over one person reaches this row (core.scope)

    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="places")
    kind = models.CharField(_("kind"), max_length=10, choices=PlaceKind.choices)
    unit = models.ForeignKey(CoveredUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    valid_from = models.DateField(_("from"), null=True, blank=True, help_text=_("Empty: since a date unknown."))
    valid_to = models.DateField(_("until"), null=True, blank=True, help_text=_("Exclusive end; empty while current."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person_id", "kind", F("valid_from").asc(nulls_first=True), "id"]
        indexes = [
            models.Index(fields=["unit", "valid_from", "valid_to"], name="personplace_unit_period"),
            models.Index(fields=["person", "kind"], name="personplace_person"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="personplace_period_ordered",
            )
        ]
        verbose_name = _("place of residence or work")
        verbose_name_plural = _("places of residence or work")

    def __str__(self) -> str:
        return f"{self.person_id} {self.kind} {self.unit_id} [{self.valid_from or '?'} – {self.valid_to or ''}]"
