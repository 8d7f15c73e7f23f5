"""The only code that writes oversight assignments: checks the actor's scope first (out of scope: 404), gathers
every fault and raises them at once (nothing written), writes, logs each row and re-checks the scope.

Rule: the person must hold a committee seat (executive, standing, secretary or deputy secretary —
committees.models.COMMITTEE_KINDS) in the organization directly above the cell on the first day of the
assignment; the cell must stand in the tree that day; one person is not assigned twice to one cell at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from committees.models import COMMITTEE_KINDS, Seat
from core.changelog import log_change
from core.models import ChangeAction
from core.scope import require_covers, require_in_scope
from members.models import Person
from organizations.models import Organization
from organizations.queries import versions_as_of
from oversight.models import Assignment
from training.checks import FaultList, date_value, day_text, text

CHANGE_PERMISSION = "oversight.change"


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def parent_on(organization: Organization, on: dt.date) -> Organization | None:
    """The organization directly above on `on` (None if it did not stand that day or is a root)."""
    version = versions_as_of(on).filter(organization=organization).select_related("parent").first()
    return version.parent if version is not None else None


def is_committee_member(person: Person, organization: Organization, on: dt.date) -> bool:
    return Seat.objects.filter(person=person, organization=organization, kind__in=COMMITTEE_KINDS,
                               starts_on__lte=on).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on)).exists()


@transaction.atomic
def assignments_create(
    *,
    actor: Any,
    person: Person,
    organizations: Sequence[Organization],
    starts_on: dt.date | None,
    ended_on: dt.date | None = None,
    decision_number: str = "",
    note: str = "",
    reason: str = "",
) -> list[Assignment]:
    """Assign a committee member to oversee cells or units, all or none."""
    for organization in organizations:
        require_covers(actor, organization, CHANGE_PERMISSION)
    require_in_scope(person, actor, "members.view")
    faults = FaultList()
    start = date_value(starts_on, field_name="starts_on", label=_("From"), faults=faults)
    end = date_value(ended_on, field_name="ended_on", label=_("Until"), faults=faults, required=False)
    if start and end and end <= start:
        faults.add(_("Until: %(end)s is not after the start (%(start)s).") % {"end": day_text(end),
                                                                               "start": day_text(start)}, "ended_on")
    number = text(decision_number, field_name="decision_number", faults=faults, max_length=64,
                  label=_("Decision number"))
    clean_note = text(note, field_name="note", faults=faults, max_length=500, label=_("Note"))
    if not organizations:
        faults.add(_("Cells: choose at least one cell or unit to oversee."), "organizations")
    rows: list[tuple[Organization, Organization]] = []
    if start:
        for organization in dict.fromkeys(organizations):
            above = parent_on(organization, start)
            if above is None:
                faults.add(_("Cells: %(name)s does not stand under a committee on %(date)s.")
                           % {"name": organization.name, "date": day_text(start)}, "organizations")
                continue
            if not is_committee_member(person, above, start):
                faults.add(_("Committee member: %(person)s is not a member of the committee of %(above)s on "
                             "%(date)s, which oversees %(name)s.")
                           % {"person": person.full_name, "above": above.name, "date": day_text(start),
                              "name": organization.name}, "person")
                continue
            overlapping = Assignment.objects.filter(person=person, organization=organization).filter(
                Q(ended_on__isnull=True) | Q(ended_on__gt=start))
            if end:
                overlapping = overlapping.filter(starts_on__lt=end)
            if overlapping.exists():
                faults.add(_("Cells: %(person)s is already assigned to %(name)s then.")
                           % {"person": person.full_name, "name": organization.name}, "organizations")
                continue
            rows.append((organization, above))
    faults.check()
    assert start is not None
    created = []
    for organization, above in rows:
        assignment = Assignment(organization=organization, committee_of=above, person=person, starts_on=start,
                                ended_on=end, decision_number=number, note=clean_note, created_by=_user(actor))
        assignment.save()
        log_change(actor=actor, action=ChangeAction.CREATE, instance=assignment, reason=reason)
        require_in_scope(assignment, actor, CHANGE_PERMISSION)
        created.append(assignment)
    return created


@transaction.atomic
def assignment_end(*, actor: Any, assignment: Assignment, ended_on: dt.date | None, reason: str = "") -> Assignment:
    """End an assignment on a date (the first day no longer assigned)."""
    require_in_scope(assignment, actor, CHANGE_PERMISSION)
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    faults = FaultList()
    end = date_value(ended_on, field_name="ended_on", label=_("Until"), faults=faults)
    if assignment.ended_on is not None:
        faults.add(_("Until: this assignment already ended on %(date)s.") % {"date": day_text(assignment.ended_on)},
                   "ended_on")
    elif end and end <= assignment.starts_on:
        faults.add(_("Until: %(end)s is not after the start (%(start)s).")
                   % {"end": day_text(end), "start": day_text(assignment.starts_on)}, "ended_on")
    faults.check()
    before = {"ended_on": None}
    assignment.ended_on = end
    assignment.save(update_fields=["ended_on"])
    log_change(actor=actor, action=ChangeAction.UPDATE, instance=assignment, before=before, reason=reason)
    return assignment
