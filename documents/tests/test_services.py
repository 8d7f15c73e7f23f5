"""Registering documents: numbers checked against type and issuer, the next number within the term (restarting
with a new term, by calendar year where no term is known), duplicates refused, links without cycles, all faults
at once with nothing written, scope."""

from __future__ import annotations

import pytest

from core.errors import DomainError, Faults, NotInScope
from core.models import ChangeRecord
from core.testing import Cast
from documents.models import Document, DocumentLink, LinkKind
from documents.numbering import propose_number
from documents.services import DocumentInput, document_link, document_register
from documents.tests.conftest import D, doc_type, register


def test_a_document_is_registered_with_its_parts_topics_and_change_log(cast: Cast) -> None:
    before = ChangeRecord.objects.count()
    document = register(cast.district_officer, cast.district_a, "05-CT/HU", "CT", D(2019, 3, 1),
                        title="Về đẩy mạnh học tập và làm theo Bác", topics=("dân vận", "Dân vận"))
    assert (document.serial, document.issuer_code, document.numbering_period) == (5, "HU", "year-2019")
    assert list(document.topics.values_list("slug", flat=True)) == ["dan-van"]
    assert "hoc tap va lam theo bac" in document.search_text
    assert ChangeRecord.objects.count() > before


def test_a_number_that_does_not_match_its_type_or_issuer_is_refused_naming_every_field(cast: Cast) -> None:
    data = DocumentInput(direction="issued", number="05-NQ/TU", doc_type=doc_type("CT"), issued_on=D(2019, 3, 1),
                         title="", issuer_code="HU")
    with pytest.raises(Faults) as refused:
        document_register(actor=cast.district_officer, organization=cast.district_a, data=data)
    fields = {e.field for e in refused.value.errors}
    assert {"number", "issuer_code", "title"} <= fields
    assert Document.objects.count() == 0


@pytest.mark.parametrize("number,code,style,field", [
    ("5 CT/HU", "CT", "party", "number"),
    ("05-CT/XYZ", "CT", "party", "issuer_code"),
    ("855/NQ-UBTVQH14", "NQ", "party", "number"),
    ("30/2019/NĐ-CP", "NĐ", "state", "issued_on"),
])
def test_bad_numbers_are_refused(cast: Cast, number: str, code: str, style: str, field: str) -> None:
    with pytest.raises(DomainError) as refused:
        register(cast.root_admin, cast.district_a, number, code, D(2020, 3, 5), style=style, direction="received")
    assert field in {getattr(e, "field", None) for e in getattr(refused.value, "errors", [refused.value])}
    assert not Document.objects.exists()


def test_a_law_number_without_type_code_is_accepted_for_a_law(cast: Cast) -> None:
    law = register(cast.root_admin, cast.province, "22/2003/QH11", "L", D(2003, 11, 26), style="state",
                   direction="received")
    assert law.number_year == 2003 and law.issuer_code == "QH11"


def test_numbering_restarts_with_a_new_term_and_duplicates_are_refused(cast: Cast, term_2020: object) -> None:
    actor, district, plan = cast.district_officer, cast.district_a, doc_type("KH")
    register(actor, district, "01-KH/HU", "KH", D(2020, 2, 1))
    register(actor, district, "02-KH/HU", "KH", D(2020, 5, 1))
    assert propose_number(organization=district, doc_type=plan, on=D(2020, 6, 1))["number"] == "03-KH/HU"
    proposal = propose_number(organization=district, doc_type=plan, on=D(2020, 8, 1))
    assert proposal["number"] == "01-KH/HU" and proposal["term"] == term_2020 and not proposal["by_year"]
    first_of_term = register(actor, district, "01-KH/HU", "KH", D(2020, 8, 1))
    assert first_of_term.term == term_2020
    with pytest.raises(DomainError) as refused:
        register(actor, district, "01-KH/HU", "KH", D(2021, 1, 5))
    assert refused.value.field == "number"
    # The same number in the same year before the term: refused too.
    with pytest.raises(DomainError):
        register(actor, district, "02-KH/HU", "KH", D(2020, 6, 30))
    assert propose_number(organization=district, doc_type=plan, on=D(2021, 3, 1))["number"] == "02-KH/HU"
    # Where no term is known, numbering goes by calendar year.
    commune = propose_number(organization=cast.commune_a1, doc_type=plan, on=D(2021, 3, 1))
    assert commune["by_year"] and commune["number"] == "01-KH/ĐU"


def test_links_refuse_cycles_also_through_copies_in_other_registers(cast: Cast) -> None:
    actor = cast.province_officer
    directive = register(actor, cast.province, "05-CT/TW", "CT", D(2016, 5, 15), direction="received")
    programme = register(actor, cast.district_a, "11-CTr/HU", "CTr", D(2016, 8, 1),
                         links=((LinkKind.IMPLEMENTS, directive),))
    copy = register(actor, cast.commune_a1, "11-CTr/HU", "CTr", D(2016, 8, 1), direction="received")
    plan = register(actor, cast.commune_a1, "03-KH/ĐU", "KH", D(2016, 9, 1), links=((LinkKind.IMPLEMENTS, copy),))
    with pytest.raises(DomainError) as refused:
        document_link(actor=actor, source=directive, target=plan, kind=LinkKind.GUIDES)
    assert "cycle" in str(refused.value.message) or "vòng" in str(refused.value.message)
    with pytest.raises(DomainError):
        document_link(actor=actor, source=programme, target=programme, kind=LinkKind.AMENDS)
    with pytest.raises(DomainError):
        document_link(actor=actor, source=programme, target=directive, kind=LinkKind.IMPLEMENTS)
    assert DocumentLink.objects.count() == 2


def test_out_of_scope_organization_or_target_answers_as_missing(cast: Cast) -> None:
    theirs = register(cast.root_admin, cast.district_b, "01-NQ/HU", "NQ", D(2021, 1, 4))
    with pytest.raises(NotInScope):
        register(cast.outsider, cast.district_a, "02-NQ/HU", "NQ", D(2021, 1, 4))
    mine = register(cast.district_officer, cast.district_a, "02-NQ/HU", "NQ", D(2021, 1, 4))
    with pytest.raises(NotInScope):
        document_link(actor=cast.district_officer, source=mine, target=theirs, kind=LinkKind.IMPLEMENTS)
    with pytest.raises(NotInScope):
        register(cast.member, cast.district_a, "03-NQ/HU", "NQ", D(2021, 1, 4))
