"""Administration of users, role kinds and roles: every save calls an accounts service (validated, logged, no
secret in the log); API tokens are listed and can be revoked, never edited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts import services
from accounts.models import ApiToken, Role, RoleKind, User
from core.admin import LoggedAdmin, ReadOnlyAdmin, ServiceAdmin, admin_actor, current_admin_actor

# dangvu decides access by roles (accounts.Role, core.scope), not Django groups: their admin would write unlogged.
admin.site.unregister(Group)

USER_FIELDS = ("username", "first_name", "last_name", "email", "is_active", "is_staff", "is_superuser")


class PasswordChangeForm(AdminPasswordChangeForm):
    """The admin's password form, saved by `accounts.services.user_password_set` (logged, tokens revoked)."""

    def save(self, commit: bool = True) -> Any:
        password = self.cleaned_data["password1"] if self.cleaned_data.get("set_usable_password", True) else None
        self.user = services.user_password_set(
            actor=current_admin_actor(), user=self.user, password=password, reason="admin"
        )
        return self.user


@admin.register(User)
class DangvuUserAdmin(ServiceAdmin, UserAdmin):  # type: ignore[misc]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ("last_login", "date_joined")
    list_filter = ("is_staff", "is_superuser", "is_active")
    filter_horizontal = ()
    change_password_form = PasswordChangeForm

    def write(self, actor: Any, form: Any, change: bool) -> User:
        data = form.cleaned_data
        if not change:
            password = data.get("password1") if data.get("set_usable_password", True) else None
            return services.user_create(actor=actor, username=data["username"], password=password, reason="admin")
        changes = {name: data[name] for name in form.changed_data if name in USER_FIELDS}
        user = User.objects.get(pk=form.instance.pk)
        return services.user_update(actor=actor, user=user, reason="admin", **changes)

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        with admin_actor(request.user):
            return super().user_change_password(request, id, form_url)


@admin.register(RoleKind)
class RoleKindAdmin(LoggedAdmin):
    list_display = ["code", "name", "name_en"]


@admin.register(Role)
class RoleAdmin(ServiceAdmin):
    """Roles are granted and withdrawn through `role_grant`/`role_revoke`, with their scope check."""

    list_display = ["user", "kind", "organization", "is_active"]
    list_filter = ["kind", "is_active"]
    raw_id_fields = ["organization"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["user", "kind", "organization", "is_active"] if obj is not None else ["user", "kind", "organization"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["user", "kind", "organization"] if obj is not None else []

    def write(self, actor: Any, form: Any, change: bool) -> Role:
        data = form.cleaned_data
        if not change:
            return services.role_grant(
                actor=actor, user=data["user"], kind=data["kind"], organization=data["organization"], reason="admin"
            )
        role = Role.objects.select_related("user", "kind", "organization").get(pk=form.instance.pk)
        if data["is_active"]:
            return services.role_grant(
                actor=actor, user=role.user, kind=role.kind, organization=role.organization, reason="admin"
            )
        return services.role_revoke(actor=actor, role=role, reason="admin")


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["user", "name", "prefix", "created_at", "expires_at", "last_used_at", "is_active"]
    list_filter = ["is_active"]
    exclude = ["key_hash"]
    actions = ["revoke"]

    @admin.action(description=_("Revoke the selected API tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        tokens = list(queryset.filter(is_active=True))
        for token in tokens:
            services.api_token_revoke(actor=request.user, token=token, reason="admin")
        self.message_user(request, gettext("API tokens revoked: %(n)d.") % {"n": len(tokens)}, messages.SUCCESS)
