#!/usr/bin/env bash
# Refresh the translation catalogues from the code and compile them (needs gettext).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python manage.py makemessages -l vi -l en --no-location --no-obsolete \
  --ignore ".venv/*" --ignore "var/*" --ignore "*/tests/*" --ignore "conftest.py" -v0
.venv/bin/python manage.py compilemessages -v0 --ignore ".venv/*"
