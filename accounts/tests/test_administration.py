"""An administrator resets a user's password and lifts a sign-in lock-out from a page; both logged; nobody else
reaches the page."""

from __future__ import annotations

from django.conf import settings
from django.test import Client

from core.models import ChangeRecord
from core.testing import Cast


def _sign_in(username: str, password: str) -> int:
    return Client().post("/login/", {"username": username, "password": password}).status_code


def _admin(cast: Cast) -> Client:
    client = Client()
    client.force_login(cast.root_admin)
    return client


def test_an_administrator_unlocks_a_locked_sign_in_from_the_page(cast: Cast) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in("district", "wrong-password")
    assert _sign_in("district", "district-pass-123") == 429
    client = _admin(cast)
    listed = client.get("/account/users/", {"q": "distr"}).content.decode()
    assert f'href="/account/users/{cast.district_officer.pk}/"' in listed and "secretary" not in listed
    assert "sai mật khẩu" in listed
    answer = client.post(f"/account/users/{cast.district_officer.pk}/", {"do": "unlock"})
    assert answer.status_code == 302
    record = ChangeRecord.objects.filter(object_id=str(cast.district_officer.pk)).latest("id")
    assert record.reason == "administration page" and record.user_id == cast.root_admin.pk
    assert _sign_in("district", "district-pass-123") == 302


def test_an_administrator_sets_a_new_password_all_faults_shown_and_logged(cast: Cast) -> None:
    client = _admin(cast)
    url = f"/account/users/{cast.cell_secretary.pk}/"
    differ = client.post(url, {"do": "password", "password": "Mật-khẩu-mới-2026", "password_again": "khác"})
    assert differ.status_code == 400 and "khác nhau" in differ.content.decode()
    weak = client.post(url, {"do": "password", "password": "123", "password_again": "123"})
    assert weak.status_code == 400
    assert client.post(url, {"do": "password", "password": "Mật-khẩu-mới-2026",
                             "password_again": "Mật-khẩu-mới-2026"}).status_code == 302
    assert _sign_in("secretary", "Mật-khẩu-mới-2026") == 302
    record = ChangeRecord.objects.filter(object_id=str(cast.cell_secretary.pk)).latest("id")
    assert record.reason == "password reset by an administrator"
    assert "Mật-khẩu" not in str(record.after)


def test_nobody_else_reaches_the_administration_pages(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.province_officer)
    assert client.get("/account/users/").status_code == 404
    assert client.get(f"/account/users/{cast.district_officer.pk}/").status_code == 404
    assert client.post(f"/account/users/{cast.district_officer.pk}/", {"do": "unlock"}).status_code == 404
    assert "/account/users/" not in client.get("/").content.decode()
    assert 'href="/account/users/"' in _admin(cast).get("/").content.decode()
