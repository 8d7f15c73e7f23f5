"""Every admin that writes calls a service: the write is validated, logged, and holds no secret; nothing is
deleted. Users, roles, role kinds and the reference data of members (ethnicities, religions)."""

from __future__ import annotations

import io
import json

import pytest
from django.contrib.admin import ModelAdmin, site
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client, RequestFactory

from accounts.models import Role, RoleKind, User
from accounts.services import api_token_create
from core.changelog import REDACTED
from core.management.commands.demo_load import Command as DemoLoad
from core.models import ChangeRecord
from core.testing import Cast
from core.testing_api import call
from members.models import Ethnicity, Religion
from organizations.models import OrganizationKind

pytestmark = pytest.mark.django_db

PASSWORD = "Khuổi-Hỏm-2026-mật-khẩu"


def _admin_client(cast: Cast) -> Client:
    client = Client()
    client.force_login(cast.root_admin)
    return client


def _records(obj: object) -> list[ChangeRecord]:
    return list(ChangeRecord.objects.for_object(obj).order_by("pk"))


def _no_password_hash_in_the_log() -> None:
    dump = json.dumps(list(ChangeRecord.objects.values("before", "after")))
    for password in User.objects.values_list("password", flat=True):
        assert password not in dump


def test_adding_a_user_in_the_admin_logs_it_without_the_hash(cast: Cast) -> None:
    response = _admin_client(cast).post("/admin/accounts/user/add/", {
        "username": "lan", "password1": PASSWORD, "password2": PASSWORD, "usable_password": "true",
    })
    assert response.status_code == 302, response.content
    user = User.objects.get(username="lan")
    assert user.check_password(PASSWORD)
    [record] = _records(user)
    assert (record.action, record.user_name, record.reason, record.after["password"]) == (
        "create", "root", "admin", REDACTED)
    _no_password_hash_in_the_log()


def test_changing_a_user_in_the_admin_logs_only_what_changed(cast: Cast) -> None:
    user = cast.member
    url = f"/admin/accounts/user/{user.pk}/change/"
    response = _admin_client(cast).post(url, {
        "username": "member", "first_name": "Lò", "last_name": "Thị Xuân", "email": "xuan@natong.vn",
        "is_active": "on", "date_joined_0": "01/01/2026", "date_joined_1": "00:00:00",
    })
    assert response.status_code == 302, response.content
    record = _records(user)[-1]
    assert record.reason == "admin"
    assert [name for name, _b, _a in record.changed_fields()] == ["email", "first_name", "last_name"]
    assert record.before["password"] == record.after["password"] == REDACTED
    _no_password_hash_in_the_log()


def test_deactivating_a_user_in_the_admin_revokes_their_tokens(cast: Cast) -> None:
    user = cast.member
    token, raw = api_token_create(actor=user, user=user, name="ci")
    response = _admin_client(cast).post(f"/admin/accounts/user/{user.pk}/change/", {"username": "member"})
    assert response.status_code == 302, response.content
    assert not User.objects.get(pk=user.pk).is_active
    token.refresh_from_db()
    assert not token.is_active
    assert ChangeRecord.objects.for_object(token).latest("pk").reason == "user deactivated"
    assert call("GET", "/accounts/tokens", token=raw).status_code == 401


def test_an_administrator_cannot_remove_their_own_rights_in_the_admin(cast: Cast) -> None:
    count = ChangeRecord.objects.count()
    response = _admin_client(cast).post(f"/admin/accounts/user/{cast.root_admin.pk}/change/", {
        "username": "root", "is_active": "on", "is_staff": "on",
    })
    assert response.status_code == 200  # the form again, with the refusal beside the field
    assert "is_superuser" in response.context["adminform"].form.errors
    assert ChangeRecord.objects.count() == count
    assert User.objects.get(pk=cast.root_admin.pk).is_superuser


