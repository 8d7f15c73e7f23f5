"""Grave acts confirmed (issue 8 §6): before an expulsion, a strike-off, a leaving, a death or the voiding of a
file is written, the page shows what will happen — the status after, the members counted in the cell before and
after, when re-admission becomes possible under the rule — and asks for confirmation.

What is shown comes from a dry run of the real service (every rule applied, then rolled back), as the
restructurings' preview does (core.preview); the confirmation carries a fingerprint of the input, so that an
input changed after the preview is previewed again rather than written unseen.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from members.models import MEMBER_STATUSES, Person, Status
from members.pages import Deadline, month_deadline

GRAVE_SLUGS = frozenset({"strike-off", "expel", "leave", "death"})  # event forms that are confirmed first
EXITS = frozenset({Status.STRUCK_OFF, Status.EXPELLED, Status.LEFT})
CONFIRM_FIELD = "confirmed"


@dataclass(frozen=True)
class Consequences:
    """What a grave act will do to the file and to its cell's count."""

    status_before: str
    status_after: str
    cell: str
    members_before: int
    members_after: int
    readmission: Deadline | None  # re-admission possible from (the rule and its citation), after an exit
    barred: bool  # a ground given bars re-admission for good
    fingerprint: str


class _RollBack(Exception):
    """Raised inside the dry run's transaction so that nothing it wrote survives."""


def fingerprint(data: QueryDict) -> str:
    """A digest of what was typed (the token and the confirmation left out)."""
    items = sorted((k, v) for k in data for v in data.getlist(k) if k not in ("csrfmiddlewaretoken", CONFIRM_FIELD))
    return hashlib.sha256(repr(items).encode()).hexdigest()[:32]


def confirmed(data: QueryDict) -> bool:
    """True when the input is the one that was previewed and confirmed."""
    return data.get(CONFIRM_FIELD) == fingerprint(data)


def _members_of(cell_id: int) -> int:
    return Person.objects.filter(organization_id=cell_id, status__in=MEMBER_STATUSES).count()


def dry_run(person: Person, run: Callable[[], Any], data: QueryDict, *, today: dt.date,
            barred: bool = False) -> Consequences:
    """Run the act (a DomainError refuses it as usual), read what it changed, and roll everything back."""
    before = _members_of(person.organization_id)
    status_before, cell = person.get_status_display(), person.organization.name
    after: dict[str, Any] = {}
    try:
        with transaction.atomic():
            run()
            fresh = Person.objects.get(pk=person.pk)
            after = {"status": fresh.status, "label": fresh.get_status_display(), "since": fresh.status_since,
                     "count": _members_of(person.organization_id)}
            raise _RollBack
    except _RollBack:
        pass
    person.refresh_from_db()  # a service may have changed the instance it was given
    readmission = None
    if after["status"] in EXITS and after["since"] and not barred:
        readmission = month_deadline(_("Re-admission possible from"), "readmission.min_months_out", after["since"],
                                     _("leaving the Party"), today=today)
    return Consequences(
        status_before=status_before, status_after=after["label"], cell=cell,
        members_before=before, members_after=after["count"], readmission=readmission, barred=barred,
        fingerprint=fingerprint(data))
