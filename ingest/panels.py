"""What this app adds to the member page (core.panels): the member code the import file gave the person, the
importer's own key, with the import that created the file."""

from __future__ import annotations

from typing import Any

from core.panels import register_panel
from ingest import queries


def person_member_code(request: Any, person: Any) -> dict[str, Any] | None:
    """The member code of an imported file and its import; nothing for a file entered on a page."""
    key = queries.member_keys_visible(request.user, person_id=person.pk).first()
    if key is None:
        return None
    return {"key": key, "batch_visible": key.batch_id is not None
            and queries.batches_visible(request.user).filter(pk=key.batch_id).exists()}


def register() -> None:
    register_panel("person", template="ingest/_person_panel.html", context=person_member_code, order=20)
