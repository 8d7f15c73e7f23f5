"""The checks of an import's rows (ingest/services.py runs them, then writes through the members services).

Every check runs on every row and adds each fault it finds to the row's problems, naming the row and the column,
so that a file's faults all come back at once (issue 7 §7); a cell that could not be read is left out of the
checks that need its value (its own problem is listed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext as _

from core.decisions import Decision
from core.errors import DomainError
from core.scope import VIEW, restrict
from ingest.columns import BY_KEY, COLUMNS, PERSON_FIELDS, PLACE_FIELDS, Kind
from ingest.models import MemberKey
from ingest.parsing import Problem, Table
from ingest.queries import may_import_into
from ingest.values import CellError, References, as_uuid, display, person_values, read_cell, same
from members import plausibility
from members.models import EventKind, MemberEvent, Person
from members.queries import persons_visible
from organizations.models import CoveredUnit, Organization

# Where a refusal of the members services points, as a column of the file.
FIELD_COLUMNS = {
    **{name: name for name in PERSON_FIELDS},
    "organization": "organization_code",
    "admission_decision_number": "admission_decision_number",
    "admission_decision_date": "admission_date",
    "admission_decision_issuer": "admission_decision_issuer",
    "ceremony_on": "ceremony_on",
    "recognised_on": "recognised_on",
    "recognition_decision_number": "recognition_decision_number",
    "recognition_decision_date": "recognition_decision_date",
    "decision_date": "recognised_on",
    "registered_on": "candidate_registered_on",
    "confirm_duplicate": "full_name",
    **{key: key for keys in PLACE_FIELDS.values() for key in keys},
}


@dataclass
class Row:
    number: int
    values: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)
    organization: Organization | None = None
    existing: Person | None = None
    unread: set[str] = field(default_factory=set)  # cells that could not be read (their problem is listed)
    units: dict[str, CoveredUnit] = field(default_factory=dict)  # place column -> the unit its code names

    def named(self, column: str) -> bool:
        """A problem of this row already names this column."""
        return any(p.column == column for p in self.problems)


def read_rows(table: Table) -> list[Row]:
    refs = References()
    rows = []
    for number, cells in table.rows:
        row = Row(number=number, values={})
        for key, raw in cells.items():
            column = BY_KEY[key]
            try:
                row.values[key] = read_cell(column, raw, refs)
            except CellError as error:
                row.problems.append(Problem(number, table.header(key), str(error)))
                row.unread.add(key)
                continue
            if column.required and row.values[key] in ("", None):
                row.problems.append(Problem(number, table.header(key), _("Required.")))
            elif column.kind == Kind.DATE and row.values[key] is not None:
                _check_date(table, row, key)
        rows.append(row)
    return rows


def _check_date(table: Table, row: Row, key: str) -> None:
    """No date in the future, no birth before 1900 and no event before 1930 (members.plausibility: the services
    refuse them too; checked here so that a row with other problems still has this one listed)."""
    day: dt.date = row.values[key]
    message = plausibility.date_problem(day, birth=key == "birth_date", today=_today())
    if message is None:
        return
    row.problems.append(Problem(row.number, table.header(key), message))


def resolve_organizations(actor: Any, table: Table, rows: list[Row]) -> None:
    """Each row's cell, among the organizations where the actor may change member files."""
    codes: set[str] = {str(row.values["organization_code"]) for row in rows if row.values.get("organization_code")}
    found: dict[str, Organization] = {o.code: o for o in Organization.objects.filter(code__in=codes)}
    folded: dict[str, Organization] = {o.code.casefold(): o for o in found.values()}
    missing = {c.upper() for c in codes if c not in found}
    if missing:  # codes are matched without case when no exact match exists
        for other in Organization.objects.annotate(upper_code=Upper("code")).filter(upper_code__in=missing):
            folded.setdefault(other.code.casefold(), other)
    for row in rows:
        code = row.values.get("organization_code")
        if not code:
            continue
        organization = found.get(code) or folded.get(code.casefold())
        allowed = organization is not None and may_import_into(actor, organization)
        if not allowed:
            row.problems.append(Problem(row.number, table.header("organization_code"),
                                        _("No Party organization with code “%(code)s” among those where you may "
                                          "change member files.") % {"code": code[:60]}))
        else:
            row.organization = organization