def test_users_are_not_deleted_in_the_admin(cast: Cast) -> None:
    response = _admin_client(cast).post(f"/admin/accounts/user/{cast.member.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert User.objects.filter(pk=cast.member.pk).exists()


def test_roles_are_granted_and_withdrawn_through_the_services(cast: Cast) -> None:
    client = _admin_client(cast)
    viewer = RoleKind.objects.get(code="viewer")
    response = client.post("/admin/accounts/role/add/", {
        "user": cast.member.pk, "kind": viewer.pk, "organization": cast.commune_a2.pk,
    })
    assert response.status_code == 302, response.content
    role = Role.objects.get(user=cast.member, kind=viewer)
    [granted] = _records(role)
    assert (granted.action, granted.user_name, granted.reason) == ("create", "root", "admin")
    response = client.post(f"/admin/accounts/role/{role.pk}/change/", {})  # "active" unticked
    assert response.status_code == 302, response.content
    role.refresh_from_db()
    assert not role.is_active
    withdrawn = _records(role)[-1]
    assert (withdrawn.before["is_active"], withdrawn.after["is_active"]) == (True, False)
    assert client.post(f"/admin/accounts/role/{role.pk}/delete/", {"post": "yes"}).status_code == 403


def test_a_role_cannot_be_moved_to_another_organization_in_the_admin(cast: Cast) -> None:
    role = Role.objects.get(user=cast.district_officer)
    response = _admin_client(cast).post(f"/admin/accounts/role/{role.pk}/change/", {
        "organization": cast.district_b.pk, "is_active": "on",
    })
    assert response.status_code == 302
    assert Role.objects.get(pk=role.pk).organization == cast.district_a


def test_a_staff_officer_grants_roles_only_inside_their_scope(cast: Cast) -> None:
    officer = cast.district_officer
    User.objects.filter(pk=officer.pk).update(is_staff=True)
    officer.user_permissions.add(*Permission.objects.filter(codename__in=["add_role", "view_role"]))
    client = Client()
    client.force_login(officer)
    viewer = RoleKind.objects.get(code="viewer")
    count = ChangeRecord.objects.count()
    outside = client.post("/admin/accounts/role/add/", {
        "user": cast.member.pk, "kind": viewer.pk, "organization": cast.district_b.pk,
    })
    assert outside.status_code == 200  # refused: district B is not theirs
    assert ChangeRecord.objects.count() == count
    assert not Role.objects.filter(user=cast.member).exists()
    inside = client.post("/admin/accounts/role/add/", {
        "user": cast.member.pk, "kind": viewer.pk, "organization": cast.commune_a1.pk,
    })
    assert inside.status_code == 302, inside.content
    assert _records(Role.objects.get(user=cast.member))[0].user_name == "district"


def test_role_kinds_and_reference_data_are_logged(cast: Cast) -> None:
    client = _admin_client(cast)
    kind = RoleKind.objects.get(code="viewer")
    data = {"code": "viewer", "name": "Xem số liệu (mọi cấp)", "name_en": kind.name_en,
            "permissions": json.dumps(kind.permissions)}
    if hasattr(kind, "families"):
        data["families"] = json.dumps(kind.families)
    response = client.post(f"/admin/accounts/rolekind/{kind.pk}/change/", data)
    assert response.status_code == 302, response.content
    record = _records(kind)[-1]
    assert record.changed_fields() == [("name", "Xem số liệu", "Xem số liệu (mọi cấp)")]

    for model, url in ((Ethnicity, "/admin/members/ethnicity/add/"), (Religion, "/admin/members/religion/add/")):
        response = client.post(url, {"code": "TN", "name": "Thử nghiệm", "order": "99"})
        assert response.status_code == 302, response.content
        row = model.objects.get(code="TN")
        [created] = _records(row)
        assert (created.action, created.user_name, created.after["name"]) == ("create", "root", "Thử nghiệm")
        change_url = url.replace("add/", f"{row.pk}/change/")
        count = ChangeRecord.objects.count()
        assert client.post(change_url, {"code": "TN", "name": "Thử nghiệm", "order": "99"}).status_code == 302
        assert ChangeRecord.objects.count() == count  # nothing changed, nothing written
        assert client.post(change_url, {"code": "TN", "name": "Thử", "order": "99"}).status_code == 302
        assert _records(row)[-1].changed_fields() == [("name", "Thử nghiệm", "Thử")]
        assert client.post(change_url.replace("change/", "delete/"), {"post": "yes"}).status_code == 403

    kind_count = OrganizationKind.objects.count()
    organization_kind = OrganizationKind.objects.order_by("pk").first()
    assert organization_kind is not None
    response = client.get(f"/admin/organizations/organizationkind/{organization_kind.pk}/change/")
    assert response.status_code == 200
    assert OrganizationKind.objects.count() == kind_count


def test_reference_data_refuses_invalid_rows_naming_the_field(cast: Cast) -> None:
    count = ChangeRecord.objects.count()
    response = _admin_client(cast).post("/admin/members/ethnicity/add/", {"code": "", "name": "", "order": "x"})
    assert response.status_code == 200
    assert ChangeRecord.objects.count() == count


def test_the_demo_administrator_is_created_through_the_service_and_logged(db: None) -> None:
    admin = DemoLoad()._admin()
    [record] = _records(admin)
    assert (record.action, record.user_name, record.after["password"]) == ("create", "system", REDACTED)
    assert admin.is_superuser and admin.check_password("dangvu-demo")
    assert DemoLoad()._admin() == admin  # a second run creates nothing
    assert len(_records(admin)) == 1
    call_command("check", stdout=io.StringIO())


def test_reference_data_refuses_control_characters_naming_the_field(cast: Cast) -> None:
    count = ChangeRecord.objects.count()
    response = _admin_client(cast).post("/admin/members/religion/add/", {"code": "X1", "name": "Đạo\x1b", "order": "1"})
    assert response.status_code == 200
    assert "name" in response.context["adminform"].form.errors
    assert ChangeRecord.objects.count() == count and not Religion.objects.filter(code="X1").exists()


# Admins of other packages that still write on their own, each with the reason. Keep this short.
OUTSIDE_THE_SERVICES = {
    "axes.accessattempt": "django-axes lock-out counters (sign-in throttling), not domain data",
    "axes.accesslog": "django-axes sign-in log, not domain data",
    "axes.accessfailurelog": "django-axes sign-in failure log, not domain data",
}


def test_every_admin_that_writes_saves_through_a_service_and_deletes_nothing(cast: Cast) -> None:
    """Walks every registered admin: one that lets an administrator add or change rows must save through a service
    (its own `save_model`, never Django's plain ORM save), and none deletes; Django's groups are not offered."""
    request = RequestFactory().get("/admin/")
    request.user = cast.root_admin
    checked = []
    for model, model_admin in site._registry.items():
        label = model._meta.label_lower
        if label in OUTSIDE_THE_SERVICES:
            continue
        writes = model_admin.has_add_permission(request) or model_admin.has_change_permission(request)
        if writes:
            assert type(model_admin).save_model is not ModelAdmin.save_model, f"{label}: saves with the ORM"
            checked.append(label)
        assert not model_admin.has_delete_permission(request), f"{label}: the admin deletes rows"
    assert {"accounts.user", "accounts.role", "accounts.rolekind", "members.ethnicity", "members.religion",
            "rules.ruleversion"} <= set(checked)
    assert Group not in site._registry
