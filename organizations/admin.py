"""Administration of organization and unit kinds (logged); the tree itself is changed through its pages."""

from django.contrib import admin

from core.admin import LoggedAdmin, ReadOnlyAdmin
from organizations.models import CoveredUnitKind, LineageEvent, Organization, OrganizationKind


@admin.register(OrganizationKind)
class OrganizationKindAdmin(LoggedAdmin):
    list_display = ["code", "name", "name_en", "rank", "is_grassroots", "holds_members"]


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
