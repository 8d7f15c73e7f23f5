"""Admin building blocks: domain rows are read-only here (services write them); reference data is logged."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest

from core.changelog import log_change, snapshot
from core.models import ChangeAction, ChangeRecord


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shows rows for inspection; every change goes through the app's services and pages."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class LoggedAdmin(admin.ModelAdmin):
    """Reference data edited by an administrator: each save lands in the change log; nothing is deleted."""

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            before = snapshot(type(obj).objects.get(pk=obj.pk)) if change else None
            super().save_model(request, obj, form, change)
            action = ChangeAction.UPDATE if change else ChangeAction.CREATE
            log_change(actor=request.user, action=action, instance=obj, before=before, reason="admin")


@admin.register(ChangeRecord)
class ChangeRecordAdmin(ReadOnlyAdmin):
    list_display = ["time", "user_name", "action", "content_type", "object_repr", "request_id"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "user_name", "request_id"]
