#!/usr/bin/env bash
# Set up dangvu on this machine, load the demo data on SQLite (once: running again loads nothing twice) and
# serve it with gunicorn (DEBUG off, static files through WhiteNoise) on http://127.0.0.1:8000.
#   DANGVU_BIND=0.0.0.0:8000   serve on the LAN; DANGVU_ALLOWED_HOSTS then defaults to this machine's names and
#                              addresses (set it yourself to the name users type, e.g. dangvu.xa.local)
#   DANGVU_WORKERS=2           gunicorn worker processes
#   DANGVU_DEMO=0              load no demo data (a real installation)
#   DANGVU_DEV=1               development mode: Django's runserver with DEBUG on, reloading on code changes
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null || PYTHON=python3
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r requirements.txt
if ! ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0.so.0 || ! ldconfig -p 2>/dev/null | grep -q libcairo.so.2; then
  echo "== installing Debian's pango (PDF reports, WeasyPrint) and cairo (report charts, CairoSVG)"
  as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libcairo2 >/dev/null
fi

BIND=${DANGVU_BIND:-127.0.0.1:8000}
host=${BIND%:*}
if [ -z "${DANGVU_ALLOWED_HOSTS:-}" ] && [ "$host" != 127.0.0.1 ] && [ "$host" != localhost ]; then
  if [ "$host" = 0.0.0.0 ] || [ "$host" = "[::]" ]; then
    names="$(hostname 2>/dev/null || true) $(hostname -I 2>/dev/null || true)"
  else
    names=$host
  fi
  hosts=127.0.0.1,localhost
  for name in $names; do
    case $name in *:*) name="[${name#[}"; name="${name%]}]" ;; esac  # IPv6 addresses are bracketed
    hosts="$hosts,$name"
  done
  export DANGVU_ALLOWED_HOSTS=$hosts
fi

if [ "${DANGVU_DEV:-0}" = 1 ]; then
  export DANGVU_DEBUG=1
else
  export DANGVU_DEBUG=0
fi
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py collectstatic --noinput -v0
if [ "${DANGVU_DEMO:-1}" != 0 ]; then
  .venv/bin/python manage.py demo_load
fi

# The report worker builds the reports queued from the report page (docs/reports.md), beside the web server;
# it belongs to this script's process group and stops with it.
.venv/bin/python manage.py report_worker &

if [ "${DANGVU_DEV:-0}" = 1 ]; then
  echo "Development server (DEBUG on) on http://$BIND/"
  exec .venv/bin/python manage.py runserver "$BIND"
fi
echo "Serving dangvu with gunicorn on http://$BIND/ (allowed host names: ${DANGVU_ALLOWED_HOSTS:-127.0.0.1,localhost})"
exec .venv/bin/gunicorn dangvu.wsgi:application --bind "$BIND" --workers "${DANGVU_WORKERS:-2}" \
  --threads 4 --timeout 300 --access-logfile - --error-logfile - --no-control-socket
