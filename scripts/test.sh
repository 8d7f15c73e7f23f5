#!/usr/bin/env bash
# Install what the tests need and run the whole suite: ruff, mypy, Django checks, pytest on SQLite and PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null || PYTHON=python3
export PIP_DISABLE_PIP_VERSION_CHECK=1

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v chromium >/dev/null; then
  echo "== installing Debian's chromium for the browser tests"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

if ! ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0.so.0 || ! ldconfig -p 2>/dev/null | grep -q libcairo.so.2; then
  echo "== installing Debian's pango (PDF reports, WeasyPrint) and cairo (report charts, CairoSVG)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libcairo2 >/dev/null
fi

if ! command -v msgfmt >/dev/null; then
  echo "== installing gettext for the translation checks"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null
fi

if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  echo "== starting PostgreSQL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/pip install -q -r requirements-dev.txt

export DANGVU_VAR_DIR=${DANGVU_VAR_DIR:-$(mktemp -d)}
echo "== ruff"
.venv/bin/ruff check .
echo "== mypy"
# Every app of the project (each has an apps.py), so that a new app is type-checked without editing this line.
.venv/bin/mypy $(ls -d */apps.py | xargs -n1 dirname)
echo "== django checks"
.venv/bin/python manage.py check --fail-level WARNING
.venv/bin/python manage.py makemigrations --check --dry-run >/dev/null
.venv/bin/python scripts/check_layers.py
echo "== translations up to date"
before=$(mktemp -d)
cp -r locale/. "$before/"
bash scripts/i18n.sh
.venv/bin/python scripts/check_catalogues.py "$before" locale

# pytest-xdist: one worker per core (PYTEST_WORKERS overrides, 0 runs in one process); each worker has its own
# test database. pytest's exit code is kept: 5 (no test collected) fails the build like any failure.
WORKERS=${PYTEST_WORKERS:-auto}
echo "== pytest on SQLite"
DATABASE_URL="sqlite:///$DANGVU_VAR_DIR/test.sqlite3" .venv/bin/pytest -n "$WORKERS" "$@"
# The browser walks (marked `browser`) drive pages and scripts, the same whatever the database: they run in the
# SQLite pass only, so that both passes fit CI's 20 minutes on two cores. So do the tests that never reach a
# database (no `db`-like fixture, no `django_db` mark: pytest-django blocks every query in them, so their result
# cannot depend on the database), deselected here by `--database-tests-only` (conftest.py). Every test that
# reaches the database runs on both.
echo "== pytest on PostgreSQL"
DATABASE_URL=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test} .venv/bin/pytest -n "$WORKERS" -m "not browser" \
  --database-tests-only "$@"
