"""Fixtures of the register tests: the cast's tree, document types by code, a term of district A from 2020."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from committees.services import term_open_by_appointment
from core.decisions import Decision
from core.testing import Cast
from documents.models import DocumentType
from documents.services import DocumentInput, FileInput, LinkInput, document_register

D = dt.date


def doc_type(code: str, style: str = "party") -> DocumentType:
    return DocumentType.objects.get(code=code, style=style)


def register(actor: Any, organization: Any, number: str, code: str, on: dt.date, *, title: str = "Văn bản thử",
             direction: str = "issued", style: str = "party", issuer: str = "", files: tuple = (),
             links: tuple = (), topics: tuple = (), summary: str = "", field: str = "other") -> Any:
    data = DocumentInput(direction=direction, number=number, doc_type=doc_type(code, style), issued_on=on,
                         title=title, issuer_code=issuer, summary=summary, topics=topics, field=field,
                         files=[FileInput(name, content) for name, content in files],
                         links=[LinkInput(kind, target) for kind, target in links])
    return document_register(actor=actor, organization=organization, data=data)


@pytest.fixture
def term_2020(cast: Cast) -> Any:
    """District A's committee appointed from 16/07/2020 (no seats): its numbering restarts then."""
    return term_open_by_appointment(actor=cast.root_admin, organization=cast.district_a, starts_on=D(2020, 7, 16),
                                    appointed_by=cast.province, seats=[],
                                    decision=Decision("12-QĐ/TU", D(2020, 7, 10), "Tỉnh ủy"))
