"""Programmes, inspections and supervisions: subject on the date, team with committee seats, follow-ups due on or
after the start, conclusion and status changes logged; refusals name every field at fault and write nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from core.errors import DomainError, NotInScope
from core.models import ChangeRecord
from core.testing import Cast
from inspection import queries, services
from inspection.models import FollowUp, Inspection, SubjectKind
from inspection.services import FollowUpInput, TeamInput
from inspection.tests.helpers import inspector
from members.tests.factories import member

D = dt.date


def _inspect(cast: Cast, **kwargs: object) -> Inspection:
    args: dict = {"actor": cast.root_admin, "organization": cast.district_a, "body": "inspection_committee",
                  "kind": "inspection", "content": "Kiểm tra việc thực hiện Chỉ thị 05-CT/TW",
                  "starts_on": D(2021, 6, 1), "subject_organization": cast.commune_a1}
    args.update(kwargs)
    return services.inspection_create(**args)


def test_an_inspection_with_programme_team_and_follow_ups(cast: Cast) -> None:
    head = member(cast.root_admin, cast.cell_a1a, "Nguyễn Văn An")
    programme = services.programme_create(actor=cast.root_admin, organization=cast.district_a,
                                          body="inspection_committee", year=2021, title="Chương trình 2021",
                                          document_number="01-CTr/UBKTHU", document_date=D(2021, 1, 5))
    found = _inspect(cast, programme=programme, team=[TeamInput(head, "head")], document_number="05-CT/TW",
                     document_date=D(2016, 5, 15),
                     follow_ups=[FollowUpInput("Bổ sung kế hoạch", D(2021, 6, 1), "Đảng ủy xã")])
    assert found.subject_kind == SubjectKind.ORGANIZATION
    assert [t.person for t in queries.team_of(found)] == [head]
    follow = found.follow_ups.get()
    services.follow_up_set_status(actor=cast.root_admin, follow_up=follow, status="done", done_on=D(2021, 8, 1))
    follow.refresh_from_db()
    assert follow.status == "done" and follow.done_on == D(2021, 8, 1)
    services.inspection_conclude(actor=cast.root_admin, inspection=found, conclusion="Thực hiện tốt.",
                                 concluded_on=D(2021, 7, 1), violations_found=False)
    with pytest.raises(DomainError) as caught:  # a correction needs its reason
        services.inspection_conclude(actor=cast.root_admin, inspection=found, conclusion="Sửa.",
                                     concluded_on=D(2021, 7, 2))
    assert caught.value.field == "reason"
    assert ChangeRecord.objects.filter(content_type__model="followup", object_id=str(follow.pk)).count() == 2


def test_a_follow_up_due_before_the_inspection_is_refused_with_every_other_fault(cast: Cast) -> None:
    before = ChangeRecord.objects.count()
    with pytest.raises(DomainError) as caught:
        _inspect(cast, content=" ", ends_on=D(2021, 5, 1), document_number="5 CT TW",
                 follow_ups=[FollowUpInput("Báo cáo", D(2021, 5, 31))])
    fields = {e.field for e in getattr(caught.value, "errors", [caught.value])}
    assert fields == {"content", "ends_on", "document_number", "follow_ups.0.due_on", "document_date"}
    assert ChangeRecord.objects.count() == before
    assert not Inspection.objects.exists() and not FollowUp.objects.exists()


def test_the_subject_must_stand_under_the_organization(cast: Cast) -> None:
    with pytest.raises(DomainError) as caught:
        _inspect(cast, subject_organization=cast.commune_b1)
    assert caught.value.field == "subject_organization"
    someone = member(cast.root_admin, cast.cell_a1a, "Lê Văn Ngoài")
    with pytest.raises(DomainError) as caught:  # a member of A1's cell is not under commune A2
        _inspect(cast, organization=cast.commune_a2, subject_organization=None, subject_person=someone)
    assert caught.value.field == "subject_person"
    with pytest.raises(DomainError) as caught:  # both subjects named
        _inspect(cast, subject_person=someone)
    assert caught.value.field == "subject_organization"


def test_a_member_is_supervised(cast: Cast) -> None:
    someone = member(cast.root_admin, cast.cell_a1b, "Lê Văn Cường")
    found = _inspect(cast, kind="supervision", subject_organization=None, subject_person=someone)
    assert found.subject_kind == SubjectKind.MEMBER


def test_scope(cast: Cast) -> None:
    found = _inspect(cast)
    mine = inspector(cast, cast.district_a)
    assert queries.inspection_get(mine, pk=found.pk) == found
    other = inspector(cast, cast.district_b, "other")
    with pytest.raises(NotInScope):
        queries.inspection_get(other, pk=found.pk)
    with pytest.raises(NotInScope):
        _inspect(cast, actor=other)
    with pytest.raises(NotInScope):  # the organization board holds no inspection permission
        _inspect(cast, actor=cast.district_officer)
    assert list(queries.inspections_visible(cast.district_officer)) == [found]  # but reads it
