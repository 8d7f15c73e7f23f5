"""Importing member files and their admission history from a file: all rows or none.

`members_import` reads the file (ingest/parsing.py), reads every cell (ingest/values.py), checks every row
(required cells, the cell code and the importer's scope over it, duplicates inside the file, the order of the
history dates, the members app's plausibility rules: dates after birth, age floors), then runs every new row
through the real services of the members app
(`person_create`, with `AdmissionRecord` for a member already admitted; `candidate_register` for a candidate)
inside one transaction, each row in a savepoint so that one refusal does not hide the next. If any row is
refused, or on a dry run, the transaction is rolled back: nothing is written but the import's own record
(`ImportBatch`), and the answer lists every problem as (row as numbered in Excel, column header, reason in the
request's language). Otherwise the transaction commits: every row written, with its change log (reason
"Nhập từ tệp <name>", one request id), the import record and the member codes.

A row whose member code is already known is compared with the file kept here, on the columns the file has:
identical, it is skipped; different, it is an error naming every differing column (corrections are made on
the member's page, where each one is checked and logged). So importing the same file twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models.functions import Upper
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.audit import flush_refusals
from core.changelog import log_change, snapshot
from core.context import current_request_id
from core.decisions import Decision
from core.errors import DomainError, NotInScope
from core.models import ChangeAction
from core.scope import CHANGE, require_in_scope
from ingest.columns import BY_KEY, COLUMNS, PERSON_FIELDS, Kind
from ingest.models import ImportBatch, ImportStatus, MemberKey
from ingest.parsing import FileRefused, Problem, Table, read_table
from ingest.queries import may_import_into, require_can_import_members
from ingest.values import HISTORY_KINDS, CellError, References, as_uuid, display, person_values, read_cell, same
from members import plausibility
from members.models import EventKind, MemberEvent, Person
from members.queries import persons_visible
from members.services import AdmissionRecord, candidate_register, person_create
from organizations.models import Organization

logger = logging.getLogger("dangvu.ingest")

#: Problems listed for one file; beyond this the list ends with a line saying how many more there were.
MAX_PROBLEMS = 5_000

# Where a refusal of the members services points, as a column of the file.
_FIELD_COLUMNS = {
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
}


@dataclass
class ImportResult:
    """What an import did (or, on a dry run or a refusal, would have done)."""

    batch: ImportBatch
    problems: list[Problem]
    rows_total: int = 0
    created: int = 0
    skipped: int = 0
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> dict[str, Any]:
        return {
            "batch": self.batch.pk,
            "status": self.batch.status,
            "dry_run": self.dry_run,
            "file_name": self.batch.file_name,
            "sha256": self.batch.sha256,
            "rows": self.rows_total,
            "created": self.created,
            "skipped": self.skipped,
            "errors": [p.as_dict() for p in self.problems],
            # What it created, by id, with the importer's own code (nothing on a dry run or a refusal: rolled back).
            "created_files": [{"id": person, "member_code": code}
                              for person, code in self.batch.keys.order_by("id").values_list("person_id", "code")],
        }


@dataclass
class _Row:
    number: int
    values: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)
    organization: Organization | None = None
    existing: Person | None = None


class _RollBack(Exception):
    """Leaves the import's transaction so that nothing it wrote survives."""


# ----------------------------------------------------------------------------- the import


