"""Recording a Party badge as presented (issue 8 §10): the badge leaves the person's stored badge list for good
(members.standing skips the years presented when it rewrites the rows)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from core.changelog import log_change
from core.decisions import Decision
from core.errors import DomainError, FaultList
from core.models import ChangeAction
from members.models import BadgeDay, BadgePresentation, Person
from members.services.checks import _require_date, _require_decision
from members.services.log import _start


def _checked(person: Person, years: Any, presented_on: Any, decision: Decision | None) -> Decision:
    faults = FaultList()
    if not BadgeDay.objects.filter(person=person, years=years).exists():
        faults.add(_("This member is not on the badge list for a %(years)s-year badge.") % {"years": years}, "years")
    if BadgePresentation.objects.filter(person=person, years=years).exists():
        faults.add(_("This badge was already recorded as presented."), "years")
    checked: Decision | None = None
    for check in (lambda: _require_date(presented_on, "presented_on"),
                  lambda: _require_decision(decision)):
        try:
            result = check()
            if isinstance(result, Decision):
                checked = result
        except DomainError as error:
            faults.add(error.message, error.field or "")
    faults.check()
    assert checked is not None
    return checked


@transaction.atomic
def badge_presentation_record(*, actor: Any, person: Person, years: int, presented_on: dt.date,
                              decision: Decision | None) -> BadgePresentation:
    """The `years`-year badge was presented to the person on `presented_on` under `decision`; the badge list
    (BadgeDay rows) loses it. Refused, with every fault at once, when the badge is not due or already recorded."""
    person, _timeline = _start(actor, person)
    checked = _checked(person, years, presented_on, decision)
    presented = BadgePresentation.objects.create(
        person=person, years=years, presented_on=presented_on, decision_number=checked.number,
        decision_date=checked.date, decision_issuer=checked.issuer or "")
    BadgeDay.objects.filter(person=person, years=years).delete()
    log_change(actor=actor, action=ChangeAction.CREATE, instance=presented,
               reason=_("Party badge of %(years)s years presented") % {"years": years})
    return presented
