"""A second, different set of classes, learners, commendations, honour-book entries and contest results, counted
by hand, against every counting function (training, honours): period bounds, subtree, categories, tags."""

from __future__ import annotations

import datetime as dt

from core.testing import Cast
from honours import services as honours
from honours.figures import honours_figures
from honours.models import Campaign, Form, Level, Prize, Target
from training import services
from training.figures import training_figures
from training.models import ClassKind, Result
from training.services import LearnerInput

D = dt.date
YEAR = {"date_from": D(2021, 1, 1), "date_to": D(2021, 12, 31)}


def _class(cast: Cast, host: object, kind: str, starts: dt.date, ends: dt.date, learners: list[LearnerInput],
           planned: int | None = None) -> None:
    training_class = services.class_create(actor=cast.root_admin, host=host, kind=ClassKind.objects.get(code=kind),
                                           title=f"{kind} {starts}", starts_on=starts, ends_on=ends,
                                           organizer_name="Trường Chính trị", planned_learners=planned)
    if learners:
        services.learners_add(actor=cast.root_admin, training_class=training_class, learners=learners)


def _people(prefix: str, count: int, **fields: object) -> list[LearnerInput]:
    return [LearnerInput(full_name=f"{prefix} {n}", **fields) for n in range(count)]  # type: ignore[arg-type]


def test_training_figures_match_hand_counts(cast: Cast) -> None:
    veterans = ["Bộ đội xuất ngũ"]
    awareness = (_people("Tag", 2, tags=veterans, result=Result.COMPLETED, certificate_number="C")
                 + _people("Done", 1, result=Result.COMPLETED) + _people("Absent", 1, attended=False)
                 + _people("Pending", 1))
    _class(cast, cast.commune_a1, "awareness", D(2021, 2, 1), D(2021, 2, 5), awareness, planned=6)
    _class(cast, cast.district_a, "theory-elementary", D(2021, 3, 1), D(2021, 5, 1),
           _people("Theory", 3) + _people("Passed", 1, result=Result.COMPLETED), planned=5)
    _class(cast, cast.district_b, "new-member", D(2021, 4, 1), D(2021, 4, 5), _people("Elsewhere", 3))
    _class(cast, cast.district_a, "new-member", D(2020, 6, 1), D(2020, 6, 5), _people("Last year", 2))
    _class(cast, cast.district_a, "civil-servant", D(2020, 12, 1), D(2021, 1, 15), _people("Across", 2, tags=veterans))

    figures = training_figures(cast.district_a, **YEAR)
    assert figures["classes"] == 2
    assert figures["classes_closed"] == 3  # the two of 2021 and the one that opened in December 2020
    assert figures["planned_learners"] == 11
    assert figures["learners"] == 9
    assert figures["learners_attended"] == 8
    assert figures["learners_completed"] == 4
    assert figures["certificates"] == 2
    assert (figures["classes_awareness"], figures["learners_awareness"], figures["completed_awareness"]) == (1, 5, 3)
    assert (figures["classes_theory_elementary"], figures["learners_theory_elementary"]) == (1, 4)
    assert figures["completed_theory_elementary"] == 1
    assert (figures["classes_new_member"], figures["learners_new_member"]) == (0, 0)
    assert figures["classes_civil_servant"] == 0
    assert figures["learners_tagged_bo_doi_xuat_ngu"] == 2  # the December class's two do not count in 2021
    commune = training_figures(cast.commune_a1, **YEAR)
    assert (commune["classes"], commune["learners"]) == (1, 5)
    province = training_figures(cast.province, **YEAR)
    assert (province["classes"], province["learners"], province["learners_new_member"]) == (3, 12, 3)
    last_year = training_figures(cast.district_a, date_from=D(2020, 1, 1), date_to=D(2020, 12, 31))
    assert (last_year["classes"], last_year["learners"], last_year["learners_tagged_bo_doi_xuat_ngu"]) == (2, 4, 2)


def test_honours_figures_match_hand_counts(cast: Cast) -> None:
    district, certificate = Level.objects.get(code="district"), Form.objects.get(code="certificate-of-merit")
    province, diploma = Level.objects.get(code="province"), Form.objects.get(code="diploma-of-merit")
    study = Campaign.objects.get(code="hcm-study")

    def commend(organization: object, target: str, on: dt.date, name: str = "", **fields: object) -> None:
        values: dict[str, object] = {"level": district, "form": certificate, "campaign": study}
        values.update(fields)
        honours.commendation_create(actor=cast.root_admin, organization=organization, target=target,
                                    recipient_name=name, decided_on=on, decided_by="Huyện ủy", **values)

    commend(cast.commune_a1, Target.ORGANIZATION, D(2021, 4, 1), level=province, form=diploma, campaign=None)
    commend(cast.cell_a1a, Target.INDIVIDUAL, D(2021, 5, 15), "Lò Văn A")
    commend(cast.cell_a1b, Target.INDIVIDUAL, D(2021, 5, 15), "Lò Văn B")
    commend(cast.commune_b1, Target.COLLECTIVE, D(2021, 5, 15), "Hội Nông dân xã")
    commend(cast.cell_a1a, Target.COLLECTIVE, D(2020, 12, 31), "Chi đoàn thôn")

    def enter(organization: object, target: str, on: dt.date) -> None:
        honours.honour_entry_create(actor=cast.root_admin, organization=organization, target=target, name="X",
                                    deed="Việc tốt", entered_on=on)

    enter(cast.commune_a1, Target.COLLECTIVE, D(2021, 9, 2))
    enter(cast.cell_a1a, Target.INDIVIDUAL, D(2021, 9, 2))
    enter(cast.cell_a1b, Target.INDIVIDUAL, D(2021, 12, 31))
    enter(cast.cell_a1b, Target.INDIVIDUAL, D(2022, 1, 1))
    contest = honours.contest_create(actor=cast.root_admin, name="Thi tìm hiểu", organizer_name="Tỉnh ủy", year=2021)
    honours.contest_result_record(actor=cast.root_admin, contest=contest, organization=cast.district_a,
                                  prize=Prize.SECOND, awarded_on=D(2021, 11, 1))
    honours.contest_result_record(actor=cast.root_admin, contest=contest, organization=cast.district_b,
                                  prize=Prize.FIRST, awarded_on=D(2021, 11, 1))

    figures = honours_figures(cast.district_a, **YEAR)
    assert (figures["commendations"], figures["commendations_collective"], figures["commendations_individual"]) == (
        3, 1, 2)
    assert (figures["commendations_hcm_study_collective"], figures["commendations_hcm_study_individual"]) == (0, 2)
    assert (figures["commendations_level_province"], figures["commendations_level_district"]) == (1, 2)
    assert (figures["commendations_form_diploma_of_merit"], figures["commendations_form_certificate_of_merit"]) == (
        1, 2)
    assert figures["commendations_level_central"] == 0
    assert (figures["honour_book_entries"], figures["honour_book_collective"], figures["honour_book_individual"]) == (
        3, 1, 2)
    assert (figures["contest_results"], figures["contest_prizes_second"], figures["contest_prizes_first"]) == (1, 1, 0)
    whole = honours_figures(cast.province, **YEAR)
    assert (whole["commendations_collective"], whole["commendations_hcm_study_collective"]) == (2, 1)
    assert whole["contest_prizes_first"] == 1
    cell = honours_figures(cast.cell_a1a, date_from=D(2020, 1, 1), date_to=D(2021, 12, 31))
    assert (cell["commendations_collective"], cell["commendations_individual"], cell["honour_book_entries"]) == (
        1, 1, 1)
