"""Admin: dialogues, follow-ups and models are read-only here; every change goes through mobilisation.services."""

from __future__ import annotations

from django.contrib import admin

from core.admin import ReadOnlyAdmin
from mobilisation.models import Dialogue, DialogueIssue, FollowUp, MobilisationModel


@admin.register(Dialogue)
class DialogueAdmin(ReadOnlyAdmin):
    list_display = ("held_on", "kind", "organization", "place", "chair")
    list_filter = ("kind",)
    raw_id_fields = ("organization",)


@admin.register(DialogueIssue)
class DialogueIssueAdmin(ReadOnlyAdmin):
    list_display = ("dialogue", "content")
    raw_id_fields = ("dialogue",)


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyAdmin):
    list_display = ("dialogue", "action", "owner", "due_on", "status")
    list_filter = ("status",)
    raw_id_fields = ("dialogue", "issue")


@admin.register(MobilisationModel)
class MobilisationModelAdmin(ReadOnlyAdmin):
    list_display = ("year", "kind", "name", "organization")
    list_filter = ("kind", "year")
    raw_id_fields = ("organization",)