def resolve_units(actor: Any, table: Table, rows: list[Row]) -> None:
    """Each row's places: the covered units their codes name, among those the actor may see (members.places)."""
    keys = [unit_key for unit_key, _since in PLACE_FIELDS.values()]
    codes = {str(row.values[key]) for row in rows for key in keys if row.values.get(key)}
    units = restrict(CoveredUnit.objects.filter(code__in=codes), actor, VIEW) if codes else CoveredUnit.objects.none()
    found = {unit.code.casefold(): unit for unit in units}
    missing = {c.upper() for c in codes if c.casefold() not in found}
    if missing:  # codes are matched without case when no exact match exists
        others = restrict(CoveredUnit.objects.annotate(upper_code=Upper("code")).filter(upper_code__in=missing),
                          actor, VIEW)
        for other in others:
            found.setdefault(other.code.casefold(), other)
    for row in rows:
        for unit_key, since_key in PLACE_FIELDS.values():
            code = row.values.get(unit_key)
            if code:
                named = found.get(str(code).casefold())
                if named is None:
                    row.problems.append(Problem(row.number, table.header(unit_key),
                                                _("No covered unit with code “%(code)s” among those you may see.")
                                                % {"code": str(code)[:60]}))
                else:
                    row.units[unit_key] = named
            elif row.values.get(since_key) and unit_key not in row.unread:
                row.problems.append(Problem(row.number, table.header(since_key),
                                            _("This cell needs “%(column)s” to be filled in too.")
                                            % {"column": table.header(unit_key)}))


def resolve_existing(actor: Any, table: Table, rows: list[Row]) -> None:
    """Rows whose member code is already known: the file they name (which the actor must be able to see)."""
    codes = {row.values["member_code"] for row in rows if row.values.get("member_code")}
    by_key = dict(MemberKey.objects.filter(code__in=codes).values_list("code", "person_id"))
    uuids = {c: u for c in codes if c not in by_key and (u := as_uuid(c)) is not None}
    by_uuid = dict(Person.objects.filter(code__in=set(uuids.values())).values_list("code", "pk"))
    person_of = {**{c: by_uuid[u] for c, u in uuids.items() if u in by_uuid}, **by_key}
    visible = persons_visible(actor).in_bulk(set(person_of.values()))
    for row in rows:
        person_id = person_of.get(row.values.get("member_code") or "")
        if person_id is None:
            continue
        if person_id not in visible:
            row.problems.append(Problem(row.number, table.header("member_code"),
                                        _("This member code is already used by another member file.")))
        else:
            row.existing = visible[person_id]


def check_duplicates(table: Table, rows: list[Row]) -> None:
    """Inside the file: one row per member code, citizen ID, Party card number and existing file."""
    for key in ("member_code", "citizen_id", "party_card_number"):
        first: dict[str, int] = {}
        for row in rows:
            value = str(row.values.get(key) or "")
            if not value:
                continue
            if value in first:
                row.problems.append(Problem(row.number, table.header(key),
                                            _("Row %(row)d has the same value.") % {"row": first[value]}))
            else:
                first[value] = row.number
    seen: dict[int, int] = {}
    for row in rows:
        if row.existing is None:
            continue
        if row.existing.pk in seen:
            row.problems.append(Problem(row.number, table.header("member_code"),
                                        _("Row %(row)d names the same member file.") % {"row": seen[row.existing.pk]}))
        else:
            seen[row.existing.pk] = row.number


