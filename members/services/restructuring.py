"""Restructuring: files registered in a merged or dissolved organization move to its successor."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from core.errors import DomainError
from members.models import (
    ACTIVE_STATUSES,
    EventKind,
    Person,
    Status,
)
from members.services.checks import _require_members_scope
from members.services.log import _lock, _record
from organizations.models import Organization


def restructure_members(*, actor: Any, event: Any, successors: Mapping[Organization, Organization]) -> None:
    """Restructure handler: files registered in (or attached to) a predecessor move to its successor.

    Dissolving an organization that still has candidates or members and no successor is refused.
    """
    on = event.effective_on
    dissolved = [link.organization for link in event.links.filter(role="source")]
    for organization in dissolved:
        successor = successors.get(organization)
        if successor is None:
            count = Person.objects.filter(organization=organization, status__in=ACTIVE_STATUSES).count()
            count += Person.objects.filter(temporary_organization=organization).count()
            count += Person.objects.filter(organization=organization, status=Status.TRANSFERRED_OUT).count()
            if count:
                raise DomainError(
                    _("%(name)s still has %(count)d candidates or members: transfer them or name a successor first.")
                    % {"name": organization.name, "count": count},
                    field="organization",
                )
            continue
        _require_members_scope(actor, successor)
        moving = Person.objects.filter(organization=organization).order_by("pk")
        for person in moving:
            person = _lock(person)
            _record(actor=actor, person=person, kind=EventKind.RESTRUCTURE_MOVE, occurred_on=on,
                    organization=successor, counterpart=organization,
                    details={"lineage_event": event.pk, "lineage_kind": event.kind}, reason=event.note,
                    check_scope=False)
        hosted = Person.objects.filter(temporary_organization=organization).order_by("pk")
        for person in hosted:
            person = _lock(person)
            _record(actor=actor, person=person, kind=EventKind.RESTRUCTURE_MOVE, occurred_on=on,
                    organization=successor, counterpart=organization,
                    details={"lineage_event": event.pk, "lineage_kind": event.kind, "host_only": True},
                    reason=event.note, check_scope=False)
