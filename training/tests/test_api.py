"""The training, honours and oversight API: codes accepted where ids are, a bulk learner route (all or none),
refusals as 400 naming the field with nothing written, 404 outside scope."""

from __future__ import annotations

import datetime as dt

from committees.models import SeatKind
from committees.services import CongressInput, SeatInput, term_open_by_congress
from core.testing import Cast
from core.testing_api import call
from honours.models import Commendation
from members.models import EventKind, MemberEvent
from members.services import candidate_register
from members.tests.factories import member, person
from training.models import Learner, TrainingClass

D = dt.date
CLASS = {"host": "T-A", "kind": "awareness", "title": "Lớp nhận thức 1/2021", "starts_on": "2021-03-01",
         "ends_on": "2021-03-05", "organizer_name": "Trung tâm Chính trị huyện", "code": "NT1"}


def test_class_by_codes_then_learners_in_bulk_all_or_none(cast: Cast) -> None:
    someone = person(cast.root_admin, cast.cell_a1a, "Nguyễn Văn Quyết", birth_date=D(1998, 4, 4))
    candidate_register(actor=cast.root_admin, person=someone, registered_on=D(2021, 1, 10))
    response = call("POST", "/training/classes", user=cast.district_officer, body=CLASS)
    assert response.status_code == 201, response.content
    class_id = response.json()["id"]
    assert response.json()["host_code"] == "T-A" and response.json()["category"] == "awareness"
    body = {"learners": [{"person": str(someone.code), "tags": ["Tân binh"]},
                         {"full_name": "Hoàng Thị Mai", "birth_date": "1999-01-02", "unit": "Xã Đồng Tâm"},
                         {"full_name": "Hoàng Thị Mai", "birth_date": "1999-01-02"},
                         {"full_name": "Nông Văn Tú", "result": "not_completed", "certificate_number": "X"}]}
    response = call("POST", f"/training/classes/{class_id}/learners", user=cast.district_officer, body=body)
    assert response.status_code == 400
    assert response.json()["field"] == "learners" and len(response.json()["errors"]) == 2
    assert not Learner.objects.exists()
    body["learners"] = body["learners"][:2]
    response = call("POST", f"/training/classes/{class_id}/learners", user=cast.district_officer, body=body)
    assert response.status_code == 201 and [x["tags"] for x in response.json()] == [["tan-binh"], []]
    learner_id = response.json()[0]["id"]
    response = call("POST", f"/training/learners/{learner_id}/result", user=cast.district_officer,
                    body={"result": "completed", "certificate_number": "CN-9", "certificate_date": "2021-03-05"})
    assert response.status_code == 200, response.content
    assert MemberEvent.objects.filter(person=someone, kind=EventKind.AWARENESS_COURSE).count() == 1
    detail = call("GET", f"/training/classes/{class_id}", user=cast.district_officer).json()
    assert len(detail["learner_list"]) == 2
    listed = call("GET", "/training/classes?kind=awareness&organization=T-A", user=cast.district_officer).json()
    assert [c["id"] for c in listed] == [class_id]
    assert call("GET", f"/training/classes/{class_id}", user=cast.outsider).status_code == 404
    assert call("POST", f"/training/classes/{class_id}/learners", user=cast.outsider, body=body).status_code == 404


def test_refusals_name_the_field_and_write_nothing(cast: Cast) -> None:
    response = call("POST", "/training/classes", user=cast.district_officer,
                    body={**CLASS, "starts_on": "2021-03-05", "ends_on": "2021-03-01"}, language="vi")
    assert response.status_code == 400 and response.json()["field"] == "ends_on"
    response = call("POST", "/training/classes", user=cast.district_officer, body={**CLASS, "kind": "nope"})
    assert response.status_code == 400 and response.json()["field"] == "kind"
    response = call("POST", "/training/classes", user=cast.district_officer, body={**CLASS, "host": "T-B"})
    assert response.status_code == 404
    assert not TrainingClass.objects.exists()


