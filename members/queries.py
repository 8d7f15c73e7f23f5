"""Read side of member files. Every function takes the user who asks; every queryset goes through `restrict`.

An organization passed in must be inside the user's "members.view" scope, else NotInScope (404).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.translation import gettext

from core.errors import DomainError
from core.scope import CHANGE, VIEW, get_in_scope, is_administrator, require_covers, restrict
from core.text import fold
from members import due, figures, keyset, party_age, walk
from members.models import EventKind, MemberEvent, Person, Status
from members.pages.vocabularies import (
    AGE_BAND_BY_CODE,
    PARTY_AGE_BAND_BY_CODE,
    PARTY_AGE_STATUSES,
    STATUS_GROUPS,
    Band,
)
from members.party_age import PartyAge, party_age_of
from members.ruling import Snapshot
from members.standing import read as standing_read
from members.status import Timeline, derive, person_timeline
from organizations.models import Organization
from organizations.queries import organizations_visible
from rules.calendar import add_months, months_between

_NUMBER = re.compile(r"^[0-9][0-9.]*$")


def _require_organization(user: Any, organization: Organization, action: str = VIEW) -> None:
    """The organization lies in a subtree where the user may `action` member files."""
    require_covers(user, organization, f"members.{action}")


# ----------------------------------------------------------------------------- files


def persons_visible(user: Any, action: str = VIEW) -> QuerySet[Person]:
    """Every member file the user may see (or change), Vietnamese name order. Voided files are left out (lists,
    searches, due lists, pipeline, badges, exports); `person_get` still reaches them by id."""
    queryset = Person.objects.select_related("organization", "ethnicity", "religion", "temporary_organization")
    return restrict(queryset, user, action).exclude(status=Status.VOIDED).order_by("sort_name", "pk")


def person_get(user: Any, *, pk: Any = None, code: Any = None, action: str = VIEW) -> Person:
    """One file by id or by its exchange code; NotInScope when missing or outside the user's scope."""
    lookup = {"pk": pk} if pk is not None else {"code": code}
    person = get_in_scope(Person.objects.select_related("organization", "ethnicity", "religion"), user, action,
                          **lookup)
    if person.status == Status.VOIDED and action != CHANGE:
        # A voided file is shown (with its banner) only to those who may change files in its cell.
        get_in_scope(Person.objects.filter(pk=person.pk), user, CHANGE)
    return person


def person_list(
    user: Any,
    *,
    organization: Organization | None = None,
    statuses: list[str] | None = None,
    gender: str | None = None,
    ethnicity_code: str | None = None,
) -> QuerySet[Person]:
    """Files in the user's scope, optionally under an organization (current tree) and by status/gender/ethnicity."""
    queryset = persons_visible(user)
    if organization is not None:
        _require_organization(user, organization)
        queryset = queryset.filter(organization__path__under=organization.path)
    if statuses:
        queryset = queryset.filter(status__in=statuses)
    if gender:
        queryset = queryset.filter(gender=gender)
    if ethnicity_code:
        queryset = queryset.filter(ethnicity__code=ethnicity_code)
    return queryset


def _name_condition(text: str, *, field: str = "search_name") -> Q:
    """Every typed word is a word beginning of the folded name (`field`: the column or an expression equal to it)."""
    condition = Q()
    for word in fold(text).split():
        condition &= Q(**{f"{field}__startswith": word}) | Q(**{f"{field}__contains": f" {word}"})
    return condition


def _is_number(text: str) -> bool:
    return bool(_NUMBER.match(text)) and any(ch.isdigit() for ch in text)


def _matching(queryset: QuerySet[Person], text: str, *, dense: bool = False) -> QuerySet[Person]:
    """Files whose name matches `text` word by word, or whose card number or citizen ID is exactly `text`.

    `dense` (members.keyset): the page walks the sort index, so no other index may serve the name. Otherwise on
    PostgreSQL the full-text index finds the candidates; either way the LIKEs are then written on `search_key`,
    an expression equal to `search_name` that no index serves (else PostgreSQL ANDs in the trigram bitmap of
    every row sharing a trigram, or collects and sorts every match)."""
    if _is_number(text):
        # A number is a card or citizen ID (names have no digits): exact matches served by their indexes.
        return queryset.filter(Q(party_card_number=text) | Q(citizen_id=text))
    indexed = None if dense else keyset.words_match(fold(text))
    if not dense and indexed is None:
        return queryset.filter(_name_condition(text))
    queryset = queryset.annotate(search_key=Concat(F("search_name"), Value("")))
    condition = _name_condition(text, field="search_key")
    return queryset.filter(condition if indexed is None else indexed & condition)


