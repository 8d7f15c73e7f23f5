"""New-rural statuses and OCOP registrations: the summaries under the tree of the year, a criterion of another
version of the set refused, stars outside the bands refused, nothing written."""

from __future__ import annotations

import pytest
from django.utils import translation

from core.errors import DomainError
from core.models import ChangeRecord
from core.testing import Cast
from organizations.models import CoveredUnit, CoveredUnitKind
from organizations.services import covered_unit_create
from targets.newrural.models import CommuneCriterionStatus, CriteriaSet
from targets.newrural.queries import criteria_set_for, grid, villages
from targets.newrural.services import commune_statuses_record, village_status_record
from targets.ocop.models import OcopProduct
from targets.ocop.queries import counts
from targets.ocop.services import ocop_product_register

pytestmark = pytest.mark.django_db


def test_commune_bands_and_village_share(cast: Cast) -> None:
    criteria_set = criteria_set_for(2022)
    assert criteria_set is not None and criteria_set.code == "ntm-xa-2021-2025"
    criteria = list(criteria_set.criteria.all())
    assert len(criteria) == 19
    commune_statuses_record(actor=cast.district_officer, organization=cast.commune_a1, year=2022,
                            met=dict.fromkeys(criteria, True))
    commune_statuses_record(actor=cast.district_officer, organization=cast.commune_a2, year=2022,
                            met={c: c.number <= 12 for c in criteria})
    # a correction: commune A2 meets criterion 13 after all (the latest status counts)
    commune_statuses_record(actor=cast.district_officer, organization=cast.commune_a2, year=2022,
                            met={criteria[12]: True})
    found = grid(cast.district_a, year=2022)
    with translation.override("vi"):
        assert found.summary() == "01 xã đạt 19/19 tiêu chí; 01 xã đạt 10–14 tiêu chí"
    assert [row["met"] for row in found.table] == [19, 13]
    village = CoveredUnitKind.objects.get(code="village")
    units = [covered_unit_create(actor=cast.root_admin, code=f"V{i}", name=f"Thôn {i}", kind=village,
                                 territory=cast.commune_a1, reason="test") for i in range(3)]
    for index, unit in enumerate(units):
        village_status_record(actor=cast.district_officer, village=unit, year=2022, met=index == 0)
    assert villages(cast.district_a, year=2022) == (1, 3)
    assert villages(cast.district_b, year=2022) == (0, 0)
    # a village recorded under the commune it belonged to that year, wherever its territory lies today
    elsewhere = covered_unit_create(actor=cast.root_admin, code="VB", name="Bản Khác", kind=village,
                                    territory=cast.commune_b1, reason="test")
    village_status_record(actor=cast.root_admin, village=elsewhere, year=2022, met=True,
                          organization=cast.commune_a2)
    assert villages(cast.district_a, year=2022) == (2, 4) and villages(cast.district_b, year=2022) == (0, 0)
    assert CoveredUnit.objects.count() == 4


def test_a_criterion_of_another_version_is_refused(cast: Cast) -> None:
    old = CriteriaSet.objects.get(code="ntm-xa-2016-2020")
    before = ChangeRecord.objects.count()
    with translation.override("vi"), pytest.raises(DomainError) as refused:
        commune_statuses_record(actor=cast.district_officer, organization=cast.commune_a1, year=2022,
                                met={old.criteria.get(number=1): True})
    assert refused.value.field == "criterion"
    assert "không áp dụng cho năm 2022" in str(refused.value.message)
    assert not CommuneCriterionStatus.objects.exists() and ChangeRecord.objects.count() == before


def test_ocop_counts_and_star_bands(cast: Cast) -> None:
    ocop_product_register(actor=cast.district_officer, organization=cast.commune_a1, name="Miến dong",
                          producer="HTX Tài Hoan", year=2020, registration="upgrade", stars=4, proposed_stars=5,
                          score=85, export_markets="Châu Âu")
    ocop_product_register(actor=cast.district_officer, organization=cast.commune_a2, name="Bánh gio",
                          producer="Hộ Yến Lạc", year=2020, registration="new")
    with translation.override("vi"):
        assert counts(cast.district_a, year=2020).text == (
            "02 sản phẩm đăng ký, trong đó 1 nâng hạng, 1 mới; 01 sản phẩm đề nghị nâng từ 4 sao lên 5 sao")
        with pytest.raises(DomainError) as refused:
            ocop_product_register(actor=cast.district_officer, organization=cast.commune_a1, name="Chè",
                                  producer="HTX", year=2020, registration="upgrade", stars=6, proposed_stars=7)
        assert [e.field for e in refused.value.errors] == ["stars", "proposed_stars", "stars"]  # type: ignore[attr-defined]
        with pytest.raises(DomainError) as refused:
            ocop_product_register(actor=cast.district_officer, organization=cast.commune_a1, name="Chè",
                                  producer="HTX", year=2020, registration="upgrade", stars=3, score=95)
        assert refused.value.field == "score" and "hạng 3 sao" in str(refused.value.message)
    assert OcopProduct.objects.count() == 2
    assert counts(cast.district_b, year=2020).registered == 0


def test_newrural_and_ocop_figures_count_with_a_fixed_number_of_queries(
        cast: Cast) -> None:
    import datetime as dt

    from core.figures import FigureRequest
    from targets.figures import newrural_figures, ocop_figures

    criteria = list(criteria_set_for(2022).criteria.all())  # type: ignore[union-attr]
    request = FigureRequest(cast.district_a, dt.date(2022, 1, 1), dt.date(2022, 12, 31), dt.date(2022, 12, 31))

    def queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            newrural_figures(request)
            ocop_figures(request)
        return len(captured)

    empty = queries()
    for commune in (cast.commune_a1, cast.commune_a2):
        commune_statuses_record(actor=cast.district_officer, organization=commune, year=2022,
                                met=dict.fromkeys(criteria, True))
        ocop_product_register(actor=cast.district_officer, organization=commune, name="Chè", producer="HTX",
                              year=2022, registration="new")
    assert queries() == empty
