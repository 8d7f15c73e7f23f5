"""A PATCH whose body is not a JSON object, or that changes nothing, writes nothing (issue 6, section 1).

Both PATCH routes (organizations and member files): a body that is not an object is refused with the field-less
JSON error and writes nothing; an object that changes nothing answers 200 with the unchanged row and writes no
change record; a real change writes exactly one.
"""

from __future__ import annotations

from typing import Any

import pytest

from core.models import ChangeRecord
from core.testing import Cast
from core.testing_api import call
from members.models import MemberEvent, Person
from members.tests import factories as f
from organizations.models import Organization, OrganizationVersion

pytestmark = pytest.mark.django_db

NOT_OBJECTS = ["[]", "null", '"name"', "42", "true", '[{"name": "Đảng bộ xã Mới"}]', "", "{", "[1, 2]"]


def state() -> tuple[Any, ...]:
    return (ChangeRecord.objects.count(), list(Organization.objects.order_by("pk").values()),
            list(OrganizationVersion.objects.order_by("pk").values()), list(Person.objects.order_by("pk").values()),
            MemberEvent.objects.count())


@pytest.fixture
def person(cast: Cast) -> Person:
    return f.member(cast.root_admin, cast.cell_a1a, "Trần Thị Bình", phone="0912 345 678", note="Ghi chú")


def urls(cast: Cast, person: Person) -> dict[str, str]:
    return {"organization": f"/organizations/{cast.commune_a1.pk}", "member": f"/members/{person.pk}"}


@pytest.mark.parametrize("raw", NOT_OBJECTS)
@pytest.mark.parametrize("route", ["organization", "member"])
def test_a_body_that_is_not_an_object_is_refused_and_writes_nothing(cast: Cast, person: Person, route: str,
                                                                   raw: str) -> None:
    before = state()
    response = call("PATCH", urls(cast, person)[route], user=cast.district_officer, body=raw)
    assert response.status_code in (400, 422), response.content
    assert response.json()["detail"]
    assert state() == before


def no_ops(cast: Cast, person: Person) -> dict[str, list[dict[str, Any]]]:
    commune = cast.commune_a1
    return {
        "organization": [{}, {"reason": "Không đổi gì"}, {"name": commune.name}, {"name": f"  {commune.name} "},
                         {"note": commune.note}, {"name": None, "note": None, "reason": "x"}],
        "member": [{}, {"reason": "Không đổi gì"}, {"phone": person.phone}, {"note": person.note, "reason": "x"},
                   {"full_name": person.full_name}, {"birth_date": person.birth_date.isoformat()},
                   {"gender": person.gender, "phone": person.phone}],
    }


@pytest.mark.parametrize("route", ["organization", "member"])
def test_a_patch_that_changes_nothing_writes_nothing(cast: Cast, person: Person, route: str) -> None:
    for payload in no_ops(cast, person)[route]:
        before = state()
        response = call("PATCH", urls(cast, person)[route], user=cast.district_officer, body=payload)
        assert response.status_code == 200, (payload, response.content)
        assert state() == before, payload


@pytest.mark.parametrize(("route", "payload"), [
    ("organization", {"note": "Ghi chú mới"}),
    ("organization", {"name": "Đảng bộ xã Đồng Tâm Mới", "reason": "Sửa chính tả"}),
    ("member", {"phone": "0988 000 111", "reason": "Số mới"}),
])
def test_a_real_change_writes_one_change_record(cast: Cast, person: Person, route: str, payload: dict) -> None:
    records = ChangeRecord.objects.count()
    response = call("PATCH", urls(cast, person)[route], user=cast.district_officer, body=payload)
    assert response.status_code == 200, response.content
    assert ChangeRecord.objects.count() == records + 1
    assert ChangeRecord.objects.order_by("-pk").first().user == cast.district_officer
