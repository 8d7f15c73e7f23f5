"""Rating API: a campaign opened, a cell's members decided in bulk by their codes, refusals naming every entry's
field with nothing written, results and history read back, scope 404."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from core.testing import Cast
from core.testing_api import call
from rating.models import Rating, RatingStep

pytestmark = pytest.mark.django_db


def test_bulk_results_through_the_api(cast: Cast, make_members: Callable) -> None:
    people = make_members(cast.cell_a1a, 6)
    answer = call("POST", f"/rating/organizations/{cast.commune_a1.code}/campaigns", user=cast.district_officer,
                  body={"year": 2023, "decision_due": "2023-12-31"})
    assert answer.status_code == 201, answer.content
    campaign = answer.json()
    assert campaign["scheme"] == "qd124"
    base = f"/rating/campaigns/{campaign['id']}"
    cell = {"organization": cast.cell_a1a.code, "level": "good"}
    members = [{"person": str(p.code), "level": "good"} for p in people]
    members[0]["level"] = "excellent"
    for body in ({"step": "self", "on": "2023-12-01", "entries": [cell, *members]},
                 {"step": "decision", "on": "2023-12-20", "entries": [cell],
                  "decision": {"number": "12-QĐ/ĐU", "date": "2023-12-20"}}):
        answer = call("POST", f"{base}/steps", user=cast.district_officer, body=body)
        assert answer.status_code == 201, answer.content
    # Two "excellent" for four "good", and a level no scheme has: every fault named, nothing written.
    bad = [dict(m) for m in members]
    bad[1]["level"] = "excellent"
    bad[2]["level"] = "xuat_sac"
    before = RatingStep.objects.count()
    answer = call("POST", f"{base}/steps", user=cast.district_officer, language="en",
                  body={"step": "decision", "on": "2023-12-20", "entries": bad})
    assert answer.status_code == 400
    assert answer.json()["field"] == "entries.2.level" and "124-QĐ/TW" in answer.json()["detail"]
    assert RatingStep.objects.count() == before
    answer = call("POST", f"{base}/steps", user=cast.district_officer,
                  body={"step": "decision", "on": "2023-12-20", "entries": members})
    assert answer.status_code == 201
    detail = call("GET", base, user=cast.district_officer).json()
    gauge = next(g for g in detail["gauges"] if g["group"] == f"member:{cast.cell_a1a.pk}")
    assert gauge == {"group": f"member:{cast.cell_a1a.pk}", "excellent": 1, "good": 5, "limit": 1, "remaining": 0}
    results = call("GET", f"{base}/results", user=cast.district_officer).json()
    assert sorted(r["level"] for r in results) == ["excellent"] + ["good"] * 6
    assert next(r for r in results if r["level"] == "excellent")["label"] == "Hoàn thành xuất sắc nhiệm vụ"
    history = call("GET", f"/rating/people/{people[0].code}/ratings", user=cast.district_officer).json()
    assert [(h["year"], h["level"]) for h in history] == [(2023, "excellent")]
    subjects = call("GET", f"{base}/subjects", user=cast.district_officer).json()
    assert {s["name"] for s in subjects} >= {p.full_name for p in people}
    assert call("GET", "/rating/schemes", user=cast.member).status_code == 200

    # Out of scope: 404 for reads and writes alike, nothing written.
    for method, url in (("GET", base), ("GET", f"{base}/results"), ("GET", f"{base}/subjects"),
                        ("GET", f"/rating/people/{people[0].code}/ratings"),
                        ("GET", f"/rating/organizations/{cast.commune_a1.code}/campaigns")):
        assert call(method, url, user=cast.outsider).status_code == 404
    count = Rating.objects.count()
    assert call("POST", f"{base}/steps", user=cast.outsider,
                body={"step": "self", "on": "2023-12-01", "entries": members}).status_code == 404
    assert call("POST", f"/rating/organizations/{cast.commune_a1.code}/campaigns", user=cast.outsider,
                body={"year": 2024}).status_code == 404
    assert Rating.objects.count() == count
    assert call("POST", f"{base}/steps", user=cast.district_officer,
                body={"step": "nope", "on": "2023-12-01", "entries": members}).status_code == 422
