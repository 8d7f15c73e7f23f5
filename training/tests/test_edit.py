"""Correcting a class and a learner (issue 9): the pages show the services' refusals beside the field with every
fault at once and nothing written; a correction keeps the values before in the change log; 404 outside scope."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from core.errors import Faults
from core.models import ChangeRecord
from core.testing import Cast
from members.tests.factories import member
from training import services, services_edit
from training.models import ClassKind, Learner, Result, TrainingClass

D = dt.date


def client_for(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(user)
    return client


def _class(cast: Cast) -> TrainingClass:
    return services.class_create(actor=cast.root_admin, host=cast.district_a, kind=ClassKind.objects.get(
        code="new-member"), title="Lớp đảng viên mới", code="K1", starts_on=D(2021, 3, 1), ends_on=D(2021, 3, 5),
        organizer_name="Trung tâm Chính trị")


def _fields(training_class: TrainingClass, **changes: str) -> dict[str, Any]:
    data = {"kind": training_class.kind_id, "title": training_class.title, "code": training_class.code,
            "organizer_name": training_class.organizer_name, "starts_on": "01/03/2021", "ends_on": "05/03/2021"}
    data.update(changes)
    return data


def test_the_class_page_corrects_a_class_and_logs_the_values_before(cast: Cast) -> None:
    training_class = _class(cast)
    client = client_for(cast.district_officer)
    detail = client.get(f"/training/{training_class.pk}/").content.decode()
    url = f"/training/{training_class.pk}/edit/"
    assert url in detail
    page = client.get(url).content.decode()
    assert "Lớp đảng viên mới" in page and "01/03/2021" in page
    response = client.post(url, _fields(training_class, title="", starts_on="10/03/2021", ends_on="05/03/2021"))
    text = response.content.decode()
    assert response.status_code == 200 and text.count('class="errorlist') >= 2, text
    training_class.refresh_from_db()
    assert training_class.starts_on == D(2021, 3, 1) and training_class.title == "Lớp đảng viên mới"
    response = client.post(url, _fields(training_class, code="K2", place="Hội trường huyện", ends_on="06/03/2021"))
    assert response.status_code == 302
    training_class.refresh_from_db()
    assert (training_class.code, training_class.place, training_class.ends_on) == ("K2", "Hội trường huyện",
                                                                                   D(2021, 3, 6))
    record = ChangeRecord.objects.filter(content_type__model="trainingclass", object_id=str(training_class.pk),
                                         action="update").get()
    assert record.before["code"] == "K1" and record.before["ends_on"] == "2021-03-05"
    assert client_for(cast.outsider).get(url).status_code == 404


def test_a_class_keeps_its_kind_once_completions_are_recorded(cast: Cast) -> None:
    training_class = _class(cast)
    person = member(cast.root_admin, cast.cell_a1a, "Nguyễn Văn An", birth_date=D(1990, 1, 1))
    services.learners_add(actor=cast.root_admin, training_class=training_class, learners=[
        services.LearnerInput(person=person, result=Result.COMPLETED, certificate_number="12",
                              certificate_date=D(2021, 3, 5))])
    other = ClassKind.objects.exclude(pk=training_class.kind_id).filter(is_active=True).first()
    with pytest.raises(Faults) as refused:
        services_edit.class_update(actor=cast.root_admin, training_class=training_class, kind=other, title="x",
                                   starts_on=D(2021, 3, 6), ends_on=D(2021, 3, 7), organizer_name="TTCT")
    assert {e.field for e in refused.value.errors} == {"kind", "starts_on"}
    assert TrainingClass.objects.get(pk=training_class.pk).kind_id == training_class.kind_id


def test_the_learner_page_corrects_attendance_unit_and_tags(cast: Cast) -> None:
    training_class = _class(cast)
    first, second = services.learners_add(actor=cast.root_admin, training_class=training_class, learners=[
        services.LearnerInput(full_name="Hoàng Thị Mai", birth_date=D(1999, 1, 2), unit="Xã Đồng Tâm"),
        services.LearnerInput(full_name="Nông Văn Tú", birth_date=D(2000, 2, 3), unit="Xã Hòa Bình")])
    client = client_for(cast.district_officer)
    url = f"/training/learners/{second.pk}/edit/"
    assert url in client.get(f"/training/{training_class.pk}/").content.decode()
    response = client.post(url, {"full_name": "Hoàng Thị Mai", "birth_date": "02/01/1999", "unit": "x"})
    assert response.status_code == 200 and "Hoàng Thị Mai" in response.content.decode().split("errorlist")[1]
    assert Learner.objects.get(pk=second.pk).full_name == "Nông Văn Tú"
    response = client.post(url, {"full_name": "Nông Văn Tú", "birth_date": "03/02/2000", "unit": "Xã Kim Lư",
                                 "tags": "tân binh, đoàn viên"})
    assert response.status_code == 302
    second.refresh_from_db()
    assert (second.unit, second.attended) == ("Xã Kim Lư", False)
    assert sorted(second.tags.values_list("name", flat=True)) == ["tân binh", "đoàn viên"]
    record = ChangeRecord.objects.filter(content_type__model="learner", object_id=str(second.pk),
                                         action="update").get()
    assert record.before["unit"] == "Xã Hòa Bình" and record.before["attended"] is True
    assert first.pk and client_for(cast.outsider).get(url).status_code == 404


def test_a_completed_learner_cannot_be_marked_absent(cast: Cast) -> None:
    training_class = _class(cast)
    (learner,) = services.learners_add(actor=cast.root_admin, training_class=training_class, learners=[
        services.LearnerInput(full_name="Hoàng Thị Mai", result=Result.COMPLETED)])
    with pytest.raises(Faults) as refused:
        services_edit.learner_update(actor=cast.root_admin, learner=learner, full_name="", attended=False)
    assert {e.field for e in refused.value.errors} == {"full_name", "attended"}
    assert Learner.objects.get(pk=learner.pk).attended
