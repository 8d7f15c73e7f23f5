"""Sign-in throttling (django-axes): lock-out after repeated failures with a Vietnamese message, logged, visible to
administrators, lifted by the cool-off or by an administrator; sessions end after idling."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from core.middleware import SessionIdleMiddleware
from core.testing import Cast

pytestmark = pytest.mark.django_db

LOCKED_MESSAGE = (
    "Too many wrong passwords for this user name. Sign-in is locked for %(minutes)s minutes; "
    "an administrator can unlock it sooner."
)


def sign_in(client: Client, username: str, password: str, **extra: Any) -> Any:
    return client.post("/login/", {"username": username, "password": password}, **extra)


def fail_until_locked(client: Client, username: str = "district") -> Any:
    response = None
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, username, "wrong-password")
    return response


def test_wrong_passwords_below_the_limit_only_say_wrong_password(cast: Cast) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, "district", "wrong-password")
        assert response.status_code == 200
        assert 'id="login-locked"' not in response.content.decode()
    assert sign_in(client, "district", "district-pass-123").status_code == 302


def test_the_limit_locks_the_user_name_out_even_with_the_right_password(cast: Cast, caplog: Any) -> None:
    client = Client()
    with caplog.at_level(logging.WARNING, logger="dangvu.security"):
        response = fail_until_locked(client)
    assert response.status_code == 429
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    with translation.override("vi"):
        expected = gettext(LOCKED_MESSAGE) % {"minutes": minutes}
    assert expected != LOCKED_MESSAGE % {"minutes": minutes}, "the lock-out message has no Vietnamese translation"
    html = response.content.decode()
    assert 'id="login-locked"' in html and expected in html
    assert 'class="topbar"' in html and 'id="id_username"' in html  # the sign-in page itself, not a bare text
    # Logged, by dangvu and by axes.
    assert any("locked out" in r.getMessage() and "district" in r.getMessage() for r in caplog.records)

    response = sign_in(client, "district", "district-pass-123")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_lock_out_holds_one_user_name_from_one_address(cast: Cast) -> None:
    fail_until_locked(Client())
    assert sign_in(Client(), "province", "province-pass-123").status_code == 302
    assert sign_in(Client(), "district", "district-pass-123", REMOTE_ADDR="10.1.2.3").status_code == 302
    assert sign_in(Client(), "district", "district-pass-123").status_code == 429


def test_administrators_see_the_lock_out_in_the_admin(cast: Cast) -> None:
    fail_until_locked(Client())
    attempt = AccessAttempt.objects.get(username="district")
    assert attempt.failures_since_start == settings.AXES_FAILURE_LIMIT
    assert "wrong-password" not in attempt.post_data  # the password is masked in the record
    admin = Client()
    admin.force_login(cast.root_admin)
    page = admin.get("/admin/axes/accessattempt/")
    assert page.status_code == 200
    assert "district" in page.content.decode()


def test_an_administrator_unlocks_with_a_command(cast: Cast) -> None:
    fail_until_locked(Client())
    call_command("axes_reset_username", "district", verbosity=0)
    assert sign_in(Client(), "district", "district-pass-123").status_code == 302


def test_the_lock_out_ends_after_the_cool_off(cast: Cast) -> None:
    fail_until_locked(Client())
    assert sign_in(Client(), "district", "district-pass-123").status_code == 429
    past = timezone.now() - settings.AXES_COOLOFF_TIME - dt.timedelta(minutes=1)
    AccessAttempt.objects.filter(username="district").update(attempt_time=past)
    assert sign_in(Client(), "district", "district-pass-123").status_code == 302


def test_the_admin_sign_in_is_throttled_too(cast: Cast) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post("/admin/login/", {"username": "root", "password": "wrong", "next": "/admin/"})
    assert response.status_code == 429
    response = client.post("/admin/login/", {"username": "root", "password": "root-pass-123", "next": "/admin/"})
    assert response.status_code == 429


# ----------------------------------------------------------------------------- idle expiry


def session_row(client: Client) -> Session:
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def test_the_session_cookie_ends_with_the_browser_and_the_session_after_idling(cast: Cast) -> None:
    client = Client()
    assert sign_in(client, "district", "district-pass-123").status_code == 302
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["max-age"] and not cookie["expires"]
    assert cookie["httponly"]
    left = session_row(client).expire_date - timezone.now()
    idle = dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert idle - dt.timedelta(minutes=1) < left <= idle
    assert settings.SESSION_COOKIE_AGE == 30 * 60

    Session.objects.filter(pk=session_row(client).pk).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_use_pushes_the_expiry_back_at_most_once_a_minute(cast: Cast) -> None:
    client = Client()
    sign_in(client, "district", "district-pass-123")
    row = session_row(client)
    soon = timezone.now() + dt.timedelta(minutes=5)
    Session.objects.filter(pk=row.pk).update(expire_date=soon)

    assert client.get("/").status_code == 200  # within the minute of signing in: no write
    assert session_row(client).expire_date == soon

    # A minute later (simulated by ageing the marker), a request pushes the expiry back to a full idle period.
    session = client.session
    session[SessionIdleMiddleware.SEEN_KEY] -= SessionIdleMiddleware.REFRESH_SECONDS
    session.save()
    Session.objects.filter(pk=row.pk).update(expire_date=soon)
    assert client.get("/").status_code == 200
    pushed = session_row(client).expire_date
    assert pushed - timezone.now() > dt.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
    assert client.get("/").status_code == 200
    assert session_row(client).expire_date == pushed