def test_commendations_and_oversight_through_the_api(cast: Cast) -> None:
    someone = member(cast.root_admin, cast.cell_a1a, "Lò Văn Sáng")
    body = {"organization": "T-A-1-a", "target": "individual", "person": str(someone.code), "level": "district",
            "form": "certificate-of-merit", "campaign": "hcm-study", "decided_on": "2020-05-15",
            "decided_by": "Huyện ủy", "decision_number": "351-QĐ/HU"}
    assert call("POST", "/honours/commendations", user=cast.outsider, body=body).status_code == 404
    response = call("POST", "/honours/commendations", user=cast.district_officer,
                    body={**body, "decided_on": "2014-01-01"})
    assert response.status_code == 400 and response.json()["field"] == "decided_on"
    assert not Commendation.objects.exists()
    response = call("POST", "/honours/commendations", user=cast.district_officer, body=body)
    assert response.status_code == 201 and response.json()["recipient"] == "Lò Văn Sáng"
    listed = call("GET", "/honours/commendations?target=individual&campaign=hcm-study", user=cast.district_officer)
    assert len(listed.json()) == 1
    response = call("POST", "/honours/book", user=cast.district_officer,
                    body={"organization": "T-A-1", "target": "collective", "name": "Chi đoàn", "deed": "Làm đường",
                          "entered_on": "2020-09-02"})
    assert response.status_code == 201
    response = call("POST", "/oversight/assignments", user=cast.district_officer,
                    body={"person": str(someone.pk), "cells": ["T-A-1-a"], "starts_on": "2021-01-01"})
    assert response.status_code == 400 and response.json()["field"] == "person"
    cells = call("GET", "/oversight/organizations/T-A-1/cells", user=cast.district_officer).json()
    assert len(cells) == 2
    assert all(c["overseen_by"] == [] for c in cells)


def test_contests_results_and_ending_an_assignment(cast: Cast) -> None:
    response = call("POST", "/honours/contests", user=cast.district_officer,
                    body={"name": "Bắc Kạn học tập và làm theo Bác", "organizer_name": "Ban Tuyên giáo Tỉnh ủy",
                          "year": 2020, "level": "province", "campaign": "hcm-study"})
    assert response.status_code == 201, response.content
    contest_id = response.json()["id"]
    response = call("POST", f"/honours/contests/{contest_id}/results", user=cast.district_officer,
                    body={"organization": "T-A", "prize": "first", "awarded_on": "2020-11-20"})
    assert response.status_code == 201 and response.json()["prize"] == "first"
    assert call("POST", f"/honours/contests/{contest_id}/results", user=cast.district_officer,
                body={"organization": "T-B", "prize": "first", "awarded_on": "2020-11-20"}).status_code == 404
    an = member(cast.root_admin, cast.cell_a1a, "Nguyễn Văn An", birth_date=D(1975, 1, 1))
    term_open_by_congress(actor=cast.root_admin, organization=cast.commune_a1,
                          congress=CongressInput(ordinal=3, opened_on=D(2020, 8, 19), closed_on=D(2020, 8, 20)),
                          seats=[SeatInput(an, SeatKind.EXECUTIVE), SeatInput(an, SeatKind.SECRETARY)])
    response = call("POST", "/oversight/assignments", user=cast.district_officer,
                    body={"person": str(an.code), "cells": ["T-A-1-a", "T-A-1-b"], "starts_on": "2020-09-01"})
    assert response.status_code == 201 and len(response.json()) == 2
    first = response.json()[0]["id"]
    response = call("POST", f"/oversight/assignments/{first}/end", user=cast.district_officer,
                    body={"ended_on": "2020-09-01"})
    assert response.status_code == 400 and response.json()["field"] == "ended_on"
    response = call("POST", f"/oversight/assignments/{first}/end", user=cast.district_officer,
                    body={"ended_on": "2021-01-01"})
    assert response.status_code == 200 and response.json()["ended_on"] == "2021-01-01"
    cells = call("GET", "/oversight/organizations/T-A-1/cells?on=2021-01-01", user=cast.district_officer).json()
    assert sorted(len(c["overseen_by"]) for c in cells) == [0, 1]
