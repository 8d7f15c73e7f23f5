"""API tokens: they expire, can be revoked by their owner or an administrator (API and page), are listed
without their hash, and an expired or revoked token authenticates nobody."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from accounts.models import ApiToken
from accounts.services import api_token_create, api_token_revoke
from core.errors import DomainError, NotInScope
from core.models import ChangeRecord
from core.testing import Cast
from core.testing_api import call

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def _token(user, name="ci", days=None):  # type: ignore[no-untyped-def]
    return api_token_create(actor=user, user=user, name=name, days=days)


def _close_to(moment: dt.datetime, days: int) -> bool:
    return abs(moment - (timezone.now() + dt.timedelta(days=days))) < dt.timedelta(minutes=1)


# ----------------------------------------------------------------------------- expiry


def test_tokens_expire_after_the_configured_days(cast: Cast, settings) -> None:  # type: ignore[no-untyped-def]
    token, _raw = _token(cast.district_officer)
    assert _close_to(token.expires_at, 90)
    settings.DANGVU_API_TOKEN_DAYS = 7
    token, _raw = _token(cast.district_officer)
    assert _close_to(token.expires_at, 7)
    token, _raw = _token(cast.district_officer, days=400)
    assert _close_to(token.expires_at, 400)
    for days in (0, -1, 3651):
        with pytest.raises(DomainError) as refused:
            _token(cast.district_officer, days=days)
        assert refused.value.field == "days"


def test_the_setting_comes_from_the_environment() -> None:
    code = "import django; django.setup(); from django.conf import settings; print(settings.DANGVU_API_TOKEN_DAYS)"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "dangvu.settings", "DANGVU_API_TOKEN_DAYS": "12"}
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "12"


def test_an_expired_token_authenticates_nobody(cast: Cast) -> None:
    token, raw = _token(cast.district_officer)
    assert call("GET", "/accounts/tokens", token=raw).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert call("GET", "/accounts/tokens", token=raw).status_code == 401
    assert call("GET", f"/organizations/{cast.district_a.pk}", token=raw).status_code == 401


def test_the_command_takes_days(cast: Cast) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command("api_token_create", "district", "--days", "30", stdout=out, stderr=err)
    token = ApiToken.objects.get(user=cast.district_officer)
    assert _close_to(token.expires_at, 30)
    assert call("GET", "/accounts/tokens", token=out.getvalue().strip()).status_code == 200
    with pytest.raises(CommandError):
        call_command("api_token_create", "district", "--days", "0", stdout=io.StringIO(), stderr=io.StringIO())


# ----------------------------------------------------------------------------- revocation (service, API)


def test_the_owner_and_an_administrator_revoke_anyone_else_gets_404(cast: Cast) -> None:
    token, raw = _token(cast.district_officer)
    count = ChangeRecord.objects.count()
    with pytest.raises(NotInScope):
        api_token_revoke(actor=cast.province_officer, token=token)
    assert call("POST", f"/accounts/tokens/{token.pk}/revoke", user=cast.outsider).status_code == 404
    assert ChangeRecord.objects.count() == count
    assert call("GET", "/accounts/tokens", token=raw).status_code == 200

    response = call("POST", f"/accounts/tokens/{token.pk}/revoke", token=raw, body={"reason": "máy cũ"})
    assert response.status_code == 200, response.content
    assert response.json()["is_active"] is False
    assert call("GET", "/accounts/tokens", token=raw).status_code == 401
    record = ChangeRecord.objects.for_object(token).latest("pk")
    assert (record.user_name, record.reason, record.after["is_active"]) == ("district", "máy cũ", False)

    other, other_raw = _token(cast.outsider)
    response = call("POST", f"/accounts/tokens/{other.pk}/revoke", user=cast.root_admin)
    assert response.status_code == 200
    assert call("GET", "/accounts/tokens", token=other_raw).status_code == 401
    assert ChangeRecord.objects.for_object(other).latest("pk").user_name == "root"


def test_the_list_shows_own_tokens_without_hash_and_everyone_s_to_an_administrator(cast: Cast) -> None:
    mine, raw = _token(cast.district_officer, name="báo cáo")
    theirs, _other = _token(cast.outsider)
    listed = call("GET", "/accounts/tokens", token=raw).json()
    assert [t["id"] for t in listed] == [mine.pk]
    assert listed[0]["name"] == "báo cáo" and listed[0]["is_usable"] is True
    assert mine.key_hash not in json.dumps(listed) and raw not in json.dumps(listed)
    every = call("GET", "/accounts/tokens", user=cast.root_admin).json()
    assert {t["id"] for t in every} == {mine.pk, theirs.pk}
    only = call("GET", "/accounts/tokens?user=outsider", user=cast.root_admin).json()
    assert [t["id"] for t in only] == [theirs.pk]
    assert call("GET", "/accounts/tokens").status_code == 401


def test_a_token_created_through_the_api_is_answered_once_and_works(cast: Cast) -> None:
    response = call("POST", "/accounts/tokens", user=cast.district_officer, body={"name": "excel", "days": 5})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["key"].startswith("dv_") and _close_to(dt.datetime.fromisoformat(body["expires_at"]), 5)
    assert call("GET", "/accounts/tokens", token=body["key"]).status_code == 200
    assert "key" not in call("GET", "/accounts/tokens", token=body["key"]).json()[0]
    refused = call("POST", "/accounts/tokens", user=cast.district_officer, body={"days": 0})
    assert refused.status_code == 422 and refused.json()["field"] == "days"


# ----------------------------------------------------------------------------- the page


def test_the_page_lists_creates_and_revokes(cast: Cast) -> None:
    mine, raw = _token(cast.district_officer, name="máy chủ báo cáo")
    theirs, _other = _token(cast.outsider, name="của người khác")
    client = Client()
    client.force_login(cast.district_officer)
    home = client.get("/").content.decode()
    assert 'href="/account/tokens/"' in home
    page = client.get("/account/tokens/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "máy chủ báo cáo" in text and "của người khác" not in text and mine.key_hash not in text
    assert "no-store" in page["Cache-Control"]

    created = client.post("/account/tokens/", {"name": "bảng tính", "days": "10"})
    assert created.status_code == 200
    new = ApiToken.objects.get(name="bảng tính")
    assert new.prefix in created.content.decode() and _close_to(new.expires_at, 10)
    assert client.post("/account/tokens/", {"name": "x", "days": "0"}).status_code == 400

    assert client.post(f"/account/tokens/{theirs.pk}/revoke/").status_code == 404
    assert ApiToken.objects.get(pk=theirs.pk).is_active
    assert client.post(f"/account/tokens/{mine.pk}/revoke/").status_code == 302
    assert not ApiToken.objects.get(pk=mine.pk).is_active
    assert call("GET", "/accounts/tokens", token=raw).status_code == 401
    assert client.post(f"/account/tokens/{2**70}/revoke/").status_code == 404


def test_a_control_character_in_a_token_name_is_refused_naming_the_field(cast: Cast) -> None:
    count = ApiToken.objects.count()
    response = call("POST", "/accounts/tokens", user=cast.district_officer, body={"name": "máy\x1bin"})
    assert response.status_code == 400 and response.json()["field"] == "name"
    assert ApiToken.objects.count() == count
