"""Classes and learners through the services: refusals naming the field with nothing written, scope, and the
writes a completion makes in members (the awareness-course event, the political-theory level)."""

from __future__ import annotations

import datetime as dt

import pytest

from core.errors import DomainError, Faults, NotInScope
from core.models import ChangeRecord
from core.testing import Cast, establish
from members.models import EventKind, MemberEvent, PoliticalTheory
from members.services import candidate_register
from members.tests.factories import member, person
from training import services
from training.models import ClassKind, Learner, Result, TrainingClass
from training.services import LearnerInput

D = dt.date


def _class(cast: Cast, kind: str = "awareness", *, actor: object = None, **fields: object) -> TrainingClass:
    values: dict[str, object] = {"title": "Lớp bồi dưỡng", "starts_on": D(2020, 3, 2), "ends_on": D(2020, 3, 6),
                                 "organizer_name": "Trung tâm Chính trị huyện"}
    values.update(fields)
    return services.class_create(actor=actor or cast.root_admin, host=cast.district_a,
                                 kind=ClassKind.objects.get(code=kind), **values)  # type: ignore[arg-type]


def test_a_class_that_ends_before_it_starts_is_refused_naming_the_field(cast: Cast) -> None:
    with pytest.raises(DomainError) as caught:
        _class(cast, starts_on=D(2020, 3, 6), ends_on=D(2020, 3, 2))
    assert caught.value.field == "ends_on"
    assert "06/03/2020" in str(caught.value.message) and "02/03/2020" in str(caught.value.message)
    assert not TrainingClass.objects.exists()


def test_every_fault_is_reported_at_once(cast: Cast) -> None:
    with pytest.raises(Faults) as caught:
        _class(cast, title="", starts_on=D(2020, 3, 6), ends_on=D(2020, 3, 2), organizer_name="", place="a\x1bb")
    fields = {e.field for e in caught.value.errors}
    assert {"title", "ends_on", "organizer_name", "place"} <= fields
    assert not TrainingClass.objects.exists()


def test_a_class_dated_before_its_host_existed_is_refused(cast: Cast) -> None:
    with pytest.raises(DomainError) as caught:
        _class(cast, starts_on=D(2014, 3, 2), ends_on=D(2014, 3, 6))
    assert caught.value.field == "host"


def test_out_of_scope_host_is_not_found(cast: Cast) -> None:
    with pytest.raises(NotInScope):
        _class(cast, actor=cast.outsider)
    assert not TrainingClass.objects.exists()


def test_learners_are_added_all_or_none_and_a_learner_appears_once(cast: Cast) -> None:
    training_class = _class(cast, "new-member")
    someone = member(cast.root_admin, cast.cell_a1a, "Lò Văn Sáng")
    rows = [LearnerInput(full_name="Hoàng Thị Mai", birth_date=D(1999, 1, 2), unit="Xã Đồng Tâm"),
            LearnerInput(person=someone, tags=["Tân binh nhập ngũ 2020"])]
    services.learners_add(actor=cast.district_officer, training_class=training_class, learners=rows)
    assert training_class.learners.count() == 2
    assert Learner.objects.get(person=someone).tags.get().code == "tan-binh-nhap-ngu-2020"
    again = [LearnerInput(full_name="Nông Văn Tú"), LearnerInput(full_name="hoàng thị MAI", birth_date=D(1999, 1, 2)),
             LearnerInput(person=someone)]
    with pytest.raises(Faults) as caught:
        services.learners_add(actor=cast.district_officer, training_class=training_class, learners=again)
    assert len(caught.value.errors) == 2 and all(e.field == "learners" for e in caught.value.errors)
    assert "Learner 2" in str(caught.value.errors[0].message) or "Học viên 2" in str(caught.value.errors[0].message)
    assert training_class.learners.count() == 2  # Nông Văn Tú was not written either


def test_a_certificate_for_a_learner_who_did_not_complete_is_refused(cast: Cast) -> None:
    training_class = _class(cast, "new-member")
    with pytest.raises(DomainError) as caught:
        services.learners_add(actor=cast.root_admin, training_class=training_class, learners=[
            LearnerInput(full_name="Hoàng Thị Mai", result=Result.NOT_COMPLETED, certificate_number="12")])
    assert caught.value.field == "learners"
    assert not Learner.objects.exists()
    [learner] = services.learners_add(actor=cast.root_admin, training_class=training_class,
                                      learners=[LearnerInput(full_name="Hoàng Thị Mai")])
    with pytest.raises(DomainError) as caught:
        services.learner_result_record(actor=cast.root_admin, learner=learner, result=Result.PENDING,
                                       certificate_number="12", certificate_date=D(2020, 3, 6))
    assert caught.value.field == "certificate_number"
    learner.refresh_from_db()
    assert learner.certificate_number == "" and learner.result == Result.PENDING


def test_completing_the_awareness_course_writes_the_candidates_course_event(cast: Cast) -> None:
    someone = person(cast.root_admin, cast.cell_a1a, "Nguyễn Văn Quyết", birth_date=D(1998, 4, 4))
    candidate_register(actor=cast.root_admin, person=someone, registered_on=D(2020, 1, 10))
    training_class = _class(cast)
    [learner] = services.learners_add(actor=cast.root_admin, training_class=training_class,
                                      learners=[LearnerInput(person=someone)])
    assert not MemberEvent.objects.filter(person=someone, kind=EventKind.AWARENESS_COURSE).exists()
    services.learner_result_record(actor=cast.root_admin, learner=learner, result=Result.COMPLETED,
                                   certificate_number="CN-77", certificate_date=D(2020, 3, 6))
    event = MemberEvent.objects.get(person=someone, kind=EventKind.AWARENESS_COURSE)
    assert event.occurred_on == D(2020, 3, 6)
    assert event.details["certificate_number"] == "CN-77"
    assert event.details["issuer"] == "Trung tâm Chính trị huyện"
    assert ChangeRecord.objects.filter(content_type__model="learner", object_id=str(learner.pk)).count() == 2


def test_a_completed_theory_course_raises_the_members_level_never_lowers_it(cast: Cast) -> None:
    someone = member(cast.root_admin, cast.cell_a1a, "Lò Văn Sáng")
    assert someone.political_theory == PoliticalTheory.NONE
    intermediate = _class(cast, "theory-intermediate", ends_on=D(2020, 12, 20))
    services.learners_add(actor=cast.root_admin, training_class=intermediate, learners=[
        LearnerInput(person=someone, result=Result.COMPLETED, certificate_number="TC-1",
                     certificate_date=D(2020, 12, 20))])
    someone.refresh_from_db()
    assert someone.political_theory == PoliticalTheory.INTERMEDIATE
    elementary = _class(cast, "theory-elementary", starts_on=D(2021, 1, 4), ends_on=D(2021, 1, 30))
    services.learners_add(actor=cast.root_admin, training_class=elementary, learners=[
        LearnerInput(person=someone, result=Result.COMPLETED)])
    someone.refresh_from_db()
    assert someone.political_theory == PoliticalTheory.INTERMEDIATE


def test_a_member_out_of_the_actors_scope_cannot_be_a_learner(cast: Cast) -> None:
    cell_b = establish(cast.root_admin, "T-B-1-a", "Chi bộ thôn Xa", "cell", cast.commune_b1)
    stranger = member(cast.root_admin, cell_b, "Lý Văn Xa")
    training_class = _class(cast, "new-member")
    with pytest.raises(NotInScope):
        services.learners_add(actor=cast.district_officer, training_class=training_class,
                              learners=[LearnerInput(person=stranger)])
    assert not Learner.objects.exists()
