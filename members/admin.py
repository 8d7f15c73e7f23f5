"""Admin: reference data is editable (through `core.services.reference_row_save`, logged); member files and their
log are read-only here (services write them)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from core.admin import LoggedAdmin
from members.models import Ethnicity, MemberEvent, MembershipSpell, Person, Religion


@admin.register(Ethnicity)
class EthnicityAdmin(LoggedAdmin):
    list_display = ("code", "name", "order")
    search_fields = ("code", "name")


@admin.register(Religion)
class ReligionAdmin(LoggedAdmin):
    list_display = ("code", "name", "order")
    search_fields = ("code", "name")


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown for inspection only: every change goes through members.services (validation, change log)."""

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ("full_name", "birth_date", "status", "organization", "party_card_number")
    list_filter = ("status", "gender")
    search_fields = ("search_name", "party_card_number", "citizen_id")
    raw_id_fields = ("organization", "temporary_organization")


@admin.register(MemberEvent)
class MemberEventAdmin(ReadOnlyAdmin):
    list_display = ("person", "kind", "occurred_on", "organization", "decision_number", "supersedes")
    list_filter = ("kind",)
    raw_id_fields = ("person", "organization", "counterpart", "supersedes")
    date_hierarchy = "occurred_on"


@admin.register(MembershipSpell)
class MembershipSpellAdmin(ReadOnlyAdmin):
    list_display = ("person", "organization", "status", "valid_from", "valid_to")
    list_filter = ("status",)
    raw_id_fields = ("person", "organization")
