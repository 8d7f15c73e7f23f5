"""Dialogues with their issues, answers and follow-ups (due on or after the dialogue), models by year: every fault
at once with nothing written, scope; and the figures against hand counts on records of their own."""

from __future__ import annotations

import datetime as dt

import pytest

from core.errors import DomainError, Faults, NotInScope
from core.testing import Cast
from mobilisation.figures import mobilisation_figures
from mobilisation.models import Dialogue, FollowUp, FollowUpStatus, MobilisationModel
from mobilisation.services import (
    DialogueInput,
    FollowUpInput,
    IssueInput,
    ModelInput,
    dialogue_record,
    follow_up_set_status,
    model_register,
)

D = dt.date


def _dialogue(actor, organization, on: dt.date, kind: str = "periodic", follow_ups: tuple = ()) -> Dialogue:  # type: ignore[no-untyped-def]
    return dialogue_record(actor=actor, organization=organization, data=DialogueInput(
        kind=kind, held_on=on, place="Hội trường xã", chair="Hoàng Văn Thiên", chair_title="Bí thư",
        participants=120, issues=[IssueInput("Đường vào bản bị sạt lở", "Huyện sẽ khắc phục trong quý III")],
        follow_ups=[FollowUpInput(action, "UBND xã", due, issue=0) for action, due in follow_ups]))


def test_a_dialogue_is_recorded_with_its_issues_and_follow_ups(cast: Cast) -> None:
    dialogue = _dialogue(cast.district_officer, cast.commune_a1, D(2021, 6, 10),
                         follow_ups=(("Khắc phục sạt lở đường vào bản", D(2021, 9, 30)),))
    assert dialogue.issues.count() == 1 and dialogue.basis.startswith("Quy định 11-QĐi/TW")
    follow_up = dialogue.follow_ups.get()
    assert follow_up.issue == dialogue.issues.get() and follow_up.status == FollowUpStatus.OPEN
    follow_up_set_status(actor=cast.district_officer, follow_up=follow_up, status="done", done_on=D(2021, 9, 1))
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.done_on) == ("done", D(2021, 9, 1))


def test_a_follow_up_due_before_its_dialogue_is_refused_with_every_fault_and_nothing_written(cast: Cast) -> None:
    with pytest.raises(Faults) as refused:
        dialogue_record(actor=cast.district_officer, organization=cast.commune_a1, data=DialogueInput(
            kind="monthly", held_on=D(2021, 6, 10), place="", chair="Hoàng Văn Thiên",
            follow_ups=[FollowUpInput("Sửa đường", "UBND xã", D(2021, 6, 9)), FollowUpInput("", "", None, issue=3)]))
    fields = {e.field for e in refused.value.errors}
    assert {"kind", "place", "follow_ups.0.due_on", "follow_ups.1.action", "follow_ups.1.owner",
            "follow_ups.1.due_on", "follow_ups.1.issue"} <= fields
    assert not Dialogue.objects.exists() and not FollowUp.objects.exists()


def test_done_needs_a_date_and_scope_is_checked(cast: Cast) -> None:
    dialogue = _dialogue(cast.district_officer, cast.commune_a1, D(2021, 6, 10),
                         follow_ups=(("Việc", D(2021, 7, 1)),))
    follow_up = dialogue.follow_ups.get()
    with pytest.raises(DomainError):
        follow_up_set_status(actor=cast.district_officer, follow_up=follow_up, status="done")
    with pytest.raises(NotInScope):
        follow_up_set_status(actor=cast.outsider, follow_up=follow_up, status="in_progress")
    with pytest.raises(NotInScope):
        _dialogue(cast.outsider, cast.commune_a1, D(2021, 6, 10))


def test_models_are_registered_by_year_and_checked(cast: Cast) -> None:
    data = ModelInput("dan_van_kheo", "economy", "Nuôi trâu vỗ béo", 2021, 2019, "Hội Nông dân xã")
    model_register(actor=cast.district_officer, organization=cast.commune_a1, data=data)
    with pytest.raises(DomainError) as refused:
        model_register(actor=cast.district_officer, organization=cast.commune_a1, data=data)
    assert refused.value.field == "name"
    with pytest.raises(Faults):
        model_register(actor=cast.district_officer, organization=cast.commune_a1,
                       data=ModelInput("x", "y", "", 2021, 2022))
    assert MobilisationModel.objects.count() == 1


def test_figures_count_dialogues_by_kind_and_models_by_kind_with_the_year_before(cast: Cast) -> None:
    actor = cast.root_admin
    _dialogue(actor, cast.commune_a1, D(2021, 3, 1), follow_ups=(("a", D(2021, 4, 1)), ("b", D(2021, 5, 1))))
    _dialogue(actor, cast.district_a, D(2021, 6, 1))
    _dialogue(actor, cast.commune_a2, D(2021, 9, 1), kind="ad_hoc")
    _dialogue(actor, cast.commune_a1, D(2020, 9, 1))
    _dialogue(actor, cast.commune_b1, D(2021, 9, 1))  # district B: not counted
    done = FollowUp.objects.order_by("pk").first()
    assert done is not None
    follow_up_set_status(actor=actor, follow_up=done, status="done", done_on=D(2021, 3, 20))
    for organization, kind, year, name in [(cast.commune_a1, "dan_van_kheo", 2021, "A"),
                                           (cast.commune_a2, "dan_van_kheo", 2021, "B"),
                                           (cast.cell_a1a, "economic", 2021, "C"),
                                           (cast.commune_a1, "dan_van_kheo", 2020, "D"),
                                           (cast.commune_b1, "social", 2021, "E")]:
        model_register(actor=actor, organization=organization,
                       data=ModelInput(kind, "economy", name, year, 2019))
    figures = mobilisation_figures(cast.district_a, date_from=D(2021, 1, 1), date_to=D(2021, 12, 31))
    assert (figures["dialogues_total"], figures["dialogues_periodic"], figures["dialogues_ad_hoc"]) == (3, 2, 1)
    assert (figures["dialogues_total_previous"], figures["dialogues_total_change"]) == (1, 2)
    assert (figures["follow_ups"], figures["follow_ups_done"]) == (2, 1)
    assert (figures["models_total"], figures["models_dan_van_kheo"], figures["models_economic"]) == (3, 2, 1)
    assert (figures["models_social"], figures["models_dan_van_kheo_previous"]) == (0, 1)