def members_import(
    *, actor: Any, content: bytes, file_name: str, dry_run: bool = False, confirm_duplicates: bool = False
) -> ImportResult:
    """Import member files from an XLSX or CSV file: every row written in one transaction, or none.

    Not wrapped in a single `transaction.atomic` on purpose: the rows run in their own transaction, rolled
    back on any refusal or a dry run, and the import record is written afterwards in a second one.
    """
    require_can_import_members(actor)
    file_name = _clean_name(file_name)
    digest = hashlib.sha256(content).hexdigest()
    request_id = current_request_id()
    problems: list[Problem] = []
    rows_total = created = skipped = 0
    try:
        table = read_table(content, file_name)
    except FileRefused as refused:
        problems, table = refused.problems, None
    if table is not None and not table.rows:
        problems.append(Problem(None, "", _("The file has no rows below the header row.")))
    elif table is not None:
        rows_total = len(table.rows)
        try:
            with transaction.atomic():
                batch = ImportBatch.objects.create(
                    file_name=file_name, sha256=digest, size=len(content), user=_user(actor),
                    user_name=_username(actor), request_id=request_id, dry_run=dry_run, status=ImportStatus.APPLIED,
                    rows_total=rows_total,
                )
                created, skipped, problems = _run(actor=actor, table=table, batch=batch, reason=_reason(file_name),
                                                  confirm_duplicates=confirm_duplicates)
                if problems or dry_run:
                    raise _RollBack
                batch.rows_created, batch.rows_skipped = created, skipped
                batch.save(update_fields=["rows_created", "rows_skipped"])
                log_change(actor=actor, action=ChangeAction.CREATE, instance=batch, reason=_reason(file_name))
        except _RollBack:
            flush_refusals()  # attempts noted by the rolled-back rows (core.audit) are kept
        else:
            _log(batch)
            return ImportResult(batch=batch, problems=[], rows_total=rows_total, created=created, skipped=skipped)
    problems = _capped(problems)
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            file_name=file_name, sha256=digest, size=len(content), user=_user(actor), user_name=_username(actor),
            request_id=request_id, dry_run=dry_run,
            status=ImportStatus.REFUSED if problems else ImportStatus.CHECKED,
            rows_total=rows_total, rows_created=0 if problems else created, rows_skipped=0 if problems else skipped,
            rows_refused=len({p.row for p in problems if p.row is not None}), error_count=len(problems),
            errors=[p.as_dict() for p in problems],
        )
        # A refusal or a dry run is an attempt the change log keeps too (the problems stay on the batch itself).
        log_change(actor=actor, action=ChangeAction.CREATE, instance=batch, reason=_reason(file_name),
                   after={k: v for k, v in snapshot(batch).items() if k != "errors"})
    _log(batch)
    return ImportResult(batch=batch, problems=problems, rows_total=rows_total, created=created, skipped=skipped,
                        dry_run=dry_run)


@transaction.atomic
def member_key_create(
    *, actor: Any, person: Person, code: str, batch: ImportBatch | None, reason: str = ""
) -> MemberKey:
    """Remember the member code a file gave to a person, so that the next import of the file finds them."""
    require_in_scope(person, actor, CHANGE)
    code = " ".join((code or "").split()).upper()
    if not code or len(code) > 64:
        raise DomainError(_("The member code is required (at most 64 characters)."), field="member_code")
    if MemberKey.objects.filter(code=code).exists():
        raise DomainError(_("This member code is already used by another member file."), field="member_code")
    key = MemberKey.objects.create(code=code, person=person, batch=batch)
    log_change(actor=actor, action=ChangeAction.CREATE, instance=key, reason=reason)
    return key


# ----------------------------------------------------------------------------- the rows


def _run(
    *, actor: Any, table: Table, batch: ImportBatch, reason: str, confirm_duplicates: bool = False
) -> tuple[int, int, list[Problem]]:
    """Check every row, then write the new ones through the services. Returns (created, skipped, problems)."""
    rows = _read_rows(table)
    _resolve_organizations(actor, table, rows)
    _resolve_existing(actor, table, rows)
    _check_duplicates(table, rows)
    for row in rows:
        if not row.problems:
            _check_history(table, row)
            _check_plausibility(table, row)
    existing = [row.existing.pk for row in rows if row.existing is not None and not row.problems]
    events: dict[int, list[MemberEvent]] = {pk: [] for pk in existing}
    for event in MemberEvent.objects.filter(person_id__in=existing, kind__in=HISTORY_KINDS).order_by("id"):
        events[event.person_id].append(event)
    created = skipped = 0
    for row in rows:
        if row.problems:
            continue
        if row.existing is not None:
            _compare(table, row, events[row.existing.pk])
            skipped += 0 if row.problems else 1
            continue
        try:
            with transaction.atomic():
                _write(actor=actor, row=row, batch=batch, reason=reason, confirm_duplicate=confirm_duplicates)
            created += 1
        except DomainError as error:
            column = _FIELD_COLUMNS.get(error.field or "", "")
            if error.field == "occurred_on":
                column = "admission_date" if row.values.get("admission_date") else "candidate_registered_on"
            if isinstance(error, NotInScope):
                column = "organization_code"
            row.problems.append(Problem(row.number, table.header(column) if column else "", str(error.message)))
        except DatabaseError:
            row.problems.append(Problem(row.number, "", _("The row could not be saved; check its values.")))
    order = {c.key: i for i, c in enumerate(COLUMNS)}
    headers = {table.header(key): order[key] for key in order}
    problems = [p for row in rows for p in row.problems]
    problems.sort(key=lambda p: (p.row or 0, headers.get(p.column, len(order))))
    return created, skipped, problems


