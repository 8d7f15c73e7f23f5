"""Fail when regenerating the catalogues from the code changed their messages (not just line wrapping).

Usage: check_catalogues.py BEFORE_DIR AFTER_DIR   (each holding <lang>/LC_MESSAGES/django.po)
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib


def entries(path: Path) -> dict[tuple[str | None, str], tuple[str, tuple[tuple[int, str], ...], bool]]:
    return {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())), "fuzzy" in e.flags)
        for e in polib.pofile(str(path))
        if not e.obsolete
    }


def main(before: str, after: str) -> int:
    failed = False
    for new in sorted(Path(after).glob("*/LC_MESSAGES/django.po")):
        relative = new.relative_to(after)
        old = entries(Path(before) / relative)
        current = entries(new)
        added = sorted(str(k[1]) for k in current.keys() - old.keys())
        removed = sorted(str(k[1]) for k in old.keys() - current.keys())
        changed = sorted(str(k[1]) for k in current.keys() & old.keys() if current[k] != old[k])
        for label, items in (("new", added), ("no longer used", removed), ("changed", changed)):
            for msgid in items[:20]:
                print(f"{relative}: {label}: {msgid!r}")
        failed = failed or bool(added or removed or changed)
    if failed:
        print("The catalogues are out of date: run bash scripts/i18n.sh and translate what is new.", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
