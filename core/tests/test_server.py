"""The production set-up: `check --deploy` is clean, and the README's first command serves dangvu with gunicorn
(DEBUG off, static files through WhiteNoise) on the address it is given."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)

# These run their own processes on a SQLite file of their own, whatever the suite's database: once is enough.
pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="run once, in the SQLite pass")


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DANGVU_", "DJANGO_"))}
    env.update(
        DANGVU_VAR_DIR=str(tmp_path / "var"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'dangvu.sqlite3'}",
        DANGVU_SECRET_KEY=secrets.token_urlsafe(50),
        DANGVU_DEBUG="0",
    )
    env.update(extra)
    return env


def check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )


def test_check_deploy_is_clean_over_https(tmp_path: Path) -> None:
    result = check_deploy(production_env(tmp_path, DANGVU_HTTPS="1"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (1 silenced)" in result.stdout  # only HSTS preload (W021)


def test_check_deploy_is_clean_on_a_plain_http_lan_with_the_tls_checks_silenced(tmp_path: Path) -> None:
    result = check_deploy(production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (4 silenced)" in result.stdout


def test_check_deploy_fails_with_a_weak_key_or_debug(tmp_path: Path) -> None:
    """The test above can fail: the same check with DEBUG on or a short key reports warnings."""
    assert check_deploy(production_env(tmp_path, DANGVU_HTTPS="1", DANGVU_DEBUG="1")).returncode != 0
    assert check_deploy(production_env(tmp_path, DANGVU_HTTPS="1", DANGVU_SECRET_KEY="short")).returncode != 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - a local test server
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wait_for(url: str, process: subprocess.Popen[Any], log: Path, seconds: float = 420) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"start.sh ended with {process.returncode}:\n{log.read_text()[-4000:]}")
        try:
            fetch(url)
            return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"nothing served at {url} within {seconds} s:\n{log.read_text()[-4000:]}")


def test_start_sh_serves_with_gunicorn_debug_off_and_whitenoise(tmp_path: Path) -> None:
    port = free_port()
    # Without the demo data (DANGVU_DEMO=0, a real installation), which takes a minute to load on a busy machine.
    env = production_env(tmp_path, DANGVU_BIND=f"127.0.0.1:{port}", DANGVU_WORKERS="1", DANGVU_DEMO="0")
    env["DANGVU_DEBUG"] = "1"  # start.sh turns it off outside development mode
    log = tmp_path / "start.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            ["bash", "scripts/start.sh"],  # noqa: S607 - the README's first command
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/login/", process, log)
        status, headers, body = fetch(f"{base}/login/")
        assert status == 200
        assert headers["Server"].startswith("gunicorn")
        assert "Content-Security-Policy" in headers and "no-store" in headers["Cache-Control"]
        assert b'id="id_username"' in body

        status, headers, body = fetch(f"{base}/static/core/app.css")
        assert status == 200 and b".topbar" in body
        assert "no-store" not in headers.get("Cache-Control", "") and "max-age" in headers["Cache-Control"]

        status, headers, body = fetch(f"{base}/no-such-page/")  # DEBUG off: dangvu's page, not Django's debug one
        assert status == 404 and b'id="error-page"' in body and b"Django" not in body
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
    output = log.read_text()
    assert "Demo data loaded." not in output and f"gunicorn on http://127.0.0.1:{port}/" in output
    assert "runserver" not in output.lower() and "development server" not in output.lower()
