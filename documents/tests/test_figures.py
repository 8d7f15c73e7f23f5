"""Register figures checked against hand counts on records of their own (not the demo's): by type, issuer and
topic, under the tree of each document's date (a commune moved between districts mid-year counts where it stood),
with the same period a year before and the change; implementing documents counted transitively."""

from __future__ import annotations

from core.testing import DECISION, Cast
from documents.figures import document_figures, implementing, implementing_figures
from documents.models import LinkKind
from documents.tests.conftest import D, register
from organizations.services import organization_move


def _world(cast: Cast) -> dict:
    a = cast.root_admin
    directive = register(a, cast.province, "05-CT/TW", "CT", D(2016, 5, 15), direction="received")
    programme = register(a, cast.district_a, "11-CTr/HU", "CTr", D(2021, 2, 1), topics=("dân vận",),
                         links=((LinkKind.IMPLEMENTS, directive),))
    register(a, cast.district_a, "12-NQ/HU", "NQ", D(2021, 3, 1))
    register(a, cast.district_a, "13-KH/HU", "KH", D(2021, 4, 1), topics=("dân vận", "tuyên giáo"))
    plan = register(a, cast.commune_a1, "01-KH/ĐU", "KH", D(2021, 5, 1), links=((LinkKind.IMPLEMENTS, programme),))
    register(a, cast.commune_a1, "02-KH/ĐU", "KH", D(2022, 1, 2), links=((LinkKind.IMPLEMENTS, plan),))
    register(a, cast.district_a, "01-KH/HU", "KH", D(2020, 6, 1))  # the year before
    register(a, cast.district_a, "02-NQ/HU", "NQ", D(2020, 7, 1))
    register(a, cast.district_a, "03-NQ/HU", "NQ", D(2020, 8, 1))
    register(a, cast.district_a, "20-CV/HU", "CV", D(2021, 6, 1), direction="received")
    register(a, cast.district_b, "01-NQ/HU", "NQ", D(2021, 3, 1))  # another district: not counted for A
    # Commune B1 moves from district B to district A on 1/7/2021: its documents count where it stood on their date.
    register(a, cast.commune_b1, "01-TB/ĐU", "TB", D(2021, 6, 15))
    organization_move(actor=a, organization=cast.commune_b1, new_parent=cast.district_a, effective_on=D(2021, 7, 1),
                      decision=DECISION)
    register(a, cast.commune_b1, "02-TB/ĐU", "TB", D(2021, 8, 15))
    return {"directive": directive, "programme": programme, "plan": plan}


def test_documents_issued_by_type_issuer_and_topic_with_the_year_before(cast: Cast) -> None:
    _world(cast)
    figures = document_figures(cast.district_a, date_from=D(2021, 1, 1), date_to=D(2021, 12, 31))
    # 2021 under A on their dates: 11-CTr, 12-NQ, 13-KH (district), 01-KH (commune A1), 02-TB (B1 after the move).
    assert figures["issued_total"] == 5
    assert (figures["issued_total_previous"], figures["issued_total_change"]) == (3, 2)
    assert figures["issued_type_KH"] == 2 and figures["issued_type_KH_previous"] == 1
    assert figures["issued_type_NQ"] == 1 and figures["issued_type_NQ_previous"] == 2
    assert figures["issued_type_NQ_change"] == -1
    assert figures["issued_type_TB"] == 1 and figures["issued_type_CTr"] == 1
    assert figures["issued_issuer_HU"] == 3 and figures["issued_issuer_ĐU"] == 2
    assert figures["issued_topic_dan-van"] == 2 and figures["issued_topic_tuyen-giao"] == 1
    assert figures["received_total"] == 1
    district_b = document_figures(cast.district_b, date_from=D(2021, 1, 1), date_to=D(2021, 12, 31))
    assert district_b["issued_total"] == 2  # its resolution and B1's notice of June


def test_documents_implementing_a_resolution_transitively(cast: Cast) -> None:
    world = _world(cast)
    assert implementing(world["directive"], date_from=D(2021, 1, 1), date_to=D(2021, 12, 31)) == 2
    assert implementing(world["directive"], date_from=D(2016, 1, 1), date_to=D(2030, 12, 31)) == 3
    figures = implementing_figures(world["programme"], date_from=D(2022, 1, 1), date_to=D(2022, 12, 31))
    assert (figures["implementing"], figures["implementing_previous"], figures["implementing_change"]) == (1, 1, 0)
