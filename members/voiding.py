"""Voiding a member file entered by mistake: an event with its reason, never a deletion.

`person_void` appends a `file_voided` event ("Hủy hồ sơ nhập nhầm"). The fold then gives the file the status
"voided": it takes no further event, has no membership spell (so it counts nowhere, not even in the past),
and the lists, due lists, pipeline, searches and exports leave it out (`members.queries.persons_visible`).
Its page stays reachable by its address for those who may change files in its cell and for installation
administrators, with a banner. The citizen ID and Party card number are moved into the event's details, so
that the person's real file can carry them; the change log keeps the old values too.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.changelog import log_change, snapshot
from core.errors import DomainError
from core.models import ChangeAction
from members import services
from members.models import EventKind, MemberEvent, Person, Status

#: Identifiers released by voiding (unique among files, so they must not stay on a file entered by mistake).
RELEASED_FIELDS = ("citizen_id", "party_card_number")


@transaction.atomic
def person_void(*, actor: Any, person: Person, reason: str) -> MemberEvent:
    """Void a file entered by mistake (a duplicate, a wrong person); the reason is required."""
    person, timeline = services._start(actor, person)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the file is voided (entered by mistake, duplicate of another file …)."),
                          field="reason")
    if timeline.state.status == Status.VOIDED:
        raise DomainError(_("This file is already voided."), field="person")
    released = {name: getattr(person, name) for name in RELEASED_FIELDS if getattr(person, name)}
    if released:
        before = snapshot(person)
        for name in released:
            setattr(person, name, "")
        person.save(update_fields=[*released, "updated_at"])
        log_change(actor=actor, action=ChangeAction.UPDATE, instance=person, before=before, reason=reason)
    details = {"status_before": timeline.state.status, "released": released}
    return services._record(actor=actor, person=person, kind=EventKind.FILE_VOIDED,
                            occurred_on=timezone.localdate(), organization=person.organization, details=details,
                            reason=reason)


def is_voided(person: Person) -> bool:
    return person.status == Status.VOIDED
