"""/api/v1/targets: a resolution and its targets created, results in bulk with codes (all or nothing), the
evaluation read back, scope 404."""

from __future__ import annotations

import pytest

from core.testing import Cast
from core.testing_api import call
from targets.models import Resolution, Result

pytestmark = pytest.mark.django_db


def test_resolution_targets_and_bulk_results(cast: Cast) -> None:
    officer = cast.district_officer
    created = call("POST", "/targets/resolutions", user=officer, body={
        "organization": "T-A", "kind": "annual", "title": "Nghị quyết năm 2020", "number": "31-NQ/HU",
        "start_year": 2020, "end_year": 2020})
    assert created.status_code == 201, created.content
    resolution_id = created.json()["id"]
    target = call("POST", f"/targets/resolutions/{resolution_id}/targets", user=officer, body={
        "indicator": {"code": "grain_output", "name": "Sản lượng lương thực", "unit": "tấn"},
        "kind": "at_least", "plans": [{"value": 34300, "unit": "tấn", "source": "NQ"}]})
    assert target.status_code == 201, target.content

    refused = call("POST", "/targets/results", user=officer, language="vi", body={"results": [
        {"resolution": resolution_id, "indicator": "grain_output", "year": 2020, "value": 35120, "source": "BC",
         "reported_on": "2020-12-15"},
        {"resolution": resolution_id, "indicator": "grain_output", "year": 2021, "value": 1, "source": "BC",
         "reported_on": "2021-12-15"}]})
    assert refused.status_code == 400
    assert refused.json()["field"] == "results[1].year" and "2021" in refused.json()["detail"]
    assert not Result.objects.exists()

    written = call("POST", "/targets/results", user=officer, body={"results": [
        {"resolution": resolution_id, "indicator": "grain_output", "year": 2020, "value": 35120, "source": "BC",
         "reported_on": "2020-12-15"}]})
    assert written.status_code == 201, written.content
    detail = call("GET", f"/targets/resolutions/{resolution_id}?year=2020", user=officer, language="vi").json()
    [evaluation] = detail["targets"]
    assert (evaluation["status"], evaluation["phrase"]) == ("exceeded", "đạt hơn 102% KH")
    assert detail["summary"] == "01/01 chỉ tiêu đạt và vượt, trong đó 01 chỉ tiêu vượt"
    listed = call("GET", "/targets/organizations/T-A/resolutions", user=cast.province_officer).json()
    assert [r["id"] for r in listed] == [resolution_id]


def test_bad_plans_and_scope(cast: Cast) -> None:
    created = call("POST", "/targets/resolutions", user=cast.district_officer, body={
        "organization": cast.district_a.pk, "kind": "annual", "title": "NQ", "start_year": 2020, "end_year": 2020})
    resolution_id = created.json()["id"]
    refused = call("POST", f"/targets/resolutions/{resolution_id}/targets", user=cast.district_officer,
                   language="vi", body={"indicator": {"code": "growth", "name": "Tăng trưởng", "unit": "%"},
                                        "kind": "range", "plans": [{"value": 13, "value_high": 12.8, "unit": "%",
                                                                    "source": "NQ"}]})
    assert refused.status_code == 400 and refused.json()["field"] == "plans[0].value_high"
    assert call("GET", f"/targets/resolutions/{resolution_id}", user=cast.outsider).status_code == 404
    assert call("GET", "/targets/organizations/T-A/resolutions", user=cast.outsider).status_code == 404
    out = call("POST", "/targets/resolutions", user=cast.outsider, body={
        "organization": "T-A", "kind": "annual", "title": "NQ", "start_year": 2020, "end_year": 2020})
    assert out.status_code == 404
    assert call("GET", f"/targets/resolutions/{resolution_id}").status_code == 401
    assert Resolution.objects.count() == 1


def test_newrural_and_ocop_through_the_api(cast: Cast) -> None:
    officer = cast.district_officer
    recorded = call("POST", f"/targets/organizations/{cast.commune_a1.pk}/new-rural", user=officer,
                    body={"year": 2022, "met": {str(n): True for n in range(1, 20)}})
    assert recorded.status_code == 201, recorded.content
    refused = call("POST", "/targets/organizations/T-A-2/new-rural", user=officer, language="vi",
                   body={"year": 2022, "criteria_set": "ntm-xa-2016-2020", "met": {"1": True}})
    assert refused.status_code == 400 and refused.json()["field"] == "criterion"
    summary = call("GET", "/targets/organizations/T-A/new-rural?year=2022", user=officer, language="vi").json()
    assert summary["summary"] == "01 xã đạt 19/19 tiêu chí"
    product = call("POST", "/targets/organizations/T-A-1/ocop", user=officer, body={
        "name": "Miến dong", "producer": "HTX Tài Hoan", "year": 2020, "registration": "upgrade", "stars": 4,
        "proposed_stars": 5})
    assert product.status_code == 201, product.content
    refused = call("POST", "/targets/organizations/T-A-1/ocop", user=officer, language="vi", body={
        "name": "Chè", "producer": "HTX", "year": 2020, "registration": "new", "stars": 6})
    assert refused.status_code == 400 and refused.json()["field"] == "stars"
    counts = call("GET", "/targets/organizations/T-A/ocop?year=2020", user=officer, language="vi").json()
    assert counts["summary"] == (
        "01 sản phẩm đăng ký, trong đó 1 nâng hạng, 0 mới; 01 sản phẩm đề nghị nâng từ 4 sao lên 5 sao")
    assert call("POST", "/targets/organizations/T-A-1/ocop", user=cast.outsider, body={
        "name": "Chè", "producer": "HTX", "year": 2020, "registration": "new"}).status_code == 404
