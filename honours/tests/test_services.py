"""Commendations, honour-book entries and contest results through the services: refusals naming the field with
nothing written; out of scope is not found."""

from __future__ import annotations

import datetime as dt

import pytest

from core.errors import DomainError, Faults, NotInScope
from core.models import ChangeRecord
from core.testing import Cast
from honours import services
from honours.models import Campaign, Commendation, ContestResult, Form, HonourEntry, Level, Prize, Target
from members.tests.factories import member

D = dt.date


def _commend(cast: Cast, actor: object = None, **fields: object) -> Commendation:
    values: dict[str, object] = {"organization": cast.commune_a1, "target": Target.ORGANIZATION,
                                 "level": Level.objects.get(code="district"),
                                 "form": Form.objects.get(code="certificate-of-merit"),
                                 "campaign": Campaign.objects.get(code="hcm-study"), "decided_on": D(2020, 5, 15),
                                 "decided_by": "Ban Thường vụ Huyện ủy", "decision_number": "351-QĐ/HU"}
    values.update(fields)
    return services.commendation_create(actor=actor or cast.district_officer, **values)  # type: ignore[arg-type]


def test_a_commendation_is_written_and_logged(cast: Cast) -> None:
    commendation = _commend(cast)
    assert commendation.recipient == cast.commune_a1.name
    assert ChangeRecord.objects.filter(content_type__model="commendation", object_id=str(commendation.pk)).exists()


def test_a_commendation_outside_scope_is_not_found(cast: Cast) -> None:
    with pytest.raises(NotInScope):
        _commend(cast, organization=cast.commune_b1)
    with pytest.raises(NotInScope):
        _commend(cast, actor=cast.outsider)
    assert not Commendation.objects.exists()


def test_a_commendation_dated_before_the_organization_existed_is_refused(cast: Cast) -> None:
    with pytest.raises(DomainError) as caught:
        _commend(cast, decided_on=D(2014, 5, 15))
    assert caught.value.field == "decided_on"
    assert "10/01/2015" in str(caught.value.message)
    assert not Commendation.objects.exists()


def test_every_fault_of_a_commendation_at_once(cast: Cast) -> None:
    with pytest.raises(Faults) as caught:
        _commend(cast, target=Target.INDIVIDUAL, level=None, form=None, decided_by="", decided_on=None)
    assert {e.field for e in caught.value.errors} == {"recipient_name", "level", "form", "decided_by", "decided_on"}
    assert not Commendation.objects.exists()


def test_a_member_commended_and_a_collective_cannot_be_a_person(cast: Cast) -> None:
    someone = member(cast.root_admin, cast.cell_a1a, "Lò Văn Sáng")
    commendation = _commend(cast, organization=cast.cell_a1a, target=Target.INDIVIDUAL, person=someone)
    assert commendation.recipient == "Lò Văn Sáng"
    with pytest.raises(DomainError) as caught:
        _commend(cast, organization=cast.cell_a1a, target=Target.COLLECTIVE, person=someone)
    assert caught.value.field == "person"


def test_honour_book_entry_rules(cast: Cast) -> None:
    entry = services.honour_entry_create(actor=cast.district_officer, organization=cast.commune_a1,
                                         target=Target.INDIVIDUAL, name="Hoàng Văn Thành", deed="Trả lại của rơi",
                                         deed_on=D(2020, 3, 1), entered_on=D(2020, 9, 2))
    assert str(entry) == "Hoàng Văn Thành"
    with pytest.raises(Faults) as caught:
        services.honour_entry_create(actor=cast.district_officer, organization=cast.commune_a1,
                                     target=Target.COLLECTIVE, name="", deed="", deed_on=D(2020, 10, 1),
                                     entered_on=D(2020, 9, 2))
    assert {e.field for e in caught.value.errors} == {"name", "deed", "deed_on"}
    assert HonourEntry.objects.count() == 1


def test_contest_and_result(cast: Cast) -> None:
    contest = services.contest_create(actor=cast.district_officer, name="Học tập và làm theo Bác",
                                      organizer_name="Ban Tuyên giáo Tỉnh ủy", year=2020)
    with pytest.raises(DomainError) as caught:
        services.contest_create(actor=cast.district_officer, name="Học tập và làm theo Bác",
                                organizer_name="Ban Tuyên giáo Tỉnh ủy", year=2020)
    assert caught.value.field == "name"
    with pytest.raises(DomainError) as caught:
        services.contest_result_record(actor=cast.district_officer, contest=contest, organization=cast.district_a,
                                       prize="gold", awarded_on=D(2019, 1, 1))
    assert caught.value.field == "prize"
    with pytest.raises(NotInScope):
        services.contest_result_record(actor=cast.district_officer, contest=contest, organization=cast.district_b,
                                       prize=Prize.FIRST, awarded_on=D(2020, 11, 1))
    services.contest_result_record(actor=cast.district_officer, contest=contest, organization=cast.district_a,
                                   prize=Prize.FIRST, awarded_on=D(2020, 11, 1))
    assert ContestResult.objects.count() == 1
