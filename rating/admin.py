"""Admin: schemes and their levels are reference data an administrator may correct (logged like every admin
change); campaigns, ratings and steps are shown read-only: every change goes through rating.services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from core.admin import ReadOnlyAdmin
from rating.models import Campaign, Rating, RatingStep, Scheme, SchemeLevel


class SchemeLevelInline(admin.TabularInline):
    model = SchemeLevel
    extra = 0
    can_delete = False

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Scheme)
class SchemeAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "first_year", "last_year", "quota_percent")
    inlines = [SchemeLevelInline]


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyAdmin):
    list_display = ("organization", "year", "scheme", "historic", "reference_date", "decision_number")
    list_filter = ("year", "historic")
    search_fields = ("organization__name", "organization__code")
    raw_id_fields = ("organization",)


@admin.register(Rating)
class RatingAdmin(ReadOnlyAdmin):
    list_display = ("campaign", "subject", "organization", "person", "level", "score", "decided_on")
    list_filter = ("subject", "level")
    search_fields = ("organization__name", "person__search_name")
    raw_id_fields = ("campaign", "organization", "person")


@admin.register(RatingStep)
class RatingStepAdmin(ReadOnlyAdmin):
    list_display = ("rating", "kind", "level", "score", "occurred_on", "decision_number")
    list_filter = ("kind", "level")
    raw_id_fields = ("rating", "supersedes")
