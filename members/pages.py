"""Read models behind the member pages: list filters and bands, the pipeline board, the member page's extras.

Everything here reads through `members.queries` (so every queryset is scoped by `core.scope.restrict`) and
returns plain values for the templates. The export of a filtered list (/imports/members/export.xlsx) can reuse
`MemberFilter` + `filter_members` to list exactly what the page lists.

Bands:
- Age bands are ranges of the date of birth, computed from the reference date: one indexed range in SQL.
- Party-age bands use the first admission decision (a correlated subquery on the event log, served by the
  (person, occurred_on) index). Periods outside the Party move the start later; they exist only for
  re-admitted members, late transfer letters and letters not yet presented, so those few are computed
  exactly from their timelines in Python (one query for their events) and added by id. Party-age bands
  only hold members (probationary, official, exempted, in transfer): former members have no current Party
  age. The Party age shown on each row is computed for the current page only (one query for its events).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from core.scope import VIEW, restrict
from core.text import title_sort_key
from members import queries, ruling
from members.due import DueItem, DueKind, due_items_of
from members.models import (
    CELL_RESOLUTION_FORM,
    DOSSIER_COMPLETED_FORM,
    MEMBER_STATUSES,
    EventKind,
    MemberEvent,
    Person,
    Status,
    StrikeOffGround,
    TemporaryPurpose,
)
from members.party_age import PartyAge, badge_for, next_presentation_day, party_age_of
from members.ruling import Snapshot
from members.status import Timeline, derive, problem
from organizations.models import Organization
from organizations.queries import organizations_visible
from rules.calendar import add_months, months_between

# ----------------------------------------------------------------------------- bands


@dataclass(frozen=True)
class Band:
    """Whole years from `low` (inclusive) to `high` (exclusive; None: no upper bound)."""

    code: str
    label: Any
    low: int
    high: int | None


AGE_BANDS = [
    Band("under_30", _("under 30"), 0, 30),
    Band("30_45", _("30 to 45"), 30, 46),
    Band("46_60", _("46 to 60"), 46, 61),
    Band("over_60", _("over 60"), 61, None),
]
PARTY_AGE_BANDS = [
    Band("under_10", _("under 10 years"), 0, 10),
    Band("10_29", _("10 to 29 years"), 10, 30),
    Band("30_39", _("30 to 39 years"), 30, 40),
    Band("40_49", _("40 to 49 years"), 40, 50),
    Band("50_plus", _("50 years and more"), 50, None),
]
AGE_BAND_BY_CODE = {b.code: b for b in AGE_BANDS}
PARTY_AGE_BAND_BY_CODE = {b.code: b for b in PARTY_AGE_BANDS}

DOSSIER_LABELS = {
    "1-KNĐ": "1-KNĐ — Đơn xin vào Đảng",
    "2-KNĐ": "2-KNĐ — Lý lịch của người xin vào Đảng",
    "3-KNĐ": "3-KNĐ — Giấy giới thiệu người vào Đảng",
    "3A-KNĐ": "3A-KNĐ — Giấy giới thiệu (đảng viên giới thiệu)",
    "4-KNĐ": "4-KNĐ — Nghị quyết giới thiệu đoàn viên vào Đảng",
    "5-KNĐ": "5-KNĐ — Tổng hợp ý kiến nhận xét",
    "5B-KNĐ": "5B-KNĐ — Ý kiến nhận xét của chi ủy nơi cư trú",
    "5C-KNĐ": "5C-KNĐ — Ý kiến nhận xét của đoàn thể",
    "6-KNĐ": "6-KNĐ — Nghị quyết đề nghị kết nạp của chi bộ",
    "8-KNĐ": "8-KNĐ — Nghị quyết của đảng ủy cơ sở",
    "9-KNĐ": "9-KNĐ — Quyết định kết nạp đảng viên",
}

GROUND_LABELS = {
    "abandoned_activities": StrikeOffGround.ABANDONED_ACTIVITIES.label,
    "applied_to_leave": _("applied to leave the Party"),
    "serious_disunity": _("caused serious disunity"),
    "corruption_conviction": _("convicted of corruption"),
    "serious_crime_conviction": _("convicted of a serious crime"),
}
EXPULSION_GROUNDS = ["serious_disunity", "corruption_conviction", "serious_crime_conviction"]

EXCEPTION_AREA_LABELS = {
    "mountain": _("mountain area"),
    "border": _("border area"),
    "island": _("island area"),
    "ethnic_minority": _("ethnic-minority area"),
    "especially_disadvantaged": _("especially disadvantaged area"),
    "fisherman_at_sea": _("fisherman working regularly at sea or on islands"),
}

# Status filter: two groups, then every single status.
STATUS_ACTIVE = "active"
STATUS_MEMBERS = "members"
STATUS_GROUPS: dict[str, list[str]] = {
    STATUS_ACTIVE: [Status.CANDIDATE, Status.PROBATIONARY, Status.OFFICIAL, Status.EXEMPTED],
    STATUS_MEMBERS: [Status.PROBATIONARY, Status.OFFICIAL, Status.EXEMPTED],
}
# Who has a current Party age: members, and members whose transfer letter is on its way.
PARTY_AGE_STATUSES = [*sorted(MEMBER_STATUSES), Status.TRANSFERRED_OUT]
_DECISIONS = [EventKind.ADMISSION_DECISION, EventKind.READMISSION_DECISION]


def age_years(birth_date: dt.date, on: dt.date) -> int:
    return months_between(birth_date, on) // 12


def _current(events: QuerySet[MemberEvent]) -> QuerySet[MemberEvent]:
    """Events not superseded (nor withdrawn) by a later one."""
    return events.filter(~Exists(MemberEvent.objects.filter(supersedes=OuterRef("pk"))))


def _first_decision() -> Subquery:
    first = _current(MemberEvent.objects.filter(person=OuterRef("pk"), kind__in=_DECISIONS))
    return Subquery(first.order_by("occurred_on", "id").values("occurred_on")[:1])


def _in_band(started: dt.date | None, band: Band, on: dt.date) -> bool:
    if started is None:
        return False
    years = months_between(started, on) // 12
    return years >= band.low and (band.high is None or years < band.high)


# ----------------------------------------------------------------------------- the list


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


SEARCH_LIMIT = 100_000  # person_search caps its results; the list pages them itself


def filter_members(user: Any, spec: MemberFilter, *, on: dt.date) -> QuerySet[Person]:
    """The files the user may see, narrowed by `spec`, in Vietnamese name order. NotInScope for a foreign org."""
    statuses = STATUS_GROUPS.get(spec.status) or ([spec.status] if spec.status in Status.values else None)
    people = queries.person_list(user, organization=spec.organization, statuses=statuses,
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
        found = queries.person_search(user, text, limit=SEARCH_LIMIT)
        people = people.filter(pk__in=found.values("pk"))
    return people


def _party_age_filter(people: QuerySet[Person], band: Band, *, on: dt.date) -> QuerySet[Person]:
    """Members whose Party age on `on` lies in the band (see the module docstring for how)."""
    people = people.filter(status__in=PARTY_AGE_STATUSES)
    gaps = (
        Q(Exists(_current(MemberEvent.objects.filter(person=OuterRef("pk"), kind=EventKind.READMISSION_DECISION))))
        | Q(Exists(_current(MemberEvent.objects.filter(person=OuterRef("pk"), kind=EventKind.TRANSFER_IN_OFFICIAL,
                                                       details__has_key="late_explanation"))))
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


# ----------------------------------------------------------------------------- organizations to choose from


@dataclass(frozen=True)
class OrganizationChoice:
    organization: Organization
    level: int

    @property
    def label(self) -> str:
        return "\u00a0\u00a0\u00a0" * self.level + self.organization.name


def member_organizations(user: Any, *, action: str = VIEW, cells_only: bool = False) -> list[OrganizationChoice]:
    """Active organizations where the user may `action` member files that hold cells (or are cells), depth first.

    One query; siblings in Vietnamese order. `cells_only` keeps the organizations that hold members.
    """
    visible = restrict(organizations_visible(user).filter(dissolved_on__isnull=True), user, f"members.{action}",
                       via="path")
    rows = list(visible.select_related("kind").only("pk", "name", "path", "depth", "parent_id", "kind__holds_members"))
    cell_paths = [o.path for o in rows if o.kind.holds_members]
    if cells_only:
        keep = [o for o in rows if o.kind.holds_members]
    else:
        prefixes = {cell[: i + 1] for cell in cell_paths for i, ch in enumerate(cell) if ch == "."}
        keep = [o for o in rows if o.path in prefixes]
    ids = {o.pk for o in keep}
    under: dict[int | None, list[Organization]] = defaultdict(list)
    for organization in keep:
        under[organization.parent_id if organization.parent_id in ids else None].append(organization)
    for siblings in under.values():
        siblings.sort(key=lambda o: title_sort_key(o.name))
    ordered: list[OrganizationChoice] = []
    stack = [(o, 0) for o in reversed(under[None])]
    while stack:
        organization, level = stack.pop()
        ordered.append(OrganizationChoice(organization, 0 if cells_only else level))
        stack.extend((child, level + 1) for child in reversed(under[organization.pk]))
    return ordered


def default_organization(user: Any) -> Organization | None:
    """The outermost organization of the user's member scope (the first one, when there are several)."""
    choices = member_organizations(user)
    return choices[0].organization if choices else None


