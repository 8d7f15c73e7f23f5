"""Read side of committees. Every function takes the user who asks and reads through core.scope.

Committee data is visible with "committees.view" over the organization's subtree; writes need
"committees.change" (the services re-check it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from committees.models import COMMITTEE_KINDS, Congress, Seat, SeatKind, Term
from core.scope import CHANGE, VIEW, covers, get_in_scope, restrict
from members.models import Person, Status
from organizations.models import Organization
from organizations.queries import subtree_versions_as_of

VIEW_PERMISSION = "committees.view"
CHANGE_PERMISSION = "committees.change"


def _permission(action: str) -> str:
    return CHANGE_PERMISSION if action == CHANGE else VIEW_PERMISSION


def organization_get(user: Any, *, pk: Any = None, code: Any = None, action: str = VIEW) -> Organization:
    """The organization whose committees the user may see (or change); NotInScope (404) otherwise."""
    lookup = {"pk": pk} if pk is not None else {"code": code}
    return get_in_scope(Organization.objects.select_related("kind", "parent"), user, _permission(action), **lookup)


def can_change(user: Any, organization: Organization) -> bool:
    return covers(user, organization, CHANGE_PERMISSION)


def terms_visible(user: Any, action: str = VIEW) -> QuerySet[Term]:
    return restrict(Term.objects.select_related("organization", "appointed_by"), user, action)


def seats_visible(user: Any, action: str = VIEW) -> QuerySet[Seat]:
    queryset = Seat.objects.select_related("person__ethnicity", "organization", "term", "appointed_by")
    return restrict(queryset, user, action)


def term_get(user: Any, *, pk: Any, action: str = VIEW) -> Term:
    return get_in_scope(Term.objects.select_related("organization__kind", "appointed_by"), user, action, pk=pk)


def seat_get(user: Any, *, pk: Any, action: str = VIEW) -> Seat:
    queryset = Seat.objects.select_related("person", "organization", "term")
    return get_in_scope(queryset, user, action, pk=pk)


def person_get(user: Any, *, pk: Any = None, code: Any = None) -> Person:
    """A member file the user may see (the members' own scope), by id or exchange code."""
    from members.queries import person_get as members_person_get

    return members_person_get(user, pk=pk, code=code)


# ----------------------------------------------------------------------------- a committee on a date


@dataclass
class Committee:
    """An organization's committee as it stood on a date: the term in force and the seats held that day."""

    organization: Organization
    on: dt.date
    term: Term | None
    congress: Congress | None
    seats: list[Seat] = field(default_factory=list)

    def of(self, kind: str) -> list[Seat]:
        return [s for s in self.seats if s.kind == kind]

    @property
    def secretary(self) -> Seat | None:
        found = self.of(SeatKind.SECRETARY)
        return found[0] if found else None

    @property
    def deputies(self) -> list[Seat]:
        return self.of(SeatKind.DEPUTY_SECRETARY)

    @property
    def standing(self) -> list[Seat]:
        return self.of(SeatKind.STANDING)

    @property
    def executive(self) -> list[Seat]:
        return self.of(SeatKind.EXECUTIVE)

    @property
    def inspection(self) -> list[Seat]:
        return self.of(SeatKind.INSPECTION) + self.of(SeatKind.INSPECTION_CHAIR)

    @property
    def inspection_chair(self) -> Seat | None:
        found = self.of(SeatKind.INSPECTION_CHAIR)
        return found[0] if found else None

    def positions(self, person: Person) -> list[str]:
        """The person's positions in this committee, highest first ("Bí thư", "Ủy viên BTV"...)."""
        order = [SeatKind.SECRETARY, SeatKind.DEPUTY_SECRETARY, SeatKind.STANDING, SeatKind.EXECUTIVE,
                 SeatKind.INSPECTION_CHAIR, SeatKind.INSPECTION]
        kinds = {s.kind for s in self.seats if s.person_id == person.pk}
        return [str(SeatKind(k).label) for k in order if k in kinds]

    def members(self) -> list[dict[str, Any]]:
        """One card per person of the executive committee, highest position first, then the inspection committee
        members who sit outside it."""
        rank = {SeatKind.SECRETARY: 0, SeatKind.DEPUTY_SECRETARY: 1, SeatKind.STANDING: 2, SeatKind.EXECUTIVE: 3,
                SeatKind.INSPECTION_CHAIR: 4, SeatKind.INSPECTION: 5}
        cards: dict[int, dict[str, Any]] = {}
        for seat in sorted(self.seats, key=lambda s: (rank[SeatKind(s.kind)], s.person.sort_name)):
            card = cards.setdefault(seat.person_id,
                                    {"person": seat.person, "seats": [], "rank": rank[SeatKind(seat.kind)]})
            card["seats"].append(seat)
        return sorted(cards.values(), key=lambda c: (c["rank"], c["person"].sort_name))


def committee_as_of(user: Any, *, organization: Organization, on: dt.date) -> Committee:
    """The committee of an organization the user may see, on `on` (the term in force and the seats held)."""
    term = (
        terms_visible(user).select_related("congress").filter(organization=organization, starts_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on)).first()
    )
    if term is None:
        return Committee(organization, on, None, None)
    seats = list(
        Seat.objects.select_related("person__ethnicity").filter(term=term, starts_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on)).order_by("kind", "person__sort_name")
    )  # the term was read through the user's scope, and its seats share its organization
    return Committee(organization, on, term, getattr(term, "congress", None) if _has_congress(term) else None, seats)


