"""Committees a plan appoints (issue 17): an "appoint" row (chỉ định) names an organization of the plan (one it
establishes, or an existing one) and, in the "members" column, the appointed committee as
`secretary: 12; deputy_secretary: 13; executive: 12, 13, 14` (member file ids; every member of a standing or
secretary seat also needs an executive seat, as in committees). The appointment is by the committee directly above
the organization after the plan, with the row's decision (else the plan's), from the plan's date, through
committees.services.term_open_by_appointment — in the preview's dry run and in the apply's transaction."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from committees.models import SeatKind
from committees.services import SeatInput, term_open_by_appointment
from core.decisions import Decision
from core.scope import covers
from members.models import Person
from organizations.models import Organization
from restructuring.rows import Fault, decision_of

APPOINT = "appoint"
_REF = re.compile(r"#?\s*(\d{1,12})")


@dataclass
class Appointment:
    row: int
    code: str
    decision: Decision
    seats: list[tuple[str, Person]]


def _seats(text: str, *, number: int, actor: Any, faults: list[Fault]) -> list[tuple[str, Person]]:
    seats: list[tuple[str, Person]] = []
    for part in [p for p in (text or "").split(";") if p.strip()]:
        kind, _sep, refs = part.partition(":")
        kind = kind.strip().lower().replace(" ", "_")
        if kind not in SeatKind.values:
            faults.append(Fault(number, "members", _("Unknown position “%(kind)s”: write %(kinds)s.")
                                % {"kind": kind, "kinds": ", ".join(SeatKind.values)}))
            continue
        for ref in [r for r in refs.split(",") if r.strip()]:
            match = _REF.fullmatch(ref.strip())
            person = Person.objects.filter(pk=int(match.group(1))).first() if match else None
            if person is None or not covers(actor, person.organization, "members.view"):
                faults.append(Fault(number, "members", _("No member file “%(ref)s” in your scope.")
                                    % {"ref": ref.strip()}))
                continue
            seats.append((kind, person))
    if not seats and not any(f.row == number and f.column == "members" for f in faults):
        faults.append(Fault(number, "members", _("Name the appointed committee: position: member file ids.")))
    return seats


def check(row: dict[str, Any], *, known_codes: set[str], default: Decision, actor: Any,
          faults: list[Fault]) -> Appointment | None:
    """One appoint row: the organization is one of the plan's (new or existing), the members are files in scope."""
    number = row["row"]
    code = row.get("new_code", "")
    if code not in known_codes:
        faults.append(Fault(number, "new_code", _("“%(code)s” is neither established by this plan nor an "
                                                  "organization it names.") % {"code": code}))
    decision = decision_of(row, default, faults)
    seats = _seats(row.get("members", ""), number=number, actor=actor, faults=faults)
    return Appointment(number, code, decision, seats) if code in known_codes and seats else None


def appoint(item: Appointment, *, organization: Organization, actor: Any, on: dt.date, reason: str) -> dict[str, Any]:
    """Open the appointed term; the summary row the preview and the applied plan show."""
    term_open_by_appointment(actor=actor, organization=organization, starts_on=on, appointed_by=organization.parent,
                             decision=item.decision, seats=[SeatInput(p, kind) for kind, p in item.seats],
                             reason=reason)
    return {"code": organization.code, "name": organization.name,
            "appointed_by": organization.parent.name if organization.parent else "",
            "decision": item.decision.number,
            "seats": [{"kind": str(SeatKind(kind).label), "name": p.full_name, "id": p.pk} for kind, p in item.seats]}
