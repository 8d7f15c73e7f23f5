"""Checks behind the inspection writes: inputs as dataclasses, the subject on a date, the discipline forms the
rule data of the date allows. Each check adds its faults (message naming the rule, field) to a `FaultList` list
(committees.checks), so a refusal reports every fault of the input at once and nothing is written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from committees.checks import clean_text
from committees.models import Seat
from core.decisions import EARLIEST_YEAR, LATEST_YEAR, decision_number_is_valid
from core.errors import FaultList
from members.models import MembershipSpell, Person, Status
from organizations.models import Organization
from organizations.queries import subtree_versions_as_of

__all__ = ["FaultList", "FollowUpInput", "TeamInput", "clean_text", "day_text"]

OFFICIAL_STATUSES = (Status.OFFICIAL, Status.EXEMPTED)


@dataclass(frozen=True)
class TeamInput:
    person: Person
    role: str


@dataclass(frozen=True)
class FollowUpInput:
    text: str
    due_on: dt.date
    owner: str = ""


def day_text(day: dt.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def check_day(day: dt.date | None, field_name: str, faults: FaultList, *, required: bool = True) -> bool:
    """A plausible date (1930..2999); a fault if missing (when required) or implausible. True when usable."""
    if day is None:
        if required:
            faults.add(_("The date is required."), field_name)
        return False
    if not isinstance(day, dt.date) or not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        faults.add(_("The date %(date)s is not plausible.") % {"date": day}, field_name)
        return False
    return True


def check_document(number: str, day: dt.date | None, faults: FaultList, *, prefix: str = "document") -> str:
    """An optional document reference (number + date) in Party or State numbering."""
    number = clean_text(number, field_name=f"{prefix}_number", faults=faults, max_length=64, multiline=False)
    if not number:
        if day is not None:
            faults.add(_("Give the document's number with its date."), f"{prefix}_number")
        return ""
    if not decision_number_is_valid(number):
        faults.add(_("Document number “%(number)s” is malformed: write it as 05-CT/TW (Party) or 855/NQ-UBTVQH14 "
                     "(State).") % {"number": number}, f"{prefix}_number")
    if day is None:
        faults.add(_("Give the document's date with its number."), f"{prefix}_date")
    else:
        check_day(day, f"{prefix}_date", faults)
    return number


def stands_under(organization: Organization, root: Organization, on: dt.date) -> bool:
    """Did `organization` stand, on `on`, in the subtree of `root` (itself included)?"""
    return subtree_versions_as_of(root, on=on).filter(organization=organization).exists()


def spell_on(person: Person, on: dt.date) -> MembershipSpell | None:
    """The person's membership spell on `on` (status and cell), if any."""
    return MembershipSpell.objects.filter(person=person, valid_from__lte=on).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=on)).select_related("organization").order_by("-valid_from").first()


def member_under(person: Person, root: Organization, on: dt.date) -> MembershipSpell | None:
    """The member's spell on `on` when they were then a (probationary or official) member under `root`."""
    spell = spell_on(person, on)
    if spell is None or spell.status not in (*OFFICIAL_STATUSES, Status.PROBATIONARY):
        return None
    return spell if stands_under(spell.organization, root, on) else None


def seats_held(person: Person, on: dt.date) -> QuerySet[Seat]:
    """The committee seats (posts) the person held on `on` (committees app)."""
    return Seat.objects.filter(person=person, starts_on__lte=on).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=on)).select_related("organization").order_by("starts_on", "id")