def check_history(table: Table, row: Row) -> None:
    """The history cells of a row agree with one another (the services check them again when writing)."""
    values, number = row.values, row.number

    def problem(key: str, message: str) -> None:
        if key not in row.unread and not row.named(table.header(key)):
            row.problems.append(Problem(number, table.header(key), message))

    def needs(key: str, other: str) -> None:
        if values.get(key) and not values.get(other) and other not in row.unread:
            problem(key, _("This cell needs “%(column)s” to be filled in too.") % {"column": table.header(other)})

    for key in ("admission_decision_number", "recognition_decision_number"):
        malformed = _decision_number_problem(values.get(key))
        if malformed:
            problem(key, malformed)

    admitted = values.get("admission_date")
    for key in ("admission_decision_number", "admission_decision_issuer", "ceremony_on", "recognised_on",
                "recognition_decision_number", "recognition_decision_date", "recognition_decision_issuer"):
        needs(key, "admission_date")
    if not admitted:
        return
    if not values.get("admission_decision_number"):
        problem("admission_decision_number",
                _("Required with “%(column)s”.") % {"column": table.header("admission_date")})
    if values.get("candidate_registered_on"):
        problem("candidate_registered_on", _("Only for a candidate not yet admitted: leave it empty when "
                                             "“%(column)s” is filled in.") % {"column": table.header("admission_date")})
    ceremony, recognised = values.get("ceremony_on"), values.get("recognised_on")
    if ceremony and ceremony < admitted:
        problem("ceremony_on", _("The admission ceremony (%(date)s) cannot come before the admission decision "
                                 "(%(decided)s).") % {"date": _fmt(ceremony), "decided": _fmt(admitted)})
    if recognised:
        needs("recognised_on", "ceremony_on")
        if ceremony and recognised <= ceremony:
            problem("recognised_on", _("The recognition date must come after the admission ceremony."))
    for key in ("recognition_decision_number", "recognition_decision_date", "recognition_decision_issuer"):
        needs(key, "recognised_on")
    needs("recognition_decision_number", "recognition_decision_date")
    needs("recognition_decision_date", "recognition_decision_number")


def _decision_number_problem(number: Any) -> str | None:
    """Why a decision number is malformed (core.decisions, the services' words), None when it is sound or empty."""
    if not number:
        return None
    faults = Decision(str(number), dt.date(2000, 1, 1)).faults(field_prefix="decision").errors
    return next((str(f.message) for f in faults if f.field == "decision_number"), None)


def check_plausibility(table: Table, row: Row) -> None:
    """The members services' plausibility rules on the row's dates (members.plausibility, the same messages
    the services give), checked here so that a row with several faults lists them all at once; the services
    check them again when writing. They name the date of birth."""
    values = row.values
    birth = values.get("birth_date")
    if row.existing is not None or not isinstance(birth, dt.date):
        return
    name = str(values.get("full_name") or "")
    dates = [("candidate_registered_on", EventKind.CANDIDATE_REGISTERED),
             ("admission_date", EventKind.ADMISSION_DECISION), ("ceremony_on", EventKind.ADMISSION_CEREMONY),
             ("recognised_on", EventKind.RECOGNITION)]
    for key, kind in dates:
        on = values.get(key)
        if not isinstance(on, dt.date):
            continue
        of_record = kind == EventKind.ADMISSION_DECISION
        column = "birth_date"
        try:
            problem = plausibility.birth_problem(birth, on, kind, name=name)
            if problem is None:
                problem = plausibility.age_problem(birth, on, kind, name=name, of_record=of_record)
                column = FIELD_COLUMNS[plausibility.age_field(kind, of_record=of_record)]
        except DomainError as error:  # a rule not configured for the date
            problem, column = str(error.message), key
        if problem:
            if not row.named(table.header(column)):
                row.problems.append(Problem(row.number, table.header(column), problem))
            return


def compare(table: Table, row: Row, events: list[MemberEvent], places: list[Any]) -> None:
    """A row whose member code is known: every column the file has must match the file kept here."""
    person = row.existing
    assert person is not None
    kept = person_values(person, events, code=row.values["member_code"], places=places)
    for key in (c.key for c in COLUMNS):
        if key == "member_code" or key not in row.values:
            continue
        if not same(key, kept.get(key), row.values[key]):
            row.problems.append(Problem(
                row.number, table.header(key),
                _("The member file with this code differs: it has “%(kept)s”, this row “%(given)s”. Correct the "
                  "file on its page, or the row.") % {"kept": display(key, kept.get(key)) or "—",
                                                     "given": display(key, row.values[key]) or "—"},
            ))


def _fmt(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _today() -> dt.date:
    return timezone.localdate()
