"""Import pages: upload a member file (or check it), see what came of it, download the template, export a list.

Views only parse, call a query or the import service, and render. Who may import: anyone who may change
member files somewhere (each row's cell is then checked against their scope); others get 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from core.errors import DomainError
from core.views import as_404
from ingest import queries, result_exports, services
from ingest.exports import export_members_xlsx
from ingest.forms import MemberExportForm, MemberImportForm
from ingest.workbook import XLSX_CONTENT_TYPE, template_xlsx
from members.pages import default_organization

TEMPLATE_FILE_NAME = "mau-nhap-ho-so-dang-vien.xlsx"
_TEXT = "text/plain; charset=utf-8"
CREATED_SHOWN = 500  # files listed on an import's page (the API's answer lists every one)


def _xlsx(content: bytes, file_name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
@as_404
def member_import(request: HttpRequest) -> HttpResponse:
    """The upload form; a submitted file is imported (or only checked) and its result page shown."""
    queries.require_can_import_members(request.user)
    form = MemberImportForm(request.POST, request.FILES) if request.method == "POST" else MemberImportForm()
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        result = services.members_import(actor=request.user, content=upload.read(), file_name=upload.name,
                                         dry_run=form.cleaned_data["dry_run"],
                                         confirm_duplicates=form.cleaned_data["confirm_duplicates"])
        return redirect("ingest:batch", pk=result.batch.pk)
    recent = queries.own_batches(request.user)[:10]
    return render(request, "ingest/import_form.html", {"form": form, "recent": recent},
                  status=400 if form.is_bound else 200)


@login_required
@require_GET
def batch_list(request: HttpRequest) -> HttpResponse:
    """The imports the user sent (every import, for an administrator), newest first."""
    batches = queries.batches_visible(request.user)[:200]
    return render(request, "ingest/batch_list.html", {
        "batches": batches, "can_import": queries.can_import_members(request.user),
    })


@login_required
@require_GET
@as_404
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """What came of one import: the counts and the files it created (links, with their member codes), or every
    problem as (row, column, reason)."""
    batch = queries.batch_get(request.user, pk=pk)
    created = queries.batch_created(request.user, batch)
    return render(request, "ingest/batch_detail.html", {
        "batch": batch, "can_import": queries.can_import_members(request.user),
        "created": created[:CREATED_SHOWN], "created_more": max(0, created.count() - CREATED_SHOWN),
    })


def _organization_name(request: HttpRequest) -> str:
    """The user's outermost organization, named at the top of a report."""
    top = default_organization(request.user)
    return top.name if top is not None else ""


@login_required
@require_GET
def batch_list_xlsx(request: HttpRequest) -> HttpResponse:
    """The list of imports as a report (ingest.result_exports)."""
    today = timezone.localdate()
    content = result_exports.batches_xlsx(queries.batches_visible(request.user)[:200],
                                          organization_name=_organization_name(request), made_on=today)
    return _xlsx(content, f"cac-lan-nhap-{today:%Y%m%d}.xlsx")


@login_required
@require_GET
@as_404
def batch_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """What came of one import as a report: its errors, or the member files it created."""
    batch = queries.batch_get(request.user, pk=pk)
    created = queries.batch_created(request.user, batch).select_related("person__organization")
    today = timezone.localdate()
    content = result_exports.batch_xlsx(batch, created, organization_name=_organization_name(request), made_on=today)
    return _xlsx(content, f"ket-qua-nhap-{batch.pk}.xlsx")


@login_required
@require_GET
def member_template(request: HttpRequest) -> HttpResponse:
    """The empty template: header row, and a second sheet explaining every column."""
    return _xlsx(template_xlsx(), TEMPLATE_FILE_NAME)


@login_required
@require_GET
@as_404
def member_export(request: HttpRequest) -> HttpResponse:
    """The member list under the same filters as the list page, as XLSX in the template's columns."""
    form = MemberExportForm(request.GET)
    if not form.is_valid():
        name, errors = next(iter(form.errors.items()))
        return HttpResponseBadRequest(f"{name}: {' '.join(str(e) for e in errors)}", content_type=_TEXT)
    try:
        people = queries.members_for_export(request.user, **form.query_kwargs())
    except DomainError as error:
        if error.status_code == 404:
            raise
        return HttpResponseBadRequest(str(error.message), content_type=_TEXT)
    stamp = timezone.localdate().strftime("%Y%m%d")
    return _xlsx(export_members_xlsx(people), f"danh-sach-dang-vien-{stamp}.xlsx")
