"""Vietnamese unless the user chose otherwise: an English browser gets Vietnamese pages; the user's choice is stored
on their profile through a logged service; the API alone follows Accept-Language."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from accounts.models import User
from accounts.services import user_language_set
from core.errors import DomainError, NotInScope
from core.models import ChangeRecord
from core.testing import Cast


def _english_browser(user: User | None = None) -> Client:
    client = Client(headers={"Accept-Language": "en-US,en;q=0.9"})
    if user is not None:
        client.force_login(user)
    return client


def test_an_english_browser_gets_vietnamese_until_the_user_chooses_english(cast: Cast) -> None:
    client = _english_browser(cast.district_officer)
    page = client.get("/members/")
    assert page["Content-Language"] == "vi" and "Đảng viên" in page.content.decode()
    assert "Hướng dẫn" in client.get("/").content.decode()

    answer = client.post("/account/language/", {"language": "en", "next": "/members/"})
    assert answer.status_code == 302 and answer["Location"] == "/members/"
    cast.district_officer.refresh_from_db()
    assert cast.district_officer.language == "en"
    record = ChangeRecord.objects.filter(object_id=str(cast.district_officer.pk)).latest("id")
    assert record.after["language"] == "en" and record.before["language"] == ""

    fresh = Client(headers={"Accept-Language": "vi"})  # another browser: the profile's choice follows the user
    fresh.force_login(cast.district_officer)
    assert fresh.get("/members/")["Content-Language"] == "en"
    client.post("/account/language/", {"language": "vi", "next": "https://elsewhere.example/"})
    cast.district_officer.refresh_from_db()
    assert cast.district_officer.language == "vi"


def test_the_switch_works_before_signing_in_and_never_redirects_away() -> None:
    client = _english_browser()
    assert client.get("/login/")["Content-Language"] == "vi"
    answer = client.post("/account/language/", {"language": "en", "next": "https://elsewhere.example/"})
    assert answer["Location"] == "/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert client.get("/login/")["Content-Language"] == "en"
    client.post("/account/language/", {"language": "xx"})  # unknown: the default
    assert client.get("/login/")["Content-Language"] == "vi"


def test_the_service_refuses_strangers_and_unknown_codes_and_writes_nothing_for_no_change(cast: Cast) -> None:
    user = cast.cell_secretary
    with pytest.raises(NotInScope):
        user_language_set(actor=cast.district_officer, user=user, language="en")
    with pytest.raises(DomainError) as refused:
        user_language_set(actor=user, user=user, language="fr")
    assert refused.value.field == "language"
    before = ChangeRecord.objects.count()
    user_language_set(actor=cast.root_admin, user=user, language="")
    assert ChangeRecord.objects.count() == before
    user_language_set(actor=cast.root_admin, user=user, language="en")
    assert ChangeRecord.objects.count() == before + 1


def test_the_api_still_answers_in_the_language_it_is_asked_for(cast: Cast) -> None:
    client = Client(headers={"Accept-Language": "en"})
    assert client.get("/api/v1/no-such-thing")["Content-Language"] == "en"
