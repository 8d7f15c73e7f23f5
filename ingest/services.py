"""Importing member files and their admission history from a file: all rows or none.

`members_import` reads the file (ingest/parsing.py), reads every cell (ingest/values.py), checks every row
(ingest/rows.py; every fault of every row at once: required cells, the cell code and the importer's scope over
it, duplicates inside the file, the order of the history dates, decision numbers, places of residence and work,
the members app's plausibility rules: dates after birth, age floors), then runs every new row through the real
services of the members app (a row the checks refused too, in a savepoint rolled back, for the faults of its
fields that only the services know)
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
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.audit import flush_refusals
from core.changelog import log_change, snapshot
from core.context import current_request_id
from core.decisions import Decision
from core.errors import DomainError, Faults, NotInScope
from core.models import ChangeAction
from core.scope import CHANGE, require_in_scope
from ingest.columns import COLUMNS, PERSON_FIELDS, PLACE_FIELDS
from ingest.models import ImportBatch, ImportStatus, MemberKey
from ingest.parsing import FileRefused, Problem, Table, read_table
from ingest.queries import require_can_import_members
from ingest.rows import (
    FIELD_COLUMNS,
    Row,
    check_duplicates,
    check_history,
    check_plausibility,
    compare,
    read_rows,
    resolve_existing,
    resolve_organizations,
    resolve_units,
)
from ingest.values import (
    HISTORY_KINDS,
    open_places,
)
from members.models import MemberEvent, Person
from members.services import AdmissionRecord, PlaceInput, candidate_register, person_create

logger = logging.getLogger("dangvu.ingest")

#: Problems listed for one file; beyond this the list ends with a line saying how many more there were.
MAX_PROBLEMS = 5_000
#: Files with more rows than this are checked and written set-based (ingest.bulk): the same rules, a few queries
#: per batch of rows instead of about thirty per row (docs/import-template.md).
BULK_FROM_ROWS = 200

#: progress(stage, done, total): stage "checked" or "written", rows so far of the file's rows.
Progress = Callable[[str, int, int], None]



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


class _RollBack(Exception):
    """Leaves the import's transaction so that nothing it wrote survives."""


# ----------------------------------------------------------------------------- the import


def members_import(
    *, actor: Any, content: bytes, file_name: str, dry_run: bool = False, confirm_duplicates: bool = False,
    bulk: bool | None = None, progress: Progress | None = None,
) -> ImportResult:
    """Import member files from an XLSX or CSV file: every row written in one transaction, or none.

    Not wrapped in a single `transaction.atomic` on purpose: the rows run in their own transaction, rolled
    back on any refusal or a dry run, and the import record is written afterwards in a second one.

    `bulk`: check and write the rows set-based (ingest.bulk); None chooses it for a file of more than
    `BULK_FROM_ROWS` rows. `progress(stage, done, total)` hears how far a set-based import is.
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
                if bulk if bulk is not None else rows_total > BULK_FROM_ROWS:
                    from ingest.bulk import run_bulk  # the set-based path (it builds on this module's helpers)

                    created, skipped, problems = run_bulk(actor=actor, table=table, batch=batch,
                                                          reason=_reason(file_name), dry_run=dry_run,
                                                          confirm_duplicates=confirm_duplicates, progress=progress)
                else:
                    created, skipped, problems = _run(actor=actor, table=table, batch=batch,
                                                      reason=_reason(file_name), confirm_duplicates=confirm_duplicates)
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
    problem = member_code_problem(code)
    if problem is not None:
        raise DomainError(problem, field="member_code")
    if MemberKey.objects.filter(code=code).exists():
        raise DomainError(_("This member code is already used by another member file."), field="member_code")
    key = MemberKey.objects.create(code=code, person=person, batch=batch)
    log_change(actor=actor, action=ChangeAction.CREATE, instance=key, reason=reason)
    return key


def member_code_problem(code: str) -> str | None:
    """Why a member code (spaces squeezed, upper case) cannot be kept, None when it can."""
    if not code or len(code) > 64:
        return _("The member code is required (at most 64 characters).")
    return None


# ----------------------------------------------------------------------------- the rows


def _run(
    *, actor: Any, table: Table, batch: ImportBatch, reason: str, confirm_duplicates: bool = False
) -> tuple[int, int, list[Problem]]:
    """Check every row, then write the new ones through the services. Returns (created, skipped, problems).

    Every fault of every row comes back at once (issue 7 §7): the checks run on every row whatever else it has
    (a cell that could not be read is left out of the checks that need it), and a row refused by these checks
    still goes through the services in a savepoint rolled back at once, so that the services' own refusals
    (formats, uniqueness, places …) are listed too, each naming its column (one problem per column)."""
    rows, skipped = checked_rows(actor, table)
    created = 0
    for row in rows:
        if row.existing is not None:
            continue
        if row.problems:
            if row.organization is not None:
                _probe(actor=actor, table=table, row=row, batch=batch, reason=reason,
                       confirm_duplicate=confirm_duplicates)
            continue
        try:
            with transaction.atomic():
                _write(actor=actor, row=row, batch=batch, reason=reason, confirm_duplicate=confirm_duplicates)
            created += 1
        except DomainError as error:
            row.problems += service_problems(table, row, error)
        except DatabaseError:
            row.problems.append(Problem(row.number, "", _("The row could not be saved; check its values.")))
    return created, skipped, sorted_problems(table, rows)


def checked_rows(actor: Any, table: Table) -> tuple[list[Row], int]:
    """Every row read and checked by the import's own checks (a few queries for the whole file), the rows whose
    member code is known compared with their file. Returns the rows and how many are unchanged."""
    rows = read_rows(table)
    resolve_organizations(actor, table, rows)
    resolve_units(actor, table, rows)
    resolve_existing(actor, table, rows)
    check_duplicates(table, rows)
    for row in rows:
        check_history(table, row)
        check_plausibility(table, row)
    existing = [row.existing.pk for row in rows if row.existing is not None and not row.problems]
    events: dict[int, list[MemberEvent]] = {pk: [] for pk in existing}
    for event in MemberEvent.objects.filter(person_id__in=existing, kind__in=HISTORY_KINDS).order_by("id"):
        events[event.person_id].append(event)
    places = open_places(existing)
    skipped = 0
    for row in rows:
        if row.existing is not None and not row.problems:
            compare(table, row, events[row.existing.pk], places[row.existing.pk])
            skipped += 0 if row.problems else 1
    return rows, skipped


def sorted_problems(table: Table, rows: list[Row]) -> list[Problem]:
    """Every problem of every row, by row and then in the order of the template's columns."""
    order = {c.key: i for i, c in enumerate(COLUMNS)}
    headers = {table.header(key): order[key] for key in order}
    problems = [p for row in rows for p in row.problems]
    problems.sort(key=lambda p: (p.row or 0, headers.get(p.column, len(order))))
    return problems


