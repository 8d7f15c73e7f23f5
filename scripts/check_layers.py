"""Views and API handlers stay thin: they never write to the database themselves (services do)."""

from __future__ import annotations

import pathlib
import re
import sys

FORBIDDEN = re.compile(
    r"\.save\(|\.objects\.create\(|\.bulk_create\(|\.delete\(\)|\)\.update\(|objects\.update\("
    r"|\.get_or_create\(|\.update_or_create\("
)
ROOT = pathlib.Path(__file__).resolve().parent.parent


def main() -> int:
    offenders = []
    for path in sorted(ROOT.glob("*/views.py")) + sorted(ROOT.glob("*/api.py")):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if FORBIDDEN.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    for line in offenders:
        print(line)
    if offenders:
        print("views.py/api.py must call a service to write.", file=sys.stderr)
    return 1 if offenders else 0


if __name__ == "__main__":
    sys.exit(main())