def _name_walk(user: Any, text: str, *, organization: Organization | None = None,
               statuses: Sequence[str] | None = None, complete: bool = True) -> walk.NameWalk | None:
    """What the word walk (members.walk) needs for a typed name: the organizations whose files the user may see
    (under `organization`), the statuses kept, and whether nothing else filters (`complete`). None for no name or
    a number (a card or citizen ID)."""
    text = (text or "").strip()
    if not text or _is_number(text):
        return None
    organizations = None
    if not is_administrator(user):
        if _reached_by_person_roles(user):
            complete = False  # such files may lie outside every granted subtree: each row is checked
        else:
            organizations = restrict(Organization.objects.all(), user, "members.view", via="path")
    if organization is not None:
        organizations = (Organization.objects.all() if organizations is None else organizations).filter(
            path__under=organization.path)
    return walk.NameWalk(text, organizations=organizations, statuses=statuses, complete=complete)


def _reached_by_person_roles(user: Any) -> bool:
    """The user sees some files through a role over one person (not through a subtree)."""

    def compiled(people: QuerySet[Person]) -> str:
        try:
            return str(people.query)
        except EmptyResultSet:
            return ""

    return compiled(restrict(Person.objects.all(), user)) != compiled(
        restrict(Person.objects.all(), user, via="organization__path"))


def person_search(user: Any, text: str, *, limit: int = 50) -> QuerySet[Person]:
    """Files whose name has every typed word as a word beginning (ignoring diacritics, đ = d), or whose
    Party card number or citizen ID is exactly the text. Vietnamese name order; the first `limit` (a capped
    count then the rows, the plan chosen by members.keyset.first_rows)."""
    text = (text or "").strip()
    if not text:
        return persons_visible(user).none()
    return keyset.first_rows(lambda dense: _matching(persons_visible(user), text, dense=dense), limit=limit,
                             walk=_name_walk(user, text))


def person_page(
    user: Any,
    *,
    organization: Organization | None = None,
    statuses: list[str] | None = None,
    gender: str | None = None,
    ethnicity_code: str | None = None,
    q: str = "",
    after: str | None = None,
    offset: int = 0,
    per_page: int = keyset.PER_PAGE,
    cap: int | None = None,
) -> keyset.KeysetPage:
    """`person_list` narrowed by `person_search`'s match, one keyset page (the API's list). ValueError for a
    cursor this installation did not write."""
    text = (q or "").strip()

    def build(dense: bool) -> QuerySet[Person]:
        people = person_list(user, organization=organization, statuses=statuses, gender=gender,
                             ethnicity_code=ethnicity_code)
        return _matching(people, text, dense=dense) if text else people

    walk = _name_walk(user, text, organization=organization, statuses=statuses,
                      complete=not (gender or ethnicity_code))
    return keyset.keyset_page(build, after=keyset.Cursor.decode(after), per_page=per_page, offset=offset,
                              cap=keyset.COUNT_CAP if cap is None else cap, walk=walk)


def person_events(user: Any, person: Person) -> QuerySet[MemberEvent]:
    """The person's whole log, superseded events included, in recording order (the timeline page)."""
    person = person_get(user, pk=person.pk)
    return MemberEvent.objects.filter(person=person).select_related(
        "organization", "counterpart", "supersedes", "created_by"
    ).order_by("occurred_on", "id")


def person_timeline_of(user: Any, person: Person) -> Timeline:
    """The derived timeline (status segments, periods, transfers) of a file the user may see."""
    return person_timeline(person_get(user, pk=person.pk))


