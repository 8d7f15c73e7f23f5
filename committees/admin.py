"""Admin: terms, congresses and seats are shown read-only; every change goes through committees.services."""

from __future__ import annotations

from django.contrib import admin

from committees.models import Congress, Seat, Term
from core.admin import ReadOnlyAdmin


@admin.register(Term)
class TermAdmin(ReadOnlyAdmin):
    list_display = ("organization", "label", "opened_by", "starts_on", "ended_on", "decision_number")
    list_filter = ("opened_by",)
    search_fields = ("organization__name", "organization__code")
    raw_id_fields = ("organization", "appointed_by")


@admin.register(Congress)
class CongressAdmin(ReadOnlyAdmin):
    list_display = ("organization", "ordinal", "opened_on", "closed_on", "delegates", "resolution_number")
    search_fields = ("organization__name", "organization__code")
    raw_id_fields = ("organization", "term")


@admin.register(Seat)
class SeatAdmin(ReadOnlyAdmin):
    list_display = ("person", "kind", "organization", "basis", "starts_on", "ended_on", "end_reason")
    list_filter = ("kind", "basis", "end_reason")
    search_fields = ("person__search_name", "organization__name", "organization__code")
    raw_id_fields = ("person", "organization", "term", "appointed_by")
