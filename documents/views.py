"""Register pages: the list with filters and text search, a document's page (links, copies, files, and for a
resolution the tree of what implements it and who has not yet), the registration form, links and files added,
the download of a file in scope, and the XLSX export. Views parse, ask queries or one service, and render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.errors import DomainError
from core.scope import holds
from core.views import as_404
from documents import queries, services, storage
from documents.exports import MAX_ROWS, XLSX_CONTENT_TYPE, documents_xlsx
from documents.forms import AttachmentForm, DocumentForm, FilterForm, LinkForm, attach_faults
from documents.models import Direction
from documents.numbering import propose_number
from documents.uploads import interrupted, watch_uploads


def _filtered(request: HttpRequest) -> tuple[FilterForm, Any]:
    form = FilterForm(request.GET or None, user=request.user)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        documents = queries.filtered(request.user, text=data.get("q") or "", organization=data.get("organization"),
                                     direction=data.get("direction") or "", doc_type=data.get("doc_type"),
                                     topic=data.get("topic"), year=data.get("year"), field_code=data.get("field") or "")
    else:
        documents = queries.documents_visible(request.user)
    return form, documents


@login_required
@require_GET
def document_list(request: HttpRequest) -> HttpResponse:
    form, documents = _filtered(request)
    page = Paginator(documents.prefetch_related("topics"), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "documents/list.html", {
        "form": form, "page": page, "query": query.urlencode(), "can_add": holds(request.user, "documents.change"),
    })


@login_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    _form, documents = _filtered(request)
    rows = documents.prefetch_related("topics")[:MAX_ROWS]
    content = documents_xlsx(rows, title=_("Register of documents, exported on %(date)s")
                             % {"date": timezone.localdate().strftime("%d/%m/%Y")})
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="documents-{timezone.localdate():%Y%m%d}.xlsx"'
    return response


@login_required
@require_GET
@as_404
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = queries.document_get(request.user, pk=pk)
    context: dict[str, Any] = {
        "document": document, "links": queries.links_of(request.user, document=document),
        "copies": queries.copies_of(request.user, document=document),
        "attachments": document.attachments.all(), "topics": document.topics.all(),
        "can_change": queries.can_change(request.user, document.organization),
        "link_form": LinkForm(), "attachment_form": AttachmentForm(),
    }
    if document.doc_type.is_resolution:
        context["tree"] = queries.implementation_tree(request.user, document=document)
        context["missing"] = queries.organizations_without_implementation(request.user, document=document)
    return render(request, "documents/detail.html", context)


@watch_uploads
@login_required
@require_http_methods(["GET", "POST"])
def document_new(request: HttpRequest) -> HttpResponse:
    if not holds(request.user, "documents.change"):
        raise Http404
    data = request.POST if request.method == "POST" else None
    initial = {"organization": request.GET.get("organization")} if request.GET.get("organization") else None
    form = DocumentForm(data, request.FILES if data is not None else None, user=request.user, initial=initial)
    if data is not None and interrupted(request):
        form.is_valid()
        form.add_error("uploads", _("The upload was interrupted before the end of a file; nothing was registered. "
                                    "Send the form again."))
    elif data is not None and form.is_valid():
        if "propose" in data:
            return _with_proposal(request, form)
        try:
            document = services.document_register(actor=request.user, organization=form.cleaned_data["organization"],
                                                  data=form.document_input())
        except DomainError as error:
            attach_faults(form, error)
        else:
            messages.success(request, _("The document was registered."))
            return redirect("documents:detail", pk=document.pk)
    return render(request, "documents/form.html", {"form": form}, status=400 if data is not None else 200)


def _with_proposal(request: HttpRequest, form: DocumentForm) -> HttpResponse:
    data = form.cleaned_data
    proposal = propose_number(organization=data["organization"], doc_type=data["doc_type"],
                              issuer_code=data.get("issuer_code") or "", on=data["issued_on"])
    values = request.POST.copy()
    values["number"], values["direction"] = proposal["number"], Direction.ISSUED
    fresh = DocumentForm(values, user=request.user)
    fresh.is_valid()
    fresh.errors.clear()
    note = (_("Numbered by calendar year: no committee term is recorded for this organization on this date.")
            if proposal["by_year"] else _("Numbered within the committee term %(term)s.")
            % {"term": proposal["term"].label})
    return render(request, "documents/form.html", {"form": fresh, "proposal": proposal, "proposal_note": note})


@login_required
@require_POST
@as_404
def link_add(request: HttpRequest, pk: int) -> HttpResponse:
    document = queries.document_get(request.user, pk=pk, action="change")
    form = LinkForm(request.POST)
    if form.is_valid():
        target = queries.documents_visible(request.user).filter(number=form.cleaned_data["target"].strip()) \
            .exclude(pk=document.pk).order_by("-issued_on").first()
        if target is None:
            form.add_error("target", _("No document with this number in your registers."))
        else:
            try:
                services.document_link(actor=request.user, source=document, target=target,
                                       kind=form.cleaned_data["kind"])
                messages.success(request, _("The link was recorded."))
                return redirect("documents:detail", pk=document.pk)
            except DomainError as error:
                attach_faults(form, error)
    for problems in form.errors.values():
        messages.error(request, " ".join(str(p) for p in problems))
    return redirect("documents:detail", pk=document.pk)


@watch_uploads
@login_required
@require_POST
@as_404
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    document = queries.document_get(request.user, pk=pk, action="change")
    form = AttachmentForm(request.POST, request.FILES)
    if interrupted(request):
        messages.error(request, _("The upload was interrupted before the end of a file; nothing was registered. "
                                  "Send the form again."))
    elif form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.attachment_add(actor=request.user, document=document, filename=upload.name or "",
                                    content=upload.read())
            messages.success(request, _("The file was attached."))
        except DomainError as error:
            messages.error(request, str(error.message))
    else:
        for problems in form.errors.values():
            messages.error(request, " ".join(str(p) for p in problems))
    return redirect("documents:detail", pk=document.pk)


@login_required
@require_GET
@as_404
def download(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = queries.attachment_get(request.user, pk=pk)
    content = storage.read_verified(attachment.sha256)
    if content is None:
        raise Http404(_("The stored file is missing or damaged."))
    response = HttpResponse(content, content_type=attachment.media_type)
    response["Content-Disposition"] = content_disposition_header(True, attachment.filename) or "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Digest"] = f"sha-256={attachment.sha256}"
    return response
