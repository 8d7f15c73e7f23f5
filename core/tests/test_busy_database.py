"""While another connection holds SQLite's write lock (a long import), reads answer and writes answer 503 — never a 500.

Runs core/tests/busy_database_script.py in a subprocess on its own SQLite file, since the suite's SQLite test
database lives in memory where locks behave differently.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

import pytest
from django.db import connection

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's single writer; the SQLite pass runs it")
def test_a_held_write_lock_gives_answers_not_500(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'busy.sqlite3'}", "DANGVU_VAR_DIR": str(tmp_path),
           "DJANGO_SETTINGS_MODULE": "dangvu.settings", "DJANGO_ALLOW_ASYNC_UNSAFE": "true", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, str(ROOT / "core" / "tests" / "busy_database_script.py")], cwd=ROOT,  # noqa: S603
                          env=env, capture_output=True, text=True, timeout=300, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, done.stdout[-3000:] + done.stderr[-3000:]
    result = json.loads(lines[-1][len("RESULT "):])
    # Reads answer, without waiting for the lock and without writing the token's last use.
    assert result["api_read"]["status"] == 200, result["api_read"]
    assert result["api_read_again"]["status"] == 200, result["api_read_again"]
    assert result["api_read_seconds"] < 2  # less than the busy timeout: nothing waited for the lock
    assert result["last_used_at_while_locked"] == "None"
    # A write cannot happen: 503 with a JSON detail in Vietnamese, not an HTML 500.
    write = result["api_write"]
    assert write["status"] == 503, write
    assert write["type"].startswith("application/json")
    assert json.loads(write["body"])["detail"].startswith("Cơ sở dữ liệu đang bận, vui lòng thử lại sau ít phút")
    assert result["page_read"]["status"] == 200
    assert result["page_read"]["seconds"] < 2  # the session's expiry push is skipped, not waited for
    page = result["page_write"]
    assert page["status"] == 503 and page["type"].startswith("text/html")
    assert "Cơ sở dữ liệu đang bận" in page["body"]
    # Once the lock is gone the token's use is recorded.
    assert result["api_read_after"]["status"] == 200
    assert result["last_used_at_after"] != "None"


def test_a_busy_database_outside_a_view_answers_503_not_500(rf):
    """A middleware's write (a session saved after the view) fails outside any view: handler500 still says 503."""
    from django.db import OperationalError

    from core.views import server_error

    for path, kind in (("/api/v1/members", "application/json"), ("/members/", "text/")):
        request = rf.get(path)
        try:
            raise OperationalError("database is locked")
        except OperationalError:
            response = server_error(request)
        assert response.status_code == 503, path
        assert response["Content-Type"].startswith(kind)
    try:
        raise OperationalError("no such table: x")  # not busy: a real fault stays a 500
    except OperationalError:
        assert server_error(rf.get("/api/v1/members")).status_code == 500
