"""Template helpers for the change log: each record's changes in the user's words."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from core.models import ChangeRecord
from core.preview import describe_records

register = template.Library()


@register.simple_tag
def readable_changes(records: Iterable[ChangeRecord]) -> list[tuple[ChangeRecord, Any]]:
    """(record, described line) pairs; linked objects are named with one query per kind of object."""
    records = list(records)
    return list(zip(records, describe_records(records), strict=True))
