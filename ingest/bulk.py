"""The set-based import of a large file: the same checks and rules as the row-by-row path, a few queries per batch.

The import's own checks already run over the whole file at once (ingest.services.checked_rows). The new rows then
go to members.services.bulk in batches of `BATCH`: each batch is checked with what the members services' rules
need read in a few queries, and, as long as no row of the file has a problem so far, written with bulk inserts
inside the import's transaction. Once a problem is found the remaining batches are only checked, so that every
problem of the file is listed at once; the caller then rolls everything back (ingest.services.members_import).
The member codes are written here (one MemberKey per file, in the person's one change record rather than one of
their own).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from core.bulk import insert_many
from core.caching import stamps_once
from ingest.models import ImportBatch, MemberKey
from ingest.parsing import Problem, Table
from ingest.rows import Row
from ingest.services import (
    Progress,
    checked_rows,
    member_code_problem,
    probed_problems,
    row_inputs,
    service_problems,
    sorted_problems,
)
from members.services.bulk import NewFile, PersonsBulk

#: Rows checked (and written) together: bounds the memory of a batch and the length of its queries' lists.
BATCH = 2_000


def run_bulk(
    *, actor: Any, table: Table, batch: ImportBatch, reason: str, dry_run: bool = False,
    confirm_duplicates: bool = False, progress: Progress | None = None,
) -> tuple[int, int, list[Problem]]:
    """Check every row and, when none has a problem, write the new ones. Returns (created, skipped, problems)."""
    with stamps_once():  # the rules tables are read once for the file, not once per rule used
        return _run(actor=actor, table=table, batch=batch, reason=reason, dry_run=dry_run,
                    confirm_duplicates=confirm_duplicates, progress=progress)


def _run(
    *, actor: Any, table: Table, batch: ImportBatch, reason: str, dry_run: bool, confirm_duplicates: bool,
    progress: Progress | None,
) -> tuple[int, int, list[Problem]]:
    total = len(table.rows)
    rows, skipped = checked_rows(actor, table)
    new = [row for row in rows if row.existing is None and row.organization is not None]
    members = PersonsBulk(actor=actor, reason=reason, confirm_duplicate=confirm_duplicates)
    codes: dict[str, int] = {}
    writing = not dry_run and not any(row.problems for row in rows)
    created = 0
    for start in range(0, len(new), BATCH):
        chunk = new[start:start + BATCH]
        files = [_file(row, batch) for row in chunk]
        plans, refusals = members.check(files)
        for row, refusal in zip(chunk, refusals, strict=True):
            if row.problems:  # as the row-by-row path probes it: the faults of its own fields not named yet
                row.problems += probed_problems(table, row, refusal) if refusal is not None else []
            elif refusal is not None:
                row.problems += service_problems(table, row, refusal)
            else:
                _code(table, row, codes)
        if progress is not None:
            progress("checked", start + len(chunk), total)
        writing = writing and not any(row.problems for row in chunk)
        if not writing:
            continue
        people = members.write([plan for plan in plans if plan is not None])
        insert_many(MemberKey, [MemberKey(code=_clean_code(row), person=person, batch=batch)
                                for row, person in zip(chunk, people, strict=True)])
        created += len(people)
        if progress is not None:
            progress("written", created, total)
    problems = sorted_problems(table, rows)
    if not problems and not dry_run:
        members.close()
    return created, skipped, problems


def _file(row: Row, batch: ImportBatch) -> NewFile:
    fields, places, admitted = row_inputs(row)
    values = row.values
    assert row.organization is not None
    return NewFile(organization=row.organization, full_name=values.get("full_name") or "",
                   gender=values.get("gender") or "", birth_date=values.get("birth_date"), fields=fields,
                   places=places, admitted=admitted, registered_on=values.get("candidate_registered_on") or None,
                   log={"member_code": _clean_code(row), "import_batch": batch.pk})


def _clean_code(row: Row) -> str:
    return " ".join(str(row.values.get("member_code") or "").split()).upper()


def _code(table: Table, row: Row, codes: dict[str, int]) -> None:
    """The member code as `member_key_create` takes it: well formed, and not another row's (written as it is)."""
    problem = member_code_problem(_clean_code(row))
    if problem is None and _clean_code(row) in codes:
        problem = _("This member code is already used by another member file.")
    if problem is not None:
        row.problems.append(Problem(row.number, table.header("member_code"), problem))
    else:
        codes[_clean_code(row)] = row.number
