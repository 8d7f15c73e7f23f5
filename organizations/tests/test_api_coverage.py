"""Issue 7 §7 and §5 through the API: organizations found by code, covered units filtered by an organization's whole
subtree (a district) and by code, dated coverage and unit events, every fault of a request at once."""

from __future__ import annotations

import datetime as dt

import pytest

from core.testing import Cast
from core.testing_api import call
from organizations.models import Coverage, CoveredUnit, CoveredUnitKind, UnitEvent
from organizations.services import covered_unit_create

pytestmark = pytest.mark.django_db

DECISION = {"number": "12/NQ-HĐND", "date": "2020-01-15", "issuer": "Hội đồng nhân dân tỉnh"}


@pytest.fixture
def units(cast: Cast) -> list[CoveredUnit]:
    village = CoveredUnitKind.objects.get(code="village")
    return [covered_unit_create(actor=cast.root_admin, code=code, name=name, kind=village, territory=territory,
                                covered_by=cell, established_on=dt.date(2015, 2, 1))
            for code, name, territory, cell in [("V-NR", "Bản Nà Rì", cast.commune_a1, cast.cell_a1a),
                                                ("V-KH", "Bản Khuổi Hỏm", cast.commune_a1, cast.cell_a1b),
                                                ("V-HB", "Bản Hòa Bình", cast.commune_a2, None),
                                                ("V-LH", "Bản Lương Hạ", cast.commune_b1, None)]]


def _get(cast: Cast, url: str, user=None) -> object:
    response = call("GET", url, user=user or cast.province_officer)
    assert response.status_code == 200, response.content
    return response.json()


def test_organizations_are_found_by_code(cast: Cast) -> None:
    found = _get(cast, "/organizations?q=T-A-1")
    assert sorted(o["code"] for o in found["items"]) == ["T-A-1", "T-A-1-a", "T-A-1-b"]
    assert [o["code"] for o in _get(cast, "/organizations?q=t-a-1-b")["items"]] == ["T-A-1-b"]
    assert [o["code"] for o in _get(cast, "/organizations?code=T-A-1")["items"]] == ["T-A-1"]
    assert [o["code"] for o in _get(cast, "/organizations?q=dong tam")["items"]] == ["T-A-1"]  # names still
    assert _get(cast, "/organizations?q=T-B-1", user=cast.district_officer)["items"] == []  # out of scope


def test_covered_units_of_a_district_are_those_of_its_whole_subtree(cast: Cast, units: list[CoveredUnit]) -> None:
    def codes(url: str, user=None) -> list[str]:
        return sorted(u["code"] for u in _get(cast, url, user))  # type: ignore[attr-defined]

    assert codes(f"/covered-units?organization={cast.district_a.pk}") == ["V-HB", "V-KH", "V-NR"]
    assert codes(f"/covered-units?organization={cast.province.pk}") == ["V-HB", "V-KH", "V-LH", "V-NR"]
    assert codes(f"/covered-units?organization={cast.cell_a1a.pk}") == ["V-NR"]  # the units a cell covers
    assert codes("/covered-units?code=v-kh") == ["V-KH"]
    assert codes("/covered-units?q=V-LH") == ["V-LH"] and codes("/covered-units?q=na ri") == ["V-NR"]
    assert codes(f"/covered-units?organization={cast.district_a.pk}&as_of=2015-01-31") == []  # not yet
    assert codes("/covered-units", user=cast.district_officer) == ["V-HB", "V-KH", "V-NR"]
    response = call("GET", f"/covered-units?organization={cast.district_b.pk}", user=cast.district_officer)
    assert response.status_code == 404


def test_dated_assignment_and_unit_merger_through_the_api(cast: Cast, units: list[CoveredUnit]) -> None:
    nari, khuoihom = units[0], units[1]
    response = call("POST", f"/covered-units/{khuoihom.pk}/assign", user=cast.district_officer,
                    body={"covered_by_id": cast.cell_a1a.pk, "effective_on": "2018-01-01"})
    assert response.status_code == 200, response.content
    response = call("POST", "/covered-unit-events", user=cast.district_officer, body={
        "kind": "merge", "source_ids": [nari.pk, khuoihom.pk], "effective_on": "2020-02-01", "decision": DECISION,
        "new_target": {"code": "V-NRKH", "name": "Bản Nà Rì - Khuổi Hỏm"}})
    assert response.status_code == 201, response.content
    assert {link["role"] for link in response.json()["links"]} == {"source", "target"}
    merged = CoveredUnit.objects.get(code="V-NRKH")
    assert merged.covered_by_id == cast.cell_a1a.pk  # both were covered by it
    detail = _get(cast, f"/covered-units/{khuoihom.pk}")
    assert [(c["cell_id"], c["valid_from"], c["valid_to"]) for c in detail["coverages"]] == [  # type: ignore[index]
        (cast.cell_a1b.pk, "2015-02-01", "2018-01-01"), (cast.cell_a1a.pk, "2018-01-01", "2020-02-01")]
    assert detail["dissolved_on"] == "2020-02-01"  # type: ignore[index]


def test_every_fault_of_a_request_at_once_and_nothing_written(cast: Cast, units: list[CoveredUnit]) -> None:
    before = (Coverage.objects.count(), UnitEvent.objects.count(), CoveredUnit.objects.count())
    response = call("POST", "/covered-unit-events", user=cast.district_officer, body={
        "kind": "split", "source_id": units[0].pk, "effective_on": "2010-01-01",
        "decision": {"number": "sai số", "date": "2020-01-15"},
        "targets": [{"code": "V-KH", "name": "Bản Một"}, {"code": "V N2", "name": "Bản Hai"}]})
    assert response.status_code == 400, response.content
    fields = {error["field"] for error in response.json()["errors"]}
    assert {"effective_on", "decision.number", "targets.0.code", "targets.1.code"} <= fields
    assert (Coverage.objects.count(), UnitEvent.objects.count(), CoveredUnit.objects.count()) == before