def person_status_on(user: Any, person: Person, *, on: dt.date) -> str:
    return person_timeline_of(user, person).status_on(on)


# ----------------------------------------------------------------------------- counts and lists


def member_counts(user: Any, organization: Organization, *, on: dt.date) -> dict[str, int]:
    """Members of the subtree on a date, under the tree of that date (one aggregate query)."""
    _require_organization(user, organization)
    return figures.member_stocks(organization, as_of=on)


def member_figures_visible(
    user: Any, organization: Organization, *, date_from: dt.date, date_to: dt.date, as_of: dt.date
) -> dict[str, Any]:
    """members.figures.member_figures (unscoped, for any organization) for an organization the user may see."""
    _require_organization(user, organization)
    return figures.member_figures(organization, date_from=date_from, date_to=date_to, as_of=as_of)


def due_list(
    user: Any, organization: Organization, *, on: dt.date | None = None, kinds: set[str] | None = None
) -> list[due.DueItem]:
    """Pending steps of the files registered under the organization, by deadline: from today on, read from the
    stored standing (one indexed query); for an earlier date, folded from the logs."""
    _require_organization(user, organization)
    people = persons_visible(user).filter(organization__path__under=organization.path)
    on = on or timezone.localdate()
    if on >= timezone.localdate():
        return standing_read.due_items(people, on=on, kinds=kinds)
    return due.due_items(people, on=on, kinds=kinds)


def person_due_items(user: Any, person: Person, *, on: dt.date | None = None) -> list[due.DueItem]:
    """Pending steps of one file (the member page)."""
    return due.person_due_items(person_get(user, pk=person.pk), on=on or timezone.localdate())


def badges_due(
    user: Any, organization: Organization, *, presentation_on: dt.date | None = None
) -> list[party_age.BadgeDue]:
    """Members under the organization due a Party badge at the next presentation day (or the one given): from
    today on, read from the stored standing (one indexed query); for an earlier day, folded from the logs."""
    _require_organization(user, organization)
    today = timezone.localdate()
    day = presentation_on or party_age.next_presentation_day(today)
    people = persons_visible(user).filter(organization__path__under=organization.path)
    if day >= today:
        citation = str(Snapshot().rule("party_age.badge_years", on=day).citation)
        return standing_read.badges_due(people, presentation_on=day, citation=citation)
    return party_age.badges_due(people, presentation_on=day)


def late_steps(user: Any, organization: Organization, *, date_from: dt.date | None = None,
               date_to: dt.date | None = None) -> QuerySet[Any]:
    """Steps recorded after their deadline by the files registered under the organization (the "recorded late"
    report), latest first."""
    _require_organization(user, organization)
    people = persons_visible(user).filter(organization__path__under=organization.path)
    return standing_read.late_steps(people, date_from=date_from, date_to=date_to)


def person_party_age(user: Any, person: Person, *, on: dt.date | None = None) -> party_age.PartyAge | None:
    return party_age.party_age_of(person_timeline_of(user, person), on=on or timezone.localdate())


def transfers_awaiting(user: Any, organization: Organization, *, temporary: bool = False) -> QuerySet[Person]:
    """Members whose open letter names a cell under `organization`: official transfers not yet presented, or
    (temporary=True) temporary transfers not yet attached at the host.

    They are registered with the sender, outside the receiver's scope; the receiver sees them because the
    letter's destination is in the receiver's scope ("members.change").
    """
    _require_organization(user, organization, "change")
    return _awaiting(temporary).filter(**{"destination_path__under": organization.path})  # an annotation


def _awaiting(temporary: bool) -> QuerySet[Person]:
    """Every person with an open letter of the kind, annotated with the letter's `destination_path`."""
    kinds = (
        [EventKind.TRANSFER_OUT_TEMPORARY, EventKind.TRANSFER_IN_TEMPORARY, EventKind.TEMPORARY_RETURN]
        if temporary
        else [EventKind.TRANSFER_OUT_OFFICIAL, EventKind.TRANSFER_IN_OFFICIAL]
    )
    latest = MemberEvent.objects.current().filter(person=OuterRef("pk"), kind__in=kinds).order_by(
        "-occurred_on", "-id")
    statuses = [Status.PROBATIONARY, Status.OFFICIAL, Status.EXEMPTED] if temporary else [Status.TRANSFERRED_OUT]
    return (
        Person.objects.filter(status__in=statuses)
        .annotate(letter_kind=Subquery(latest.values("kind")[:1]),
                  destination_path=Subquery(latest.values("counterpart__path")[:1]))
        .filter(letter_kind=kinds[0], destination_path__isnull=False)
        .select_related("organization")
        .order_by("sort_name", "pk")
    )


