"""The figures cache: a computed answer kept under its parameters and the write watermark, never stale.

Counting every figure of a province takes seconds (issue 15 §4: p95 55 s at 50 users on 2 cores, every request
counting again). An answer depends only on its parameters (organization, dates, namespaces, predecessors), the
data, the code and the language; the key holds all of them:
- the data through the write watermark (core.watermark: moves after every committed write anywhere), read in one
  query per call. A write does not delete anything: the next call asks under a new watermark and misses;
- the code through a stamp of the installed source and translation files (an upgrade counts afresh);
- the language (answers may carry translated text) and today's date (anything a contributor dates by today).
It never depends on the user: callers check the scope first (organizations.queries.organization_get) and only
then ask, so an organization out of scope still answers 404 and the cache holds nothing a user could not count.

Where: Django's cache alias "figures" (settings.CACHES): files under DANGVU_VAR_DIR/cache/figures, shared by the
web workers, commands and the report worker, bounded by MAX_ENTRIES, needing no set-up step. Entries of older
watermarks are never asked for again; they go when the cache culls or after a day.
Within a process, callers asking for the same key at the same moment wait for one computation (a lock per key
stripe) instead of counting the same figures side by side on two cores.
`DANGVU_FIGURES_CACHE=0` turns the cache off (settings.FIGURES_CACHE).
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone, translation

from core import watermark

T = TypeVar("T")
ALIAS = "figures"
_STRIPES = [threading.Lock() for _ in range(64)]
_code_stamp: str | None = None


def code_stamp() -> str:
    """A digest of every source (.py) and translation (.mo) file's path, size and time: changes with an upgrade."""
    global _code_stamp
    if _code_stamp is None:
        base = Path(settings.BASE_DIR).resolve()
        skipped = {Path(settings.VAR_DIR).resolve(), base / "node_modules"}
        digest = hashlib.sha256()
        for folder, names, files in os.walk(base):
            names[:] = sorted(n for n in names if not n.startswith((".", "__pycache__"))
                              and Path(folder, n).resolve() not in skipped)
            for name in sorted(files):
                if name.endswith((".py", ".mo")):
                    info = Path(folder, name).stat()
                    digest.update(f"{folder}/{name}:{info.st_size}:{info.st_mtime_ns}\n".encode())
        _code_stamp = digest.hexdigest()[:16]
    return _code_stamp


def enabled() -> bool:
    return bool(getattr(settings, "FIGURES_CACHE", True))


def cached(parts: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """compute()'s answer for `parts` (everything of the question but the data), from the cache when the data
    has not changed since it was computed. Computed afresh, and not kept, when the cache is off, when the
    current transaction has written (its writes are not committed: nobody else may see them) or when the
    watermark is missing."""
    if not enabled() or watermark.uncommitted_writes():
        return compute()
    mark = watermark.current()
    if mark is None:
        return compute()
    raw = repr((mark, code_stamp(), translation.get_language(), timezone.localdate(), parts))
    key = "figures:" + hashlib.sha256(raw.encode()).hexdigest()
    store = caches[ALIAS]
    found = store.get(key)
    if found is not None:
        return found  # type: ignore[no-any-return]
    with _STRIPES[int(key[-4:], 16) % len(_STRIPES)]:
        found = store.get(key)  # another thread of this process may have computed it meanwhile
        if found is not None:
            return found  # type: ignore[no-any-return]
        value = compute()
        store.set(key, value)
    return value


def clear() -> None:
    """Move the watermark (every entry is missed from now on, in every process) and empty the store."""
    watermark.bump()
    caches[ALIAS].clear()
