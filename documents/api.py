"""Register API under /api/v1/documents: list and search, one document, bulk registration (all-or-nothing, every
fault named "items.N.field"), links, a file upload, the next number, and a resolution's implementation tree.

Organizations are named by id or code, linked documents by id or number; every id goes through the caller's scope
(missing or out of scope: 404).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext
from ninja import File, Query, Router
from ninja.files import UploadedFile

from core.errors import DomainError, Faults, NotInScope
from core.refs import id_or_code
from core.schemas import ErrorOut, ValidationErrorOut
from core.scope import get_in_scope
from documents import queries, services
from documents.figures import implementing_figures
from documents.models import Document, DocumentType
from documents.numbering import propose_number
from documents.schemas import (
    AttachmentOut,
    CreatedOut,
    DocumentOut,
    DocumentsIn,
    ImplementationOut,
    LinkCreateIn,
    LinkIn,
    LinkOut,
    ListQuery,
    PeriodQuery,
    ProposalOut,
    ProposalQuery,
    TreeNodeOut,
)
from organizations.models import Organization

router = Router(tags=["documents"])

READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
WRITE_ERRORS: dict[int, Any] = {400: ErrorOut, **READ_ERRORS}


def organization_ref(request: HttpRequest, ref: str, permission: str) -> Organization:
    return get_in_scope(Organization.objects.select_related("kind"), request.user, permission, **id_or_code(ref))


def _document_ref(request: HttpRequest, ref: str) -> Document:
    lookup = id_or_code(ref)
    if "pk" in lookup:
        return queries.document_get(request.user, pk=lookup["pk"])
    found = queries.documents_visible(request.user).filter(number=lookup["code"]).order_by("-issued_on").first()
    if found is None:
        raise NotInScope(gettext("Not found."))
    return found


def _type(code: str, style: str) -> DocumentType | None:
    return DocumentType.objects.filter(code=code.strip(), style=style).first()


def _out(document: Document) -> DocumentOut:
    return DocumentOut(
        id=document.pk, organization_id=document.organization_id, organization_code=document.organization.code,
        direction=document.direction, number=document.number, type=document.doc_type.code,
        style=document.doc_type.style, issuer_code=document.issuer_code, issuer_name=document.issuer_name,
        numbering_period=document.numbering_period, issued_on=document.issued_on,
        received_on=document.received_on, title=document.title, signer=document.signer, summary=document.summary,
        field=document.field, topics=[t.name for t in document.topics.all()],
        links=[LinkOut(kind=link.kind, target_id=link.target_id, target_number=link.target.number)
               for link in document.links_out.all()],
        attachments=[AttachmentOut(id=a.pk, filename=a.filename, size=a.size, media_type=a.media_type,
                                   sha256=a.sha256, url=reverse("documents:download", args=[a.pk]))
                     for a in document.attachments.all()],
    )


def _prefetched(queryset: Any) -> Any:
    return queryset.prefetch_related("topics", "links_out__target", "attachments")


@router.get("/documents", response={200: list[DocumentOut], **READ_ERRORS})
def document_list(request: HttpRequest, filters: Query[ListQuery]) -> Any:
    """Documents in the caller's scope; `q` searches number, title, summary and file text without diacritics."""
    organization = organization_ref(request, filters.organization, "documents.view") if filters.organization else None
    rows = queries.filtered(request.user, text=filters.q, organization=organization, direction=filters.direction,
                            year=filters.year)
    return [_out(d) for d in _prefetched(rows)[filters.offset:filters.offset + filters.limit]]


@router.get("/documents/propose-number", response={200: ProposalOut, **READ_ERRORS})
def number_proposal(request: HttpRequest, params: Query[ProposalQuery]) -> Any:
    """The next number of a type in the organization's register, within its committee term on that date."""
    organization = organization_ref(request, params.organization, "documents.change")
    doc_type = _type(params.type, "party") or _type(params.type, "state")
    if doc_type is None:
        raise DomainError(gettext("Choose the type of the document."), field="type")
    proposal = propose_number(organization=organization, doc_type=doc_type, issuer_code=params.issuer_code,
                              on=params.on)
    return ProposalOut(number=proposal["number"], serial=proposal["serial"], period=proposal["period"],
                       by_calendar_year=proposal["by_year"])