def transfer_awaiting(user: Any, pk: Any) -> Person | None:
    """The person whose open letter (official or temporary) names a cell where the user may change member
    files; None otherwise. The receiver's way to a file that is still the sender's."""
    for temporary in (False, True):
        awaiting = _awaiting(temporary)
        found = restrict(awaiting, user, f"members.{CHANGE}", via="destination_path").filter(pk=pk).first()
        if found is not None:
            return found
    return None


def transfer_destinations(user: Any, person: Person) -> QuerySet[Organization]:
    """The cells of this tree that a transfer out of `person` may name — the one list that the page offers and
    that the service (hence the API) accepts: active cells the user sees, other than the person's own."""
    return (
        organizations_visible(user)
        .filter(kind__holds_members=True, dissolved_on__isnull=True)
        .exclude(pk=person.organization_id)
        .order_by("parent__sort_name", "sort_name")
    )


def transfer_destination(user: Any, person: Person, pk: Any, *, field: str = "destination") -> Organization:
    """One of `transfer_destinations` by id; otherwise a refusal that is the same whether the id is missing,
    outside the user's scope or not a cell — it names nothing."""
    try:
        found = transfer_destinations(user, person).select_related("kind").filter(pk=pk).first()
    except (ValueError, TypeError, OverflowError):
        found = None
    if found is None:
        raise DomainError(gettext("Choose the destination cell from the list of cells you may transfer to, or name "
                                  "the organization outside this installation."), field=field)
    return found


def persons_attached(user: Any, organization: Organization) -> QuerySet[Person]:
    """Members of other cells temporarily attached under `organization` (shown to the host, not counted there)."""
    _require_organization(user, organization)
    return (
        Person.objects.filter(temporary_organization__path__under=organization.path)
        .select_related("organization", "temporary_organization")
        .order_by("sort_name", "pk")
    )


# ----------------------------------------------------------------------------- the member list, filtered


def _first_decision() -> Subquery:
    decisions = [EventKind.ADMISSION_DECISION, EventKind.READMISSION_DECISION]
    first = MemberEvent.objects.current().filter(person=OuterRef("pk"), kind__in=decisions)
    return Subquery(first.order_by("occurred_on", "id").values("occurred_on")[:1])


def _in_band(started: dt.date | None, band: Band, on: dt.date) -> bool:
    if started is None:
        return False
    years = months_between(started, on) // 12
    return years >= band.low and (band.high is None or years < band.high)

@dataclass(frozen=True)
class MemberFilter:
    """What the member list is narrowed to (every part optional)."""

    organization: Organization | None = None
    status: str = ""
    gender: str = ""
    ethnicity: str = ""
    age_band: str = ""
    party_age_band: str = ""
    q: str = ""


SEARCH_LIMIT = 100_000  # kept for older importers; the list no longer searches through a capped subquery


def filter_members(user: Any, spec: MemberFilter, *, on: dt.date, dense: bool = False) -> QuerySet[Person]:
    """The files the user may see, narrowed by `spec`, in Vietnamese name order. NotInScope for a foreign org.
    `dense`: the name match written for the walk along the sort index (members.keyset)."""
    statuses = STATUS_GROUPS.get(spec.status) or ([spec.status] if spec.status in Status.values else None)
    people = person_list(user, organization=spec.organization, statuses=statuses,
                                 gender=spec.gender or None, ethnicity_code=spec.ethnicity or None)
    band = AGE_BAND_BY_CODE.get(spec.age_band)
    if band is not None:
        # age >= low  <=>  born on or before the day `low` years ago; age < high  <=>  born after `high` years ago.
        people = people.filter(birth_date__lte=add_months(on, -12 * band.low))
        if band.high is not None:
            people = people.filter(birth_date__gt=add_months(on, -12 * band.high))
    party_band = PARTY_AGE_BAND_BY_CODE.get(spec.party_age_band)
    if party_band is not None:
        people = _party_age_filter(people, party_band, on=on)
    text = spec.q.strip()
    if text:
        people = _matching(people, text, dense=dense)
    return people


