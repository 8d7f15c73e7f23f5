"""Checks shared by the services: dates, decisions, the cell an event is attributed to, the writer's scope."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.decisions import Decision
from core.errors import DomainError
from core.scope import require_covers
from members import plausibility
from organizations.models import Organization
from organizations.queries import versions_as_of


def _fmt(day: dt.date | None) -> str:
    return date_format(day, "SHORT_DATE_FORMAT") if day else ""


def _today() -> dt.date:
    return timezone.localdate()


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _require_date(value: Any, field: str) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise DomainError(_("The date is required."), field=field)
    problem = plausibility.date_problem(value, today=_today())
    if problem is not None:
        raise DomainError(problem, field=field)
    return value


def _require_decision(decision: Decision | None, *, field: str = "decision", required: bool = True) -> Decision | None:
    if decision is None:
        if required:
            raise DomainError(_("The decision is required."), field=f"{field}_number")
        return None
    decision.validate(field_prefix=field)
    _require_date(decision.date, f"{field}_date")
    return Decision(decision.number.strip(), decision.date, (decision.issuer or "").strip())


def _require_members_scope(actor: Any, organization: Organization) -> None:
    """The actor may change member files in `organization` (members.change over a subtree containing it)."""
    require_covers(actor, organization, "members.change")


def _require_cell(organization: Organization | None, *, on: dt.date | None, field: str,
                  loaded: Organization | None = None,
                  exists_on: Callable[[dt.date], bool] | None = None) -> Organization:
    """An organization of this installation where members are registered, existing on the date.

    `loaded` (the organization with its kind) and `exists_on` (whether it stood in the tree on a date) are given by
    a caller that read them for many rows at once (members.services.bulk); otherwise they are queried here."""
    if organization is None:
        raise DomainError(_("Choose the organization."), field=field)
    organization = loaded or Organization.objects.select_related("kind").get(pk=organization.pk)
    if not organization.kind.holds_members:
        raise DomainError(
            _("Members are registered in cells; %(name)s is a %(kind)s.")
            % {"name": organization.name, "kind": organization.kind.name},
            field=field,
        )
    if on is None and organization.dissolved_on is not None:
        raise DomainError(_("%(name)s has been dissolved.") % {"name": organization.name}, field=field)
    if on is not None and not (exists_on(on) if exists_on is not None
                               else versions_as_of(on).filter(organization=organization).exists()):
        raise DomainError(
            _("%(name)s did not exist in the organization tree on %(date)s.")
            % {"name": organization.name, "date": _fmt(on)},
            field=field,
        )
    return organization

@dataclass(frozen=True)
class _Pseudo:
    kind: str
    occurred_on: dt.date

