"""Admin: resolutions, targets, results, statuses and products are shown read-only (every change goes through
the services and pages); reference data — criteria sets, criteria, OCOP star bands — is edited here, saved
through targets.services.reference_save (validated, logged). Nothing is deleted."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages

from core.admin import ReadOnlyAdmin
from core.errors import DomainError
from targets.models import (
    CommuneCriterionStatus,
    CriteriaSet,
    Criterion,
    Indicator,
    OcopProduct,
    OcopStarBand,
    Plan,
    Resolution,
    Result,
    Target,
    VillageStatus,
)
from targets.services import reference_save


class ReferenceAdmin(admin.ModelAdmin):
    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        try:
            reference_save(actor=request.user, instance=obj, reason="admin")
        except DomainError as exc:
            messages.error(request, str(exc.message))


@admin.register(CriteriaSet)
class CriteriaSetAdmin(ReferenceAdmin):
    list_display = ("name", "regulation", "level", "first_year", "last_year", "confirmed")


@admin.register(Criterion)
class CriterionAdmin(ReferenceAdmin):
    list_display = ("criteria_set", "number", "name")
    list_filter = ("criteria_set",)


@admin.register(OcopStarBand)
class OcopStarBandAdmin(ReferenceAdmin):
    list_display = ("stars", "min_score", "max_score", "first_year", "last_year", "regulation", "confirmed")


for model in (Indicator, Resolution, Target, Plan, Result, CommuneCriterionStatus, VillageStatus, OcopProduct):
    admin.site.register(model, ReadOnlyAdmin)
