"""Import records are read-only in the admin: they are written by the import service only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ingest.models import ImportBatch, MemberKey


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ImportBatch)
class ImportBatchAdmin(_ReadOnly):
    list_display = ["created_at", "file_name", "user_name", "status", "rows_total", "rows_created", "rows_skipped",
                    "error_count"]
    list_filter = ["status", "dry_run"]
    search_fields = ["file_name", "sha256", "user_name"]


@admin.register(MemberKey)
class MemberKeyAdmin(_ReadOnly):
    list_display = ["code", "person", "batch", "created_at"]
    search_fields = ["code"]
    raw_id_fields = ["person", "batch"]
