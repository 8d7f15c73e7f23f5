"""The batch's documents in each present-day commune's register: the province's plan received (25 working days
before the batch date), the commune's plan implementing it (15 before) and its report on admissions (3 before),
numbered by the register's proposal. Skipped when already registered (same register, number or title, date)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from documents.models import Document, DocumentType, LinkKind
from documents.numbering import propose_number
from documents.services import DocumentInput, LinkInput, document_register
from members.ruling import Snapshot
from organizations.models import Organization
from restructuring.demo_present.stories import REASON, Unit

PROVINCES = {"TN": "Ban Thường vụ Tỉnh ủy Thái Nguyên", "DB": "Ban Thường vụ Tỉnh ủy Điện Biên"}


def _register(actor: Any, commune: Organization, data: DocumentInput) -> tuple[Document, bool]:
    assert data.issued_on is not None
    existing = Document.objects.filter(organization=commune, direction=data.direction, title=data.title,
                                       issued_on=data.issued_on).first()
    if existing is not None:
        return existing, False
    return document_register(actor=actor, organization=commune, data=data, reason=REASON), True


def load(actor: Any, on: dt.date, units: list[Unit], rules: Snapshot) -> int:
    """Register the batch's documents; returns how many were registered."""
    plan_type = DocumentType.objects.get(code="KH", style="party")
    report_type = DocumentType.objects.get(code="BC", style="party")
    received_on, plan_on, report_on = (rules.add_working_days(on, -days) for days in (25, 15, 3))
    written = 0
    for unit in units:
        commune = Organization.objects.filter(code=unit.code).first()
        if commune is None:
            continue
        topic = f"công tác phát triển đảng viên quý {(on.month - 1) // 3 + 1}/{on.year}"
        province, new = _register(actor, commune, DocumentInput(
            direction="received", number=f"{on.timetuple().tm_yday}-KH/TU", doc_type=plan_type, issued_on=received_on,
            received_on=rules.add_working_days(received_on, 2), title=f"Kế hoạch {topic}",
            issuer_name=PROVINCES[unit.code.split("-")[0]], field="party_building", topics=("xây dựng Đảng",)))
        written += new
        for doc_type, issued_on, title, links in (
            (plan_type, plan_on, f"Kế hoạch thực hiện {topic}", [LinkInput(LinkKind.IMPLEMENTS, province)]),
            (report_type, report_on, f"Báo cáo kết quả {topic}", []),
        ):
            number = propose_number(organization=commune, doc_type=doc_type, on=issued_on)["number"]
            _document, new = _register(actor, commune, DocumentInput(
                direction="issued", number=number, doc_type=doc_type, issued_on=issued_on, title=title,
                issuer_name=f"Ban Chấp hành {commune.name}", field="party_building", topics=("xây dựng Đảng",),
                links=links))
            written += new
    return written
