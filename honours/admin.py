"""Administration of commendation levels, forms, campaigns and contests (logged, through core's reference-row
service); commendations, honour-book entries and results are read-only here (honours.services writes them)."""

from django.contrib import admin

from core.admin import LoggedAdmin, ReadOnlyAdmin
from honours.models import Campaign, Commendation, ContestResult, Form, HonourEntry, Level


@admin.register(Level)
class LevelAdmin(LoggedAdmin):
    list_display = ["code", "name", "rank"]


@admin.register(Form)
class FormAdmin(LoggedAdmin):
    list_display = ["code", "name"]


@admin.register(Campaign)
class CampaignAdmin(LoggedAdmin):
    list_display = ["code", "name", "basis"]


@admin.register(Commendation)
class CommendationAdmin(ReadOnlyAdmin):
    list_display = ["organization", "target", "recipient_name", "form", "decided_on", "decision_number"]
    raw_id_fields = ["organization", "person"]


@admin.register(HonourEntry)
class HonourEntryAdmin(ReadOnlyAdmin):
    list_display = ["organization", "target", "name", "entered_on"]
    raw_id_fields = ["organization", "person"]


@admin.register(ContestResult)
class ContestResultAdmin(ReadOnlyAdmin):
    list_display = ["contest", "organization", "prize", "awarded_on"]
    raw_id_fields = ["organization"]
