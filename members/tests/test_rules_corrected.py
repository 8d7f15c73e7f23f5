"""Admission rules corrected against the regulations' texts (issue 11): introducers (§3.2) and education (§1.2).

Each test names the rule and its article; dates on both sides of a change where the rule has one.
"""

from __future__ import annotations

import datetime as dt

import pytest

from core.errors import DomainError
from members import services
from members.models import EventKind, MemberEvent
from members.services import Introducer
from members.tests import factories as f
from rules.calendar import add_months
from rules.queries import rule

D = dt.date
RESOLUTION = D(2025, 9, 15)  # under Quy định 294-QĐ/TW


def _candidate(cast, *, education="12/12", name="Nguyễn Văn An"):
    return f.candidate(cast.district_officer, cast.cell_a1a, name, birth_date=D(1995, 1, 1),
                       general_education=education, registered_on=D(2024, 1, 10), course_on=D(2024, 6, 1),
                       resolution_on=RESOLUTION)


def _decide(cast, person, **kwargs):
    kwargs.setdefault("introducers", f.introducers(cast.district_officer, cast.cell_a1a))
    return services.admission_decide(actor=cast.district_officer, person=person,
                                     decision=f.decision(RESOLUTION + dt.timedelta(days=20)), **kwargs)


def test_introducers_are_cited_as_s3_2_not_s3_1_in_24_and_294(cast):
    """admission.introducers_required / introducer_min_months_together: §3.2 of 24-QĐ/TW (30/07/2021) and of
    294-QĐ/TW (01/07/2025)."""
    for on, regulation in ((D(2021, 7, 30), "24-QĐ/TW"), (D(2025, 7, 1), "294-QĐ/TW")):
        for key in ("admission.introducers_required", "admission.introducer_min_months_together"):
            version = rule(key, on=on)
            assert (version.regulation, version.article) == (regulation, "§3.2"), key
    with pytest.raises(DomainError) as error:
        _decide(cast, _candidate(cast), introducers=f.introducers(cast.district_officer, cast.cell_a1a, count=1))
    assert "294-QĐ/TW, §3.2" in str(error.value)


def test_trade_union_resolution_replaces_one_introducer_s3_2(cast):
    """admission.introducer_trade_union_alternative (§3.2; Hướng dẫn 12-HD/BTCTW 18/01/2022): the grassroots
    Trade Union's resolution is an alternative to the Youth Union's, not an addition to it."""
    assert rule("admission.introducer_trade_union_alternative", on=RESOLUTION).value is True
    actor, cell = cast.district_officer, cast.cell_a1a
    one = f.introducers(actor, cell, count=1)
    both = _candidate(cast, name="Vi Văn Cả Hai")
    with pytest.raises(DomainError) as error:
        _decide(cast, both, introducers=one, youth_union_resolution=f.decision(D(2025, 9, 1), "Đoàn xã"),
                trade_union_resolution=f.decision(D(2025, 9, 2), "Công đoàn cơ sở"))
    assert error.value.field == "trade_union_resolution"
    assert not MemberEvent.objects.filter(person=both, kind=EventKind.ADMISSION_DECISION).exists()
    worker = _candidate(cast, name="Vi Thị Công Đoàn")
    event = _decide(cast, worker, introducers=one,
                    trade_union_resolution=f.decision(D(2025, 9, 2), "Công đoàn cơ sở"))
    assert event.details["trade_union_resolution"]["issuer"] == "Công đoàn cơ sở"
    assert len(event.details["introducers"]) == 1


def test_replacement_introducer_needs_no_12_months_together_s3_2_2(cast):
    """admission.replacement_introducer_needs_months_together = false (§3.2.2): an introducer assigned in place
    of one who moved away need not have worked with the applicant for 12 months; a first introducer must."""
    actor, cell = cast.district_officer, cast.cell_a1a
    months = rule("admission.introducer_min_months_together", on=RESOLUTION).value
    assert rule("admission.replacement_introducer_needs_months_together", on=RESOLUTION).value is False
    one = f.introducers(actor, cell, count=1)
    since = add_months(RESOLUTION, -(months - 3))
    newcomer = f.member(actor, cell, "Bế Văn Thay")
    person = _candidate(cast)
    with pytest.raises(DomainError) as error:
        _decide(cast, person, introducers=[*one, Introducer(newcomer, since)])
    assert error.value.field == "introducers"
    event = _decide(cast, person, introducers=[*one, Introducer(newcomer, since, replacement=True)])
    replaced = [row for row in event.details["introducers"] if row.get("replacement")]
    assert [row["person_id"] for row in replaced] == [newcomer.pk]
    assert "§3.2.2" in replaced[0]["replacement_citation"]


