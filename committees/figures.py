"""Committee figures of an organization subtree: committees and seats on a date, and congresses in a period.

Stocks count the terms in force and the seats held on `as_of` in the organizations that stood under the
organization on `as_of` (the tree of that date). Every committee member (cấp ủy viên) holds an executive
committee seat (standing committee, secretary and deputy seats require one), so committee members are
counted as executive seats held: one per person and committee (a person on two committees counts twice,
as the report's "cán bộ trong cấp ủy" do). Shares are whole numbers in per mille of those (326 = 32,6 %), as
every figure is a whole number.

Congresses and appointed terms count those dated in [date_from, date_to] whose organization stood, on that
date, under the organization. Keys are documented in docs/figures.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from committees.models import ConcurrentPost, Congress, Seat, SeatKind, Term, TermOpening
from core.figures import FigureRequest, RecordRow, Records, register, register_labels, register_records
from organizations.models import Organization, OrganizationVersion
from organizations.queries import subtree_versions_as_of
from rules.calendar import add_months

KINH = "01"  # ethnicity code of the Kinh majority: every other recorded ethnicity is a minority
YOUNG_MONTHS = 480  # "cán bộ trẻ": under 40 years of age on the counting date

STOCK_KEYS = (
    "committees",
    "committees_without_secretary",
    "executive_seats_set",
    "executive_members",
    "executive_vacant",
    "standing_seats_set",
    "standing_members",
    "standing_vacant",
    "secretaries",
    "deputy_secretaries",
    "inspection_members",
    "inspection_chairs",
    "committee_members_women",
    "committee_members_under_40",
    "committee_members_ethnic_minority",
    "committee_members_women_permille",
    "committee_members_under_40_permille",
    "committee_members_ethnic_minority_permille",
    "secretaries_chairing_government",
    "secretaries_chairing_council",
    "secretaries_heading_village",
)
MOVEMENT_KEYS = ("congresses_held", "terms_appointed")
FIGURE_KEYS = STOCK_KEYS + MOVEMENT_KEYS


def _in_force(queryset: QuerySet[Any], on: dt.date) -> QuerySet[Any]:
    return queryset.filter(starts_on__lte=on).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))


def _permille(part: int, whole: int) -> int:
    """Per mille, rounded half up: 2 of 6 -> 333 (33,3 %)."""
    return (2000 * part + whole) // (2 * whole) if whole else 0


def terms_in_force(organization: Organization, *, as_of: dt.date, under: QuerySet[Any] | None = None) -> QuerySet[Term]:
    """The terms in force on `as_of` of the organizations then under the organization (what `committees` counts)."""
    if under is None:
        under = subtree_versions_as_of(organization, on=as_of).values("organization_id")
    return _in_force(Term.objects.filter(organization_id__in=under), as_of)


def held_seats(organization: Organization, *, as_of: dt.date, under: QuerySet[Any] | None = None) -> QuerySet[Seat]:
    """The seats held on `as_of` in those terms (what the seat keys count)."""
    if under is None:
        under = subtree_versions_as_of(organization, on=as_of).values("organization_id")
    terms = terms_in_force(organization, as_of=as_of, under=under)
    return _in_force(Seat.objects.filter(organization_id__in=under, term__in=terms), as_of)


def seat_conditions(as_of: dt.date) -> dict[str, Q]:
    """Key -> condition on `held_seats` (each seat key counts the seats meeting its condition)."""
    young_after = add_months(as_of, -YOUNG_MONTHS)
    executive = Q(kind=SeatKind.EXECUTIVE)
    secretary = Q(kind=SeatKind.SECRETARY)
    return {
        "executive_members": executive,
        "committee_members_women": executive & Q(person__gender="female"),
        "committee_members_under_40": executive & Q(person__birth_date__gt=young_after),
        "committee_members_ethnic_minority": executive & Q(person__ethnicity__isnull=False)
        & ~Q(person__ethnicity__code=KINH),
        "standing_members": Q(kind=SeatKind.STANDING),
        "secretaries": secretary,
        "deputy_secretaries": Q(kind=SeatKind.DEPUTY_SECRETARY),
        "inspection_members": Q(kind__in=[SeatKind.INSPECTION, SeatKind.INSPECTION_CHAIR]),
        "inspection_chairs": Q(kind=SeatKind.INSPECTION_CHAIR),
        "secretaries_chairing_government": secretary & Q(concurrent_post=ConcurrentPost.GOVERNMENT_CHAIR),
        "secretaries_chairing_council": secretary & Q(concurrent_post=ConcurrentPost.COUNCIL_CHAIR),
        "secretaries_heading_village": secretary & Q(concurrent_post=ConcurrentPost.VILLAGE_HEAD),
    }


def committee_stocks(organization: Organization, *, as_of: dt.date) -> dict[str, Any]:
    """Committees and seats on `as_of`, under the tree of `as_of`. Four aggregate queries."""
    under = subtree_versions_as_of(organization, on=as_of).values("organization_id")
    terms = terms_in_force(organization, as_of=as_of, under=under)
    seats = held_seats(organization, as_of=as_of, under=under).aggregate(
        **{key: Count("id", filter=condition) for key, condition in seat_conditions(as_of).items()})
    per_term = _with_secretary(terms, as_of).aggregate(
        committees=Count("id"),
        without_secretary=Count("id", filter=Q(has_secretary=False)),
        executive_set=Sum("executive_seats"),
        standing_set=Sum("standing_seats"),
    )
    vacant = {"executive": 0, "standing": 0}
    rows = terms.filter(Q(executive_seats__isnull=False) | Q(standing_seats__isnull=False)).annotate(
        executive_held=Count("seats", filter=_held_filter(as_of, SeatKind.EXECUTIVE)),
        standing_held=Count("seats", filter=_held_filter(as_of, SeatKind.STANDING)),
    ).values_list("executive_seats", "executive_held", "standing_seats", "standing_held")
    for executive_set, executive_held, standing_set, standing_held in rows:  # one row per committee
        vacant["executive"] += max(0, (executive_set or 0) - executive_held) if executive_set is not None else 0
        vacant["standing"] += max(0, (standing_set or 0) - standing_held) if standing_set is not None else 0
    members = seats["executive_members"]
    return {
        "committees": per_term["committees"],
        "committees_without_secretary": per_term["without_secretary"],
        "executive_seats_set": per_term["executive_set"] or 0,
        "executive_members": members,
        "executive_vacant": vacant["executive"],
        "standing_seats_set": per_term["standing_set"] or 0,
        "standing_members": seats["standing_members"],
        "standing_vacant": vacant["standing"],
        "secretaries": seats["secretaries"],
        "deputy_secretaries": seats["deputy_secretaries"],
        "inspection_members": seats["inspection_members"],
        "inspection_chairs": seats["inspection_chairs"],
        "committee_members_women": seats["committee_members_women"],
        "committee_members_under_40": seats["committee_members_under_40"],
        "committee_members_ethnic_minority": seats["committee_members_ethnic_minority"],
        "committee_members_women_permille": _permille(seats["committee_members_women"], members),
        "committee_members_under_40_permille": _permille(seats["committee_members_under_40"], members),
        "committee_members_ethnic_minority_permille": _permille(seats["committee_members_ethnic_minority"], members),
        "secretaries_chairing_government": seats["secretaries_chairing_government"],
        "secretaries_chairing_council": seats["secretaries_chairing_council"],
        "secretaries_heading_village": seats["secretaries_heading_village"],
    }


def _with_secretary(terms: QuerySet[Term], as_of: dt.date) -> QuerySet[Any]:
    """The terms annotated `has_secretary`: a secretary seat held on `as_of`."""
    held_in_term = Seat.objects.filter(term=OuterRef("pk"), starts_on__lte=as_of).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=as_of)
    )
    return terms.annotate(has_secretary=Exists(held_in_term.filter(kind=SeatKind.SECRETARY)))


def _held_filter(on: dt.date, kind: str) -> Q:
    return Q(seats__kind=kind, seats__starts_on__lte=on) & (Q(seats__ended_on__isnull=True) | Q(seats__ended_on__gt=on))


def _stood_under(paths: list[str], *, date_field: str) -> Exists:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__under=path)
    return Exists(
        OrganizationVersion.objects.filter(organization=OuterRef("organization"), valid_from__lte=OuterRef(date_field))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=OuterRef(date_field)))
        .filter(condition)
    )


def movement_rows(organization: Organization, *, date_from: dt.date,
                  date_to: dt.date) -> dict[str, QuerySet[Any]]:
    """Congresses closed and terms opened by appointment in [date_from, date_to], under the tree of their date
    (what the movement keys count)."""
    paths = list(
        OrganizationVersion.objects.filter(organization=organization, valid_from__lte=date_to)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=date_from))
        .values_list("path", flat=True).distinct()
    )
    if date_to < date_from or not paths:
        return {"congresses_held": Congress.objects.none(), "terms_appointed": Term.objects.none()}
    congresses = Congress.objects.filter(closed_on__gte=date_from, closed_on__lte=date_to).filter(
        _stood_under(paths, date_field="closed_on")
    )
    appointed = Term.objects.filter(opened_by=TermOpening.APPOINTMENT, starts_on__gte=date_from,
                                    starts_on__lte=date_to).filter(_stood_under(paths, date_field="starts_on"))
    return {"congresses_held": congresses, "terms_appointed": appointed}


def committee_movements(organization: Organization, *, date_from: dt.date, date_to: dt.date) -> dict[str, int]:
    """Congresses closed and terms opened by appointment in [date_from, date_to], under the tree of their date."""
    rows = movement_rows(organization, date_from=date_from, date_to=date_to)
    return {key: rows[key].count() for key in MOVEMENT_KEYS}


def committee_figures(
    organization: Organization, *, date_from: dt.date, date_to: dt.date, as_of: dt.date
) -> dict[str, Any]:
    return {
        **committee_stocks(organization, as_of=as_of),
        **committee_movements(organization, date_from=date_from, date_to=date_to),
    }


@register("committees")
def committees_contribution(request: FigureRequest) -> dict[str, Any]:
    """The "committees" namespace of the figures service (docs/figures.md)."""
    return committee_figures(request.organization, date_from=request.date_from, date_to=request.date_to,
                             as_of=request.as_of)


register_labels("committees", _("Committees"), {
    "committees": _("Committees with a term in force"),
    "committees_without_secretary": _("of which without a secretary"),
    "executive_seats_set": _("Executive committee seats set by congresses or decisions"),
    "executive_members": _("Executive committee members (committee members)"),
    "executive_vacant": _("Executive committee seats vacant"),
    "standing_seats_set": _("Standing committee seats set"),
    "standing_members": _("Standing committee members"),
    "standing_vacant": _("Standing committee seats vacant"),
    "secretaries": _("Secretaries"),
    "deputy_secretaries": _("Deputy secretaries"),
    "inspection_members": _("Inspection committee members (chairs included)"),
    "inspection_chairs": _("Inspection committee chairs"),
    "committee_members_women": _("Committee members who are women"),
    "committee_members_under_40": _("Committee members under 40"),
    "committee_members_ethnic_minority": _("Committee members of ethnic minorities"),
    "committee_members_women_permille": _("Share of women among committee members (‰)"),
    "committee_members_under_40_permille": _("Share of committee members under 40 (‰)"),
    "committee_members_ethnic_minority_permille": _("Share of ethnic-minority committee members (‰)"),
    "secretaries_chairing_government": _("Secretaries who also chair the People's Committee"),
    "secretaries_chairing_council": _("Secretaries who also chair the People's Council"),
    "secretaries_heading_village": _("Secretaries who also head their village"),
    "congresses_held": _("Congresses held"),
    "terms_appointed": _("Committees appointed (terms opened by appointment)"),
}, stocks=STOCK_KEYS)


# The records behind the counts (core.figures.records): the seats, terms and congresses the counts aggregate.
# Not declared (not a count of rows): the seats set and vacant (sums over terms) and the per mille shares.
def _seats(request: FigureRequest, key: str) -> QuerySet[Seat]:
    return (held_seats(request.organization, as_of=request.as_of).filter(seat_conditions(request.as_of)[key])
            .select_related("person", "organization").order_by("organization__path", "kind", "person__sort_name",
                                                               "id"))


def _terms(request: FigureRequest, key: str) -> QuerySet[Any]:
    terms = _with_secretary(terms_in_force(request.organization, as_of=request.as_of), request.as_of)
    if key == "committees_without_secretary":
        terms = terms.filter(has_secretary=False)
    return terms.select_related("organization").order_by("organization__path", "id")


def _movements(request: FigureRequest, key: str) -> QuerySet[Any]:
    rows = movement_rows(request.organization, date_from=request.date_from, date_to=request.date_to)[key]
    date_field = "closed_on" if key == "congresses_held" else "starts_on"
    return rows.select_related("organization").order_by(date_field, "id")


def _describe_seat(seat: Seat) -> RecordRow:
    return RecordRow(text=seat.person.full_name, url=reverse("committees:leadership", args=[seat.organization_id]),
                     on=seat.starts_on, detail=f"{seat.get_kind_display()} · {seat.organization.name}")


def _describe_term(term: Term) -> RecordRow:
    return RecordRow(text=term.organization.name, url=reverse("committees:leadership", args=[term.organization_id]),
                     on=term.starts_on, detail=term.get_opened_by_display())


def _describe_congress(congress: Congress) -> RecordRow:
    return RecordRow(text=congress.organization.name,
                     url=reverse("committees:leadership", args=[congress.organization_id]), on=congress.closed_on,
                     detail=str(congress.ordinal))


SEAT_RECORD_KEYS = tuple(seat_conditions(dt.date(2000, 1, 1)))
register_records("committees", {
    **{key: Records(rows=_seats, describe=_describe_seat, permission="committees.view", stock=True)
       for key in SEAT_RECORD_KEYS},
    **{key: Records(rows=_terms, describe=_describe_term, permission="committees.view", stock=True)
       for key in ("committees", "committees_without_secretary")},
    "congresses_held": Records(rows=_movements, describe=_describe_congress, permission="committees.view"),
    "terms_appointed": Records(rows=_movements, describe=_describe_term, permission="committees.view"),
})
