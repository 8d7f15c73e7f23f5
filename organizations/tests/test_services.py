"""Services of the organization tree: history by date, paths, change log, refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from core.decisions import Decision
from core.errors import DomainError, NotInScope
from core.models import ChangeRecord
from core.testing import DECISION, kind
from organizations.models import CoveredUnitKind, LineageEvent, Organization, OrganizationVersion
from organizations.queries import (
    predecessors_of,
    subtree_versions_as_of,
    successors_of,
    tree_as_of,
)
from organizations.services import (
    NewOrganization,
    covered_unit_assign,
    covered_unit_create,
    organization_dissolve,
    organization_establish,
    organization_merge,
    organization_move,
    organization_rename,
    organization_split,
    organization_update,
)

pytestmark = pytest.mark.django_db


def _names_on(user, day):
    return {n.code: (n.name, n.parent_id) for n in tree_as_of(user, on=day)}


def _assert_paths_consistent():
    for org in Organization.objects.all():
        expected = f"{org.parent.path if org.parent else ''}{org.pk}."
        assert org.path == expected, org.code
        assert org.depth == expected.count(".") - 1


def _counts():
    return (Organization.objects.count(), OrganizationVersion.objects.count(), LineageEvent.objects.count(),
            ChangeRecord.objects.count())


def test_tree_as_of_across_merge_split_and_move(cast):
    actor = cast.province_officer
    organization_move(actor=actor, organization=cast.commune_a2, new_parent=cast.district_b,
                      effective_on=dt.date(2018, 6, 1), decision=DECISION)
    organization_merge(actor=actor, sources=[cast.commune_a1, cast.commune_b1],
                       target=NewOrganization("T-B-9", "Đảng bộ xã Đồng Lương", kind("commune"), cast.district_b),
                       effective_on=dt.date(2020, 2, 1), decision=DECISION)
    successor = Organization.objects.get(code="T-B-9")
    organization_split(actor=actor, source=successor,
                       targets=[NewOrganization("T-B-10", "Đảng bộ xã Đồng", kind("commune")),
                                NewOrganization("T-B-11", "Đảng bộ xã Lương", kind("commune"))],
                       child_moves={cast.cell_a1a: "T-B-10", cast.cell_a1b: "T-B-11"},
                       effective_on=dt.date(2022, 3, 1), decision=DECISION)

    before = _names_on(actor, dt.date(2018, 1, 1))
    assert before["T-A-2"][1] == cast.district_a.pk
    assert before["T-A-1-a"][1] == cast.commune_a1.pk
    assert "T-B-9" not in before

    after_move = _names_on(actor, dt.date(2019, 1, 1))
    assert after_move["T-A-2"][1] == cast.district_b.pk

    after_merge = _names_on(actor, dt.date(2021, 1, 1))
    assert "T-A-1" not in after_merge and "T-B-1" not in after_merge
    assert after_merge["T-A-1-a"][1] == successor.pk

    after_split = _names_on(actor, dt.date(2023, 1, 1))
    assert "T-B-9" not in after_split
    assert after_split["T-A-1-a"][1] == Organization.objects.get(code="T-B-10").pk
    assert after_split["T-A-1-b"][1] == Organization.objects.get(code="T-B-11").pk
    # The day before an event still shows the old tree; the event's own date shows the new one.
    assert "T-B-9" in _names_on(actor, dt.date(2022, 2, 28))
    assert "T-B-9" not in _names_on(actor, dt.date(2022, 3, 1))

    assert set(successors_of(actor, organization=cast.commune_a1)) == {successor}
    assert set(predecessors_of(actor, organization=successor)) == {
        Organization.objects.get(code="T-A-1"), Organization.objects.get(code="T-B-1")}
    _assert_paths_consistent()


def test_rename_keeps_old_name_for_earlier_dates(cast):
    organization_rename(actor=cast.district_officer, organization=cast.cell_a1a, new_name="Chi bộ thôn Nà Rì Mới",
                        effective_on=dt.date(2021, 5, 1), decision=DECISION)
    assert _names_on(cast.district_officer, dt.date(2021, 4, 30))["T-A-1-a"][0] == "Chi bộ thôn Nà Rì"
    assert _names_on(cast.district_officer, dt.date(2021, 5, 1))["T-A-1-a"][0] == "Chi bộ thôn Nà Rì Mới"


def test_subtree_queries_follow_moves(cast):
    organization_move(actor=cast.province_officer, organization=cast.commune_a1, new_parent=cast.district_b,
                      effective_on=dt.date(2019, 1, 1), decision=DECISION)
    under_b = set(Organization.objects.filter(path__startswith=Organization.objects.get(code="T-B").path)
                  .values_list("code", flat=True))
    assert under_b == {"T-B", "T-B-1", "T-A-1", "T-A-1-a", "T-A-1-b"}
    assert set(subtree_versions_as_of(cast.district_a, on=dt.date(2018, 12, 31))
               .values_list("organization__code", flat=True)) == {"T-A", "T-A-1", "T-A-2", "T-A-1-a", "T-A-1-b"}
    assert set(subtree_versions_as_of(cast.district_a, on=dt.date(2019, 1, 1))
               .values_list("organization__code", flat=True)) == {"T-A", "T-A-2"}
    _assert_paths_consistent()


def test_every_service_writes_change_records(cast):
    actor = cast.province_officer
    start = ChangeRecord.objects.count()
    org = organization_establish(actor=actor, code="T-A-3", name="Đảng bộ xã Mới", kind=kind("commune"),
                                 parent=cast.district_a, established_on=dt.date(2016, 1, 1), decision=DECISION,
                                 reason="test")
    rows = ChangeRecord.objects.filter(pk__gt=0).order_by("id")[start:]
    assert {r.action for r in rows} == {"create"}
    assert all(r.user == actor and r.request_id and r.reason == "test" for r in rows)
    assert ChangeRecord.objects.for_object(org).get().after["code"] == "T-A-3"

    def delta(fn, **kwargs):
        before = ChangeRecord.objects.count()
        fn(**kwargs)
        return ChangeRecord.objects.count() - before

    assert delta(organization_rename, actor=actor, organization=org, new_name="Đảng bộ xã Mới Hơn",
                 effective_on=dt.date(2017, 1, 1), decision=DECISION) == 2  # event + organization
    assert delta(organization_update, actor=actor, organization=org, note="ghi chú") == 1
    assert delta(organization_move, actor=actor, organization=org, new_parent=cast.district_b,
                 effective_on=dt.date(2017, 2, 1), decision=DECISION) == 2
    assert delta(organization_dissolve, actor=actor, organization=org, dissolved_on=dt.date(2018, 1, 1),
                 decision=DECISION) == 2
    village = CoveredUnitKind.objects.get(code="village")
    unit = covered_unit_create(actor=actor, code="V1", name="Thôn Một", kind=village, territory=cast.commune_a1)
    assert ChangeRecord.objects.for_object(unit).count() == 1
    # The coverage (dated, a row of its own) and today's cell on the unit.
    assert delta(covered_unit_assign, actor=actor, unit=unit, covered_by=cast.cell_a1a,
                 effective_on=dt.date(2016, 1, 1)) == 2
    record = ChangeRecord.objects.for_object(unit).first()
    assert record.before["covered_by_id"] is None and record.after["covered_by_id"] == cast.cell_a1a.pk


def test_change_records_are_immutable(cast):
    record = ChangeRecord.objects.first()
    record.reason = "edited"
    with pytest.raises(RuntimeError):
        record.save()
    with pytest.raises(RuntimeError):
        record.delete()


@pytest.mark.parametrize(
    ("case", "field"),
    [
        ("move_under_descendant", "new_parent"),
        ("move_under_self", "new_parent"),
        ("dissolve_before_established", "effective_on"),
        ("duplicate_code", "code"),
        ("malformed_decision", "decision_number"),
        ("dissolve_with_children", "organization"),
        ("kind_above_parent", "kind"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(cast, case, field):
    actor = cast.province_officer
    before = _counts()
    calls = {
        "move_under_descendant": lambda: organization_move(
            actor=actor, organization=cast.commune_a1, new_parent=cast.cell_a1a, effective_on=dt.date(2020, 1, 1),
            decision=DECISION),
        "move_under_self": lambda: organization_move(
            actor=actor, organization=cast.commune_a1, new_parent=cast.commune_a1, effective_on=dt.date(2020, 1, 1),
            decision=DECISION),
        "dissolve_before_established": lambda: organization_dissolve(
            actor=actor, organization=cast.cell_a1b, dissolved_on=dt.date(2014, 1, 1), decision=DECISION),
        "duplicate_code": lambda: organization_establish(
            actor=actor, code="T-A-1", name="Trùng", kind=kind("commune"), parent=cast.district_a,
            established_on=dt.date(2020, 1, 1), decision=DECISION),
        "malformed_decision": lambda: organization_rename(
            actor=actor, organization=cast.commune_a1, new_name="Tên mới", effective_on=dt.date(2020, 1, 1),
            decision=Decision("abc", dt.date(2020, 1, 1))),
        "dissolve_with_children": lambda: organization_dissolve(
            actor=actor, organization=cast.commune_a1, dissolved_on=dt.date(2020, 1, 1), decision=DECISION),
        "kind_above_parent": lambda: organization_establish(
            actor=actor, code="X-1", name="Sai cấp", kind=kind("district"), parent=cast.commune_a1,
            established_on=dt.date(2020, 1, 1), decision=DECISION),
    }
    with pytest.raises(DomainError) as error:
        calls[case]()
    assert error.value.field == field
    assert str(error.value.message)
    assert _counts() == before
    _assert_paths_consistent()


def test_writes_outside_scope_are_not_found_and_roll_back(cast):
    before = _counts()
    with pytest.raises(NotInScope):
        organization_merge(actor=cast.outsider, sources=[cast.commune_b1, cast.commune_a1],
                           target=cast.commune_b1, effective_on=dt.date(2020, 1, 1), decision=DECISION)
    with pytest.raises(NotInScope):
        organization_move(actor=cast.district_officer, organization=cast.commune_a1, new_parent=cast.district_b,
                          effective_on=dt.date(2020, 1, 1), decision=DECISION)
    with pytest.raises(NotInScope):
        organization_establish(actor=cast.cell_secretary, code="N1", name="Chi bộ mới", kind=kind("cell"),
                               parent=cast.commune_a1, established_on=dt.date(2020, 1, 1), decision=DECISION)
    assert _counts() == before


def test_decision_numbers_in_party_and_state_styles():
    from core.decisions import decision_number_is_valid

    for good in ["05-CT/TW", "11-CTr/HU", "07-NQ/TU", "36-HD/VPTW", "09-KH/ĐU", "01-HD/BTCĐU",
                 "855/NQ-UBTVQH14", "30/2020/NĐ-CP", "816/QĐ-UBND"]:
        assert decision_number_is_valid(good), good
    for bad in ["abc", "12/", "-CT/TW", "05-CT/", "855/NQ", "05 CT/TW", ""]:
        assert not decision_number_is_valid(bad), bad


def test_backdated_event_before_later_change_is_refused(cast):
    organization_rename(actor=cast.province_officer, organization=cast.commune_a2, new_name="Đảng bộ xã Hòa Bình Mới",
                        effective_on=dt.date(2021, 1, 1), decision=DECISION)
    with pytest.raises(DomainError) as error:
        organization_move(actor=cast.province_officer, organization=cast.commune_a2, new_parent=cast.district_b,
                          effective_on=dt.date(2020, 6, 1), decision=DECISION)
    assert error.value.field == "effective_on"


def test_merge_cannot_hand_a_child_to_a_dissolving_predecessor(cast):
    before = _counts()
    with pytest.raises(DomainError) as error:
        organization_merge(actor=cast.province_officer, sources=[cast.commune_a1, cast.commune_a2],
                           target=NewOrganization("T-A-9", "Đảng bộ xã Hợp", kind("commune"), cast.district_a),
                           child_moves={cast.cell_a1a: cast.commune_a2}, effective_on=dt.date(2020, 1, 1),
                           decision=DECISION)
    assert error.value.field == "child_moves"
    assert _counts() == before


def test_implausible_dates_and_unstorable_text_are_refused(cast):
    with pytest.raises(DomainError) as error:
        organization_rename(actor=cast.province_officer, organization=cast.commune_a1, new_name="Tên",
                            effective_on=dt.date(9999, 12, 31), decision=DECISION)
    assert error.value.field == "effective_on"
    with pytest.raises(DomainError) as error:
        organization_rename(actor=cast.province_officer, organization=cast.commune_a1, new_name="Tên\x00",
                            effective_on=dt.date(2020, 1, 1), decision=DECISION)
    assert error.value.field == "name"
    with pytest.raises(DomainError) as error:
        organization_rename(actor=cast.province_officer, organization=cast.commune_a1, new_name="Tên",
                            effective_on=dt.date(2020, 1, 1), decision=Decision("01-QĐ/TU", dt.date(2020, 1, 1),
                                                                                "x" * 300))
    assert error.value.field == "decision_issuer"


def test_an_update_that_changes_nothing_writes_nothing(cast):
    before = ChangeRecord.objects.count()
    organization_update(actor=cast.province_officer, organization=cast.commune_a1)
    assert ChangeRecord.objects.count() == before