@pytest.mark.parametrize("area", ["border", "fisherman_at_sea"])
def test_border_areas_and_fishermen_at_sea_are_education_exceptions_s1_2(cast, area):
    """admission.min_education (§1.2, Hướng dẫn 01-HD/TW 28/09/2021 §1.2): border areas and fishermen who
    regularly work at sea need only primary school (grade 5) - under 24-QĐ/TW (2021) and 294-QĐ/TW (2025)."""
    for on in (D(2021, 7, 30), RESOLUTION):
        value = rule("admission.min_education", on=on).value
        assert area in value["exception_areas"] and value["exception_min_grade"] == 5
    _decide(cast, _candidate(cast, education="6/12", name=f"Lò Văn {area}"), education_exception_area=area)


def test_other_school_systems_are_not_compared_by_share_of_years_s1_2(cast):
    """admission.min_education (§1.2.1): lower secondary 9/12 or a listed equivalent (7/10); schooling of a
    system the rule names no equivalent for is refused, not guessed by the share of years completed."""
    from members.services import _education_meets

    assert not _education_meets((8, 10), (9, 12), [])  # 80 % of 10 years > 75 % of 12: no longer accepted
    assert _education_meets((7, 10), (9, 12), [{"grade": 7, "of": 10}])
    with pytest.raises(DomainError) as error:
        _decide(cast, _candidate(cast, education="6/10"))
    assert error.value.field == "general_education"
    _decide(cast, _candidate(cast, education="7/10", name="Hà Văn Tư"))


def test_api_and_page_take_the_trade_union_resolution_and_a_replacement_introducer(cast):
    """The same rules through the API (POST /members/{id}/events) and the admission form (§3.2, §3.2.2)."""
    from django.test import Client
    from django.urls import reverse

    from core.testing_api import call

    actor, cell = cast.district_officer, cast.cell_a1a
    one = f.member(actor, cell, "Hoàng Văn Giới")
    newcomer = f.member(actor, cell, "Bế Văn Thay")
    recent = add_months(RESOLUTION, -3).isoformat()
    by_api = _candidate(cast, name="Vi Văn Api")
    body = {"kind": "admission_decision", "reason": "Đủ điều kiện",
            "decision": {"number": "91-QĐ/HU", "date": "2025-10-05", "issuer": "Huyện ủy"},
            "introducers": [{"person_id": newcomer.pk, "worked_together_since": recent, "replacement": True}],
            "trade_union_resolution": {"number": "3-NQ/CĐ", "date": "2025-09-02", "issuer": "Công đoàn cơ sở"}}
    response = call("POST", f"/members/{by_api.pk}/events", user=actor, body=body)
    assert response.status_code == 201, response.content
    details = response.json()["event"]["details"]
    assert details["trade_union_resolution"]["number"] == "3-NQ/CĐ"
    assert details["introducers"][0]["replacement"] is True

    by_page = _candidate(cast, name="Vi Văn Trang")
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(actor)
    url = reverse("members:event", args=[by_page.pk, "decide"])
    assert 'name="trade_union_number"' in client.get(url).content.decode()
    data = {"decision_number": "92-QĐ/HU", "decision_date": "05/10/2025", "introducer_1": one.pk,
            "since_1": "01/01/2015", "introducer_2": newcomer.pk, "since_2": add_months(RESOLUTION, -3).strftime(
                "%d/%m/%Y")}
    refused = client.post(url, data)
    assert refused.status_code == 200 and "introducer_1" in refused.context["form"].errors
    assert client.post(url, {**data, "replacement_2": "on"}).status_code == 302
    event = MemberEvent.objects.get(person=by_page, kind=EventKind.ADMISSION_DECISION)
    assert [row.get("replacement", False) for row in event.details["introducers"]] == [False, True]
