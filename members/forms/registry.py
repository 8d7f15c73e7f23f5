"""The event forms, in the order the member page offers them: each is declared with its event kind
(members.kinds), so a kind added there has its form offered here."""

from __future__ import annotations

from members.forms.base import EventForm
from members.kinds import member_event_kinds


def event_forms() -> list[type[EventForm]]:
    """Every declared event form, in declaration order."""
    return [door.form for door in member_event_kinds().doors() if door.form is not None]


def event_form(slug: str) -> type[EventForm] | None:
    """The declared event form of a slug (the page's address), None when there is none."""
    return next((form for form in event_forms() if form.slug == slug), None)