def organization_names(ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return dict(Organization.objects.filter(pk__in=wanted).values_list("pk", "name"))


# ----------------------------------------------------------------------------- the pipeline board


class Stage:
    REGISTERED = "registered"
    COURSE_DONE = "course_done"
    DOSSIER = "dossier"
    DECISION_PENDING = "decision_pending"
    CEREMONY_PENDING = "ceremony_pending"
    PROBATIONARY = "probationary"
    RECOGNISED = "recognised"


STAGES: list[tuple[str, Any]] = [
    (Stage.REGISTERED, _("Registered as outstanding candidate")),
    (Stage.COURSE_DONE, _("Party-awareness course done")),
    (Stage.DOSSIER, _("Dossier in progress")),
    (Stage.DECISION_PENDING, _("Cell resolution made, admission decision pending")),
    (Stage.CEREMONY_PENDING, _("Admitted, ceremony pending")),
    (Stage.PROBATIONARY, _("Probationary")),
    (Stage.RECOGNISED, _("Recognised as official this year")),
]


@dataclass(frozen=True)
class Card:
    person_id: int
    name: str
    organization_id: int | None
    stage: str
    since: dt.date
    days_waiting: int
    overdue: bool = False
    deadline: dt.date | None = None


@dataclass
class Column:
    stage: str
    label: Any
    cards: list[Card] = field(default_factory=list)


@dataclass
class Board:
    columns: list[Column]
    cells: list[tuple[str, int, list[int], int]]  # (cell name, cell id, count per stage, total)
    totals: list[int]
    on: dt.date

    @property
    def total(self) -> int:
        return sum(self.totals)


def stage_of(timeline: Timeline, *, year: int) -> tuple[str, dt.date] | None:
    """Where a person stands in the admission pipeline, and since when; None when outside it."""
    state = timeline.state
    if state.status == Status.CANDIDATE:
        registered = [e.occurred_on for e in timeline.events_of(EventKind.CANDIDATE_REGISTERED)]
        since = registered[-1] if registered else state.since
        assert since is not None
        steps = [e for e in timeline.events_of(EventKind.DOSSIER_STEP) if e.occurred_on >= since]
        resolutions = [e for e in steps if e.details.get("form") in (CELL_RESOLUTION_FORM, DOSSIER_COMPLETED_FORM)]
        if resolutions:
            return Stage.DECISION_PENDING, resolutions[0].occurred_on
        if steps:
            return Stage.DOSSIER, steps[0].occurred_on
        courses = timeline.events_of(EventKind.AWARENESS_COURSE)
        if courses:
            return Stage.COURSE_DONE, courses[-1].occurred_on
        return Stage.REGISTERED, since
    if state.status == Status.PROBATIONARY and state.decision_on is not None:
        if state.ceremony_on is None:
            return Stage.CEREMONY_PENDING, state.decision_on
        return Stage.PROBATIONARY, state.ceremony_on
    recognitions = [e for e in timeline.events_of(EventKind.RECOGNITION) if e.occurred_on.year == year]
    if recognitions and state.status in MEMBER_STATUSES:
        return Stage.RECOGNISED, recognitions[-1].occurred_on
    return None


def pipeline(user: Any, *, organization: Organization | None, on: dt.date) -> Board:
    """The admission pipeline of the files the user sees (under `organization`): one query for the people, one for
    their events; stages from each person's derived timeline."""
    year_start = dt.date(on.year, 1, 1)
    recognised = _current(MemberEvent.objects.filter(person=OuterRef("pk"), kind=EventKind.RECOGNITION,
                                                     occurred_on__gte=year_start, occurred_on__lte=on))
    people = queries.person_list(user, organization=organization).filter(
        Q(status__in=[Status.CANDIDATE, Status.PROBATIONARY]) | Q(Exists(recognised), status__in=MEMBER_STATUSES)
    )
    persons = list(people.select_related(None).only("pk", "full_name", "organization_id", "sort_name"))
    events: dict[int, list[MemberEvent]] = defaultdict(list)
    for event in MemberEvent.objects.filter(person_id__in=[p.pk for p in persons]).order_by("id"):
        events[event.person_id].append(event)
    rules = Snapshot() if persons else None
    columns = {code: Column(code, label) for code, label in STAGES}
    for person in persons:
        rows = [e for e in events.get(person.pk, []) if e.occurred_on <= on]
        timeline = derive(rows)
        found = stage_of(timeline, year=on.year)
        if found is None:
            continue
        stage, since = found
        due: list[DueItem] = due_items_of(person, rows, on=on, rules=rules) if rules else []
        deadline = min((d.deadline for d in due), default=None)
        columns[stage].cards.append(Card(
            person_id=person.pk, name=person.full_name, organization_id=timeline.state.organization_id
            or person.organization_id, stage=stage, since=since, days_waiting=(on - since).days,
            overdue=any(d.overdue for d in due), deadline=deadline,
        ))
    for column in columns.values():
        column.cards.sort(key=lambda c: (c.since, c.name))
    names = organization_names(c.organization_id for col in columns.values() for c in col.cards)
    index = {code: i for i, (code, _label) in enumerate(STAGES)}
    per_cell: dict[int, list[int]] = defaultdict(lambda: [0] * len(STAGES))
    for column in columns.values():
        for card in column.cards:
            if card.organization_id is not None:
                per_cell[card.organization_id][index[card.stage]] += 1
    cells = sorted(((names.get(pk, "?"), pk, counts, sum(counts)) for pk, counts in per_cell.items()),
                   key=lambda row: title_sort_key(row[0]))
    totals = [len(columns[code].cards) for code, _label in STAGES]
    return Board(columns=list(columns.values()), cells=cells, totals=totals, on=on)


# ----------------------------------------------------------------------------- the member page


@dataclass(frozen=True)
class BadgeInfo:
    """The next Party badge: its years, the day they are reached, the presentation day; due now or not."""

    presentation_on: dt.date
    due_years: int | None
    early: bool
    next_years: int | None
    next_reached_on: dt.date | None
    next_presentation_on: dt.date | None


def badge_info(
    timeline: Timeline, *, seriously_ill: bool, age: PartyAge | None, on: dt.date, rules: Snapshot | None = None
) -> BadgeInfo | None:
    """Badge due at the next presentation day, and the next badge after it (for members only)."""
    if age is None or timeline.state.status not in MEMBER_STATUSES:
        return None
    rules = rules or Snapshot()
    day = next_presentation_day(on, rules)
    found = badge_for(timeline, seriously_ill=seriously_ill, presentation_on=day, rules=rules)
    years = [int(y) for y in rules.value("party_age.badge_years", on=day)]
    after = [y for y in years if y * 12 > age.total_months and (found is None or y > found[0])]
    next_years = after[0] if after else None
    reached = add_months(age.counted_from, 12 * next_years) if next_years else None
    return BadgeInfo(
        presentation_on=day,
        due_years=found[0] if found else None,
        early=bool(found and found[1]),
        next_years=next_years,
        next_reached_on=reached,
        next_presentation_on=next_presentation_day(reached, rules) if reached else None,
    )


def corrections_of(events: Sequence[MemberEvent]) -> dict[int, MemberEvent]:
    """For each superseded event, the event that supersedes it (a correction or the corrected copy)."""
    return {e.supersedes_id: e for e in events if e.supersedes_id is not None}


# ----------------------------------------------------------------------------- deadlines shown on the pages


@dataclass(frozen=True)
class Deadline:
    """A date set by a rule: `amount` working days or months after `after` of `started_on` (citation)."""

    label: Any
    date: dt.date
    amount: int
    unit: str  # "working_days" or "months"
    after: Any
    started_on: dt.date
    citation: str
    days_left: int | None = None  # working days from the reference day; negative: overdue
    coming: bool = False  # started by the event being entered (not yet running)

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    @property
    def days_overdue(self) -> int:
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0


def working_deadline(label: Any, key: str, start: dt.date, after: Any, *, today: dt.date) -> Deadline | None:
    """The rule's number of working days after `start` (None when the rule is not configured for that date)."""
    try:
        rule = ruling.rule(key, on=start)
    except DomainError:
        return None
    days = int(rule.value)
    end = ruling.add_working_days(start, days)
    return Deadline(label=label, date=end, amount=days, unit="working_days", after=after, started_on=start,
                    citation=str(rule.citation), days_left=ruling.working_days_between(today, end))


def month_deadline(label: Any, key: str, start: dt.date, after: Any, *, today: dt.date) -> Deadline | None:
    """The rule's number of months after `start` (end of probation, certificate validity ...)."""
    try:
        rule = ruling.rule(key, on=start)
    except DomainError:
        return None
    months = int(rule.value)
    end = ruling.add_months(start, months)
    return Deadline(label=label, date=end, amount=months, unit="months", after=after, started_on=start,
                    citation=str(rule.citation), days_left=ruling.working_days_between(today, end))


DUE_LABELS: dict[str, tuple[Any, Any]] = {
    # kind: (label of the deadline, what it runs from)
    DueKind.ADMISSION_DECISION: (_("Admission decision due by"), _("the cell's resolution")),
    DueKind.ADMISSION_CEREMONY: (_("Admission ceremony due by"), _("the admission decision")),
    DueKind.PROBATION_ENDING: (_("Probation ends on"), _("the admission ceremony")),
    DueKind.RECOGNITION: (_("Recognition to be considered by"), _("the end of probation")),
    DueKind.TRANSFER_PRESENTATION: (_("Transfer letter to be presented by"), _("the transfer letter")),
}
DUE_GROUPS: list[tuple[str, Any]] = [
    (DueKind.ADMISSION_DECISION, _("Candidates waiting for the admission decision")),
    (DueKind.ADMISSION_CEREMONY, _("Admitted, waiting for the ceremony")),
    (DueKind.RECOGNITION, _("Probation ended, recognition to be considered")),
    (DueKind.PROBATION_ENDING, _("Probation ending this month")),
    (DueKind.TRANSFER_PRESENTATION, _("Transfer letters not yet presented")),
]


def describe_due(item: DueItem, *, today: dt.date, rules: Snapshot | None = None) -> Deadline:
    """A due item of members.due, with what it runs from and the rule's amount, for display."""
    label, after = DUE_LABELS.get(item.kind, (item.kind, ""))
    try:
        amount = int((rules or Snapshot()).value(item.rule_key, on=item.started_on))
    except DomainError:
        amount = 0
    unit = "months" if item.rule_key.endswith("_months") else "working_days"
    return Deadline(label=label, date=item.deadline, amount=amount, unit=unit, after=after,
                    started_on=item.started_on, citation=item.citation, days_left=item.days_left)


def grouped_due(items: Sequence[DueItem], *, today: dt.date) -> list[tuple[str, Any, list[tuple[DueItem, Deadline]]]]:
    """Due items grouped by kind, in the order of DUE_GROUPS (empty groups kept, so every heading shows)."""
    by_kind: dict[str, list[tuple[DueItem, Deadline]]] = defaultdict(list)
    rules = Snapshot() if items else None
    for item in items:
        by_kind[item.kind].append((item, describe_due(item, today=today, rules=rules)))
    return [(kind, label, by_kind.get(kind, [])) for kind, label in DUE_GROUPS]


# ----------------------------------------------------------------------------- the timeline


@dataclass(frozen=True)
class _Probe:
    """An event of a kind, as the status fold's `problem` reads it (only the kind matters there)."""

    kind: str
    id: Any = None
    occurred_on: dt.date | None = None
    organization_id: int | None = None
    counterpart_id: int | None = None
    supersedes_id: int | None = None
    details: dict[str, Any] = field(default_factory=dict)


def allowed_now(timeline: Timeline, kind: str) -> bool:
    """The person's current state allows recording an event of `kind` (members.status.ALLOWED and its checks)."""
    return problem(timeline.state, _Probe(kind)) is None  # type: ignore[arg-type]


def _day(value: Any) -> str:
    if not value:
        return ""
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return date_format(day, "SHORT_DATE_FORMAT")


def _decision_text(value: Any) -> str:
    if not isinstance(value, dict) or not value.get("number"):
        return ""
    text = f"{value['number']} ({_day(value.get('date'))})"
    return f"{text}, {value['issuer']}" if value.get("issuer") else text


def event_details(event: MemberEvent, *, names: dict[int, str]) -> list[tuple[Any, str]]:
    """(label, value) lines describing an event's details, for the timeline."""
    details = event.details or {}
    lines: list[tuple[Any, str]] = []

    def add(label: Any, value: Any) -> None:
        if value not in (None, "", [], {}):
            lines.append((label, str(value)))

    kind = event.kind
    if kind == EventKind.DOSSIER_STEP:
        add(_("Form"), DOSSIER_LABELS.get(details.get("form", ""), details.get("form")))
    if kind == EventKind.AWARENESS_COURSE:
        add(_("Certificate"), details.get("certificate_number"))
        add(_("Issued by"), details.get("issuer"))
        add(_("Valid until"), _day(details.get("valid_until")))
    if kind in (EventKind.ADMISSION_DECISION, EventKind.READMISSION_DECISION):
        add(_("Cell's resolution"), _day(details.get("cell_resolution_on")))
        introducers = [f"{i.get('name')} ({_('since')} {_day(i.get('since'))})" for i in details.get("introducers", [])]
        add(_("Introducers"), "; ".join(introducers))
        add(_("Youth Union resolution"), _decision_text(details.get("youth_union_resolution")))
        area = details.get("education_exception_area")
        add(_("Education exception"), EXCEPTION_AREA_LABELS.get(area, area) if area else "")
        override = details.get("age_override")
        if isinstance(override, dict):
            add(_("Age over the limit, allowed by"), _decision_text(override))
        add(_("Consent"), _decision_text(details.get("consent")))
        add(_("Months out of the Party"), details.get("months_out"))
        if details.get("recorded_from"):
            add(_("Source"), _("copied from the member's file") if details["recorded_from"] == "file"
                else _("copied from the transfer letter"))
    if kind == EventKind.RECOGNITION:
        add(_("Decided on"), _day(details.get("decided_on")))
    if kind in (EventKind.TRANSFER_OUT_OFFICIAL, EventKind.TRANSFER_OUT_TEMPORARY):
        destination = names.get(event.counterpart_id) if event.counterpart_id else details.get("destination_outside")
        add(_("Destination"), destination)
        purpose = details.get("purpose")
        add(_("Purpose"), TemporaryPurpose(purpose).label if purpose in TemporaryPurpose.values else purpose)
        add(_("Expected back on"), _day(details.get("until")))
    if kind in (EventKind.TRANSFER_IN_OFFICIAL, EventKind.TRANSFER_IN_TEMPORARY):
        add(_("Coming from"), names.get(event.counterpart_id) if event.counterpart_id else details.get(
            "origin_outside"))
        add(_("Working days taken"), details.get("working_days_taken"))
        add(_("Explanation of the delay"), details.get("late_explanation"))
    letter = details.get("letter") or {}
    if isinstance(letter, dict):
        add(_("Letter register number"), letter.get("register_number"))
        add(_("Number in the cell's list"), letter.get("list_number"))
        paid = letter.get("dues_paid_until")
        add(_("Dues paid up to"), f"{paid[5:7]}/{paid[:4]}" if isinstance(paid, str) and len(paid) == 7 else paid)
    if kind in (EventKind.STRIKE_OFF, EventKind.NOT_RECOGNISED):
        ground = details.get("ground")
        add(_("Ground"), StrikeOffGround(ground).label if ground in StrikeOffGround.values else ground)
        add(_("Months of dues unpaid"), details.get("unpaid_months"))
    if kind == EventKind.EXPULSION or details.get("declared_grounds"):
        grounds = list(details.get("grounds") or []) + list(details.get("declared_grounds") or [])
        add(_("Grounds"), ", ".join(str(GROUND_LABELS.get(g, g)) for g in grounds))
    if kind == EventKind.RESTRUCTURE_MOVE:
        add(_("Moved from"), names.get(event.counterpart_id) if event.counterpart_id else "")
        if details.get("registered_at_founding"):
            add(_("Source"), _("registered on the cell's first day in the tree: the history before it was copied "
                               "from the member's file"))
    if kind == EventKind.FILE_VOIDED:
        before = details.get("status_before")
        add(_("Status before"), Status(before).label if before in Status.values else before)
        released = details.get("released") or {}
        if isinstance(released, dict):
            add(_("Citizen ID released"), released.get("citizen_id"))
            add(_("Party card number released"), released.get("party_card_number"))
    if kind == EventKind.CORRECTION:
        withdrawn = details.get("withdrawn_kind")
        add(_("Withdrawn"), EventKind(withdrawn).label if withdrawn in EventKind.values else withdrawn)
    return lines


@dataclass(frozen=True)
class TimelineRow:
    """One event of the log as the member page shows it."""

    event: MemberEvent
    details: list[tuple[Any, str]]
    superseded_by: MemberEvent | None
    correctable: bool


def timeline_rows(events: Sequence[MemberEvent]) -> list[TimelineRow]:
    """Every event, superseded ones included (with what superseded them), in date order."""
    corrections = corrections_of(events)
    names = {e.counterpart.pk: e.counterpart.name for e in events if e.counterpart is not None}
    rows = []
    for event in events:
        later = corrections.get(event.pk)
        rows.append(TimelineRow(
            event=event, details=event_details(event, names=names), superseded_by=later,
            correctable=later is None and event.kind not in (EventKind.CORRECTION, EventKind.RESTRUCTURE_MOVE),
        ))
    return rows
