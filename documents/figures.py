"""Register figures of an organization subtree for a period, each with the same period a year before and the change.

A document counts when it is in the register of an organization that stood, on the document's date, under the
organization (the tree of that date, OrganizationVersion). Issued documents are counted in total, by type code,
by issuer code and by topic; received documents in total. Every key K comes with K_previous (the same dates a
year before) and K_change (K - K_previous). Keys are documented in docs/figures.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.dates import year_before
from core.figures import (
    FigureRequest,
    RecordRow,
    Records,
    labels_with_previous,
    register,
    register_labels,
    register_records,
    with_previous,
)
from documents.models import Direction, Document, DocumentLink, LinkKind
from documents.reference import DOCUMENT_TYPES, PARTY
from organizations.models import Organization, OrganizationVersion


def under_on_date(queryset: QuerySet[Any], organization: Organization, *, date_field: str,
                  date_from: dt.date, date_to: dt.date) -> QuerySet[Any]:
    """Rows dated in the period whose organization stood, on the row's date, under the organization."""
    paths = list(OrganizationVersion.objects.filter(organization=organization, valid_from__lte=date_to)
                 .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=date_from)).values_list("path", flat=True)
                 .distinct())
    if not paths or date_to < date_from:
        return queryset.none()
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    versions = (OrganizationVersion.objects.filter(organization=OuterRef("organization"),
                                                   valid_from__lte=OuterRef(date_field))
                .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=OuterRef(date_field))).filter(condition))
    return queryset.filter(**{f"{date_field}__gte": date_from, f"{date_field}__lte": date_to}).filter(
        Exists(versions))


def documents_in_period(organization: Organization, *, date_from: dt.date, date_to: dt.date) -> QuerySet[Document]:
    """The documents of the registers then under the organization, dated in the period (what the keys count)."""
    return under_on_date(Document.objects.all(), organization, date_field="issued_on", date_from=date_from,
                         date_to=date_to)


def _counts(organization: Organization, date_from: dt.date, date_to: dt.date) -> dict[str, int]:
    documents = documents_in_period(organization, date_from=date_from, date_to=date_to)
    counts: dict[str, int] = {}
    issued = documents.filter(direction=Direction.ISSUED)
    counts["issued_total"] = issued.count()
    counts["received_total"] = documents.filter(direction=Direction.RECEIVED).count()
    for code, total in issued.values("doc_type__code").annotate(n=Count("id")).values_list("doc_type__code", "n"):
        counts[f"issued_type_{code}"] = counts.get(f"issued_type_{code}", 0) + total
    for code, total in issued.values("issuer_code").annotate(n=Count("id")).values_list("issuer_code", "n"):
        counts[f"issued_issuer_{code}"] = total
    tagged = issued.filter(topics__isnull=False).values("topics__slug").annotate(n=Count("id", distinct=True))
    for slug, total in tagged.values_list("topics__slug", "n"):
        counts[f"issued_topic_{slug}"] = total
    return counts


def document_figures(organization: Organization, *, date_from: dt.date, date_to: dt.date) -> dict[str, int]:
    current = _counts(organization, date_from, date_to)
    previous = _counts(organization, year_before(date_from), year_before(date_to))
    for key in ("issued_total", "received_total"):
        current.setdefault(key, 0)
    return with_previous(current, previous)


def implementing(document: Document, *, date_from: dt.date, date_to: dt.date) -> int:
    """Documents (issued, in any register) implementing the document transitively, dated in the period.

    The transitive closure ignores dates and scope (figures count records); copies of one document in several
    registers count once (by number and date)."""
    seen = {(document.number, document.issued_on)}
    frontier = set(seen)
    counted: set[tuple[str, dt.date]] = set()
    while frontier:
        condition = Q(pk__in=[])
        for number, issued_on in frontier:
            condition |= Q(target__number=number, target__issued_on=issued_on)
        rows = set(DocumentLink.objects.filter(condition, kind=LinkKind.IMPLEMENTS)
                   .values_list("source__number", "source__issued_on"))
        frontier = rows - seen
        seen |= frontier
        counted |= {key for key in frontier if date_from <= key[1] <= date_to}
    return len(counted)


def implementing_figures(document: Document, *, date_from: dt.date, date_to: dt.date) -> dict[str, int]:
    current = {"implementing": implementing(document, date_from=date_from, date_to=date_to)}
    previous = {"implementing": implementing(document, date_from=year_before(date_from),
                                             date_to=year_before(date_to))}
    return with_previous(current, previous)


@register("documents")
def documents_contribution(request: FigureRequest) -> dict[str, Any]:
    """The "documents" namespace of the figures service (docs/figures.md)."""
    return document_figures(request.organization, date_from=request.date_from, date_to=request.date_to)


_LABELS: dict[str, Any] = {
    "issued_total": _("Documents issued"),
    "received_total": _("Documents received"),
}
for _style, _code, _name, _en, *_rest in DOCUMENT_TYPES:
    if _style == PARTY:
        _LABELS[f"issued_type_{_code}"] = f"{_code}"
register_labels("documents", _("Documents"), labels_with_previous(_LABELS))


# The records behind the keys (core.figures.records): the documents they count; `K_previous` lists those of the
# same dates a year before; `K_change` (a difference) has none.
def _documents(request: FigureRequest, key: str) -> QuerySet[Document]:
    date_from, date_to = request.date_from, request.date_to
    if key.endswith("_previous"):
        key, date_from, date_to = key.removesuffix("_previous"), year_before(date_from), year_before(date_to)
    documents = documents_in_period(request.organization, date_from=date_from, date_to=date_to)
    if key == "received_total":
        documents = documents.filter(direction=Direction.RECEIVED)
    else:
        documents = documents.filter(direction=Direction.ISSUED)
        for prefix, field in (("issued_type_", "doc_type__code"), ("issued_issuer_", "issuer_code"),
                              ("issued_topic_", "topics__slug")):
            if key.startswith(prefix):
                documents = documents.filter(**{field: key.removeprefix(prefix)})
    return documents.select_related("organization", "doc_type").order_by("issued_on", "id")


def _describe_document(document: Document) -> RecordRow:
    return RecordRow(text=f"{document.number} · {document.title}",
                     url=reverse("documents:detail", args=[document.pk]), on=document.issued_on,
                     detail=f"{document.doc_type.code} · {document.organization.name}")


def _not_a_change(key: str) -> bool:
    return not key.endswith("_change")


_RECORDS = Records(rows=_documents, describe=_describe_document, permission="documents.view", matches=_not_a_change)
register_records("documents", dict.fromkeys(("issued_total", "received_total", "issued_total_previous",
                                             "received_total_previous"), _RECORDS),
                 prefixes=dict.fromkeys(("issued_type_", "issued_issuer_", "issued_topic_"), _RECORDS))
