"""The change log of a member file in words: an event record says what was recorded and from when
("Ghi nhận: Công nhận đảng viên chính thức, từ 15/02/2018"), not its internal keys (core.preview)."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.models import ChangeRecord
from members.models import MemberEvent


def describe_events(records: list[ChangeRecord]) -> dict[int, str]:
    """{record pk: words} for the person records that name an event; the events are read in one query."""
    wanted = {(r.after or {}).get("event_id") for r in records}
    events = MemberEvent.objects.in_bulk([pk for pk in wanted if isinstance(pk, int)])
    words: dict[int, str] = {}
    for record in records:
        event = events.get((record.after or {}).get("event_id"))  # type: ignore[arg-type]
        if event is not None:
            words[record.pk] = _("Recorded: %(kind)s, from %(date)s") % {
                "kind": capfirst(event.get_kind_display()),
                "date": date_format(event.occurred_on, "SHORT_DATE_FORMAT")}
    return words
