"""The members API: scope matrix over every route, every event kind with its effect on status, refusals that
cite the rule and write nothing, the request's language, lists in Vietnamese order, the OpenAPI document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.models import RoleKind
from accounts.services import api_token_create, role_grant, user_create
from core.models import ChangeRecord
from core.testing import Cast, establish
from core.testing_api import call
from members import ruling, services
from members.kinds.contact import contact_lost_record
from members.kinds.suspension import member_suspend
from members.models import EventKind, MemberEvent, MembershipSpell, Person, Status
from members.party_age import party_age
from members.tests import factories as f

pytestmark = pytest.mark.django_db

D = dt.date


def decision(on: str, number: str | None = None, issuer: str = "Đảng ủy xã Đồng Tâm") -> dict[str, str]:
    return {"number": number or f"{abs(hash(on)) % 900 + 100}-QĐ/ĐU", "date": on, "issuer": issuer}


# ----------------------------------------------------------------------------- helpers


def counts() -> dict[str, Any]:
    """Every table a members write touches, and the cached state of every file."""
    return {
        "persons": Person.objects.count(),
        "events": MemberEvent.objects.count(),
        "spells": MembershipSpell.objects.count(),
        "changes": ChangeRecord.objects.count(),
        "files": list(Person.objects.order_by("pk").values_list(
            "status", "organization_id", "temporary_organization_id", "full_name", "phone", "birth_date")),
    }


class Scene:
    """People in each state an event needs, made through the services on first use (actor: the administrator)."""

    def __init__(self, cast: Cast) -> None:
        self.cast = cast
        self.actor = cast.root_admin
        self.cell = cast.cell_a1a

    @cached_property
    def file_only(self) -> Person:
        return f.person(self.actor, self.cell, "Lò Văn Mới", birth_date=D(1995, 6, 1))

    @cached_property
    def introducers(self) -> list[Person]:
        return [f.member(self.actor, self.cell, "Hoàng Văn Giới"), f.member(self.actor, self.cell, "Lục Thị Thiệu")]

    @cached_property
    def candidate(self) -> Person:
        return f.candidate(self.actor, self.cell, "Nguyễn Văn An", resolution_on=D(2020, 3, 2))

    @cached_property
    def decided(self) -> Person:
        return f.admit(self.actor, self.cell, "Ma Văn Quyết", ceremony_on=None)

    @cached_property
    def probationary(self) -> Person:
        return f.admit(self.actor, self.cell, "Đàm Thị Thử", ceremony_on=D(2020, 4, 20))

    @cached_property
    def official(self) -> Person:
        return f.member(self.actor, self.cell, "Trần Thị Bình")

    @cached_property
    def exempted(self) -> Person:
        person = f.member(self.actor, self.cell, "Vi Văn Nghỉ")
        services.exemption_start(actor=self.actor, person=person, occurred_on=D(2023, 1, 5), reason="ốm dài ngày")
        return person

    @cached_property
    def away(self) -> Person:
        person = f.member(self.actor, self.cell, "Chu Văn Học")
        services.member_transfer_out(actor=self.actor, person=person, temporary=True, occurred_on=D(2021, 1, 4),
                                     letter=f.letter(), destination=self.cast.cell_a1b, purpose="study",
                                     until=D(2022, 1, 4))
        return person

    @cached_property
    def leaving(self) -> Person:
        person = f.member(self.actor, self.cell, "Triệu Văn Chuyển")
        services.member_transfer_out(actor=self.actor, person=person, temporary=False, occurred_on=D(2021, 3, 1),
                                     letter=f.letter(), destination=self.cast.cell_a1b)
        return person

    @cached_property
    def struck(self) -> Person:
        person = f.member(self.actor, self.cell, "Lưu Văn Khánh")
        services.member_strike_off(actor=self.actor, person=person, decision=f.decision(D(2019, 1, 10)),
                                   ground="no_progress")
        return person

    @cached_property
    def lost(self) -> Person:
        person = f.member(self.actor, self.cell, "Hà Văn Xa")
        contact_lost_record(actor=self.actor, person=person, lost_on=D(2022, 1, 3), reason="đi làm ăn xa")
        return person

    @cached_property
    def suspended(self) -> Person:
        person = f.member(self.actor, self.cell, "Nông Văn Đình")
        member_suspend(actor=self.actor, person=person, decision=f.decision(D(2023, 3, 1)), occurred_on=D(2023, 3, 1),
                       reason="Bị khởi tố")
        return person

    @cached_property
    def exemption_event(self) -> MemberEvent:
        return MemberEvent.objects.get(person=self.exempted, kind=EventKind.EXEMPTION_START)


@pytest.fixture
def scene(cast: Cast) -> Scene:
    return Scene(cast)


def refused(user: Any, method: str, url: str, body: Any, *, status: int = 400, field: str | None = None,
            language: str | None = None) -> dict[str, Any]:
    """The request is refused with `status`, names the field, and writes nothing at all."""
    before = counts()
    response = call(method, url, user=user, body=body, language=language)
    assert response.status_code == status, response.content
    payload = response.json()
    assert payload["detail"]
    if field is not None:
        assert payload["field"] == field, payload
    assert counts() == before
    return payload


def event_url(person: Person) -> str:
    return f"/members/{person.pk}/events"


# ----------------------------------------------------------------------------- the routes, for the scope matrix


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    url: Callable[[Scene], str]
    body: Callable[[Scene], Any] | None = None
    ok: int = 200
    person: Callable[[Scene], Person] | None = None  # whose status the write changes
    status_after: str | None = None


def _event(kind: str, person: Callable[[Scene], Person], status_after: str, **body: Any) -> Route:
    """A POST of one event kind; values that are callables receive the scene."""

    def build(s: Scene) -> dict[str, Any]:
        return {"kind": kind, **{k: (v(s) if callable(v) else v) for k, v in body.items()}}

    return Route(f"event-{kind}", "POST", lambda s: event_url(person(s)), build, 201, person, status_after)


EVENT_ROUTES = [
    _event("candidate_registered", lambda s: s.file_only, Status.CANDIDATE, registered_on="2020-01-02",
           organization_id=lambda s: s.cell.pk),
    _event("awareness_course", lambda s: s.candidate, Status.CANDIDATE, completed_on="2020-06-01",
           certificate_number="CN-77", issuer="Trung tâm Chính trị huyện"),
    _event("dossier_step", lambda s: s.candidate, Status.CANDIDATE, form="8-KNĐ", occurred_on="2020-03-20",
           details={"note": "Đảng ủy xã họp"}),
    _event("admission_decision", lambda s: s.candidate, Status.PROBATIONARY, decision=decision("2020-04-01"),
           introducers=lambda s: [{"person_id": p.pk, "worked_together_since": "2015-01-01"} for p in s.introducers]),
    _event("admission_ceremony", lambda s: s.decided, Status.PROBATIONARY, held_on="2020-04-20"),
    _event("recognition", lambda s: s.probationary, Status.OFFICIAL, decision=decision("2021-05-10")),
    _event("not_recognised", lambda s: s.probationary, Status.STRUCK_OFF, decision=decision("2021-05-10"),
           reason="Không đủ tư cách đảng viên"),
    _event("transfer_out", lambda s: s.official, Status.TRANSFERRED_OUT, occurred_on="2021-03-01",
           letter={"register_number": "GT-15", "list_number": "7", "dues_paid_until": "2021-02-01"},
           destination_id=lambda s: s.cast.cell_a1b.pk),
    _event("transfer_in", lambda s: s.leaving, Status.OFFICIAL, organization_id=lambda s: s.cast.cell_a1b.pk,
           occurred_on="2021-03-05", letter={"register_number": "GT-16"}),
    _event("temporary_return", lambda s: s.away, Status.OFFICIAL, returned_on="2021-06-01"),
    _event("exemption_start", lambda s: s.official, Status.EXEMPTED, occurred_on="2023-01-05",
           reason="Tuổi cao, sức yếu"),
    _event("exemption_end", lambda s: s.exempted, Status.OFFICIAL, occurred_on="2023-06-05"),
    _event("strike_off", lambda s: s.official, Status.STRUCK_OFF, decision=decision("2023-09-01"),
           ground="card_discarded"),
    _event("expulsion", lambda s: s.official, Status.EXPELLED, decision=decision("2021-05-01"),
           reason="Vi phạm nghiêm trọng", grounds=["corruption"]),
    _event("left", lambda s: s.official, Status.LEFT, decision=decision("2021-05-01")),
    _event("death", lambda s: s.official, Status.DEAD, died_on="2022-02-02"),
    _event("readmission", lambda s: s.struck, Status.PROBATIONARY, decision=decision("2022-03-01"),
           consent=decision("2022-02-01", "12-QĐ/TU", "Ban Thường vụ Tỉnh ủy")),
    _event("lost_contact", lambda s: s.official, Status.OFFICIAL, lost_on="2022-01-03", reason="Đi làm ăn xa"),
    _event("contact_restored", lambda s: s.lost, Status.OFFICIAL, restored_on="2023-02-01"),
    _event("suspension", lambda s: s.official, Status.OFFICIAL, occurred_on="2023-03-01", until="2023-05-29",
           decision=decision("2023-03-01"), reason="Bị khởi tố"),
    _event("suspension_end", lambda s: s.suspended, Status.OFFICIAL, occurred_on="2023-05-30"),
]

ROUTES = [
    Route("list", "GET", lambda s: f"/members?organization={s.cell.pk}&q=binh"),
    Route("detail", "GET", lambda s: f"/members/{s.official.pk}"),
    Route("events", "GET", lambda s: f"/members/{s.official.pk}/events"),
    Route("status", "GET", lambda s: f"/members/{s.official.pk}/status?on=2011-01-01"),
    Route("due", "GET", lambda s: f"/members/{s.decided.pk}/due?on=2020-05-01"),
    Route("changes", "GET", lambda s: f"/members/{s.official.pk}/changes"),
    Route("organization-due", "GET", lambda s: f"/organizations/{s.cast.district_a.pk}/members/due?on=2020-05-01"),
    Route("organization-badges", "GET",
          lambda s: f"/organizations/{s.cast.district_a.pk}/members/badges?on=2022-05-01"),
    Route("organization-counts", "GET",
          lambda s: f"/organizations/{s.cast.district_a.pk}/members/counts?on=2020-01-01"),
    Route("create", "POST", lambda s: "/members",
          lambda s: {"organization_id": s.cell.pk, "full_name": "Lò Thị Hoa", "gender": "female",
                     "birth_date": "1998-02-03", "ethnicity": "02", "general_education": "12/12"}, 201),
    Route("update", "PATCH", lambda s: f"/members/{s.official.pk}",
          lambda s: {"phone": "0912 345 678", "reason": "Bổ sung"}, 200, lambda s: s.official, Status.OFFICIAL),
    *EVENT_ROUTES,
    Route("correct", "POST", lambda s: f"/member-events/{s.exemption_event.pk}/correct",
          lambda s: {"withdraw": True, "reason": "Nhập nhầm người"}, 201, lambda s: s.exempted, Status.OFFICIAL),
]
ROUTE_IDS = [r.name for r in ROUTES]


@pytest.mark.parametrize("route", ROUTES, ids=ROUTE_IDS)
def test_in_scope_user_gets_2xx_and_the_status_follows(scene: Scene, route: Route) -> None:
    url, body = route.url(scene), route.body(scene) if route.body else None
    response = call(route.method, url, user=scene.cast.district_officer, body=body)
    assert response.status_code == route.ok, response.content
    if route.person is not None:
        person = route.person(scene)
        person.refresh_from_db()
        assert person.status == route.status_after
        if route.method == "POST":
            data = response.json()
            assert data["person"]["id"] == person.pk
            assert data["person"]["status"] == route.status_after
            assert data["event"]["id"] == MemberEvent.objects.filter(person=person).latest("id").pk


@pytest.mark.parametrize("route", ROUTES, ids=ROUTE_IDS)
def test_outsider_gets_404_and_nothing_is_written(scene: Scene, route: Route) -> None:
    url, body = route.url(scene), route.body(scene) if route.body else None
    before = counts()
    response = call(route.method, url, user=scene.cast.outsider, body=body)
    assert response.status_code == 404, response.content
    with translation.override("vi"):
        assert response.json() == {"detail": gettext("Not found."), "field": None}
    assert counts() == before


@pytest.mark.parametrize("route", ROUTES, ids=ROUTE_IDS)
def test_anonymous_gets_401_and_nothing_is_written(scene: Scene, route: Route) -> None:
    url, body = route.url(scene), route.body(scene) if route.body else None
    before = counts()
    response = call(route.method, url, body=body, csrf=True)
    assert response.status_code == 401, response.content
    assert response.json()["detail"]
    assert counts() == before


@pytest.fixture
def viewer(cast: Cast) -> Any:
    """Read-only role over district A: sees member files, may not change them."""
    user = user_create(actor=cast.root_admin, username="viewer", password="viewer-pass-123", full_name="viewer")
    role_grant(actor=cast.root_admin, user=user, kind=RoleKind.objects.get(code="viewer"), organization=cast.district_a)
    return user


@pytest.mark.parametrize("route", [r for r in ROUTES if r.method != "GET"], ids=lambda r: r.name)
def test_a_view_only_role_reads_but_every_write_is_404(scene: Scene, viewer: Any, route: Route) -> None:
    assert call("GET", f"/members/{scene.official.pk}", user=viewer).status_code == 200
    url, body = route.url(scene), route.body(scene) if route.body else None
    before = counts()
    response = call(route.method, url, user=viewer, body=body)
    assert response.status_code == 404, response.content
    assert counts() == before


def test_the_cell_secretary_writes_in_the_own_cell_only(scene: Scene) -> None:
    secretary = scene.cast.cell_secretary
    create = {"organization_id": scene.cell.pk, "full_name": "Lò Thị Hoa", "gender": "female",
              "birth_date": "1998-02-03"}
    assert call("POST", "/members", user=secretary, body=create).status_code == 201
    refused(secretary, "POST", "/members", {**create, "organization_id": scene.cast.cell_a1b.pk}, status=404)
    other = f.member(scene.actor, scene.cast.cell_a1b, "Nông Văn Khác")
    refused(secretary, "POST", event_url(other), {"kind": "death", "died_on": "2022-02-02"}, status=404)
    refused(secretary, "GET", f"/members/{other.pk}", None, status=404)


# ----------------------------------------------------------------------------- every event kind, recorded


def test_recording_returns_the_event_and_logs_it(scene: Scene) -> None:
    person, introducers = scene.candidate, scene.introducers
    since = ChangeRecord.objects.order_by("-pk").values_list("pk", flat=True).first()
    body = {"kind": "admission_decision", "decision": decision("2020-04-01", "9-QĐ/ĐU"), "reason": "Đủ điều kiện",
            "introducers": [{"person_id": p.pk, "worked_together_since": "2015-01-01"} for p in introducers]}
    response = call("POST", event_url(person), user=scene.cast.district_officer, body=body)
    assert response.status_code == 201, response.content
    data = response.json()
    event = MemberEvent.objects.get(pk=data["event"]["id"])
    assert (event.kind, event.occurred_on, event.decision_number) == (EventKind.ADMISSION_DECISION, D(2020, 4, 1),
                                                                     "9-QĐ/ĐU")
    assert data["event"]["decision"] == {"number": "9-QĐ/ĐU", "date": "2020-04-01", "issuer": "Đảng ủy xã Đồng Tâm"}
    assert data["event"]["organization"] == {"id": scene.cell.pk, "code": "T-A-1-a", "name": scene.cell.name}
    assert [i["person_id"] for i in data["event"]["details"]["introducers"]] == [p.pk for p in scene.introducers]
    assert data["event"]["recorded_by"] == "district" and data["event"]["superseded"] is False
    assert data["person"]["status"] == "probationary" and data["person"]["status_since"] == "2020-04-01"
    records = ChangeRecord.objects.filter(pk__gt=since)
    assert {(r.content_type.model, r.action) for r in records} == {("memberevent", "create"), ("person", "event")}
    assert {r.request_id for r in records} == {response["X-Request-Id"]}
    assert {r.reason for r in records} == {"Đủ điều kiện"}


def test_a_candidate_walks_to_recognition_through_the_api(cast: Cast) -> None:
    user = cast.district_officer
    intro = [f.member(cast.root_admin, cast.cell_a1a, "Hoàng Văn Giới"),
             f.member(cast.root_admin, cast.cell_a1a, "Lục Thị Thiệu")]
    created = call("POST", "/members", user=user, body={
        "organization_id": cast.cell_a1a.pk, "full_name": "Hà Thị Mai", "gender": "female",
        "birth_date": "1996-09-02", "general_education": "12/12", "ethnicity": "02"})
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    steps: list[tuple[dict[str, Any], str]] = [
        ({"kind": "candidate_registered", "registered_on": "2019-06-01"}, "candidate"),
        ({"kind": "awareness_course", "completed_on": "2019-09-01"}, "candidate"),
        ({"kind": "dossier_step", "form": "1-KNĐ", "occurred_on": "2019-10-01"}, "candidate"),
        ({"kind": "dossier_step", "form": "6-KNĐ", "occurred_on": "2019-11-04"}, "candidate"),
        ({"kind": "admission_decision", "decision": decision("2019-12-02"),
          "introducers": [{"person_id": p.pk, "worked_together_since": "2016-01-01"} for p in intro]},
         "probationary"),
        ({"kind": "admission_ceremony", "held_on": "2019-12-20"}, "probationary"),
        ({"kind": "recognition", "decision": decision("2021-01-05")}, "official"),
    ]
    for body, status in steps:
        response = call("POST", f"/members/{pk}/events", user=user, body=body)
        assert response.status_code == 201, (body, response.content)
        assert response.json()["person"]["status"] == status
    recognition = MemberEvent.objects.get(person_id=pk, kind=EventKind.RECOGNITION)
    assert recognition.occurred_on == D(2020, 12, 20)  # effective at the end of probation
    events = call("GET", f"/members/{pk}/events", user=user).json()
    assert [e["kind"] for e in events] == ["candidate_registered", "awareness_course", "dossier_step", "dossier_step",
                                           "admission_decision", "admission_ceremony", "recognition"]
    on = call("GET", f"/members/{pk}/status?on=2020-06-01", user=user).json()
    assert (on["status"], on["organization_id"]) == ("probationary", cast.cell_a1a.pk)
    assert call("GET", f"/members/{pk}/status?on=2019-01-01", user=user).json()["status"] == "none"
    detail = call("GET", f"/members/{pk}", user=user).json()
    expected = party_age(Person.objects.get(pk=pk), timezone.localdate())
    assert (detail["party_age"]["years"], detail["party_age"]["months"]) == expected
    assert detail["party_age"]["first_decision_on"] == "2019-12-02"
    assert detail["ethnicity"] == {"code": "02", "name": "Tày"}


def test_transfer_in_is_recorded_by_the_receiver_who_cannot_see_the_file_yet(cast: Cast) -> None:
    cell_b = establish(cast.root_admin, "T-B-1-a", "Chi bộ thôn Bản Đăm", "cell", cast.commune_b1)
    mover = f.member(cast.root_admin, cast.cell_a1a, "Triệu Văn Đến")
    sent = call("POST", event_url(mover), user=cast.province_officer, body={  # sees both districts' cells
        "kind": "transfer_out", "occurred_on": "2021-03-01", "letter": {"register_number": "GT-9"},
        "destination_id": cell_b.pk})
    assert sent.status_code == 201, sent.content
    assert sent.json()["event"]["counterpart"]["code"] == "T-B-1-a"
    assert call("GET", f"/members/{mover.pk}", user=cast.outsider).status_code == 404
    arrival = {"kind": "transfer_in", "organization_id": cell_b.pk, "occurred_on": "2021-03-08"}
    refused(cast.district_officer, "POST", event_url(mover), arrival, status=404)  # not the receiver
    received = call("POST", event_url(mover), user=cast.outsider, body=arrival)
    assert received.status_code == 201, received.content
    assert received.json()["person"]["organization"]["id"] == cell_b.pk
    assert call("GET", f"/members/{mover.pk}", user=cast.outsider).json()["status"] == "official"
    # Anyone else's file stays hidden from the receiver.
    stranger = f.member(cast.root_admin, cast.cell_a1a, "Lý Văn Lạ")
    refused(cast.outsider, "POST", event_url(stranger), arrival, status=404)


def test_a_correction_supersedes_and_is_listed(scene: Scene) -> None:
    user = scene.cast.district_officer
    wrong = MemberEvent.objects.get(person=scene.exempted, kind=EventKind.EXEMPTION_START)
    response = call("POST", f"/member-events/{wrong.pk}/correct", user=user,
                    body={"occurred_on": "2023-02-01", "reason": "Sai ngày"})
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["event"]["supersedes_id"] == wrong.pk and data["event"]["occurred_on"] == "2023-02-01"
    assert data["person"]["status"] == "exempted" and data["person"]["status_since"] == "2023-02-01"
    log = call("GET", f"/members/{scene.exempted.pk}/events", user=user).json()
    assert {(e["id"], e["superseded"]) for e in log if e["kind"] == "exemption_start"} == {
        (wrong.pk, True), (data["event"]["id"], False)}
    refused(user, "POST", f"/member-events/{wrong.pk}/correct", {"withdraw": True, "reason": "lần nữa"},
            field="event")
    refused(user, "POST", f"/member-events/{data['event']['id']}/correct", {"withdraw": True}, field="reason")
    refused(user, "POST", f"/member-events/{data['event']['id']}/correct",
            {"counterpart_id": 10**12, "reason": "x"}, field="counterpart_id")
    refused(user, "POST", "/member-events/999999999/correct", {"withdraw": True, "reason": "x"}, status=404)


# ----------------------------------------------------------------------------- refusals from the issue


def citation(key: str, on: str) -> str:
    cited = ruling.citation(key, on=dt.date.fromisoformat(on))
    assert cited != key  # the rule is configured for that date
    return cited


def test_birth_date_in_the_future_is_refused(scene: Scene) -> None:
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    body = {"organization_id": scene.cell.pk, "full_name": "Lò Văn Sau", "gender": "male", "birth_date": tomorrow}
    payload = refused(scene.cast.district_officer, "POST", "/members", body, field="birth_date")
    assert "/" in payload["detail"]  # the date, as dd/mm/yyyy
    refused(scene.cast.district_officer, "PATCH", f"/members/{scene.official.pk}", {"birth_date": tomorrow},
            field="birth_date")


def test_admission_under_18_in_months_is_refused(scene: Scene) -> None:
    # 17 years and 11 months on the day the cell considered it.
    young = f.candidate(scene.actor, scene.cell, "Lò Văn Trẻ", birth_date=D(2002, 4, 3), registered_on=D(2019, 6, 1),
                        course_on=D(2019, 9, 1), resolution_on=D(2020, 3, 2))
    body = {"kind": "admission_decision", "decision": decision("2020-04-01"),
            "introducers": [{"person_id": p.pk, "worked_together_since": "2015-01-01"} for p in scene.introducers]}
    payload = refused(scene.cast.district_officer, "POST", event_url(young), body, field="birth_date")
    assert "214" in payload["detail"] and "216" in payload["detail"]  # months old, the minimum
    assert citation("admission.min_age_months", "2020-03-02") in payload["detail"]


@pytest.mark.parametrize("case", ["one", "probationary", "not-long-enough", "the-applicant"])
def test_admission_without_two_eligible_introducers_is_refused(scene: Scene, case: str) -> None:
    official, other = scene.introducers
    introducers = {
        "one": [(official, "2015-01-01")],
        "probationary": [(official, "2015-01-01"), (scene.decided, "2015-01-01")],
        "not-long-enough": [(official, "2015-01-01"), (other, "2019-09-01")],
        "the-applicant": [(official, "2015-01-01"), (scene.candidate, "2015-01-01")],
    }[case]
    body = {"kind": "admission_decision", "decision": decision("2020-04-01"),
            "introducers": [{"person_id": p.pk, "worked_together_since": since} for p, since in introducers]}
    payload = refused(scene.cast.district_officer, "POST", event_url(scene.candidate), body, field="introducers")
    if case != "the-applicant":
        key = "admission.introducer_min_months_together" if case == "not-long-enough" else \
            "admission.introducers_required"
        assert citation(key, "2020-03-02") in payload["detail"]


def test_ceremony_before_its_decision_is_refused(scene: Scene) -> None:
    payload = refused(scene.cast.district_officer, "POST", event_url(scene.decided),
                      {"kind": "admission_ceremony", "held_on": "2020-03-20"}, field="held_on")
    assert citation("admission.ceremony_deadline_working_days", "2020-03-20") in payload["detail"]


def test_recognition_before_twelve_months_of_probation_is_refused(scene: Scene) -> None:
    payload = refused(scene.cast.district_officer, "POST", event_url(scene.probationary),
                      {"kind": "recognition", "decision": decision("2021-03-01")}, field="decision.date")
    assert "20/04/2021" in payload["detail"]  # the end of probation
    assert citation("recognition.probation_months", "2020-04-20") in payload["detail"]


@pytest.mark.parametrize("body", [
    {"kind": "death", "died_on": "2023-01-01"},
    {"kind": "exemption_start", "occurred_on": "2023-01-01", "reason": "ốm"},
    {"kind": "transfer_out", "occurred_on": "2023-01-01", "letter": {"register_number": "GT-1"},
     "destination_outside": "Đảng bộ tỉnh Lạng Sơn"},
], ids=["death", "exemption", "transfer"])
def test_an_event_on_a_struck_off_member_is_refused(scene: Scene, body: dict[str, Any]) -> None:
    date_field = "died_on" if "died_on" in body else "occurred_on"  # the date as the body names it
    payload = refused(scene.cast.district_officer, "POST", event_url(scene.struck), body, field=date_field)
    assert citation("readmission.min_months_out", "2023-01-01") in payload["detail"]


@pytest.mark.parametrize("where", ["missing", "commune", "before-it-existed", "own-cell"])
def test_a_transfer_to_an_organization_outside_the_tree_is_refused(scene: Scene, where: str) -> None:
    destination, on = {
        "missing": (10**12, "2021-03-01"),
        "commune": (scene.cast.commune_a2.pk, "2021-03-01"),
        "before-it-existed": (scene.cast.cell_a1b.pk, "2014-03-01"),
        "own-cell": (scene.cell.pk, "2021-03-01"),
    }[where]
    body = {"kind": "transfer_out", "occurred_on": on, "letter": {"register_number": "GT-2"},
            "destination_id": destination}
    refused(scene.cast.district_officer, "POST", event_url(scene.official), body, field="destination_id")


def test_other_rules_answer_400_with_their_field(scene: Scene) -> None:
    user = scene.cast.district_officer
    official = scene.official
    cases: list[tuple[dict[str, Any], str]] = [
        ({"kind": "strike_off", "decision": decision("2023-09-01"), "ground": "unpaid_dues", "unpaid_months": 1},
         "unpaid_months"),
        ({"kind": "strike_off", "decision": decision("2023-09-01"), "ground": "other", "warrants_expulsion": True},
         "warrants_expulsion"),
        ({"kind": "left", "decision": decision("2021-05-01"), "has_violations": True}, "has_violations"),
        ({"kind": "expulsion", "decision": decision("2021-05-01")}, "reason"),
        ({"kind": "death", "died_on": "2999-01-01"}, "died_on"),
        ({"kind": "strike_off", "decision": decision("2023-09-01", "abc"), "ground": "other"}, "decision.number"),
        ({"kind": "transfer_out", "occurred_on": "2021-03-01", "letter": {}, "destination_outside": "Tỉnh khác"},
         "register_number"),
        ({"kind": "transfer_out", "temporary": True, "occurred_on": "2021-03-01", "purpose": "work",
          "until": "2021-04-01", "letter": {"register_number": "GT-3"}, "destination_id": scene.cast.cell_a1b.pk},
         "until"),
    ]
    for body, field in cases:
        refused(user, "POST", event_url(official), body, field=field)
    readmit = {"kind": "readmission", "decision": decision("2020-03-01"),
               "consent": decision("2020-02-01", "12-QĐ/TU", "Ban Thường vụ Tỉnh ủy")}
    payload = refused(user, "POST", event_url(scene.struck), readmit, field="cell_resolution_on")
    assert citation("readmission.min_months_out", "2020-03-01") in payload["detail"]


@pytest.mark.parametrize(("body", "field"), [
    ({"kind": "explode"}, "kind"),
    ({"died_on": "2022-01-01"}, "kind"),
    ({"kind": "death"}, "died_on"),
    ({"kind": "death", "died_on": "2022-02-30"}, "died_on"),
    ({"kind": "death", "died_on": "1800-01-01"}, "died_on"),
    ({"kind": "dossier_step", "form": "7-KNĐ", "occurred_on": "2020-01-01"}, "form"),
    ({"kind": "strike_off", "decision": decision("2023-09-01"), "ground": "laziness"}, "ground"),
    ({"kind": "expulsion", "decision": decision("2021-05-01"), "reason": "A\x00B"}, "reason"),
    ({"kind": "expulsion", "decision": {"number": "1-QĐ/ĐU", "date": "2021-05-01", "issuer": "x" * 256},
      "reason": "x"}, "decision.issuer"),
    ({"kind": "admission_decision", "decision": decision("2020-04-01"),
      "introducers": [{"person_id": -1, "worked_together_since": "2015-01-01"}]}, "introducers.0.person_id"),
], ids=["unknown-kind", "no-kind", "missing", "impossible-date", "too-old", "form", "ground", "nul", "long-issuer",
        "negative-id"])
def test_malformed_event_bodies_are_422_with_the_field(scene: Scene, body: dict[str, Any], field: str) -> None:
    refused(scene.cast.district_officer, "POST", event_url(scene.official), body, status=422, field=field)


def test_unparsable_bodies_and_ids_out_of_range(scene: Scene) -> None:
    user = scene.cast.district_officer
    refused(user, "POST", event_url(scene.official), "{not json", status=400)
    refused(user, "POST", event_url(scene.official), "[1, 2]", status=422)
    refused(user, "POST", f"/members/{2**64}/events", {"kind": "death", "died_on": "2022-02-02"}, status=422,
            field="id")
    refused(user, "POST", "/members/999999999/events", {"kind": "death", "died_on": "2022-02-02"}, status=404)
    refused(user, "GET", "/members?limit=0", None, status=422, field="limit")
    refused(user, "GET", "/members?q=a%00b", None, status=422, field="q")


# ----------------------------------------------------------------------------- the file


def test_create_an_existing_member_with_the_admission_record(scene: Scene) -> None:
    admitted = {"decision": decision("1995-05-19", "15-QĐ/HU"), "ceremony_on": "1995-06-01",
                "recognised_on": "1996-06-01"}
    body = {"organization_id": scene.cell.pk, "full_name": "  Nông  Văn Cũ ", "gender": "male",
            "birth_date": "1970-01-01", "party_card_number": "12.345.678", "political_theory": "intermediate",
            "admitted": admitted}
    response = call("POST", "/members", user=scene.cast.district_officer, body=body)
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["full_name"], data["status"], data["status_since"]) == ("Nông Văn Cũ", "official", "1996-06-01")
    assert data["organization"]["id"] == scene.cell.pk and data["party_age"]["first_decision_on"] == "1995-05-19"
    kinds = list(MemberEvent.objects.filter(person_id=data["id"]).values_list("kind", flat=True).order_by("id"))
    # admitted before the cell's first day in the tree: registered there on that day
    assert kinds == ["admission_decision", "admission_ceremony", "recognition", "restructure_move"]
    bad = {**body, "full_name": "Nông Văn Khác", "party_card_number": "",
           "admitted": {**admitted, "recognised_on": "1995-05-30"}}
    refused(scene.cast.district_officer, "POST", "/members", bad, field="admitted.recognised_on")


@pytest.mark.parametrize(("change", "field"), [
    ({"full_name": "  "}, "full_name"),
    ({"citizen_id": "12345"}, "citizen_id"),
    ({"general_education": "lớp 9"}, "general_education"),
    ({"general_education": "12/12 " + "x" * 30}, "general_education"),
    ({"phone": "+" + "1" * 20}, "phone"),
    ({"ethnicity": "ZZ"}, "ethnicity"),
    ({"party_card_number": "12-34"}, "party_card_number"),
    ({"address": "x" * 256}, "address"),
    ({"gender": None}, "gender"),
])
def test_bad_file_fields_are_refused_on_update(scene: Scene, change: dict[str, Any], field: str) -> None:
    refused(scene.cast.district_officer, "PATCH", f"/members/{scene.official.pk}", change, field=field)


def test_update_changes_only_the_fields_sent(scene: Scene) -> None:
    person = scene.official
    response = call("PATCH", f"/members/{person.pk}", user=scene.cast.district_officer,
                    body={"phone": "0912 345 678", "religion": "phat-giao", "reason": "Bổ sung"})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["phone"] == "0912 345 678" and data["full_name"] == "Trần Thị Bình"
    assert data["status"] == "official"
    changes = call("GET", f"/members/{person.pk}/changes", user=scene.cast.district_officer).json()
    assert changes[0]["action"] == "update" and changes[0]["reason"] == "Bổ sung"
    assert changes[0]["after"]["phone"] == "0912 345 678" and changes[0]["before"]["phone"] == ""


# ----------------------------------------------------------------------------- lists, search, order


def test_list_is_in_vietnamese_order_with_filters_search_and_paging(cast: Cast) -> None:
    actor = cast.root_admin
    names = ["Nguyễn Văn Đức", "Trần Thị Ánh", "Lê Văn An", "Phạm Thị Ấn", "Nguyễn Văn Dũng", "Hoàng Văn Ba"]
    for name in names:
        f.member(actor, cast.cell_a1a, name)
    f.person(actor, cast.cell_a1b, "Nguyễn Thị Đào", gender="female", citizen_id="001090000001")
    f.member(actor, cast.cell_a1b, "Vương Văn Đông")
    user = cast.district_officer

    def names_of(query: str) -> list[str]:
        response = call("GET", f"/members?{query}", user=user)
        assert response.status_code == 200, response.content
        return [p["full_name"] for p in response.json()["items"]]

    # given name first: An, Ánh, Ấn (a, á before ă, â), Ba, Dũng, Đào, Đông, Đức
    assert names_of(f"organization={cast.cell_a1a.pk}") == [
        "Lê Văn An", "Trần Thị Ánh", "Phạm Thị Ấn", "Hoàng Văn Ba", "Nguyễn Văn Dũng", "Nguyễn Văn Đức"]
    assert names_of("q=nguyen van duc") == ["Nguyễn Văn Đức"]
    assert names_of("q=duc") == ["Nguyễn Văn Đức"]
    assert names_of("q=001090000001") == ["Nguyễn Thị Đào"]
    assert names_of("q=nguyen&gender=female") == ["Nguyễn Thị Đào"]
    assert names_of("status=none") == ["Nguyễn Thị Đào"]
    assert set(names_of("status=none&status=official")) == {*names, "Nguyễn Thị Đào", "Vương Văn Đông"}
    page = call("GET", f"/members?organization={cast.cell_a1a.pk}&limit=2&offset=2", user=user).json()
    assert page["count"] == 6 and [p["full_name"] for p in page["items"]] == ["Phạm Thị Ấn", "Hoàng Văn Ba"]
    assert call("GET", "/members", user=cast.outsider).json()["count"] == 0
    assert call("GET", "/members?q=nguyen", user=cast.cell_secretary).json()["count"] == 2  # a1a only


# ----------------------------------------------------------------------------- per organization


def test_due_badges_and_counts_of_a_subtree(cast: Cast) -> None:
    actor = cast.root_admin
    user = cast.district_officer
    f.admit(actor, cast.cell_a1a, "Ma Văn Quyết", ceremony_on=None)  # decided 01/04/2020, no ceremony
    f.member(actor, cast.cell_a1b, "Nông Văn Lâu", admitted_on=D(1992, 5, 19))  # 30 years on 19/05/2022
    due = call("GET", f"/organizations/{cast.commune_a1.pk}/members/due?on=2020-05-01", user=user).json()
    assert [(i["kind"], i["person_name"]) for i in due["items"]] == [("admission_ceremony", "Ma Văn Quyết")]
    assert due["items"][0]["citation"] == citation("admission.ceremony_deadline_working_days", "2020-04-01")
    person_due = call("GET", f"/members/{Person.objects.get(full_name='Ma Văn Quyết').pk}/due?on=2020-05-01",
                      user=user).json()
    assert person_due["items"] == due["items"]

    badges = call("GET", f"/organizations/{cast.district_a.pk}/members/badges?on=2022-05-01", user=user).json()
    assert badges["presentation_on"] == "2022-05-19"
    assert [(b["full_name"], b["badge_years"]) for b in badges["items"]] == [("Nông Văn Lâu", 30)]

    counts_ = call("GET", f"/organizations/{cast.commune_a1.pk}/members/counts?on=2020-05-01", user=user).json()
    assert counts_ == {"organization_id": cast.commune_a1.pk, "on": "2020-05-01", "members_total": 4,
                       "members_official": 3, "members_probationary": 1, "members_exempted": 0, "candidates": 0}
    # 2 introducers + Nông Văn Lâu official; Ma Văn Quyết probationary.
    a1b = call("GET", f"/organizations/{cast.cell_a1b.pk}/members/counts?on=2020-05-01", user=user).json()
    assert a1b["members_total"] == 1
    refused(cast.outsider, "GET", f"/organizations/{cast.commune_a1.pk}/members/counts", None, status=404)


# ----------------------------------------------------------------------------- language, tokens


def test_messages_follow_the_request_language(scene: Scene) -> None:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    body = {"organization_id": scene.cell.pk, "full_name": "Lò Văn Sau", "gender": "male",
            "birth_date": tomorrow.isoformat()}
    details = {}
    for language in ("vi", "en"):
        payload = refused(scene.cast.district_officer, "POST", "/members", body, field="birth_date",
                          language=language)
        with translation.override(language):
            from django.utils.formats import date_format

            expected = gettext("The date of birth %(date)s is in the future.") % {
                "date": date_format(tomorrow, "SHORT_DATE_FORMAT")}
        assert payload["detail"] == expected
        details[language] = payload["detail"]
    assert details["en"].startswith("The date of birth")
    assert details["vi"] != details["en"]
    young = f.candidate(scene.actor, scene.cell, "Lò Văn Trẻ", birth_date=D(2002, 4, 3), registered_on=D(2019, 6, 1),
                        course_on=D(2019, 9, 1), resolution_on=D(2020, 3, 2))
    admission = {"kind": "admission_decision", "decision": decision("2020-04-01"), "introducers": [
        {"person_id": p.pk, "worked_together_since": "2015-01-01"} for p in scene.introducers]}
    english = refused(scene.cast.district_officer, "POST", event_url(young), admission, field="birth_date",
                      language="en")
    assert ("17 years 10 months old on 02/03/2020 (214 months); the minimum is 18 years old (216 months)"
            in english["detail"])


def test_a_token_writes_without_csrf_and_is_scoped(scene: Scene) -> None:
    _token, raw = api_token_create(actor=scene.cast.district_officer, user=scene.cast.district_officer, name="ci")
    response = call("POST", event_url(scene.official), token=raw, csrf=True,
                    body={"kind": "death", "died_on": "2022-02-02"})
    assert response.status_code == 201, response.content
    _token, other = api_token_create(actor=scene.cast.outsider, user=scene.cast.outsider, name="ci")
    assert call("GET", f"/members/{scene.official.pk}", token=other).status_code == 404
    assert call("GET", f"/members/{scene.official.pk}", token=other + "x").status_code == 401


def test_session_writes_need_the_csrf_token(scene: Scene) -> None:
    url = event_url(scene.official)
    before = counts()
    response = call("POST", url, user=scene.cast.district_officer, csrf=True,
                    body={"kind": "death", "died_on": "2022-02-02"})
    assert response.status_code == 403
    assert counts() == before


# ----------------------------------------------------------------------------- the OpenAPI document


def test_openapi_documents_every_route_with_its_own_schemas(cast: Cast) -> None:
    document = call("GET", "/openapi.json", user=cast.member).json()  # signed-in users only
    paths = document["paths"]
    expected = {
        "/api/v1/members": {"get", "post"},
        "/api/v1/members/{id}": {"get", "patch"},
        "/api/v1/members/{id}/events": {"get", "post"},
        "/api/v1/members/{id}/status": {"get"},
        "/api/v1/members/{id}/due": {"get"},
        "/api/v1/members/{id}/changes": {"get"},
        "/api/v1/member-events/{event_id}/correct": {"post"},
        "/api/v1/organizations/{id}/members/due": {"get"},
        "/api/v1/organizations/{id}/members/badges": {"get"},
        "/api/v1/organizations/{id}/members/counts": {"get"},
    }
    for path, methods in expected.items():
        assert path in paths, path
        assert methods <= set(paths[path]), (path, set(paths[path]))
    events = paths["/api/v1/members/{id}/events"]["post"]
    body = events["requestBody"]["content"]["application/json"]["schema"]
    assert set(body["discriminator"]["mapping"]) == {r.name.removeprefix("event-") for r in EVENT_ROUTES}
    assert len(set(body["discriminator"]["mapping"].values())) == len(EVENT_ROUTES)  # one input schema per kind
    assert {"201", "400", "401", "404", "422"} <= set(events["responses"])
    schemas = document["components"]["schemas"]
    inputs = {paths["/api/v1/members"]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"],
              paths["/api/v1/members/{id}"]["patch"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]}
    assert inputs == {"#/components/schemas/PersonCreateIn", "#/components/schemas/PersonUpdateIn"}
    assert "party_age" in schemas["PersonDetailOut"]["properties"]
    assert schemas["DossierStepIn"]["properties"]["form"] == {"$ref": "#/components/schemas/DossierForm"}
    assert "1-KNĐ" in schemas["DossierForm"]["enum"]
