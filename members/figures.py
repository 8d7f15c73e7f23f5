"""Member figures of an organization subtree: stocks on a date and movements in a period, by aggregate queries.

Stocks (members_*, candidates) count MembershipSpell rows valid on `as_of` whose organization is in the
subtree under the tree of `as_of` (organizations.queries.subtree_versions_as_of). A temporarily attached
member is counted at home, never at the host.

Movements count the current (not superseded) events dated in [date_from, date_to] whose organization, on
the event's own date, stood under the organization (so the events of a cell merged or moved during the period
count with the committee it belonged to when they happened). Transfers count only across the subtree's
boundary: a move between two cells of the same subtree is neither a transfer in nor out for it.

The keys below are stable; docs/figures.md describes each.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.figures import FigureRequest, RecordRow, Records, register, register_labels, register_records
from members import places as _places  # noqa: F401  (registers the "places" namespace: units without a member)
from members.models import DOSSIER_COMPLETED_FORM, EventKind, MemberEvent, MembershipSpell, Status
from organizations.models import Organization, OrganizationVersion
from organizations.queries import subtree_versions_as_of

STOCK_KEYS = ("members_total", "members_official", "members_probationary", "members_exempted", "candidates")
MOVEMENT_KEYS = (
    "admitted",
    "recognised",
    "recognised_decided",
    "transferred_in",
    "transferred_out",
    "struck_off",
    "expelled",
    "died",
    "left",
    "readmitted",
    "candidates_registered",
    "dossiers_completed",
)
FIGURE_KEYS = STOCK_KEYS + MOVEMENT_KEYS

# key -> condition on MemberEvent (the transfer keys add "from/to outside the subtree" below)
_MOVEMENTS: dict[str, Q] = {
    "admitted": Q(kind=EventKind.ADMISSION_DECISION),
    "recognised": Q(kind=EventKind.RECOGNITION),
    "transferred_in": Q(kind=EventKind.TRANSFER_IN_OFFICIAL, counterpart_inside=False),
    "transferred_out": Q(kind=EventKind.TRANSFER_OUT_OFFICIAL, counterpart_inside=False),
    "struck_off": Q(kind__in=[EventKind.STRIKE_OFF, EventKind.NOT_RECOGNISED]),
    "expelled": Q(kind=EventKind.EXPULSION),
    "died": Q(kind=EventKind.DEATH, died_a_member=True),
    "left": Q(kind=EventKind.LEFT_VOLUNTARILY),
    "readmitted": Q(kind=EventKind.READMISSION_DECISION),
    "candidates_registered": Q(kind=EventKind.CANDIDATE_REGISTERED),
    "dossiers_completed": Q(kind=EventKind.DOSSIER_STEP, details__form=DOSSIER_COMPLETED_FORM),
}
_MOVEMENT_KINDS = sorted({
    EventKind.ADMISSION_DECISION, EventKind.RECOGNITION, EventKind.TRANSFER_IN_OFFICIAL,
    EventKind.TRANSFER_OUT_OFFICIAL, EventKind.STRIKE_OFF, EventKind.NOT_RECOGNISED, EventKind.EXPULSION,
    EventKind.DEATH, EventKind.LEFT_VOLUNTARILY, EventKind.READMISSION_DECISION, EventKind.CANDIDATE_REGISTERED,
    EventKind.DOSSIER_STEP,
})


def stock_spells(organization: Organization, *, as_of: dt.date) -> QuerySet[MembershipSpell]:
    """The spells valid on `as_of` in the subtree under the tree of `as_of` (what the stocks count)."""
    organizations = subtree_versions_as_of(organization, on=as_of).values("organization_id")
    return MembershipSpell.objects.filter(organization_id__in=organizations, valid_from__lte=as_of).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=as_of)
    )


def member_stocks(organization: Organization, *, as_of: dt.date) -> dict[str, int]:
    """Members and candidates of the subtree on `as_of`, under the tree of `as_of`. One aggregate query."""
    row = stock_spells(organization, as_of=as_of).aggregate(
        official=Count("id", filter=Q(status=Status.OFFICIAL)),
        exempted=Count("id", filter=Q(status=Status.EXEMPTED)),
        probationary=Count("id", filter=Q(status=Status.PROBATIONARY)),
        candidates=Count("id", filter=Q(status=Status.CANDIDATE)),
    )
    official = row["official"] + row["exempted"]
    return {
        "members_total": official + row["probationary"],
        "members_official": official,
        "members_probationary": row["probationary"],
        "members_exempted": row["exempted"],
        "candidates": row["candidates"],
    }


def _under(paths: list[str], *, field: str) -> Exists:
    """Exists: the event's `field` organization stood, on the event's date, under one of `paths`."""
    return Exists(
        OrganizationVersion.objects.filter(organization=OuterRef(field), valid_from__lte=OuterRef("occurred_on"))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=OuterRef("occurred_on")))
        .filter(_path_condition(paths))
    )


def _path_condition(paths: list[str]) -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__under=path)
    return condition


# A recognition decided in the period whose probation ended up to this long before it still counts in
# `recognised_decided` (bounds the scan of earlier events; later decisions are exceptional).
_DECISION_LAG = dt.timedelta(days=2 * 366)
# Statuses of a member (not a candidate) just before death; a member between an official letter and its
# presentation is still a member.
_MEMBER_BEFORE_DEATH = [Status.PROBATIONARY, Status.OFFICIAL, Status.EXEMPTED, Status.TRANSFERRED_OUT]


def movement_events(organization: Organization, *, date_from: dt.date,
                    date_to: dt.date) -> QuerySet[MemberEvent] | None:
    """The events the movements count (annotated with decided_on, counterpart_inside, died_a_member), or None
    when the organization did not exist in the period; each key narrows them by `movement_condition`."""
    paths = list(
        OrganizationVersion.objects.filter(organization=organization, valid_from__lte=date_to)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=date_from))
        .values_list("path", flat=True)
        .distinct()
    )
    if date_to < date_from or not paths:
        return None
    return movement_events_under(paths, date_from=date_from, date_to=date_to)


def movement_events_under(paths: list[str], *, date_from: dt.date, date_to: dt.date) -> QuerySet[MemberEvent]:
    """`movement_events` of the organizations whose paths in the period are `paths` (the dashboard asks once for
    all the children of an organization: counterpart_inside then means "inside one of them")."""
    # Organizations that stood under it at some time in the period: lets the database start from the
    # (organization, kind, occurred_on) index instead of every event of the period; `_under` then checks the date.
    earliest = date_from - _DECISION_LAG
    candidates = (
        OrganizationVersion.objects.filter(_path_condition(paths), valid_from__lte=date_to)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=earliest))
        .values("organization_id")
    )
    in_period = Q(occurred_on__gte=date_from, occurred_on__lte=date_to)
    decided_in_period = Q(kind=EventKind.RECOGNITION, decided_on__gte=date_from, decided_on__lte=date_to)
    member_spell_ending = MembershipSpell.objects.filter(
        person=OuterRef("person"), valid_to=OuterRef("occurred_on"), status__in=_MEMBER_BEFORE_DEATH
    )
    events = (
        MemberEvent.objects.current().filter(kind__in=_MOVEMENT_KINDS, occurred_on__gte=earliest,
                                             occurred_on__lte=date_to)
        .annotate(decided_on=Coalesce("decision_date", "occurred_on"))
        .filter(in_period | decided_in_period)
        .filter(organization_id__in=candidates)
        .exclude(person__status=Status.VOIDED)  # a file entered by mistake counts nowhere
        .filter(_under(paths, field="organization"))
        .annotate(counterpart_inside=_under(paths, field="counterpart"))
        .annotate(died_a_member=Exists(member_spell_ending))
    )
    return events


def movement_condition(key: str, *, date_from: dt.date, date_to: dt.date) -> Q:
    """The events of `movement_events` that `key` counts."""
    if key == "recognised_decided":
        return Q(kind=EventKind.RECOGNITION, decided_on__gte=date_from, decided_on__lte=date_to)
    return _MOVEMENTS[key] & Q(occurred_on__gte=date_from, occurred_on__lte=date_to)


def member_movements(organization: Organization, *, date_from: dt.date, date_to: dt.date) -> dict[str, int]:
    """Admissions, recognitions, transfers and departures in [date_from, date_to]. Two queries."""
    events = movement_events(organization, date_from=date_from, date_to=date_to)
    if events is None:
        return dict.fromkeys(MOVEMENT_KEYS, 0)
    row = events.aggregate(**{key: Count("id", filter=movement_condition(key, date_from=date_from, date_to=date_to))
                              for key in MOVEMENT_KEYS})
    return {key: int(row[key] or 0) for key in MOVEMENT_KEYS}


def member_figures(
    organization: Organization, *, date_from: dt.date, date_to: dt.date, as_of: dt.date
) -> dict[str, Any]:
    """Stable keys: the stocks on `as_of` and the movements in [date_from, date_to] (see the module docstring)."""
    return {
        **member_stocks(organization, as_of=as_of),
        **member_movements(organization, date_from=date_from, date_to=date_to),
    }


@register("members")
def members_contribution(request: FigureRequest) -> dict[str, Any]:
    """The "members" namespace of the figures service (docs/figures.md)."""
    return member_figures(request.organization, date_from=request.date_from, date_to=request.date_to,
                          as_of=request.as_of)


register_labels("members", _("Members"), {
    "members_total": _("Members (official and probationary)"),
    "members_official": _("Official members (exempted included)"),
    "members_probationary": _("Probationary members"),
    "members_exempted": _("of whom exempted from activities"),
    "candidates": _("Outstanding candidates being followed"),
    "admitted": _("Admitted"),
    "recognised": _("Recognised as official members"),
    "recognised_decided": _("Recognition decisions made (by the decision's date)"),
    "transferred_in": _("Transferred in (official transfer)"),
    "transferred_out": _("Transferred out (official transfer)"),
    "struck_off": _("Struck off (including not recognised)"),
    "expelled": _("Expelled"),
    "died": _("Members who died"),
    "left": _("Left at own request"),
    "readmitted": _("Re-admitted"),
    "candidates_registered": _("Registered as outstanding candidates"),
    "dossiers_completed": _("Admission dossiers completed (8-KNĐ)"),
}, stocks=STOCK_KEYS)


# The records behind each key (core.figures.records): the very rows the counts above aggregate.
_STOCK_STATUSES = {
    "members_total": [Status.OFFICIAL, Status.EXEMPTED, Status.PROBATIONARY],
    "members_official": [Status.OFFICIAL, Status.EXEMPTED], "members_probationary": [Status.PROBATIONARY],
    "members_exempted": [Status.EXEMPTED], "candidates": [Status.CANDIDATE],
}


def _stock_records(request: FigureRequest, key: str) -> QuerySet[MembershipSpell]:
    return (stock_spells(request.organization, as_of=request.as_of).filter(status__in=_STOCK_STATUSES[key])
            .select_related("person", "organization").order_by("person__sort_name", "id"))


def _movement_records(request: FigureRequest, key: str) -> QuerySet[MemberEvent]:
    events = movement_events(request.organization, date_from=request.date_from, date_to=request.date_to)
    if events is None:
        return MemberEvent.objects.none()
    return (events.filter(movement_condition(key, date_from=request.date_from, date_to=request.date_to))
            .select_related("person", "organization").order_by("occurred_on", "id"))


def _describe_spell(spell: MembershipSpell) -> RecordRow:
    return RecordRow(text=spell.person.full_name, url=reverse("members:detail", args=[spell.person_id]),
                     on=spell.valid_from, detail=f"{spell.get_status_display()} · {spell.organization.name}")


def _describe_event(event: MemberEvent) -> RecordRow:
    return RecordRow(text=event.person.full_name, url=reverse("members:detail", args=[event.person_id]),
                     on=event.occurred_on,
                     detail=f"{event.get_kind_display()} · {event.organization.name if event.organization else ''}")


register_records("members", {
    **{key: Records(rows=_stock_records, describe=_describe_spell, permission="members.view", stock=True)
       for key in STOCK_KEYS},
    **{key: Records(rows=_movement_records, describe=_describe_event, permission="members.view")
       for key in MOVEMENT_KEYS},
})
