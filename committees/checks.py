"""Checks behind every committee write: inputs, dates inside the term, who may hold a seat, one secretary,
the competent level of an appointment. Each check adds its faults (message naming the rule, field) to a
`FaultList` list, so a refusal reports every fault of the input at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from committees import reference
from committees.models import NEEDS_EXECUTIVE, SINGLE_KINDS, ConcurrentPost, Seat, SeatKind
from core.decisions import Decision, check_date
from core.errors import DomainError, FaultList
from core.validators import has_control_characters
from members.models import MembershipSpell, Person, Status
from organizations.models import Organization, OrganizationVersion
from organizations.queries import subtree_versions_as_of, versions_as_of
from rules.queries import rule

MAX_TEXT = 2_000


# ----------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class SeatInput:
    """One seat to record. `starts_on` defaults to the term's (or the batch's) start."""

    person: Person
    kind: str
    starts_on: dt.date | None = None
    ended_on: dt.date | None = None
    concurrent_post: str = ""
    note: str = ""


@dataclass(frozen=True)
class CongressInput:
    """The congress that elected the committee: "lần thứ III" is ordinal 3."""

    ordinal: int
    opened_on: dt.date
    closed_on: dt.date
    delegates: int | None = None
    delegates_present: int | None = None
    resolution_number: str = ""
    resolution_date: dt.date | None = None


@dataclass(frozen=True)
class Sizes:
    """Seats the congress or the decision set (empty: not set)."""

    executive: int | None = None
    standing: int | None = None
    deputy_secretaries: int | None = None
    inspection: int | None = None


NO_SIZES = Sizes()

# ----------------------------------------------------------------------------- refusals






def day_text(day: dt.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def clean_text(value: str, *, field_name: str, faults: FaultList, max_length: int = MAX_TEXT,
               multiline: bool = True) -> str:
    """The text stripped; a fault if it is too long or holds a control character (line breaks where allowed)."""
    value = (value or "").strip()
    if len(value) > max_length:
        faults.add(_("At most %(count)d characters, without control characters.") % {"count": max_length},
                   field_name)
        return ""
    if has_control_characters(value, multiline=multiline):
        faults.add(_("The text contains an invisible control character; retype it without it."), field_name)
        return ""
    return value


# ----------------------------------------------------------------------------- the tree on a date


def version_on(organization: Organization, on: dt.date) -> OrganizationVersion | None:
    return versions_as_of(on).filter(organization=organization).first()


def active_on(organization: Organization, on: dt.date) -> bool:
    return version_on(organization, on) is not None


def is_official_member_on(person: Person, organization: Organization, on: dt.date, *, official: bool) -> str:
    """"ok", "probationary" (a member, not official) or "no" (not a member under the organization on `on`)."""
    under = subtree_versions_as_of(organization, on=on).values("organization_id")
    spells = MembershipSpell.objects.filter(person=person, organization_id__in=under, valid_from__lte=on).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=on)
    )
    statuses = set(spells.values_list("status", flat=True))
    if Status.OFFICIAL in statuses:
        return "ok"
    if Status.PROBATIONARY in statuses:
        return "ok" if not official else "probationary"
    return "no"


# ----------------------------------------------------------------------------- seat checks


@dataclass(frozen=True)
class Planned:
    person: Person
    kind: str
    starts_on: dt.date
    ended_on: dt.date | None
    index: int = -1  # the input row; -1 for a seat already recorded
    source: SeatInput | None = None


def _overlap(a_from: dt.date, a_to: dt.date | None, b_from: dt.date, b_to: dt.date | None) -> bool:
    return (b_to is None or a_from < b_to) and (a_to is None or b_from < a_to)


def check_seats(
    *,
    organization: Organization,
    term_start: dt.date,
    term_end: dt.date | None,
    existing: Sequence[Seat],
    seats: Sequence[SeatInput],
    default_start: dt.date,
    faults: FaultList,
    prefix: str = "seats",
) -> list[Planned]:
    """Every fault of every seat (dates in the term, eligibility, one secretary, positions needing a seat in the
    executive committee, no duplicate); returns the seats as they would be written."""
    planned: list[Planned] = []
    kinds = set(SeatKind.values)
    posts = set(ConcurrentPost.values)
    for index, seat in enumerate(seats):
        at = f"{prefix}.{index}"
        if seat.kind not in kinds:
            faults.add(_("Unknown position “%(kind)s”.") % {"kind": seat.kind}, f"{at}.kind")
            continue
        if (seat.concurrent_post or "") not in posts:
            faults.add(_("Unknown concurrent post “%(post)s”.") % {"post": seat.concurrent_post},
                       f"{at}.concurrent_post")
        starts = seat.starts_on or default_start
        try:
            check_date(starts, field=f"{at}.starts_on")
            if seat.ended_on is not None:
                check_date(seat.ended_on, field=f"{at}.ended_on")
        except DomainError as error:
            faults.errors.append(error)
            continue
        clean_text(seat.note, field_name=f"{at}.note", faults=faults)
        bad_dates = False
        if starts < term_start:
            faults.add(_("The seat starts on %(start)s, before the term starts (%(term)s).")
                       % {"start": day_text(starts), "term": day_text(term_start)}, f"{at}.starts_on")
            bad_dates = True
        if term_end is not None and starts >= term_end:
            faults.add(_("The seat starts on %(start)s, after the term ended (%(end)s).")
                       % {"start": day_text(starts), "end": day_text(term_end)}, f"{at}.starts_on")
            bad_dates = True
        if seat.ended_on is not None and seat.ended_on <= starts:
            faults.add(_("The seat ends on %(end)s, not after it starts (%(start)s).")
                       % {"end": day_text(seat.ended_on), "start": day_text(starts)}, f"{at}.ended_on")
            bad_dates = True
        if seat.ended_on is not None and term_end is not None and seat.ended_on > term_end:
            faults.add(_("The seat ends on %(end)s, after the term ended (%(term)s).")
                       % {"end": day_text(seat.ended_on), "term": day_text(term_end)}, f"{at}.ended_on")
            bad_dates = True
        if bad_dates:
            continue
        check_person(seat.person, organization, starts, faults, f"{at}.person")
        planned.append(Planned(seat.person, seat.kind, starts, seat.ended_on, index, seat))

    held = [Planned(s.person, s.kind, s.starts_on, s.ended_on) for s in existing]
    for index, item in enumerate(planned):
        at = f"{prefix}.{item.index}"
        others = held + planned[:index]
        if any(o.person.pk == item.person.pk and o.kind == item.kind
               and _overlap(o.starts_on, o.ended_on, item.starts_on, item.ended_on) for o in others):
            faults.add(_("%(name)s already holds the position “%(kind)s” at that time.")
                       % {"name": item.person.full_name, "kind": SeatKind(item.kind).label}, f"{at}.person")
            continue
        if item.kind in SINGLE_KINDS:
            limit = 1
            citation = ""
            if item.kind == SeatKind.SECRETARY:
                version = rule(reference.SECRETARIES_AT_A_TIME, on=item.starts_on)
                limit, citation = version.value, version.citation
            holders = [o for o in others if o.kind == item.kind
                       and _overlap(o.starts_on, o.ended_on, item.starts_on, item.ended_on)]
            if len(holders) >= limit:
                message = _("%(organization)s already has a %(kind)s on %(date)s (%(other)s): end that seat first.") \
                    % {"organization": organization.name, "kind": SeatKind(item.kind).label,
                       "date": day_text(item.starts_on), "other": holders[0].person.full_name}
                faults.add(f"{message} ({citation})" if citation else message, f"{at}.kind")
        if item.kind in NEEDS_EXECUTIVE:
            covered = any(o.person.pk == item.person.pk and o.kind == SeatKind.EXECUTIVE
                          and o.starts_on <= item.starts_on
                          and (o.ended_on is None or (item.ended_on is not None and item.ended_on <= o.ended_on))
                          for o in held + planned)
            if not covered:
                faults.add(_("%(name)s must be a member of the executive committee for the whole time to be %(kind)s.")
                           % {"name": item.person.full_name, "kind": SeatKind(item.kind).label}, f"{at}.kind")
    return planned


def check_person(person: Person, organization: Organization, on: dt.date, faults: FaultList, field_name: str) -> None:
    version = rule(reference.SEAT_REQUIRES_OFFICIAL, on=on)
    state = is_official_member_on(person, organization, on, official=bool(version.value))
    if state == "probationary":
        faults.add(_("%(name)s is a probationary member on %(date)s: only official members may hold a committee "
                     "seat (%(rule)s).") % {"name": person.full_name, "date": day_text(on), "rule": version.citation},
                   field_name)
    elif state == "no":
        faults.add(_("%(name)s is not an official member of %(organization)s on %(date)s: only its official "
                     "members may hold its committee seats (%(rule)s).")
                   % {"name": person.full_name, "organization": organization.name, "date": day_text(on),
                      "rule": version.citation}, field_name)


def check_sizes(sizes: Sizes, seats: Sequence[Planned], faults: FaultList) -> None:
    counted = {
        "sizes.executive": (sizes.executive, SeatKind.EXECUTIVE),
        "sizes.standing": (sizes.standing, SeatKind.STANDING),
        "sizes.deputy_secretaries": (sizes.deputy_secretaries, SeatKind.DEPUTY_SECRETARY),
        "sizes.inspection": (sizes.inspection, SeatKind.INSPECTION),
    }
    for name, (size, kind) in counted.items():
        if size is None:
            continue
        if not 0 <= size <= 500:
            faults.add(_("Between 0 and 500 seats."), name)
            continue
        count = len({s.person.pk for s in seats if s.kind == kind
                     or (kind == SeatKind.INSPECTION and s.kind == SeatKind.INSPECTION_CHAIR)})
        if count > size:
            faults.add(_("%(count)d people for %(size)d seats of “%(kind)s”: the congress or decision set %(size)d.")
                       % {"count": count, "size": size, "kind": SeatKind(kind).label}, name)


def check_appointing(organization: Organization, appointed_by: Organization | None, on: dt.date,
                      faults: FaultList, field_name: str = "appointed_by") -> None:
    """The appointing committee sits above the organization, at most the rule's number of levels up."""
    if appointed_by is None:
        faults.add(_("Name the committee that made the appointment."), field_name)
        return
    version = rule(reference.APPOINTMENT_LEVELS, on=on)
    mine, theirs = version_on(organization, on), version_on(appointed_by, on)
    if mine is None or theirs is None:
        faults.add(_("%(name)s did not exist on %(date)s.") % {"name": appointed_by.name, "date": day_text(on)},
                   field_name)
        return
    levels = mine.path.count(".") - theirs.path.count(".")
    if not (mine.path.startswith(theirs.path) and 1 <= levels <= version.value):
        faults.add(_("%(name)s is not competent to appoint the committee of %(organization)s: the committee at most "
                     "%(levels)d level(s) above it appoints (%(rule)s).")
                   % {"name": appointed_by.name, "organization": organization.name, "levels": version.value,
                      "rule": version.citation}, field_name)


def check_decision(decision: Decision | None, faults: FaultList, *, required: bool, prefix: str = "decision") -> None:
    if decision is None:
        if required:
            faults.add(_("The decision number is required."), f"{prefix}_number")
        return
    try:
        decision.validate(field_prefix=prefix)
    except DomainError as error:
        faults.errors.append(error)
    clean_text(decision.issuer, field_name=f"{prefix}_issuer", faults=faults, max_length=255, multiline=False)
