"""Numbers of the register: a number checked against its type and issuer (data), and the next number proposed.

Party documents are numbered from 01 for each type within the issuer's committee term (Hướng dẫn 36-HD/VPTW:
a term runs from the day after its congress closes). Terms come from the committees app (the term in force
on the document's date); where no term is recorded for the organization on that date, numbering restarts
each calendar year instead, and the register says so ("year-2020").
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Max, Q
from django.utils.translation import gettext as _

from committees.models import Term
from core.decisions import PARTY, DocumentNumber, parse_document_number
from documents.models import Direction, Document, DocumentType, IssuerCode
from documents.reference import ISSUER_BY_KIND
from organizations.models import Organization


def term_on(organization: Organization, on: dt.date) -> Term | None:
    """The organization's committee term in force on `on`, if recorded."""
    return (Term.objects.filter(organization=organization, starts_on__lte=on)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on)).order_by("-starts_on").first())


def numbering_period(organization: Organization, on: dt.date, *, direction: str) -> tuple[Term | None, str]:
    """(term, key) of the numbering an issued document falls in; received ones by the year of their date."""
    if direction == Direction.ISSUED:
        term = term_on(organization, on)
        if term is not None:
            return term, f"term-{term.pk}"
    return None, f"year-{on.year}"


def default_issuer_code(organization: Organization) -> str:
    return ISSUER_BY_KIND.get(organization.kind.code, "ĐU")


def format_number(doc_type: DocumentType, serial: int, issuer_code: str, *, year: int | None = None) -> str:
    if doc_type.style == PARTY:
        return f"{serial:02d}-{doc_type.code}/{issuer_code}"
    return f"{serial}/{year}/{doc_type.code}-{issuer_code}" if year else f"{serial}/{doc_type.code}-{issuer_code}"


def propose_number(*, organization: Organization, doc_type: DocumentType, issuer_code: str = "",
                   on: dt.date) -> dict[str, Any]:
    """The next number of this type and issuer code in the organization's numbering period on `on`."""
    issuer_code = issuer_code or default_issuer_code(organization)
    term, period = numbering_period(organization, on, direction=Direction.ISSUED)
    last = Document.objects.filter(
        organization=organization, direction=Direction.ISSUED, doc_type=doc_type, issuer_code=issuer_code,
        numbering_period=period,
    ).aggregate(last=Max("serial"))["last"] or 0
    return {"number": format_number(doc_type, last + 1, issuer_code), "serial": last + 1, "period": period,
            "term": term, "by_year": term is None}


def _type_matches(parsed: DocumentNumber, doc_type: DocumentType, on: dt.date | None) -> bool:
    if parsed.type_code == doc_type.code or (parsed.type_code == "" and doc_type.may_omit_code):
        return True
    return bool(doc_type.former_code and parsed.type_code == doc_type.former_code and on is not None
                and doc_type.former_until is not None and on < doc_type.former_until)


def check_number(number: str, doc_type: DocumentType | None, issuer_code: str,
                 on: dt.date | None = None) -> tuple[DocumentNumber | None, list[tuple[str, str]]]:
    """The parsed number and the faults (message, field) of a number against its type and issuer code."""
    parsed = parse_document_number(number)
    if parsed is None:
        return None, [(_("The number “%(number)s” cannot be read: write it as 05-CT/TW (Party) or 855/NQ-UBTVQH14, "
                         "30/2020/NĐ-CP, 22/2003/QH11 (State).") % {"number": number[:80]}, "number")]
    faults: list[tuple[str, str]] = []
    if doc_type is not None:
        if parsed.style != doc_type.style:
            faults.append((_("The number is written in the other numbering style than the type “%(type)s”.")
                           % {"type": doc_type.name}, "number"))
        elif not _type_matches(parsed, doc_type, on):
            faults.append((_("The number's type code “%(code)s” does not match the type “%(type)s” (%(expected)s).")
                           % {"code": parsed.type_code or "—", "type": doc_type.name, "expected": doc_type.code},
                           "number"))
    if issuer_code and parsed.issuer_code != issuer_code:
        faults.append((_("The number's issuer “%(code)s” does not match the issuer code “%(expected)s”.")
                       % {"code": parsed.issuer_code, "expected": issuer_code}, "issuer_code"))
    if not IssuerCode.objects.filter(style=parsed.style, code=parsed.issuer_base).exists():
        faults.append((_("The issuer code “%(code)s” is not in the list of issuer codes; an administrator can add "
                         "it.") % {"code": parsed.issuer_base}, "issuer_code"))
    return parsed, faults