_FILE_COLUMNS = frozenset({*PERSON_FIELDS, *(key for keys in PLACE_FIELDS.values() for key in keys)})


class _Probed(Exception):
    """Rolls back the savepoint of a row written only to hear what the services say about it."""


def _probe(*, actor: Any, table: Table, row: Row, batch: ImportBatch, reason: str, confirm_duplicate: bool) -> None:
    """A row already refused by the import's checks: what the services would refuse too, on the columns not
    named yet (nothing it writes survives its savepoint)."""
    try:
        with transaction.atomic():
            _write(actor=actor, row=row, batch=batch, reason=reason, confirm_duplicate=confirm_duplicate)
            raise _Probed
    except _Probed:
        pass
    except DomainError as error:
        row.problems += probed_problems(table, row, error)
    except (DatabaseError, TypeError, ValueError):  # values the checks refused; their problems are listed
        pass


def probed_problems(table: Table, row: Row, error: DomainError) -> list[Problem]:
    """What the services refuse of a row its checks already refused: only the faults of the file's own fields
    (formats, uniqueness, places), on the columns not named yet; a refusal of the history is a consequence of
    what the row's checks already named (a ceremony before its decision, …)."""
    fields = [f for f in (error.errors if isinstance(error, Faults) else [error]) if f.field in _FILE_COLUMNS]
    if not fields:
        return []
    found = service_problems(table, row, Faults(fields) if len(fields) > 1 else fields[0])
    return [p for p in found if not row.named(p.column)]


def service_problems(table: Table, row: Row, error: DomainError) -> list[Problem]:
    """A refusal of the members services as problems of the row: each fault of it, on its column."""
    problems: list[Problem] = []
    for fault in error.errors if isinstance(error, Faults) else [error]:
        column = FIELD_COLUMNS.get(fault.field or "", "")
        if fault.field == "occurred_on":
            column = "admission_date" if row.values.get("admission_date") else "candidate_registered_on"
        if isinstance(fault, NotInScope):
            column = "organization_code"
        problem = Problem(row.number, table.header(column) if column else "", str(fault.message))
        if not any(p.column == problem.column for p in problems):
            problems.append(problem)
    return problems


def row_inputs(row: Row) -> tuple[dict[str, Any], list[PlaceInput], AdmissionRecord | None]:
    """A row as the arguments of `person_create`: the file's fields, its places, its admission history."""
    values = row.values
    fields = {key: values[key] for key in PERSON_FIELDS if key in values
              and key not in ("full_name", "gender", "birth_date")}
    places = [PlaceInput(kind=kind, unit=row.units[unit_key], since=values.get(since_key))
              for kind, (unit_key, since_key) in PLACE_FIELDS.items() if unit_key in row.units]
    admitted = None
    if values.get("admission_date"):
        recognition = None
        if values.get("recognition_decision_number"):
            recognition = Decision(values["recognition_decision_number"],
                                   values.get("recognition_decision_date"),  # type: ignore[arg-type]  # checked
                                   values.get("recognition_decision_issuer") or "")
        admitted = AdmissionRecord(
            decision=Decision(values.get("admission_decision_number") or "", values["admission_date"],
                              values.get("admission_decision_issuer") or ""),
            ceremony_on=values.get("ceremony_on"),
            recognised_on=values.get("recognised_on"),
            recognition_decision=recognition,
        )
    return fields, places, admitted


def _write(*, actor: Any, row: Row, batch: ImportBatch, reason: str, confirm_duplicate: bool = False) -> Person:
    values = row.values
    fields, places, admitted = row_inputs(row)
    assert row.organization is not None
    person = person_create(actor=actor, organization=row.organization, full_name=values.get("full_name") or "",
                           gender=values.get("gender") or "", birth_date=values.get("birth_date"),  # type: ignore[arg-type]
                           admitted=admitted, reason=reason, confirm_duplicate=confirm_duplicate, places=places,
                           **fields)
    if values.get("candidate_registered_on"):
        candidate_register(actor=actor, person=person, registered_on=values["candidate_registered_on"], reason=reason)
    member_key_create(actor=actor, person=person, code=values.get("member_code") or "", batch=batch, reason=reason)
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
