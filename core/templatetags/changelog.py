"""Template helpers for the change log: each record's changes in the user's words."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.contrib.auth import get_user_model

from core.models import ChangeRecord
from core.preview import describe_records

register = template.Library()


@register.simple_tag(takes_context=True)
def readable_changes(context: template.Context,
                     records: Iterable[ChangeRecord]) -> list[tuple[ChangeRecord, Any, str]]:
    """(record, described line, who) triples; linked objects are named with one query per kind of object, and who
    made the change by their full name (one query for all; the user name when none is recorded).

    A linked object outside the reader's scope (e.g. the former parent organization in another district)
    is shown as "(out of scope)", never by its name. Without a signed-in reader nothing is named.
    """
    records = list(records)
    request = context.get("request")
    reader = getattr(request, "user", None) or context.get("user")
    if reader is None:
        from django.contrib.auth.models import AnonymousUser

        reader = AnonymousUser()
    loaded = {r.user_id: r.user for r in records if r.user_id and "user" in r._state.fields_cache}  # select_related
    missing = {r.user_id for r in records if r.user_id and r.user_id not in loaded}
    users = [*loaded.values(), *(get_user_model().objects.filter(pk__in=missing) if missing else [])]
    full_names = {user.pk: user.get_full_name() for user in users if user is not None}
    return [(record, line, full_names.get(record.user_id or 0) or record.user_name)
            for record, line in zip(records, describe_records(records, user=reader), strict=True)]
