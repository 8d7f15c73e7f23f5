"""Committees API: bulk creation by codes, all-or-nothing refusals naming every field, reads, scope 404."""

from __future__ import annotations

import datetime as dt

import pytest

from committees.models import Seat, Term
from core.testing import Cast
from core.testing_api import call
from members.tests.factories import member

D = dt.date


@pytest.fixture
def people(cast: Cast) -> dict:
    actor = cast.root_admin
    return {
        "an": member(actor, cast.cell_a1a, "Nguyễn Văn An"),
        "binh": member(actor, cast.cell_a1b, "Trần Thị Bình", gender="female"),
        "moi": member(actor, cast.cell_a1b, "Phạm Văn Mới", admitted_on=D(2020, 5, 4), official=False),
    }


def _congress_body(people: dict, **extra: object) -> dict:
    return {
        "ordinal": 3, "opened_on": "2020-08-19", "closed_on": "2020-08-20", "delegates": 120,
        "resolution_number": "01-NQ/ĐH", "resolution_date": "2020-08-20",
        "sizes": {"executive": 9, "standing": 3},
        "seats": [
            {"person": str(people["an"].code), "kind": "executive"},
            {"person": str(people["an"].code), "kind": "secretary", "concurrent_post": "council_chair"},
            {"person": people["binh"].pk, "kind": "executive"},
            {"person": people["binh"].pk, "kind": "deputy_secretary"},
        ],
        **extra,
    }


def test_a_congress_by_organization_code_with_its_committee(cast: Cast, people: dict) -> None:
    response = call("POST", "/committees/organizations/T-A-1/congresses", user=cast.district_officer,
                    body=_congress_body(people))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["label"] == "2020–2025" and body["congress"]["ordinal_roman"] == "III"
    assert len(body["seats"]) == 4
    committee = call("GET", "/committees/organizations/T-A-1/committee?on=2021-01-01", user=cast.province_officer)
    assert committee.status_code == 200
    assert committee.json()["secretary"]["full_name"] == "Nguyễn Văn An"
    terms = call("GET", f"/committees/organizations/{cast.commune_a1.pk}/terms", user=cast.district_officer)
    assert [t["label"] for t in terms.json()] == ["2020–2025"]
    seats = call("GET", f"/committees/people/{people['an'].code}/seats", user=cast.district_officer)
    assert {s["kind"] for s in seats.json()} == {"executive", "secretary"}


def test_a_refusal_names_every_field_and_writes_nothing(cast: Cast, people: dict) -> None:
    body = _congress_body(people)
    body["seats"] += [{"person": people["moi"].pk, "kind": "executive"},
                      {"person": people["binh"].pk, "kind": "secretary"}]
    response = call("POST", "/committees/organizations/T-A-1/congresses", user=cast.district_officer, body=body)
    assert response.status_code == 400
    fields = [e["field"] for e in response.json()["errors"]]
    assert "seats.4.person" in fields  # probationary
    assert "seats.5.kind" in fields  # a second secretary
    assert not Term.objects.exists() and not Seat.objects.exists()


def test_bad_shapes_are_422_naming_the_field(cast: Cast, people: dict) -> None:
    body = _congress_body(people)
    body["seats"][0]["kind"] = "president"
    response = call("POST", "/committees/organizations/T-A-1/congresses", user=cast.district_officer, body=body)
    assert response.status_code == 422
    assert response.json()["field"].startswith("seats.0")


def test_scope_answers_404_for_organizations_and_people(cast: Cast, people: dict) -> None:
    response = call("POST", "/committees/organizations/T-A-1/congresses", user=cast.outsider,
                    body=_congress_body(people))
    assert response.status_code == 404
    assert call("GET", "/committees/organizations/T-A-1/committee", user=cast.outsider).status_code == 404
    assert call("GET", "/committees/organizations/NO-SUCH/terms", user=cast.root_admin).status_code == 404
    # A cell secretary sees the committees of the cell but may not record them; the commune's are out of reach.
    assert call("GET", "/committees/organizations/T-A-1-a/terms", user=cast.cell_secretary).status_code == 200
    assert call("GET", "/committees/organizations/T-A-1/terms", user=cast.cell_secretary).status_code == 404
    response = call("POST", "/committees/organizations/T-A-1-a/congresses", user=cast.cell_secretary,
                    body=_congress_body(people))
    assert response.status_code == 404
    assert not Term.objects.exists()
    assert call("GET", "/committees/organizations/T-A-1/committee").status_code == 401


