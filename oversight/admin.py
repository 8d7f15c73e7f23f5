"""Oversight assignments are read-only here (oversight.services writes them)."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin
from oversight.models import Assignment


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ["person", "organization", "committee_of", "starts_on", "ended_on"]
    raw_id_fields = ["person", "organization", "committee_of"]
