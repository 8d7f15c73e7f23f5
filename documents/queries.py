"""Reads of the register, always through core.scope.

Public names other apps build on: `documents_of_organization` (an organization's register), `document_get`,
`documents_visible`, `search`, `implementation_tree`, `organizations_without_implementation`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from core.scope import VIEW, covers, get_in_scope, restrict
from core.text import fold
from documents.models import Attachment, Document, DocumentLink, DocumentType, IssuerCode, LinkKind, Topic
from organizations.models import Organization

VIEW_PERMISSION = "documents.view"
CHANGE_PERMISSION = "documents.change"
MAX_TREE_NODES = 2000
MISSING_KINDS_EXCLUDED = ("cell", "sub-committee")  # the plan is expected of committees down to grassroots level


def documents_visible(user: Any, action: str = VIEW) -> QuerySet[Document]:
    return restrict(Document.objects.select_related("doc_type", "organization"), user, f"documents.{action}")


def document_get(user: Any, *, pk: Any, action: str = VIEW) -> Document:
    return get_in_scope(Document.objects.select_related("doc_type", "organization", "term"), user,
                        f"documents.{action}", pk=pk)


def documents_of_organization(user: Any, *, organization: Organization, direction: str = "") -> QuerySet[Document]:
    """The documents in the organization's own register (issued by it or received by it), in the user's scope."""
    documents = documents_visible(user).filter(organization=organization)
    return documents.filter(direction=direction) if direction else documents


def can_change(user: Any, organization: Organization) -> bool:
    return covers(user, organization, CHANGE_PERMISSION)


def search(documents: QuerySet[Document], text: str) -> QuerySet[Document]:
    """Documents whose number, title, summary or attached text hold every word, without diacritics or case."""
    for word in fold(text).split()[:8]:
        documents = documents.filter(search_text__contains=word[:100])
    return documents


def filtered(user: Any, *, text: str = "", organization: Organization | None = None, direction: str = "",
             doc_type: DocumentType | None = None, topic: Topic | None = None, year: int | None = None,
             field_code: str = "") -> QuerySet[Document]:
    documents = documents_visible(user)
    if organization is not None:
        documents = documents.filter(organization__path__startswith=organization.path)
    if direction:
        documents = documents.filter(direction=direction)
    if doc_type is not None:
        documents = documents.filter(doc_type=doc_type)
    if topic is not None:
        documents = documents.filter(topics=topic)
    if year:
        documents = documents.filter(issued_on__year=year)
    if field_code:
        documents = documents.filter(field=field_code)
    if text:
        documents = search(documents, text)
    return documents


def attachment_get(user: Any, *, pk: Any) -> Attachment:
    return get_in_scope(Attachment.objects.select_related("document"), user, VIEW_PERMISSION, pk=pk)


def links_of(user: Any, *, document: Document) -> dict[str, list[DocumentLink]]:
    """Links out of and into the document (its copies in other registers included), in the user's scope."""
    visible = documents_visible(user).values("pk")
    out = (DocumentLink.objects.filter(source=document, target__in=visible)
           .select_related("target", "target__organization"))
    into = (DocumentLink.objects.filter(target__number=document.number, target__issued_on=document.issued_on,
                                        source__in=visible).select_related("source", "source__organization"))
    return {"out": list(out), "in": list(into)}


def copies_of(user: Any, *, document: Document) -> QuerySet[Document]:
    """The same document in other registers (same number and date)."""
    return documents_visible(user).filter(number=document.number, issued_on=document.issued_on).exclude(pk=document.pk)


@dataclass
class TreeNode:
    document: Document
    children: list[TreeNode] = field(default_factory=list)


def implementation_tree(user: Any, *, document: Document, until: dt.date | None = None) -> list[TreeNode]:
    """Everything that implements the document, transitively, across levels and registers (one query a level).

    A document and its copies in other registers (same number and date) are one node; only documents in the
    user's scope are shown. `until` keeps the documents dated up to that day.
    """
    visible = documents_visible(user)
    if until is not None:
        visible = visible.filter(issued_on__lte=until)
    seen = {(document.number, document.issued_on)}
    roots: list[TreeNode] = []
    level: list[tuple[TreeNode | None, Document]] = [(None, document)]
    count = 0
    while level and count < MAX_TREE_NODES:
        keys = Q(pk__in=[])
        for _parent, doc in level:
            keys |= Q(links_out__kind=LinkKind.IMPLEMENTS, links_out__target__number=doc.number,
                      links_out__target__issued_on=doc.issued_on)
        rows = list(visible.filter(keys).distinct().prefetch_related("links_out__target")
                    .order_by("issued_on", "number"))
        next_level: list[tuple[TreeNode | None, Document]] = []
        by_key = {(doc.number, doc.issued_on): parent for parent, doc in level}
        for row in rows:
            key = (row.number, row.issued_on)
            if key in seen:
                continue
            seen.add(key)
            parent_node: TreeNode | None = None
            for link in row.links_out.all():
                target_key = (link.target.number, link.target.issued_on)
                if link.kind == LinkKind.IMPLEMENTS and target_key in by_key:
                    parent_node = by_key[target_key]
                    break
            node = TreeNode(row)
            (parent_node.children if parent_node else roots).append(node)
            next_level.append((node, row))
            count += 1
        level = next_level
    return roots


def tree_documents(nodes: list[TreeNode]) -> list[Document]:
    found: list[Document] = []
    stack = list(nodes)
    while stack:
        node = stack.pop()
        found.append(node.document)
        stack.extend(node.children)
    return found


def organizations_without_implementation(user: Any, *, document: Document,
                                         on: dt.date | None = None) -> QuerySet[Organization]:
    """Active organizations under the document's register (down to grassroots level, in the user's scope) that
    issued no document implementing it, directly or through an implementing document of theirs."""
    on = on or timezone.localdate()
    implementing = tree_documents(implementation_tree(user, document=document))
    done = {d.organization_id for d in implementing}
    organizations = restrict(Organization.objects.all(), user, VIEW_PERMISSION, via="path")
    return (organizations.filter(path__startswith=document.organization.path, established_on__lte=on)
            .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=on))
            .exclude(pk=document.organization_id).exclude(pk__in=done)
            .exclude(kind__code__in=MISSING_KINDS_EXCLUDED).select_related("kind").order_by("path"))


def types() -> QuerySet[DocumentType]:
    return DocumentType.objects.all()


def issuer_codes() -> QuerySet[IssuerCode]:
    return IssuerCode.objects.all()


def topics() -> QuerySet[Topic]:
    return Topic.objects.all()