def test_appointment_bulk_seats_and_ending_a_seat(cast: Cast, people: dict) -> None:
    response = call("POST", "/committees/organizations/T-A-1/appointments", user=cast.district_officer, body={
        "starts_on": "2020-02-01", "appointed_by": "T-A",
        "decision": {"number": "112-QĐ/HU", "date": "2020-01-20", "issuer": "Ban Thường vụ Huyện ủy"},
        "seats": [{"person": people["an"].pk, "kind": "executive"}, {"person": people["an"].pk, "kind": "secretary"}],
    })
    assert response.status_code == 201, response.content
    term = response.json()
    added = call("POST", f"/committees/terms/{term['id']}/seats", user=cast.district_officer, body={
        "basis": "added", "starts_on": "2020-06-01", "decision": {"number": "40-QĐ/HU", "date": "2020-06-01"},
        "seats": [{"person": people["binh"].pk, "kind": "executive"},
                  {"person": people["binh"].pk, "kind": "standing"}],
    })
    assert added.status_code == 201 and len(added.json()) == 2
    seat_id = next(s["id"] for s in term["seats"] if s["kind"] == "executive")
    ended = call("POST", f"/committees/seats/{seat_id}/end", user=cast.district_officer,
                 body={"ended_on": "2020-09-01", "end_reason": "resigned"})
    assert ended.status_code == 200
    assert {s["kind"] for s in ended.json()} == {"executive", "secretary"}  # the secretary seat ends with it
    again = call("POST", f"/committees/seats/{seat_id}/end", user=cast.district_officer,
                 body={"ended_on": "2020-09-02", "end_reason": "resigned"})
    assert again.status_code == 400 and again.json()["field"] == "ended_on"


def test_an_appointment_by_a_level_that_is_not_competent(cast: Cast, people: dict) -> None:
    response = call("POST", "/committees/organizations/T-A-1-a/appointments", user=cast.province_officer, body={
        "starts_on": "2020-02-01", "appointed_by": "T",
        "decision": {"number": "7-QĐ/TU", "date": "2020-01-20"},
        "seats": [{"person": people["an"].pk, "kind": "executive"}],
    })
    assert response.status_code == 400 and response.json()["field"] == "appointed_by"


def test_unstorable_text_and_impossible_references(cast: Cast, people: dict) -> None:
    body = _congress_body(people)
    body["seats"][0]["note"] = "ghi chú\x1b"
    body["decision"] = {"number": "3-QĐ/HU", "date": "2020-08-25", "issuer": "Huyện ủy\x07"}
    response = call("POST", "/committees/organizations/T-A-1/congresses", user=cast.district_officer, body=body)
    assert response.status_code == 400
    assert {"seats.0.note", "decision.issuer"} <= {e["field"] for e in response.json()["errors"]}
    assert not Term.objects.exists()
    for ref in ("9" * 40, "%1B", "x" * 65, "00000000-0000-0000-0000-000000000000"):
        assert call("GET", f"/committees/organizations/{ref}/terms", user=cast.root_admin).status_code == 404
        assert call("GET", f"/committees/people/{ref}/seats", user=cast.root_admin).status_code == 404


def test_a_member_sees_their_own_seats_and_nobody_else_s(cast: Cast, people: dict) -> None:
    from accounts.models import RoleKind
    from accounts.services import role_grant

    assert call("POST", "/committees/organizations/T-A-1/congresses", user=cast.district_officer,
                body=_congress_body(people)).status_code == 201
    role_grant(actor=cast.root_admin, user=cast.member, kind=RoleKind.objects.get(code="own-file"),
               person=people["an"])
    own = call("GET", f"/committees/people/{people['an'].pk}/seats", user=cast.member)
    assert own.status_code == 200 and {s["kind"] for s in own.json()} == {"executive", "secretary"}
    assert call("GET", f"/committees/people/{people['binh'].pk}/seats", user=cast.member).status_code == 404
    assert call("GET", "/committees/organizations/T-A-1/terms", user=cast.member).status_code == 404
