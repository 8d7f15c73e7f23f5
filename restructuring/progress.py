"""Progress of a plan being applied, readable by another request while the applying transaction is still open.

The transaction's own rows are invisible to other connections until it commits, so progress goes to a small
file under VAR_DIR/progress/ (written at most every 2 % of the steps), which the progress bar polls.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings


def _file(plan_id: int) -> Path:
    folder = Path(settings.VAR_DIR) / "progress"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"plan-{int(plan_id)}.json"


def write(plan_id: int, done: int, total: int) -> None:
    path = _file(plan_id)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps({"done": done, "total": total}), encoding="utf-8")
    os.replace(temporary, path)


def read(plan_id: int) -> dict[str, Any]:
    """{"done", "total", "percent"}; zeros when the plan has not started."""
    try:
        data = json.loads(_file(plan_id).read_text(encoding="utf-8"))
        done, total = int(data["done"]), int(data["total"])
    except (OSError, ValueError, KeyError, TypeError):
        done, total = 0, 0
    return {"done": done, "total": total, "percent": round(100 * done / total) if total else 0}


def reporter(plan_id: int) -> Callable[[int, int], None]:
    step = 0

    def report(done: int, total: int) -> None:
        nonlocal step
        if done == total or done - step >= max(1, total // 50):
            step = done
            write(plan_id, done, total)

    write(plan_id, 0, 0)
    return report
