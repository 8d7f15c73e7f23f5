"""A password change, through every door (service, command, admin), is logged without the hash and ends the
user's API tokens."""

from __future__ import annotations

import io
import json
import sys

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from accounts.models import ApiToken, User
from accounts.services import api_token_create, user_password_set
from core.changelog import CHANGED, REDACTED
from core.errors import DomainError, NotInScope
from core.models import ChangeRecord
from core.testing import Cast
from core.testing_api import call

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Nà-Rì-2026-mật-khẩu"


def _records(obj: object) -> list[ChangeRecord]:
    return list(ChangeRecord.objects.for_object(obj).order_by("pk"))


def _no_hash_anywhere(*hashes: str) -> None:
    dump = json.dumps(list(ChangeRecord.objects.values("before", "after")))
    for value in hashes:
        assert value not in dump


def _assert_password_changed_and_tokens_dead(user: User, raw: str, token: ApiToken, actor_name: str) -> None:
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    record = _records(user)[-1]
    assert record.user_name == actor_name
    assert record.changed_fields() == [("password", REDACTED, CHANGED)]
    token.refresh_from_db()
    assert not token.is_active
    revoked = _records(token)[-1]
    assert (revoked.before["is_active"], revoked.after["is_active"], revoked.reason) == (
        True, False, "password changed")
    assert call("GET", "/accounts/tokens", token=raw).status_code == 401
    _no_hash_anywhere(user.password, token.key_hash, raw)


def test_the_service_logs_the_change_and_revokes_the_tokens(cast: Cast) -> None:
    user = cast.district_officer
    token, raw = api_token_create(actor=user, user=user, name="ci")
    assert call("GET", "/accounts/tokens", token=raw).status_code == 200
    user_password_set(actor=user, user=user, password=NEW_PASSWORD)
    _assert_password_changed_and_tokens_dead(user, raw, token, "district")


def test_a_weak_password_is_refused_naming_the_field_and_nothing_is_written(cast: Cast) -> None:
    user = cast.district_officer
    api_token_create(actor=user, user=user, name="ci")
    count, old_hash = ChangeRecord.objects.count(), User.objects.get(pk=user.pk).password
    for weak in ("12345678", "short", ""):
        with pytest.raises(DomainError) as refused:
            user_password_set(actor=user, user=user, password=weak)
        assert refused.value.field == "password"
    assert ChangeRecord.objects.count() == count
    assert User.objects.get(pk=user.pk).password == old_hash
    assert ApiToken.objects.filter(user=user, is_active=True).count() == 1


def test_only_the_user_or_an_administrator_sets_a_password(cast: Cast) -> None:
    count = ChangeRecord.objects.count()
    with pytest.raises(NotInScope):
        user_password_set(actor=cast.province_officer, user=cast.district_officer, password=NEW_PASSWORD)
    assert ChangeRecord.objects.count() == count
    user_password_set(actor=cast.root_admin, user=cast.district_officer, password=NEW_PASSWORD)
    assert _records(cast.district_officer)[-1].user_name == "root"


def test_the_command_sets_the_password_through_the_service(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    user = cast.cell_secretary
    token, raw = api_token_create(actor=user, user=user, name="ci")
    monkeypatch.setattr(sys, "stdin", io.StringIO(NEW_PASSWORD + "\n"))
    out = io.StringIO()
    call_command("user_password_set", "secretary", "--stdin", stdout=out)
    assert "secretary" in out.getvalue()
    _assert_password_changed_and_tokens_dead(user, raw, token, "system")
    monkeypatch.setattr(sys, "stdin", io.StringIO("123\n"))
    with pytest.raises(CommandError):
        call_command("user_password_set", "secretary", "--stdin", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("user_password_set", "nobody", "--stdin", stdout=io.StringIO())


def test_the_admin_password_form_goes_through_the_service(cast: Cast) -> None:
    user = cast.member
    token, raw = api_token_create(actor=user, user=user, name="ci")
    client = Client()
    client.force_login(cast.root_admin)
    response = client.post(f"/admin/accounts/user/{user.pk}/password/", {
        "password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true",
    })
    assert response.status_code == 302, response.content
    _assert_password_changed_and_tokens_dead(user, raw, token, "root")
    assert _records(user)[-1].reason == "admin"


def test_an_administrator_changing_their_own_password_stays_signed_in(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.root_admin)
    response = client.post(f"/admin/accounts/user/{cast.root_admin.pk}/password/", {
        "password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true",
    })
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert _records(cast.root_admin)[-1].changed_fields() == [("password", REDACTED, CHANGED)]


def test_django_s_changepassword_and_createsuperuser_go_through_the_services(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The commands every Django administrator knows are the same doors: logged, no hash, tokens revoked."""
    user = cast.outsider
    token, raw = api_token_create(actor=user, user=user, name="ci")
    monkeypatch.setattr(sys, "stdin", io.StringIO(NEW_PASSWORD + "\n"))
    call_command("changepassword", "outsider", "--stdin", stdout=io.StringIO())
    _assert_password_changed_and_tokens_dead(user, raw, token, "system")

    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", NEW_PASSWORD)
    call_command("createsuperuser", "--username", "quantri", "--noinput", stdout=io.StringIO())
    admin = User.objects.get(username="quantri")
    assert admin.is_superuser and admin.check_password(NEW_PASSWORD)
    [record] = _records(admin)
    assert (record.user_name, record.reason, record.after["password"]) == ("system", "createsuperuser", REDACTED)
    _no_hash_anywhere(admin.password)
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "123")
    with pytest.raises(CommandError):
        call_command("createsuperuser", "--username", "yeu", "--noinput", stdout=io.StringIO())
    assert not User.objects.filter(username="yeu").exists()
