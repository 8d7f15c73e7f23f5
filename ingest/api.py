"""Import API: POST /imports/members (multipart: file, dry_run), the template, and the member-list export.

An import answers 200 with its summary, or 400 with every problem as (row, column, message); whatever the
bytes sent, never a 500. A user who may change member files nowhere gets 404.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja import File, Form, Query, Router, Schema, UploadedFile

from core.schemas import MAX_ID, ErrorOut, ValidationErrorOut
from core.validators import has_control_characters
from ingest import queries, services
from ingest.exports import export_members_xlsx
from ingest.parsing import MAX_BYTES
from ingest.workbook import XLSX_CONTENT_TYPE, template_xlsx

router = Router(tags=["imports"])


class ProblemOut(Schema):
    """One problem: the row as numbered in Excel (null: the whole file), the column header, the reason."""

    row: int | None = None
    column: str = ""
    message: str


class CreatedFileOut(Schema):
    """A member file the import created: its id and the member code the file gave it (kept on the record)."""

    id: int
    member_code: str


class ImportOut(Schema):
    batch: int
    status: str
    dry_run: bool
    file_name: str
    sha256: str
    rows: int
    created: int
    skipped: int
    errors: list[ProblemOut] = []
    created_files: list[CreatedFileOut] = []


class ImportRefusedOut(ErrorOut):
    """Nothing was written: `errors` lists every problem of the file."""

    batch: int | None = None
    errors: list[ProblemOut] = []


def _xlsx(content: bytes, file_name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


@router.post(
    "/imports/members",
    response={200: ImportOut, 400: ImportRefusedOut, 401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
)
def import_members(
    request: HttpRequest,
    file: UploadedFile = File(...),  # noqa: B008
    dry_run: bool = Form(False),
    confirm_duplicates: bool = Form(False),
) -> tuple[int, dict[str, Any]]:
    """Import member files from an XLSX or CSV file in the template's columns: every row, or none."""
    queries.require_can_import_members(request.user)
    if (file.size or 0) > MAX_BYTES:
        detail = _("The file is larger than %(mb)d MB; split it into smaller files.") % {"mb": MAX_BYTES // 2**20}
        return 400, {"detail": detail, "field": "file", "batch": None,
                     "errors": [{"row": None, "column": "", "message": detail}]}
    result = services.members_import(actor=request.user, content=file.read(), file_name=file.name or "",
                                     dry_run=dry_run, confirm_duplicates=confirm_duplicates)
    summary = result.summary()
    if result.ok:
        return 200, summary
    count = len(result.problems)
    detail = ngettext("The file was not imported: %(n)d problem. Nothing was written.",
                      "The file was not imported: %(n)d problems. Nothing was written.", count) % {"n": count}
    return 400, {"detail": detail, "field": "file", "batch": summary["batch"], "errors": summary["errors"]}


class MemberCodeOut(Schema):
    """The member code an import file gave to a member file (the importer's own key), and the import."""

    person: int
    full_name: str
    member_code: str
    batch: int | None = None


@router.get("/imports/member-codes", response={200: list[MemberCodeOut], 401: ErrorOut, 422: ValidationErrorOut})
def member_codes(
    request: HttpRequest,
    person: int | None = Query(None, ge=1, le=MAX_ID),  # type: ignore[assignment]
    code: str | None = Query(None, min_length=1, max_length=64),  # type: ignore[assignment]
) -> tuple[int, list[dict[str, Any]]]:
    """The member codes of the member files the user may see: of one file (`person`), or the file an importer's
    code names (`code`, as written in the file). At most 500."""
    if code is not None and has_control_characters(code):
        return 200, []  # no code holds one (imports refuse them); PostgreSQL would refuse a NUL in the query
    keys = queries.member_keys_visible(request.user, person_id=person, code=code)[:500]
    return 200, [{"person": key.person_id, "full_name": key.person.full_name, "member_code": key.code,
                  "batch": key.batch_id} for key in keys]


@router.get("/imports/members/template.xlsx", response={200: None, 401: ErrorOut})
def member_template(request: HttpRequest) -> HttpResponse:
    """The empty import template (XLSX): the header row, and a sheet explaining every column."""
    return _xlsx(template_xlsx(), "mau-nhap-ho-so-dang-vien.xlsx")


@router.get("/members/export.xlsx", response={200: None, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut,
                                              422: ValidationErrorOut})
def member_export(
    request: HttpRequest,
    status: list[str] = Query([]),  # noqa: B008
    organization: int | None = Query(None, ge=1, le=2**63 - 1),  # type: ignore[assignment]
    gender: str | None = Query(None, max_length=20),  # type: ignore[assignment]
    ethnicity: str | None = Query(None, max_length=10),  # type: ignore[assignment]
    age_band: str | None = Query(None, max_length=20),  # type: ignore[assignment]
    party_age_band: str | None = Query(None, max_length=20),  # type: ignore[assignment]
    q: str | None = Query(None, max_length=200),  # type: ignore[assignment]
) -> HttpResponse:
    """The member files under the member list's filters, in the user's scope, as XLSX in the template's columns.

    `status` may repeat (a status, or "active" / "members"); `organization`: files registered in its subtree;
    `ethnicity`: the group's code; `age_band`, `party_age_band`: the list's band codes; `q`: name words
    ignoring diacritics, or the exact card number or citizen ID.
    """
    people = queries.members_for_export(request.user, statuses=status, organization_id=organization, gender=gender,
                                        ethnicity_code=ethnicity, age_band=age_band, party_age_band=party_age_band,
                                        q=q)
    stamp = timezone.localdate().strftime("%Y%m%d")
    return _xlsx(export_members_xlsx(people), f"danh-sach-dang-vien-{stamp}.xlsx")