def _read_rows(table: Table) -> list[_Row]:
    refs = References()
    rows = []
    for number, cells in table.rows:
        row = _Row(number=number, values={})
        for key, raw in cells.items():
            column = BY_KEY[key]
            try:
                row.values[key] = read_cell(column, raw, refs)
            except CellError as error:
                row.problems.append(Problem(number, table.header(key), str(error)))
                continue
            if column.required and row.values[key] in ("", None):
                row.problems.append(Problem(number, table.header(key), _("Required.")))
            elif column.kind == Kind.DATE and row.values[key] is not None:
                _check_date(table, row, key)
        rows.append(row)
    return rows


def _check_date(table: Table, row: _Row, key: str) -> None:
    """No date in the future, no birth before 1900 and no event before 1930 (members.plausibility: the services
    refuse them too; checked here so that a row with other problems still has this one listed)."""
    day: dt.date = row.values[key]
    message = plausibility.date_problem(day, birth=key == "birth_date", today=_today())
    if message is None:
        return
    row.problems.append(Problem(row.number, table.header(key), message))


def _resolve_organizations(actor: Any, table: Table, rows: list[_Row]) -> None:
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


def _resolve_existing(actor: Any, table: Table, rows: list[_Row]) -> None:
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


def _check_duplicates(table: Table, rows: list[_Row]) -> None:
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


def _check_history(table: Table, row: _Row) -> None:
    """The history cells of a row agree with one another (the services check them again when writing)."""
    values, number = row.values, row.number

    def problem(key: str, message: str) -> None:
        row.problems.append(Problem(number, table.header(key), message))

    def needs(key: str, other: str) -> None:
        if values.get(key) and not values.get(other):
            problem(key, _("This cell needs “%(column)s” to be filled in too.") % {"column": table.header(other)})

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


def _check_plausibility(table: Table, row: _Row) -> None:
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
                column = _FIELD_COLUMNS[plausibility.age_field(kind, of_record=of_record)]
        except DomainError as error:  # a rule not configured for the date
            problem, column = str(error.message), key
        if problem:
            row.problems.append(Problem(row.number, table.header(column), problem))
            return


def _compare(table: Table, row: _Row, events: list[MemberEvent]) -> None:
    """A row whose member code is known: every column the file has must match the file kept here."""
    person = row.existing
    assert person is not None
    kept = person_values(person, events, code=row.values["member_code"])
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


def _write(*, actor: Any, row: _Row, batch: ImportBatch, reason: str, confirm_duplicate: bool = False) -> Person:
    values = row.values
    fields = {key: values[key] for key in PERSON_FIELDS if key in values
              and key not in ("full_name", "gender", "birth_date")}
    admitted = None
    if values.get("admission_date"):
        recognition = None
        if values.get("recognition_decision_number"):
            recognition = Decision(values["recognition_decision_number"], values["recognition_decision_date"],
                                   values.get("recognition_decision_issuer") or "")
        admitted = AdmissionRecord(
            decision=Decision(values["admission_decision_number"], values["admission_date"],
                              values.get("admission_decision_issuer") or ""),
            ceremony_on=values.get("ceremony_on"),
            recognised_on=values.get("recognised_on"),
            recognition_decision=recognition,
        )
    assert row.organization is not None
    person = person_create(actor=actor, organization=row.organization, full_name=values["full_name"],
                           gender=values["gender"], birth_date=values["birth_date"], admitted=admitted, reason=reason,
                           confirm_duplicate=confirm_duplicate, **fields)
    if values.get("candidate_registered_on"):
        candidate_register(actor=actor, person=person, registered_on=values["candidate_registered_on"], reason=reason)
    member_key_create(actor=actor, person=person, code=values["member_code"], batch=batch, reason=reason)
    return person


# ----------------------------------------------------------------------------- helpers


def _capped(problems: list[Problem]) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    more = len(problems) - MAX_PROBLEMS
    return [*problems[:MAX_PROBLEMS],
            Problem(None, "", _("… and %(n)d more problems not listed; correct these first.") % {"n": more})]


def _clean_name(file_name: str) -> str:
    name = os.path.basename(str(file_name or "").replace("\\", "/")).strip()
    name = "".join(ch for ch in name if ch.isprintable())
    return name[:200] or "file"


def _reason(file_name: str) -> str:
    """The change-log reason, in the installation's language (it is stored, not shown to one user)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Imported from file %(name)s") % {"name": file_name}


def _fmt(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _today() -> dt.date:
    return timezone.localdate()


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _username(actor: Any) -> str:
    return getattr(actor, "username", "") or "system"


def _log(batch: ImportBatch) -> None:
    logger.info(
        "member import %s by %s: file %r sha256 %s, %d rows, %d created, %d unchanged, %d errors%s",
        batch.status, batch.user_name, batch.file_name, batch.sha256, batch.rows_total, batch.rows_created,
        batch.rows_skipped, batch.error_count, " (dry run)" if batch.dry_run else "",
    )
