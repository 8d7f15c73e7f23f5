"""One rule, every door (issue 6 §3, issue 7 §7): the service, the page form, the API and the import file meet
the same refusal, with the same message, and nothing is written.

Rules: the admission age of an admission copied from a file; the candidate and awareness-course age floors
(rules `candidate.min_age_months`, `awareness_course.min_age_months`); an event before the date of birth names
the date of birth, not the cell; an admission dated before the cell's first day is never attributed to the
cell; a possible duplicate needs confirmation; a voided file leaves every list and count.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.models import RoleKind
from accounts.services import role_grant, user_create
from core.decisions import Decision
from core.errors import DomainError
from core.models import ChangeRecord
from core.testing_api import call
from ingest.tests.helpers import HEADERS, run, write_xlsx
from members import pages, queries, services
from members.duplicates import PossibleDuplicate
from members.figures import member_movements, member_stocks
from members.models import EventKind, MemberEvent, MembershipSpell, Person, Status
from members.tests import factories as f
from members.voiding import person_void
from rules.queries import rule

pytestmark = pytest.mark.django_db

D = dt.date


def written() -> tuple[int, int, int, int]:
    """Rows a members write touches (the change log without the import's own batch records)."""
    return (Person.objects.count(), MemberEvent.objects.count(), MembershipSpell.objects.count(),
            ChangeRecord.objects.exclude(content_type__model="importbatch").count())


def page(user: Any) -> Client:
    client = Client(headers={"Accept-Language": "vi"})
    client.force_login(user)
    return client


def form_errors(response: Any) -> dict[str, list[str]]:
    assert response.status_code == 200, response.status_code  # the form again, not a redirect
    return {k: [str(m) for m in v] for k, v in response.context["form"].errors.items()}


def row(code: str, name: str, birth: str, *, cell: str = "T-A-1-a", registered: str = "", admitted: str = "",
        number: str = "", ceremony: str = "") -> list[str]:
    """A row of the import in helpers.HEADERS' order."""
    return [code, name, "Nam", birth, "Kinh", "", "", "12/12", "", cell, registered, admitted, number,
            "Huyện ủy An Bình" if number else "", ceremony, "", "", ""]


def imported(cast: Any, tmp_path: Any, rows: list[list[str]], **flags: Any) -> Any:
    with translation.override("vi"):
        return run(cast.district_officer, write_xlsx(tmp_path / "doors.xlsx", HEADERS, rows), **flags)


def service_refusal(function: Any, **kwargs: Any) -> DomainError:
    with translation.override("vi"), pytest.raises(DomainError) as error:
        function(**kwargs)
    return error.value


# ----------------------------------------------------------------------------- the age of a copied admission


def test_admission_of_record_under_the_minimum_age_is_refused_at_every_door(cast, tmp_path):
    """Born 2010, admitted 2020 (the auditor's case): refused by the service, the API, the page (a member
    arriving from outside with the history of the file) and the import, with one message."""
    officer = cast.district_officer
    before = written()
    record = services.AdmissionRecord(decision=Decision("15-QĐ/HU", D(2020, 3, 1), "Huyện ủy An Bình"),
                                      ceremony_on=D(2020, 3, 20))
    error = service_refusal(services.person_create, actor=officer, organization=cast.cell_a1a,
                            full_name="Lò Văn Nhỏ", gender="male", birth_date=D(2010, 1, 1), admitted=record)
    assert error.field == "admission_decision_date"
    message = str(error.message)
    assert "122" in message and "216" in message  # 122 months old; the minimum (rule admission.min_age_months)
    assert written() == before

    body = {"organization_id": cast.cell_a1a.pk, "full_name": "Lò Văn Nhỏ", "gender": "male",
            "birth_date": "2010-01-01", "admitted": {"decision": {"number": "15-QĐ/HU", "date": "2020-03-01",
                                                                  "issuer": "Huyện ủy An Bình"},
                                                     "ceremony_on": "2020-03-20"}}
    response = call("POST", "/members", user=officer, body=body, language="vi")
    assert response.status_code == 400, response.content
    assert response.json()["detail"] == message
    assert written() == before

    with translation.override("vi"):
        errors = imported(cast, tmp_path, [row("X-1", "Lò Văn Nhỏ", "01/01/2010", admitted="01/03/2020",
                                               number="15-QĐ/HU", ceremony="20/03/2020")]).problems
    assert [(p.row, p.column, p.message) for p in errors] == [(2, "Ngày vào Đảng", message)]
    assert written()[:3] == before[:3]

    # The page door for a copied admission: a member arriving from outside brings the history of the file.
    person = f.person(officer, cast.cell_a1a, "Lò Văn Nhỏ", birth_date=D(2010, 1, 1))
    before = written()
    response = page(officer).post(reverse("members:event", args=[person.pk, "transfer-in"]), {
        "transfer_kind": "official", "organization": cast.cell_a1a.pk, "occurred_on": "10/05/2024",
        "origin_outside": "Đảng bộ phường Chiềng Lề", "register_number": "25/GGT-ĐU",
        "arriving_decision_number": "15-QĐ/HU", "arriving_decision_date": "01/03/2020",
        "arriving_ceremony_on": "20/03/2020"})
    errors = form_errors(response)
    assert errors.get("arriving_decision_date") and "122" in errors["arriving_decision_date"][0], errors
    assert written() == before


# ----------------------------------------------------------------------------- age floors of candidates and course


def test_the_age_floors_are_data_with_their_source_and_unconfirmed():
    for key in ("candidate.min_age_months", "awareness_course.min_age_months"):
        version = rule(key, on=D(2026, 1, 1))
        assert version.value == 180 and not version.confirmed
        assert "PLAUSIBILITY FLOOR" in version.note and "no regulation found" in version.note


def test_a_child_registered_as_candidate_is_refused_at_every_door(cast, tmp_path):
    """Born 2024, registered as an outstanding candidate in 2025 (the auditor's case)."""
    officer = cast.district_officer
    child = f.person(officer, cast.cell_a1a, "Lò Văn Bé", birth_date=D(2024, 1, 1))
    before = written()
    error = service_refusal(services.candidate_register, actor=officer, person=child, registered_on=D(2025, 6, 2))
    assert error.field == "birth_date"
    message = str(error.message)
    assert "17" in message and "180" in message
    assert written() == before

    response = call("POST", f"/members/{child.pk}/events", user=officer, language="vi",
                    body={"kind": "candidate_registered", "registered_on": "2025-06-02"})
    assert response.status_code == 400, response.content
    assert response.json()["detail"] == message

    response = page(officer).post(reverse("members:event", args=[child.pk, "register"]),
                                  {"registered_on": "02/06/2025"})
    assert form_errors(response).get("__all__") == [message]
    assert written() == before

    result = imported(cast, tmp_path, [row("X-2", "Lò Văn Bé", "01/01/2024", registered="02/06/2025")])
    assert [(p.row, p.column, p.message) for p in result.problems] == [(2, "Ngày sinh", message)]
    assert written()[:3] == before[:3]


def test_a_child_awareness_certificate_is_refused_at_every_door(cast):
    """The course has no import column: the doors are the service, the API and the page (and the demo/commands
    through the service)."""
    officer = cast.district_officer
    child = f.person(officer, cast.cell_a1a, "Lò Văn Bé", birth_date=D(2024, 1, 1))
    before = written()
    error = service_refusal(services.awareness_course_record, actor=officer, person=child,
                            completed_on=D(2025, 6, 2))
    assert error.field == "birth_date"
    message = str(error.message)
    response = call("POST", f"/members/{child.pk}/events", user=officer, language="vi",
                    body={"kind": "awareness_course", "completed_on": "2025-06-02"})
    assert response.status_code == 400 and response.json()["detail"] == message
    response = page(officer).post(reverse("members:event", args=[child.pk, "course"]), {"completed_on": "02/06/2025"})
    assert form_errors(response).get("__all__") == [message]
    assert written() == before
    # At the floor it is accepted.
    adult = f.person(officer, cast.cell_a1a, "Lò Văn Lớn", birth_date=D(2008, 1, 1))
    services.awareness_course_record(actor=officer, person=adult, completed_on=D(2023, 1, 2))


def test_correcting_a_date_below_a_floor_is_refused_too(cast):
    officer = cast.district_officer
    person = f.candidate(officer, cast.cell_a1a, "Lò Văn Sớm", birth_date=D(2000, 1, 1),
                         registered_on=D(2019, 1, 10), course_on=D(2019, 3, 1))
    course = MemberEvent.objects.get(person=person, kind=EventKind.AWARENESS_COURSE)
    with pytest.raises(DomainError) as error:
        services.event_correct(actor=officer, event=course, occurred_on=D(2014, 3, 1), reason="nhầm")
    assert error.value.field == "birth_date"
    with pytest.raises(DomainError) as error:  # a date of birth that makes the log implausible
        services.person_update(actor=officer, person=person, birth_date=D(2008, 1, 1))
    assert error.value.field == "birth_date"


# ----------------------------------------------------------------------------- before birth: the date of birth


def test_an_event_before_birth_names_the_date_of_birth_not_the_cell(cast, tmp_path):
    """Registered on 01/06/2014, before both the birth (2000... no: 2020) and the cell's first day (10/01/2015):
    the refusal names the date of birth at every door."""
    officer = cast.district_officer
    person = f.person(officer, cast.cell_a1a, "Lò Văn Muộn", birth_date=D(2020, 1, 1))
    before = written()
    error = service_refusal(services.candidate_register, actor=officer, person=person, registered_on=D(2014, 6, 2))
    assert error.field == "birth_date"
    message = str(error.message)
    assert "01/01/2020" in message and "02/06/2014" in message and "cây tổ chức" not in message
    response = call("POST", f"/members/{person.pk}/events", user=officer, language="vi",
                    body={"kind": "candidate_registered", "registered_on": "2014-06-02"})
    assert response.status_code == 400 and response.json()["detail"] == message
    response = page(officer).post(reverse("members:event", args=[person.pk, "register"]),
                                  {"registered_on": "02/06/2014"})
    assert form_errors(response).get("__all__") == [message]
    assert written() == before
    result = imported(cast, tmp_path, [row("X-3", "Lò Văn Muộn", "01/01/2020", registered="02/06/2014")])
    assert [(p.row, p.column, p.message) for p in result.problems] == [(2, "Ngày sinh", message)]
    # A copied admission dated before birth too (service and import).
    record = services.AdmissionRecord(decision=Decision("15-QĐ/HU", D(2019, 3, 1), "Huyện ủy An Bình"))
    error = service_refusal(services.person_create, actor=officer, organization=cast.cell_a1a, full_name="Lò Văn A",
                            gender="male", birth_date=D(2020, 1, 1), admitted=record)
    assert error.field == "birth_date" and "01/01/2020" in str(error.message)


# ----------------------------------------------------------------------------- admission before the cell existed


def test_an_admission_before_the_cell_existed_is_never_the_cells_at_any_door(cast, tmp_path):
    """Issue 7 §7: one check at every door. The cell (first day 10/01/2015) did not exist on 01/03/2000: the
    decision is recorded as outside the tree and the file is registered in the cell on its first day, whether
    it came through the service, the API or the import. No event is the cell's before that day."""
    officer = cast.district_officer
    first_day = D(2015, 1, 10)
    record = services.AdmissionRecord(decision=Decision("15-QĐ/HU", D(2000, 3, 1), "Huyện ủy An Bình"),
                                      ceremony_on=D(2000, 3, 20), recognised_on=D(2001, 3, 20))
    by_service = services.person_create(actor=officer, organization=cast.cell_a1a, full_name="Hoàng Văn Một",
                                        gender="male", birth_date=D(1970, 2, 2), admitted=record)
    body = {"organization_id": cast.cell_a1a.pk, "full_name": "Hoàng Văn Hai", "gender": "male",
            "birth_date": "1970-02-02", "admitted": {"decision": {"number": "16-QĐ/HU", "date": "2000-03-01",
                                                                  "issuer": "Huyện ủy An Bình"},
                                                     "ceremony_on": "2000-03-20", "recognised_on": "2001-03-20"}}
    response = call("POST", "/members", user=officer, body=body, language="vi")
    assert response.status_code == 201, response.content
    result = imported(cast, tmp_path, [row("X-4", "Hoàng Văn Ba", "02/02/1970", admitted="01/03/2000",
                                           number="17-QĐ/HU", ceremony="20/03/2000")])
    assert result.ok, result.problems
    people = [by_service, Person.objects.get(pk=response.json()["id"]), Person.objects.get(full_name="Hoàng Văn Ba")]
    for person in people:
        events = list(MemberEvent.objects.filter(person=person).order_by("occurred_on", "id"))
        assert all(e.organization_id is None for e in events if e.occurred_on < first_day), events
        move = events[-1]
        assert (move.kind, move.occurred_on, move.organization_id) == (EventKind.RESTRUCTURE_MOVE, first_day,
                                                                       cast.cell_a1a.pk)
        assert move.details["registered_at_founding"]
        spells = list(MembershipSpell.objects.filter(person=person))
        assert spells and min(s.valid_from for s in spells) == first_day
    # Counted in the cell from its first day; the Party age still runs from the decision.
    assert member_stocks(cast.cell_a1a, as_of=D(2016, 1, 1))["members_total"] == 3
    assert response.json()["party_age"]["first_decision_on"] == "2000-03-01"
    # The event route refuses an event in the cell before its first day, as it did.
    fresh = f.person(officer, cast.cell_a1a, "Lò Văn Bốn", birth_date=D(1980, 1, 1))
    with pytest.raises(DomainError) as error:
        services.candidate_register(actor=officer, person=fresh, registered_on=D(2012, 1, 2))
    assert error.value.field == "organization"


# ----------------------------------------------------------------------------- possible duplicates


def test_a_possible_duplicate_asks_for_confirmation_at_every_door(cast, tmp_path):
    officer = cast.district_officer
    first = f.person(officer, cast.cell_a1a, "Nguyễn Văn Trùng", birth_date=D(1990, 5, 17))
    before = written()
    kwargs = {"actor": officer, "organization": cast.cell_a1b, "full_name": "NGUYEN  van trung",
              "gender": "male", "birth_date": D(1990, 5, 17)}
    with translation.override("vi"), pytest.raises(PossibleDuplicate) as error:
        services.person_create(**kwargs)
    assert error.value.field == "confirm_duplicate" and error.value.files == [first]
    message = str(error.value.message)
    assert "Nguyễn Văn Trùng" in message and f"id {first.pk}" in message
    assert written() == before
    # Another birth date, or the duplicate voided: no question.
    services.person_create(**{**kwargs, "birth_date": D(1990, 5, 18)})

    # API: refused with the files named, then accepted with the flag.
    body = {"organization_id": cast.cell_a1b.pk, "full_name": "Nguyễn Văn Trùng", "gender": "male",
            "birth_date": "1990-05-17"}
    response = call("POST", "/members", user=officer, body=body, language="vi")
    assert response.status_code == 400 and response.json()["detail"] == message
    response = call("POST", "/members", user=officer, body={**body, "confirm_duplicate": True}, language="vi")
    assert response.status_code == 201, response.content
    second = Person.objects.get(pk=response.json()["id"])

    # Page: the possible duplicates with links and a confirmation box; with it ticked, the file is opened.
    form = {"organization": cast.cell_a1a.pk, "full_name": "Nguyễn Văn Trùng", "gender": "male",
            "birth_date": "17/05/1990", "political_theory": "none"}
    count = Person.objects.count()
    response = page(officer).post(reverse("members:create"), form)
    html = response.content.decode()
    assert response.status_code == 200 and 'id="possible-duplicates"' in html
    assert reverse("members:detail", args=[first.pk]) in html and reverse("members:detail", args=[second.pk]) in html
    assert 'name="confirm_duplicate"' in html and Person.objects.count() == count
    response = page(officer).post(reverse("members:create"), {**form, "confirm_duplicate": "on"})
    assert response.status_code == 302 and Person.objects.count() == count + 1

    # Import: the row is named; with the flag it is opened.
    rows = [row("X-5", "Nguyễn Văn Trùng", "17/05/1990")]
    result = imported(cast, tmp_path, rows)
    assert [(p.row, p.column) for p in result.problems] == [(2, "Họ và tên")]
    assert "Nguyễn Văn Trùng" in result.problems[0].message
    assert imported(cast, tmp_path, rows, confirm_duplicates=True).ok

    # Only the writer's scope is searched: the outsider (district B) is not told about district A's file.
    with pytest.raises(DomainError) as error:
        services.person_create(actor=cast.outsider, organization=cast.cell_a1a, full_name="Nguyễn Văn Trùng",
                               gender="male", birth_date=D(1990, 5, 17))
    assert not isinstance(error.value, PossibleDuplicate)  # out of scope: 404, nothing about the files


# ----------------------------------------------------------------------------- voiding


def _viewer(cast: Any) -> Any:
    user = user_create(actor=cast.root_admin, username="viewer", password="viewer-pass-123", full_name="viewer")
    role_grant(actor=cast.root_admin, user=user, kind=RoleKind.objects.get(code="viewer"),
               organization=cast.province)
    return user


def test_voiding_needs_a_reason_and_takes_the_file_out_of_every_list_and_count(cast):
    officer = cast.district_officer
    member = f.member(officer, cast.cell_a1a, "Hà Văn Nhầm", admitted_on=D(2016, 3, 1), citizen_id="001080000777")
    other = f.member(officer, cast.cell_a1a, "Hà Văn Thật", admitted_on=D(2016, 3, 1))
    on = D(2024, 1, 1)
    assert member_stocks(cast.cell_a1a, as_of=on)["members_total"] == 2
    assert member_movements(cast.cell_a1a, date_from=D(2016, 1, 1), date_to=D(2016, 12, 31))["admitted"] == 2
    before = written()
    with pytest.raises(DomainError) as error:
        person_void(actor=officer, person=member, reason="  ")
    assert error.value.field == "reason" and written() == before
    with pytest.raises(DomainError):  # out of scope: nothing
        person_void(actor=cast.outsider, person=member, reason="nhầm")

    event = person_void(actor=officer, person=member, reason="Trùng với hồ sơ Hà Văn Thật")
    member.refresh_from_db()
    assert member.status == Status.VOIDED and event.kind == EventKind.FILE_VOIDED
    assert Person.objects.filter(pk=member.pk).exists()  # never deleted
    assert event.details["released"] == {"citizen_id": "001080000777"} and member.citizen_id == ""
    assert not MembershipSpell.objects.filter(person=member).exists()
    assert member_stocks(cast.cell_a1a, as_of=on)["members_total"] == 1
    assert member_movements(cast.cell_a1a, date_from=D(2016, 1, 1), date_to=D(2016, 12, 31))["admitted"] == 1
    assert list(queries.person_list(officer)) == [other]
    assert list(queries.person_search(officer, "Hà Văn")) == [other]
    assert member.pk not in {i.person.pk for i in queries.due_list(officer, cast.commune_a1, on=on)}
    # A candidate voided leaves the admission pipeline.
    candidate = f.candidate(officer, cast.cell_a1a, "Hà Văn Ứng", birth_date=D(2000, 1, 1))
    cards = lambda: {c.name for col in pages.pipeline(officer, organization=None, on=on).columns  # noqa: E731
                     for c in col.cards}
    assert "Hà Văn Ứng" in cards()
    person_void(actor=officer, person=candidate, reason="Nhập hai lần")
    assert "Hà Văn Ứng" not in cards()
    assert ChangeRecord.objects.for_object(event).get().reason == "Trùng với hồ sơ Hà Văn Thật"
    with pytest.raises(DomainError):  # nothing more is recorded on it
        services.death_record(actor=officer, person=member, died_on=D(2024, 2, 1))
    with pytest.raises(DomainError):
        services.person_update(actor=officer, person=member, phone="0912 000 111")
    with pytest.raises(DomainError):
        person_void(actor=officer, person=member, reason="lần nữa")
    # The released citizen ID can go on the real file.
    services.person_update(actor=officer, person=other, citizen_id="001080000777")


def test_voiding_through_the_page_and_the_api(cast):
    officer = cast.district_officer
    by_page = f.person(officer, cast.cell_a1a, "Hà Văn Trang", birth_date=D(1990, 1, 1))
    by_api = f.person(officer, cast.cell_a1a, "Hà Văn Api", birth_date=D(1990, 1, 1))
    kept = f.person(officer, cast.cell_a1a, "Hà Văn Còn", birth_date=D(1990, 1, 1))
    client = page(officer)
    url = reverse("members:void", args=[by_page.pk])
    assert url in client.get(reverse("members:detail", args=[by_page.pk])).content.decode()
    response = client.post(url, {"reason": "", "confirm": "on"})
    assert "reason" in form_errors(response)
    response = client.post(url, {"reason": "Nhập nhầm người"})  # the confirmation box is required
    assert "confirm" in form_errors(response)
    assert Person.objects.get(pk=by_page.pk).status == Status.NONE
    response = client.post(url, {"reason": "Nhập nhầm người", "confirm": "on"})
    assert response.status_code == 302 and response["Location"] == reverse("members:list")
    assert Person.objects.get(pk=by_page.pk).status == Status.VOIDED

    response = call("POST", f"/members/{by_api.pk}/void", user=officer, body={"reason": ""}, language="vi")
    assert response.status_code == 400 and response.json()["field"] == "reason"
    response = call("POST", f"/members/{by_api.pk}/void", user=cast.outsider, body={"reason": "x"})
    assert response.status_code == 404
    response = call("POST", f"/members/{by_api.pk}/void", user=officer, body={"reason": "Trùng hồ sơ"})
    assert response.status_code == 201, response.content
    assert response.json()["person"]["status"] == "voided"

    # Lists and the API list leave them out; the page of a voided file shows the banner to those who may change
    # files in its cell; a read-only user gets the same 404 as for a missing file.
    listing = client.get(reverse("members:list")).content.decode()
    assert f'href="{reverse("members:detail", args=[kept.pk])}"' in listing
    for pk in (by_page.pk, by_api.pk):
        assert f'href="{reverse("members:detail", args=[pk])}"' not in listing
    items = call("GET", "/members", user=officer).json()["items"]
    assert kept.pk in {i["id"] for i in items} and {i["id"] for i in items}.isdisjoint({by_page.pk, by_api.pk})
    detail = client.get(reverse("members:detail", args=[by_page.pk]))
    html = detail.content.decode()
    assert detail.status_code == 200 and 'id="voided-banner"' in html and "đã hủy" in html
    assert "Nhập nhầm người" in html and 'id="void-link"' not in html
    viewer = _viewer(cast)
    assert page(viewer).get(reverse("members:detail", args=[by_page.pk])).status_code == 404
    assert call("GET", f"/members/{by_api.pk}", user=viewer).status_code == 404
    assert page(cast.root_admin).get(reverse("members:detail", args=[by_api.pk])).status_code == 200
    # Voided files are no longer possible duplicates.
    services.person_create(actor=officer, organization=cast.cell_a1a, full_name="Hà Văn Trang", gender="male",
                           birth_date=D(1990, 1, 1))
