"""Admin: inspection records and the discipline form rules are shown read-only; every change goes through
inspection.services (logged). Form rules are seeded by a data migration (inspection.reference)."""

from __future__ import annotations

from django.contrib import admin

from core.admin import ReadOnlyAdmin
from inspection.models import Appeal, Discipline, FollowUp, FormRule, Inspection, Programme


@admin.register(Programme)
class ProgrammeAdmin(ReadOnlyAdmin):
    list_display = ("organization", "year", "body", "title")


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ("organization", "kind", "subject_kind", "starts_on", "concluded_on")
    list_filter = ("kind", "subject_kind")
    raw_id_fields = ("organization", "subject_organization", "subject_person", "programme")


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyAdmin):
    list_display = ("inspection", "due_on", "status", "done_on")


@admin.register(Discipline)
class DisciplineAdmin(ReadOnlyAdmin):
    list_display = ("decision_number", "decision_date", "form", "subject", "organization")
    list_filter = ("form", "subject")
    raw_id_fields = ("organization", "subject_organization", "subject_person", "unit", "inspection", "post_seat",
                     "expulsion_event")


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    list_display = ("discipline", "filed_on", "outcome", "decided_on")


@admin.register(FormRule)
class FormRuleAdmin(ReadOnlyAdmin):
    list_display = ("subject", "form", "needs_post", "regulation", "valid_from", "valid_to", "confirmed")
    list_filter = ("subject", "confirmed")