def member_page(
    user: Any,
    spec: MemberFilter,
    *,
    on: dt.date,
    after: str | None = None,
    before: str | None = None,
    per_page: int = keyset.PER_PAGE,
    cap: int | None = None,
) -> keyset.KeysetPage:
    """One keyset page of `filter_members` (after or before a cursor, else the first) with the count capped at
    `cap` (default keyset.COUNT_CAP). ValueError for a cursor this installation did not write."""
    statuses = STATUS_GROUPS.get(spec.status) or ([spec.status] if spec.status in Status.values else None)
    walk = _name_walk(user, spec.q, organization=spec.organization, statuses=statuses,
                      complete=not (spec.gender or spec.ethnicity or spec.age_band or spec.party_age_band))
    return keyset.keyset_page(
        lambda dense: filter_members(user, spec, on=on, dense=dense),
        after=keyset.Cursor.decode(after), before=keyset.Cursor.decode(before), per_page=per_page,
        cap=keyset.COUNT_CAP if cap is None else cap, walk=walk,
    )


def _party_age_filter(people: QuerySet[Person], band: Band, *, on: dt.date) -> QuerySet[Person]:
    """Members whose Party age on `on` lies in the band (see the module docstring for how)."""
    people = people.filter(status__in=PARTY_AGE_STATUSES)
    gaps = (
        Q(Exists(MemberEvent.objects.current().filter(person=OuterRef("pk"), kind=EventKind.READMISSION_DECISION)))
        | Q(Exists(MemberEvent.objects.current().filter(person=OuterRef("pk"), kind=EventKind.TRANSFER_IN_OFFICIAL,
                                                        details__has_key="late_explanation")))
        | Q(status=Status.TRANSFERRED_OUT)
    )
    plain = people.annotate(first_decision_on=_first_decision()).filter(
        first_decision_on__lte=add_months(on, -12 * band.low)
    )
    if band.high is not None:
        plain = plain.filter(first_decision_on__gt=add_months(on, -12 * band.high))
    with_gaps = people.filter(gaps).order_by().values("pk")
    events: dict[int, list[MemberEvent]] = defaultdict(list)
    for event in MemberEvent.objects.filter(person_id__in=with_gaps).order_by("id"):
        events[event.person_id].append(event)
    rules = Snapshot() if events else None
    exact = []
    for pk, rows in events.items():
        age = party_age_of(derive(rows), on=on, rules=rules)
        if age is not None and _in_band(age.counted_from, band, on):
            exact.append(pk)
    return people.filter(Q(pk__in=plain.filter(~gaps).values("pk")) | Q(pk__in=exact))


def status_counts(people: QuerySet[Person]) -> list[tuple[str, Any, int]]:
    """(status, label, count) of the listed files, in the order of the status list (one aggregate query)."""
    counted = dict(people.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    return status_labels(counted)


def status_labels(counted: dict[str, int]) -> list[tuple[str, Any, int]]:
    """(status, label, count) of counts by status (e.g. a keyset page's `by_status`), in the status list's order."""
    return [(value, label, counted[value]) for value, label in Status.choices if counted.get(value)]


def party_ages(people: Sequence[Person], *, on: dt.date) -> dict[int, PartyAge | None]:
    """Exact Party age of each person of a page (one query for their events)."""
    events: dict[int, list[MemberEvent]] = defaultdict(list)
    ids = [p.pk for p in people]
    for event in MemberEvent.objects.filter(person_id__in=ids).order_by("id"):
        events[event.person_id].append(event)
    if not events:
        return dict.fromkeys(ids)
    rules = Snapshot()
    return {pk: party_age_of(derive(events.get(pk, [])), on=on, rules=rules) for pk in ids}

