"""Run by core/tests/test_busy_database.py in a subprocess with its own SQLite file database (DATABASE_URL).

Another connection, in a thread, holds SQLite's write lock (as a long import does) while the API and the pages
are called with a token or a session. Prints one JSON object with what each call answered.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django.test import Client  # noqa: E402

call_command("migrate", verbosity=0)
# A request that must write gives up after 2 s instead of 20 (the production busy timeout).
connections["default"].settings_dict["OPTIONS"]["timeout"] = 2
connections["default"].close()
settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

from accounts.models import ApiToken  # noqa: E402
from accounts.services import api_token_create  # noqa: E402
from core.testing import build_cast  # noqa: E402

cast = build_cast()
token, raw = api_token_create(actor=cast.root_admin, user=cast.district_officer, name="busy")
browser = Client(headers={"Accept-Language": "vi"})
browser.force_login(cast.district_officer)  # the session is written before the lock is taken
api = Client(headers={"Accept-Language": "vi", "Authorization": f"Bearer {raw}"})
assert api.get("/api/v1/members?limit=5").status_code == 200  # warm up (imports, URL resolvers) and use the token
ApiToken.objects.filter(pk=token.pk).update(last_used_at=None)  # as if never used: the next call wants to write

held, release = threading.Event(), threading.Event()


def hold_the_write_lock() -> None:
    other = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=0, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE accounts_user SET first_name = first_name")
    held.set()
    release.wait(60)
    other.execute("ROLLBACK")
    other.close()


_clock = [time.monotonic()]


def answer(response) -> dict:  # type: ignore[no-untyped-def]
    now = time.monotonic()
    seconds, _clock[0] = now - _clock[0], now
    return {"status": response.status_code, "seconds": round(seconds, 2), "type": response.get("Content-Type", ""),
            "body": response.content.decode("utf-8", "replace")[:20_000]}


thread = threading.Thread(target=hold_the_write_lock)
thread.start()
held.wait(10)
_clock[0] = time.monotonic()
results: dict = {}
try:
    started = time.monotonic()
    results["api_read"] = answer(api.get("/api/v1/members?limit=5"))
    results["api_read_seconds"] = time.monotonic() - started
    results["api_read_again"] = answer(api.get(f"/api/v1/organizations/{cast.cell_a1a.pk}"))
    results["last_used_at_while_locked"] = str(ApiToken.objects.get(pk=token.pk).last_used_at)
    results["api_write"] = answer(api.post("/api/v1/members", data=json.dumps({
        "organization_id": cast.cell_a1a.pk, "full_name": "Lò Văn Tám", "gender": "male",
        "birth_date": "1990-01-01"}), content_type="application/json"))
    results["page_read"] = answer(browser.get("/members/"))
    results["page_write"] = answer(browser.post("/members/new/", {
        "organization": cast.cell_a1a.pk, "full_name": "Lò Văn Tám", "gender": "male",
        "birth_date": "01/01/1990", "political_theory": "none"}))
finally:
    release.set()
    thread.join()
results["api_read_after"] = answer(api.get("/api/v1/members?limit=5"))
results["last_used_at_after"] = str(ApiToken.objects.get(pk=token.pk).last_used_at)
print("RESULT " + json.dumps(results))
