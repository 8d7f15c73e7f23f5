"""Lost contact with the Party organization (mất liên lạc với tổ chức đảng) and contact restored (issue 11 §1).

Two kinds of the member event log, each declared once here with its service, API input and recorder, and page
form. A member who lost contact stays on the roll (their status does not change: striking off is its own event,
decided by the cell); the period from the loss until contact is restored, the member leaves the Party or the date
asked is left out of the Party age like a strike-off: "thời gian mất liên lạc với tổ chức đảng" is one of the
periods "không tham gia sinh hoạt đảng" that Quy định 24-QĐ/TW §4.5.1 subtracts (repeated by 232-QĐ/TW and
294-QĐ/TW §4.5; the 2025 texts' wording was not read in a primary text, docs/rules.md). The fold keeps the open
period in `State.lost_contact_on` and the closed ones in `Timeline.lost_contacts` (members.status).

Loaded by members.kinds.declarations (its last line).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from core.eventkinds import Door, EventKindSpec
from core.schemas import Day
from members.api.recorders import changeable
from members.forms.base import EventForm, _reason
from members.kinds import MEMBER_EVENTS
from members.models import MEMBER_STATUSES, MemberEvent, Person
from members.schemas import EventIn
from members.services.checks import _fmt, _require_date
from members.services.log import _record, _start
from members.status import CONTACT_RESTORED, LOST_CONTACT
from organizations.forms import date_field

SOURCE = "Quy định 24-QĐ/TW §4.5.1"


# ----------------------------------------------------------------------------- services


@transaction.atomic
def contact_lost_record(*, actor: Any, person: Person, lost_on: dt.date, reason: str = "") -> MemberEvent:
    """The member lost contact with the Party organization on `lost_on` (the cell's finding; why, in `reason`)."""
    person, timeline = _start(actor, person)
    lost_on = _require_date(lost_on, "lost_on")
    if not (reason or "").strip():
        raise DomainError(_g("Say how contact was lost (moved away without a transfer letter, no news since ...)."),
                          field="reason")
    open_since = timeline.state.lost_contact_on
    if open_since is not None:
        raise DomainError(
            _g("%(name)s lost contact on %(since)s and it has not been restored: record the restoration first "
               "(%(citation)s).") % {"name": person.full_name, "since": _fmt(open_since), "citation": SOURCE},
            field="lost_on")
    return _record(actor=actor, person=person, kind=LOST_CONTACT, occurred_on=lost_on,
                   organization=person.organization, reason=reason)


@transaction.atomic
def contact_restored_record(*, actor: Any, person: Person, restored_on: dt.date, reason: str = "") -> MemberEvent:
    """Contact with the Party organization restored on `restored_on`; the period lost is left out of Party age."""
    person, timeline = _start(actor, person)
    restored_on = _require_date(restored_on, "restored_on")
    lost_on = timeline.state.lost_contact_on
    if lost_on is None:
        raise DomainError(_g("%(name)s has no lost contact to restore (%(citation)s).")
                          % {"name": person.full_name, "citation": SOURCE}, field="restored_on")
    if restored_on < lost_on:
        raise DomainError(_g("Contact cannot be restored (%(date)s) before it was lost (%(since)s).")
                          % {"date": _fmt(restored_on), "since": _fmt(lost_on)}, field="restored_on")
    return _record(actor=actor, person=person, kind=CONTACT_RESTORED, occurred_on=restored_on,
                   organization=person.organization, reason=reason)


# ----------------------------------------------------------------------------- API


class LostContactIn(EventIn):
    """Lost contact with the Party organization; `reason` (how) is required."""

    kind: Literal["lost_contact"]
    lost_on: Day


class ContactRestoredIn(EventIn):
    """Contact with the Party organization restored."""

    kind: Literal["contact_restored"]
    restored_on: Day


def record_lost_contact(request: HttpRequest, pk: int, body: LostContactIn) -> MemberEvent:
    return contact_lost_record(actor=request.user, person=changeable(request, pk), lost_on=body.lost_on,
                               reason=body.reason)


def record_contact_restored(request: HttpRequest, pk: int, body: ContactRestoredIn) -> MemberEvent:
    return contact_restored_record(actor=request.user, person=changeable(request, pk),
                                   restored_on=body.restored_on, reason=body.reason)


# ----------------------------------------------------------------------------- pages


class LostContactForm(EventForm):
    service = staticmethod(contact_lost_record)
    slug = "lost-contact"
    title = _("Record lost contact with the Party organization")
    intro = _("The member stays on the roll; the time without contact is left out of the Party age "
              "(Quy định 24-QĐ/TW §4.5.1).")
    kinds = (LOST_CONTACT,)

    lost_on = date_field(_("Contact lost on"))
    reason = _reason(required=True, help_text=_("How contact was lost (moved away without a transfer letter, "
                                                "no news since ...)."))

    def service_kwargs(self) -> dict[str, Any]:
        return {**super().service_kwargs(), "lost_on": self.cleaned_data["lost_on"]}


class ContactRestoredForm(EventForm):
    service = staticmethod(contact_restored_record)
    slug = "contact-restored"
    title = _("Record contact restored")
    intro = _("The time since contact was lost is left out of the Party age (Quy định 24-QĐ/TW §4.5.1).")
    kinds = (CONTACT_RESTORED,)

    restored_on = date_field(_("Contact restored on"))

    def service_kwargs(self) -> dict[str, Any]:
        return {**super().service_kwargs(), "restored_on": self.cleaned_data["restored_on"]}


# ----------------------------------------------------------------------------- declarations


# Offered while the fold allows them: a loss while none is open, a restoration while one is (members.status).
MEMBER_EVENTS.register_all([
    EventKindSpec(
        LOST_CONTACT, MEMBER_STATUSES, label=_("lost contact with the Party organization"),
        door=Door("lost_contact", service=contact_lost_record, schema=LostContactIn, record=record_lost_contact,
                  form=LostContactForm),
    ),
    EventKindSpec(
        CONTACT_RESTORED, MEMBER_STATUSES, label=_("contact with the Party organization restored"),
        door=Door("contact_restored", service=contact_restored_record, schema=ContactRestoredIn,
                  record=record_contact_restored, form=ContactRestoredForm),
    ),
])