@router.get("/documents/{document_id}", response={200: DocumentOut, **READ_ERRORS})
def document_detail(request: HttpRequest, document_id: str) -> Any:
    document = _document_ref(request, document_id)
    return _out(_prefetched(Document.objects.filter(pk=document.pk)).get())


def _input(request: HttpRequest, item: Any, created: dict[str, Document]) -> services.DocumentInput:
    links = []
    for link in item.links:
        target = created.get(link.target) or _document_ref(request, link.target)
        links.append(services.LinkInput(link.kind, target))
    return services.DocumentInput(
        direction=item.direction, number=item.number, doc_type=_type(item.type, item.style), issued_on=item.issued_on,
        title=item.title, issuer_code=item.issuer_code, issuer_name=item.issuer_name, received_on=item.received_on,
        signer=item.signer, summary=item.summary, field=item.field, topics=item.topics, links=links)


@router.post("/documents", response={201: CreatedOut, **WRITE_ERRORS})
def document_bulk_create(request: HttpRequest, payload: DocumentsIn) -> Any:
    """Register documents in one transaction: all of them, or none and every fault named "items.N.field".
    A link may name an earlier item of the same request by its number."""
    faults: list[DomainError] = []
    ids: list[int] = []
    with transaction.atomic():
        created: dict[str, Document] = {}
        for index, item in enumerate(payload.items):
            try:
                organization = organization_ref(request, item.organization, "documents.change")
                document = services.document_register(actor=request.user, organization=organization,
                                                      data=_input(request, item, created), reason=payload.reason)
            except NotInScope:
                raise
            except DomainError as error:
                for fault in getattr(error, "errors", None) or [error]:
                    faults.append(DomainError(fault.message, field=f"items.{index}.{fault.field or 'number'}"))
                continue
            created[document.number] = document
            ids.append(document.pk)
        if faults:
            transaction.set_rollback(True)
    if faults:
        raise faults[0] if len(faults) == 1 else Faults(faults)
    return 201, CreatedOut(ids=ids)


@router.post("/documents/{document_id}/links", response={201: LinkOut, **WRITE_ERRORS})
def link_create(request: HttpRequest, document_id: str, payload: LinkCreateIn) -> Any:
    """This document implements / replaces / amends / guides another (id or number); a cycle is refused."""
    source = _document_ref(request, document_id)
    target = _document_ref(request, payload.target)
    link = services.document_link(actor=request.user, source=source, target=target, kind=payload.kind)
    return 201, LinkOut(kind=link.kind, target_id=target.pk, target_number=target.number)


@router.post("/documents/{document_id}/attachments", response={201: AttachmentOut, **WRITE_ERRORS})
def attachment_create(request: HttpRequest, document_id: str, file: File[UploadedFile]) -> Any:
    """Attach a PDF or DOCX file (multipart field "file"): checked by content and size, stored by SHA-256."""
    document = _document_ref(request, document_id)
    attachment = services.attachment_add(actor=request.user, document=document, filename=file.name or "",
                                         content=file.read())
    return 201, AttachmentOut(id=attachment.pk, filename=attachment.filename, size=attachment.size,
                              media_type=attachment.media_type, sha256=attachment.sha256,
                              url=reverse("documents:download", args=[attachment.pk]))


def _tree(nodes: list[queries.TreeNode]) -> list[TreeNodeOut]:
    return [TreeNodeOut(id=n.document.pk, number=n.document.number, issued_on=n.document.issued_on,
                        title=n.document.title, organization_code=n.document.organization.code,
                        children=_tree(n.children)) for n in nodes]


@router.get("/documents/{document_id}/implementation", response={200: ImplementationOut, **READ_ERRORS})
def implementation(request: HttpRequest, document_id: str, period: Query[PeriodQuery]) -> Any:
    """What implements the document, transitively; the organizations under it without an implementing document;
    and the count of implementing documents dated in the period with the year before."""
    document = _document_ref(request, document_id)
    if period.date_from > period.date_to:
        raise DomainError(gettext("The period start must not be after its end."), field="date_from")
    tree = queries.implementation_tree(request.user, document=document)
    missing = queries.organizations_without_implementation(request.user, document=document)
    return ImplementationOut(tree=_tree(tree), organizations_without=[o.code for o in missing],
                             figures=implementing_figures(document, date_from=period.date_from,
                                                          date_to=period.date_to))


__all__ = ["LinkIn", "router"]
