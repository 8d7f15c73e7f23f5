"""Administration of organization and unit kinds (logged); the tree itself is changed through its pages."""

from typing import Any

from django.contrib import admin
from django.db import models

from core.admin import LoggedAdmin, ReadOnlyAdmin, ServiceAdmin
from organizations.models import CoveredUnitKind, KindPeriod, LineageEvent, Organization, OrganizationKind
from organizations.services.kinds import kind_period_save


@admin.register(OrganizationKind)
class OrganizationKindAdmin(LoggedAdmin):
    list_display = ["code", "name", "name_en", "rank", "is_grassroots", "holds_members"]


@admin.register(KindPeriod)
class KindPeriodAdmin(ServiceAdmin):
    """The dated attributes of the kinds (grassroots or not, superior level, who decides): saved through
    `kind_period_save`, which refuses overlapping periods and logs the change."""

    list_display = ["kind", "valid_from", "valid_to", "is_grassroots", "superior", "admission_decider",
                    "recognition_decider", "transfer_decider", "regulation", "confirmed"]
    list_filter = ["kind", "confirmed"]

    def write(self, actor: Any, form: Any, change: bool) -> models.Model:
        return kind_period_save(actor=actor, instance=self.fresh(form), reason="admin")


@admin.register(CoveredUnitKind)
class CoveredUnitKindAdmin(LoggedAdmin):
    list_display = ["code", "name", "name_en"]


@admin.register(Organization)
class OrganizationAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "kind", "parent", "established_on", "dissolved_on"]
    search_fields = ["code", "search_name"]


@admin.register(LineageEvent)
class LineageEventAdmin(ReadOnlyAdmin):
    list_display = ["kind", "effective_on", "decision_number", "decision_date"]
