"""References an API client sends: a record named by its id or by its code.

`id_or_code(ref)` is {"pk": n} for a number, {"code": text} otherwise; `id_or_uuid(ref)` the same for records whose
code is a UUID (member files' exchange code). What cannot name any record (empty, over 64 characters, control
characters, a malformed UUID) is NotInScope, a 404 like a record out of scope. The lookup goes to the app's scoped
query (`get_in_scope(..., **id_or_code(ref))`), which answers 404 for missing and forbidden alike.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.utils.translation import gettext

from core.errors import NotInScope
from core.validators import has_control_characters

MAX_REF = 64
MAX_ID_DIGITS = 18  # a bigint fits in 18 digits; longer digit strings are codes


def id_or_code(ref: str | int) -> dict[str, Any]:
    """{"pk": n} for an id, {"code": text} otherwise; NotInScope (404) for what no record can be named by."""
    text = str(ref).strip()
    if not text or len(text) > MAX_REF or has_control_characters(text):
        raise NotInScope(gettext("Not found."))
    if text.isascii() and text.isdigit() and len(text) <= MAX_ID_DIGITS:  # "¹" and "٣" are digits too
        return {"pk": int(text)}
    return {"code": text}


def id_or_uuid(ref: str | int) -> dict[str, Any]:
    """{"pk": n} for an id, {"code": UUID} otherwise; NotInScope (404) for anything else."""
    found = id_or_code(ref)
    if "code" in found:
        try:
            found["code"] = uuid.UUID(found["code"])
        except ValueError as exc:
            raise NotInScope(gettext("Not found.")) from exc
    return found
