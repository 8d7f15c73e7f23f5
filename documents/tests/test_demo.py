"""The demo's register and mass mobilisation of Na Rì: the documents the seed cites with their implementing
documents, a year (2021) of the district committee's documents numbered within its 2020–2025 term, a year of
dialogues and models; the figures stated in docs/documents.md; loading again changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from accounts.models import User
from documents import demo as documents_demo
from documents.figures import document_figures, implementing_figures
from documents.models import Document, DocumentLink
from documents.queries import implementation_tree, organizations_without_implementation, tree_documents
from mobilisation import demo as mobilisation_demo
from mobilisation.figures import mobilisation_figures
from mobilisation.models import Dialogue, MobilisationModel
from organizations.models import Organization

D = dt.date
pytestmark = pytest.mark.django_db


def test_demo_documents_and_mobilisation(demo_loaded: None) -> None:
    admin = User.objects.get(username="admin")
    # The demo's present (docs/demo.md) registers its own documents and dialogues in today's communes: counted apart.
    historic = Document.objects.exclude(organization__code__in=["TN-NARI", "TN-TRANPHU", "DB-DBH-NT"])

    def counts_now() -> tuple[int, ...]:
        return (historic.count(), DocumentLink.objects.filter(source__in=historic).count(),
                Dialogue.objects.filter(held_on__lt=D(2025, 7, 1)).count(), MobilisationModel.objects.count())

    counts = counts_now()
    assert counts == (42, 14, 14, 16)
    documents_demo.load(admin)
    mobilisation_demo.load(admin)
    assert counts_now() == counts

    na_ri = Organization.objects.get(code="BK-NR")
    year = document_figures(na_ri, date_from=D(2021, 1, 1), date_to=D(2021, 12, 31))
    assert (year["issued_total"], year["issued_total_previous"], year["issued_total_change"]) == (24, 7, 17)
    assert (year["issued_type_KH"], year["issued_type_NQ"], year["issued_type_BC"], year["issued_topic_dan-van"]) \
        == (7, 2, 4, 7)
    first_plan = Document.objects.get(organization=na_ri, issued_on=D(2021, 1, 20))
    assert first_plan.number == "01-KH/HU" and first_plan.term is not None  # numbering restarted with the term

    directive = Document.objects.get(organization=na_ri, number="05-CT/TW")
    assert [d.number for d in tree_documents(implementation_tree(admin, document=directive))] == [
        "04-KH/HU", "45-KH/HU", "12-KH/HU", "07-KH/ĐU", "05-KH/ĐU"]
    assert organizations_without_implementation(admin, document=directive).filter(code="BK-NR-KL").count() == 0
    assert implementing_figures(directive, date_from=D(2016, 1, 1), date_to=D(2021, 12, 31))["implementing"] == 5
    resolution = Document.objects.get(organization=na_ri, number="855/NQ-UBTVQH14")
    assert implementing_figures(resolution, date_from=D(2020, 1, 1), date_to=D(2020, 12, 31))["implementing"] == 6

    mobilisation = mobilisation_figures(na_ri, date_from=D(2021, 1, 1), date_to=D(2021, 12, 31))
    assert (mobilisation["dialogues_total"], mobilisation["dialogues_periodic"], mobilisation["dialogues_ad_hoc"],
            mobilisation["dialogues_total_previous"]) == (10, 8, 2, 4)
    assert (mobilisation["models_total"], mobilisation["models_dan_van_kheo"], mobilisation["models_economic"],
            mobilisation["models_social"], mobilisation["models_total_previous"]) == (11, 7, 2, 2, 5)
    assert (mobilisation["follow_ups"], mobilisation["follow_ups_done"]) == (9, 6)