def _has_congress(term: Term) -> bool:
    try:
        term.congress  # noqa: B018 - loaded by select_related; absent raises
    except Congress.DoesNotExist:
        return False
    return True


def terms_of(user: Any, *, organization: Organization) -> QuerySet[Term]:
    """Every term of the organization, newest first, with its congress and all its seats."""
    seats = Seat.objects.select_related("person", "appointed_by").order_by("kind", "starts_on", "person__sort_name")
    return (
        terms_visible(user).filter(organization=organization).order_by("-starts_on")
        .prefetch_related(Prefetch("seats", queryset=seats), "congress")
    )


def seats_of_person(user: Any, *, person: Person) -> QuerySet[Seat]:
    """The seats a person held or holds, in the organizations whose committees the user may see; newest first."""
    return seats_visible(user).filter(person=person).order_by("-starts_on", "kind")


def eligible_members(user: Any, *, organization: Organization, on: dt.date | None = None) -> QuerySet[Person]:
    """Official members registered under the organization (current tree, or the tree of `on`) that the user may
    see: the people a form offers for a seat (the service checks the date of each seat again)."""
    from members.models import MembershipSpell

    people = restrict(Person.objects.select_related("organization"), user, "members.view")
    if on is None:
        return people.filter(status=Status.OFFICIAL, organization__path__under=organization.path)
    under = subtree_versions_as_of(organization, on=on).values("organization_id")
    spells = MembershipSpell.objects.filter(organization_id__in=under, status=Status.OFFICIAL, valid_from__lte=on)
    spells = spells.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))
    return people.filter(pk__in=spells.values("person_id"))


# ----------------------------------------------------------------------------- a subtree on a date


@dataclass(frozen=True)
class ExportRow:
    organization: str
    organization_code: str
    term: str
    opened_by: str
    position: str
    full_name: str
    gender: str
    birth_year: int
    ethnicity: str
    basis: str
    starts_on: dt.date
    ended_on: dt.date | None
    decision: str


def committee_rows(user: Any, *, organization: Organization, on: dt.date) -> Iterator[ExportRow]:
    """The seats held on `on` in the organizations under `organization` (tree of `on`), the user's scope only."""
    under = subtree_versions_as_of(organization, on=on).values("organization_id")
    seats = (
        seats_visible(user).filter(organization_id__in=under, starts_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .order_by("organization__path", "kind", "person__sort_name")
    )
    order = {kind: index for index, kind in enumerate(
        [SeatKind.SECRETARY, SeatKind.DEPUTY_SECRETARY, SeatKind.STANDING, SeatKind.EXECUTIVE,
         SeatKind.INSPECTION_CHAIR, SeatKind.INSPECTION])}
    rows = sorted(seats, key=lambda s: (s.organization.path, order[SeatKind(s.kind)], s.person.sort_name))
    for seat in rows:
        person = seat.person
        yield ExportRow(
            organization=seat.organization.name, organization_code=seat.organization.code, term=seat.term.label,
            opened_by=str(seat.term.get_opened_by_display()), position=str(seat.get_kind_display()),
            full_name=person.full_name, gender=str(person.get_gender_display()),
            birth_year=person.birth_date.year, ethnicity=person.ethnicity.name if person.ethnicity else "",
            basis=str(seat.get_basis_display()), starts_on=seat.starts_on, ended_on=seat.ended_on,
            decision=seat.decision_number,
        )


__all__ = ["COMMITTEE_KINDS", "Committee", "committee_as_of", "committee_rows", "eligible_members", "terms_of"]
