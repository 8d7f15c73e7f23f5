"""Special paths that told a writer about files and organizations outside their scope (issue 6, section 2).

- Transfer out: the page and the API offer and accept the same destinations (members.queries.transfer_destinations),
  and a refused destination names nothing — an out-of-scope cell, a missing id and a non-cell answer alike.
- Uniqueness of citizen ID and Party card number: a clash with a file outside the writer's scope is not
  confirmed; the writer is sent to the organization board covering both, and the attempt is logged there.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from core.audit import flush_refusals
from core.errors import DomainError
from core.models import ChangeAction, ChangeRecord
from core.testing import Cast, establish
from core.testing_api import call
from ingest.tests.helpers import HEADERS, PROBATIONARY, replace, run, write_csv
from members import forms, queries, services
from members.models import Ethnicity, MemberEvent, Person
from members.status import person_timeline
from members.tests import factories as f
from organizations.models import Organization

pytestmark = pytest.mark.django_db

D = dt.date
HIDDEN_ID = "001090000077"
HIDDEN_CARD = "77.123456"


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def cell_b(cast: Cast) -> Organization:
    return establish(cast.root_admin, "T-B-1-a", "Chi bộ thôn Bản Đăm", "cell", cast.commune_b1)


# ----------------------------------------------------------------------------- transfer destinations


def test_page_and_api_offer_and_accept_the_same_destinations(cast: Cast, cell_b: Organization) -> None:
    person = f.member(cast.district_officer, cast.cell_a1a, "Triệu Văn Đi")
    offered = set(queries.transfer_destinations(cast.district_officer, person))
    assert offered == {cast.cell_a1b}  # cells the writer sees, not the person's own, not district B's
    form = forms.TransferOutForm(None, actor=cast.district_officer, person=person,
                                 timeline=person_timeline(person), today=D(2024, 1, 1))
    assert set(form.fields["destination"].queryset) == offered

    body = {"kind": "transfer_out", "occurred_on": "2021-03-01", "letter": {"register_number": "GT-1"}}
    details = []
    for destination in (cell_b.pk, 999_999, cast.commune_a2.pk):  # out of scope, missing, not a cell
        before = MemberEvent.objects.count()
        response = call("POST", f"/members/{person.pk}/events", user=cast.district_officer,
                        body={**body, "destination_id": destination})
        assert response.status_code == 400, response.content
        assert response.json()["field"] == "destination_id"
        assert MemberEvent.objects.count() == before
        details.append(response.json()["detail"])
    assert len(set(details)) == 1  # one answer: nothing tells them apart
    for name in ("Bản Đăm", "Lương Hạ", "Hòa Bình", "commune", "xã"):
        assert name not in details[0]

    with pytest.raises(DomainError) as refused:  # the service itself, whatever door calls it
        services.member_transfer_out(actor=cast.district_officer, person=person, temporary=False,
                                     occurred_on=D(2021, 3, 1), letter=f.letter(), destination=cell_b)
    assert refused.value.message == details[0]

    page = _client(cast.district_officer).post(
        reverse("members:event", args=[person.pk, "transfer-out"]),
        {"transfer_kind": "official", "occurred_on": "01/03/2021", "register_number": "GT-2",
         "destination": cell_b.pk})
    assert page.status_code == 200 and "destination" in page.context["form"].errors
    assert "Bản Đăm" not in page.content.decode()

    accepted = call("POST", f"/members/{person.pk}/events", user=cast.district_officer,
                    body={**body, "destination_id": cast.cell_a1b.pk})
    assert accepted.status_code == 201, accepted.content


def test_correcting_a_letter_accepts_the_same_destinations_and_names_nothing(cast: Cast, cell_b: Organization) -> None:
    person = f.member(cast.district_officer, cast.cell_a1a, "Triệu Văn Sửa")
    letter = services.member_transfer_out(actor=cast.district_officer, person=person, temporary=False,
                                          occurred_on=D(2021, 3, 1), letter=f.letter(), destination=cast.cell_a1b)
    url = f"/member-events/{letter.pk}/correct"
    details = []
    for counterpart in (cell_b.pk, 999_999, cast.commune_a2.pk):
        before = MemberEvent.objects.count()
        response = call("POST", url, user=cast.district_officer, body={"reason": "Sai nơi đến",
                                                                       "counterpart_id": counterpart})
        assert response.status_code == 400 and response.json()["field"] == "counterpart_id", response.content
        assert MemberEvent.objects.count() == before
        details.append(response.json()["detail"])
    assert len(set(details)) == 1 and "Bản Đăm" not in details[0]
    letter.refresh_from_db()
    assert letter.counterpart == cast.cell_a1b


# ----------------------------------------------------------------------------- uniqueness probes


@pytest.fixture
def hidden(cast: Cast, cell_b: Organization) -> Person:
    """A member file in district B, outside the cell secretary's and the district A officer's scope."""
    return f.member(cast.root_admin, cell_b, "Lý Thị Ẩn", citizen_id=HIDDEN_ID, party_card_number=HIDDEN_CARD)


def _probes(person: Person) -> list[ChangeRecord]:
    return list(ChangeRecord.objects.for_object(person).filter(action=ChangeAction.EVENT,
                                                              after__refused="duplicate_outside_scope"))


def _assert_not_confirmed(message: str) -> None:
    assert "Đảng bộ tỉnh Thử" in message  # the level that covers both files
    for revealing in ("Bản Đăm", "Lý Thị Ẩn", "Lương Hạ", "Bắc Sơn", "already"):
        assert revealing not in message


@pytest.mark.parametrize(("field", "value"), [("citizen_id", HIDDEN_ID), ("party_card_number", HIDDEN_CARD)])
def test_service_does_not_confirm_a_duplicate_outside_scope_and_logs_the_attempt(
    cast: Cast, hidden: Person, field: str, value: str
) -> None:
    before = Person.objects.count()
    with translation.override("en"), pytest.raises(DomainError) as refused:
        f.person(cast.cell_secretary, cast.cell_a1a, "Nguyễn Văn Thử", **{field: value})
    assert refused.value.field == field
    _assert_not_confirmed(refused.value.message)
    assert Person.objects.count() == before
    flush_refusals()
    probe = _probes(hidden)
    assert len(probe) == 1 and probe[0].user == cast.cell_secretary and probe[0].after["field"] == field
    assert probe[0].after["from_organization"] == cast.cell_a1a.pk
    assert value not in str(probe[0].after)  # the attempt is logged, not the number typed

    # An update of a file in scope is refused the same way.
    mine = f.person(cast.cell_secretary, cast.cell_a1a, "Nguyễn Văn Mình")
    with translation.override("en"), pytest.raises(DomainError) as refused:
        services.person_update(actor=cast.cell_secretary, person=mine, **{field: value})
    _assert_not_confirmed(refused.value.message)


def test_a_duplicate_in_scope_is_named_as_such(cast: Cast, hidden: Person) -> None:
    f.person(cast.district_officer, cast.cell_a1b, "Nguyễn Văn Có", citizen_id="001090000088")
    with translation.override("en"), pytest.raises(DomainError) as refused:
        f.person(cast.district_officer, cast.cell_a1a, "Nguyễn Văn Trùng", citizen_id="001090000088")
    assert "already has this citizen ID" in refused.value.message
    with translation.override("en"), pytest.raises(DomainError) as refused:  # the province board sees both
        f.person(cast.province_officer, cast.cell_a1a, "Nguyễn Văn Trùng", citizen_id=HIDDEN_ID)
    assert "already has this citizen ID" in refused.value.message
    flush_refusals()
    assert _probes(hidden) == []


def test_page_and_api_do_not_confirm_and_log_the_attempt(cast: Cast, hidden: Person) -> None:
    data = {"organization": cast.cell_a1a.pk, "full_name": "Nguyễn Thị Hoa", "gender": "female",
            "birth_date": "02/09/1998", "general_education": "12/12", "political_theory": "none",
            "ethnicity": Ethnicity.objects.get(code="01").pk, "citizen_id": HIDDEN_ID}
    page = _client(cast.cell_secretary).post(reverse("members:create"), data)
    assert page.status_code == 200
    errors = " ".join(page.context["form"].errors["citizen_id"])
    assert "Đảng bộ tỉnh Thử" in errors and "Bản Đăm" not in page.content.decode()
    assert len(_probes(hidden)) == 1  # written after the request, though the refusal rolled back

    response = call("POST", "/members", user=cast.cell_secretary, language="en", body={
        "organization_id": cast.cell_a1a.pk, "full_name": "Nguyễn Thị Hoa", "gender": "female",
        "birth_date": "1998-09-02", "party_card_number": HIDDEN_CARD})
    assert response.status_code == 400 and response.json()["field"] == "party_card_number"
    _assert_not_confirmed(response.json()["detail"])
    assert len(_probes(hidden)) == 2


def test_import_dry_run_does_not_confirm_and_logs_the_attempt(cast: Cast, hidden: Person, tmp_path) -> None:  # type: ignore[no-untyped-def]
    row = replace(PROBATIONARY, "Số CCCD", HIDDEN_ID)
    with translation.override("en"):
        result = run(cast.district_officer, write_csv(tmp_path / "probe.csv", HEADERS, [row]), dry_run=True)
    messages = " ".join(p.message for p in result.problems)
    assert result.problems and "Đảng bộ tỉnh Thử" in messages
    _assert_not_confirmed(messages)
    assert len(_probes(hidden)) == 1
