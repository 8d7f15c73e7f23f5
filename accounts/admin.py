"""Administration of users, role kinds and roles (logged); API tokens are only listed."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts.models import ApiToken, Role, RoleKind, User
from core.admin import LoggedAdmin, ReadOnlyAdmin


@admin.register(User)
class DangvuUserAdmin(UserAdmin, LoggedAdmin):  # type: ignore[misc]
    pass


@admin.register(RoleKind)
class RoleKindAdmin(LoggedAdmin):
    list_display = ["code", "name", "name_en"]


@admin.register(Role)
class RoleAdmin(LoggedAdmin):
    list_display = ["user", "kind", "organization", "is_active"]
    list_filter = ["kind", "is_active"]
    raw_id_fields = ["organization"]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["user", "name", "prefix", "created_at", "last_used_at", "is_active"]
    exclude = ["key_hash"]
