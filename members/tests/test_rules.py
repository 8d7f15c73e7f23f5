"""One test per rule the members services apply; each names its article, and each refusal cites it.

Numbers come from the rules app (rules.queries.rule), never from these tests' own constants where the rule
decides: the tests build dates from the rule's value, so they also follow a changed regulation.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from core.errors import DomainError
from members import services
from members.models import EventKind, MemberEvent, Status
from members.services import Introducer
from members.tests import factories as f
from rules.calendar import add_months, add_working_days
from rules.queries import rule

D = dt.date
RESOLUTION = D(2025, 9, 15)  # under Quy định 294-QĐ/TW


def _citation(key: str, on: dt.date) -> str:
    return rule(key, on=on).citation


def _candidate(cast, *, birth_date=None, education="12/12", name="Nguyễn Văn An"):
    return f.candidate(cast.district_officer, cast.cell_a1a, name, birth_date=birth_date or D(1995, 1, 1),
                       general_education=education, registered_on=D(2024, 1, 10), course_on=D(2024, 6, 1),
                       resolution_on=RESOLUTION)


def _decide(cast, person, **kwargs):
    kwargs.setdefault("introducers", f.introducers(cast.district_officer, cast.cell_a1a))
    return services.admission_decide(actor=cast.district_officer, person=person,
                                     decision=f.decision(RESOLUTION + dt.timedelta(days=20)), **kwargs)


def test_min_age_in_months_on_cell_resolution_date_qd294_s1_1(cast):
    """admission.min_age_months (Quy định 294-QĐ/TW §1.1): at least 18 years, counted in months."""
    months = rule("admission.min_age_months", on=RESOLUTION).value
    too_young = _candidate(cast, birth_date=add_months(RESOLUTION, -months) + dt.timedelta(days=1))
    with pytest.raises(DomainError) as error:
        _decide(cast, too_young)
    assert _citation("admission.min_age_months", RESOLUTION) in str(error.value)
    assert not MemberEvent.objects.filter(person=too_young, kind=EventKind.ADMISSION_DECISION).exists()
    just_old_enough = _candidate(cast, birth_date=add_months(RESOLUTION, -months), name="Lê Văn Bảo")
    _decide(cast, just_old_enough)
    just_old_enough.refresh_from_db()
    assert just_old_enough.status == Status.PROBATIONARY


def test_max_age_needs_competent_level_decision_qd294_s1_1(cast):
    """admission.max_age_months: over 60 only with the decision of the competent committee, recorded."""
    months = rule("admission.max_age_months", on=RESOLUTION).value
    old = _candidate(cast, birth_date=add_months(RESOLUTION, -(months + 1)))
    with pytest.raises(DomainError) as error:
        _decide(cast, old)
    assert error.value.field == "age_override"
    assert _citation("admission.max_age_months", RESOLUTION) in str(error.value)
    event = _decide(cast, old, age_override=f.decision(D(2025, 9, 1), "Ban Thường vụ Tỉnh ủy"))
    assert event.details["age_override"]["recorded_by"] == cast.district_officer.username
    assert event.details["age_override"]["age_months"] == months + 1


def test_education_threshold_with_area_exception_qd294_s1_2(cast):
    """admission.min_education (§1.2): lower secondary, the old 10-year system's equivalent, area exception."""
    low = _candidate(cast, education="8/12")
    with pytest.raises(DomainError) as error:
        _decide(cast, low)
    assert error.value.field == "general_education"
    assert _citation("admission.min_education", RESOLUTION) in str(error.value)
    value = rule("admission.min_education", on=RESOLUTION).value
    area = value["exception_areas"][0]
    _decide(cast, low, education_exception_area=area)
    old_system = _candidate(cast, education="7/10", name="Hà Văn Tư")
    _decide(cast, old_system)
    with pytest.raises(DomainError):
        _decide(cast, _candidate(cast, education="8/12", name="Lò Văn Sáu"), education_exception_area="nowhere")


def test_two_official_introducers_who_worked_a_year_qd294_s3_2(cast):
    """admission.introducers_required and introducer_min_months_together (§3.2, Điều lệ Điều 4)."""
    actor, cell = cast.district_officer, cast.cell_a1a
    person = _candidate(cast)
    one = f.introducers(actor, cell, count=1)
    with pytest.raises(DomainError) as error:
        _decide(cast, person, introducers=one)
    assert _citation("admission.introducers_required", RESOLUTION) in str(error.value)
    months = rule("admission.introducer_min_months_together", on=RESOLUTION).value
    recent = Introducer(f.member(actor, cell, "Bế Văn Mới"), add_months(RESOLUTION, -(months - 1)))
    with pytest.raises(DomainError) as error:
        _decide(cast, person, introducers=[*one, recent])
    assert _citation("admission.introducer_min_months_together", RESOLUTION) in str(error.value)
    probationary = Introducer(f.member(actor, cell, "Bế Thị Dự", admitted_on=D(2025, 3, 1), official=False),
                              D(2020, 1, 1))
    with translation.override("en"), pytest.raises(DomainError) as error:
        _decide(cast, person, introducers=[*one, probationary])
    assert "official" in str(error.value)
    assert not MemberEvent.objects.filter(person=person, kind=EventKind.ADMISSION_DECISION).exists()
    _decide(cast, person, introducers=one, youth_union_resolution=f.decision(D(2025, 9, 1), "Đoàn xã"))


def test_awareness_certificate_valid_qd294_certificate_valid_months(cast):
    """awareness_course.certificate_valid_months: the certificate must still be valid on the resolution date."""
    actor = cast.district_officer
    none = f.candidate(actor, cast.cell_a1a, course_on=None, resolution_on=RESOLUTION, registered_on=D(2024, 1, 1))
    with pytest.raises(DomainError) as error:
        _decide(cast, none)
    assert error.value.field == "awareness_course"
    months = rule("awareness_course.certificate_valid_months", on=RESOLUTION).value
    expired = f.candidate(actor, cast.cell_a1a, "Lê Thị Cũ", registered_on=D(2019, 1, 1),
                          course_on=add_months(RESOLUTION, -months) - dt.timedelta(days=1), resolution_on=RESOLUTION)
    with pytest.raises(DomainError) as error:
        _decide(cast, expired)
    assert _citation("awareness_course.certificate_valid_months", RESOLUTION) in str(error.value)


def test_ceremony_not_before_decision_qd294_s4_1(cast):
    """admission.ceremony_deadline_working_days (§4.1): the ceremony follows the decision."""
    person = f.admit(cast.district_officer, cast.cell_a1a, ceremony_on=None, decided_on=D(2020, 4, 1))
    with pytest.raises(DomainError) as error:
        services.admission_ceremony_record(actor=cast.district_officer, person=person, held_on=D(2020, 3, 30))
    assert _citation("admission.ceremony_deadline_working_days", D(2020, 4, 1)) in str(error.value)
    services.admission_ceremony_record(actor=cast.district_officer, person=person, held_on=D(2020, 4, 1))


def test_recognition_after_probation_effective_at_its_end_dieu_le_dieu_5(cast):
    """recognition.probation_months (Điều lệ Điều 5): not before the months from the ceremony; effective then."""
    actor = cast.district_officer
    person = f.admit(actor, cast.cell_a1a, ceremony_on=D(2020, 4, 20))
    months = rule("recognition.probation_months", on=D(2020, 4, 20)).value
    end = add_months(D(2020, 4, 20), months)
    with pytest.raises(DomainError) as error:
        services.recognition_record(actor=actor, person=person, decision=f.decision(end - dt.timedelta(days=1)))
    assert _citation("recognition.probation_months", D(2020, 4, 20)) in str(error.value)
    late = services.recognition_record(actor=actor, person=person, decision=f.decision(end + dt.timedelta(days=75)))
    assert late.occurred_on == end
    assert late.decision_date == end + dt.timedelta(days=75)


def test_not_recognised_is_struck_off_qd294_s4_2(cast):
    """Not recognised (§4.2): the probationary member's name is struck off."""
    person = f.admit(cast.district_officer, cast.cell_a1a, ceremony_on=D(2020, 4, 20))
    services.not_recognised_record(actor=cast.district_officer, person=person, decision=f.decision(D(2021, 5, 3)),
                                   reason="không đủ tư cách")
    person.refresh_from_db()
    assert person.status == Status.STRUCK_OFF


def test_transfer_letter_presented_late_needs_explanation_qd294_s6_3(cast):
    """transfer.present_deadline_working_days (§6.3): late presentation needs a written explanation."""
    actor = cast.district_officer
    person = f.member(actor, cast.cell_a1a)
    out_on = D(2025, 8, 1)
    services.member_transfer_out(actor=actor, person=person, temporary=False, occurred_on=out_on, letter=f.letter(),
                                 destination=cast.cell_a1b)
    days = rule("transfer.present_deadline_working_days", on=out_on).value
    late = add_working_days(out_on, days + 1)
    with pytest.raises(DomainError) as error:
        services.member_transfer_in(actor=actor, person=person, temporary=False, organization=cast.cell_a1b,
                                    occurred_on=late)
    assert error.value.field == "late_explanation"
    assert _citation("transfer.present_deadline_working_days", out_on) in str(error.value)
    event = services.member_transfer_in(actor=actor, person=person, temporary=False, organization=cast.cell_a1b,
                                        occurred_on=late, late_explanation="ốm")
    assert event.details["late_explanation"] == "ốm"


def test_temporary_transfer_length_qd294_s6_3(cast):
    """temporary_transfer.min_months / max_months_work (exclusive) / max_months_study (inclusive), §6.3."""
    actor = cast.district_officer
    person = f.member(actor, cast.cell_a1a)
    out_on = D(2025, 8, 1)
    low = rule("temporary_transfer.min_months", on=out_on).value
    work = rule("temporary_transfer.max_months_work", on=out_on).value
    study = rule("temporary_transfer.max_months_study", on=out_on).value

    def attempt(purpose: str, months: int) -> None:
        services.member_transfer_out(actor=actor, person=person, temporary=True, occurred_on=out_on, letter=f.letter(),
                                     destination=cast.cell_a1b, purpose=purpose, until=add_months(out_on, months))

    for purpose, months in (("work", low - 1), ("work", work), ("study", study + 1)):
        with pytest.raises(DomainError) as error:
            attempt(purpose, months)
        assert _citation("temporary_transfer.min_months", out_on).split(",")[0] in str(error.value)
    attempt("study", study)
    person.refresh_from_db()
    assert person.status == Status.OFFICIAL  # still counted at home


def test_readmission_conditions_qd294_s3_5(cast):
    """readmission.min_months_out, min_months_after_record_cleared, barred_grounds, max_times (§3.5)."""
    actor = cast.province_officer
    person = f.member(actor, cast.cell_a1a)
    out_on = D(2021, 3, 1)
    services.member_strike_off(actor=actor, person=person, decision=f.decision(out_on), ground="no_progress")
    months = rule("readmission.min_months_out", on=D(2024, 3, 1)).value
    too_soon = add_months(out_on, months) - dt.timedelta(days=1)
    consent = f.decision(D(2024, 1, 5), "Ban Thường vụ Tỉnh ủy")
    with pytest.raises(DomainError) as error:
        services.member_readmit(actor=actor, person=person, decision=f.decision(too_soon), consent=consent)
    assert _citation("readmission.min_months_out", too_soon) in str(error.value)
    on = add_months(out_on, months)
    cleared = rule("readmission.min_months_after_record_cleared", on=on).value
    with pytest.raises(DomainError) as error:
        services.member_readmit(actor=actor, person=person, decision=f.decision(on), consent=consent,
                                record_cleared_on=add_months(on, -(cleared - 1)))
    assert error.value.field == "record_cleared_on"
    with pytest.raises(DomainError) as error:
        services.member_readmit(actor=actor, person=person, decision=f.decision(on), consent=consent,
                                declared_grounds=["corruption_conviction"])
    assert _citation("readmission.barred_grounds", on) in str(error.value)
    services.member_readmit(actor=actor, person=person, decision=f.decision(on), consent=consent)
    person.refresh_from_db()
    assert person.status == Status.PROBATIONARY
    # probation again, then out again: a second re-admission is refused (once only)
    services.admission_ceremony_record(actor=actor, person=person, held_on=on + dt.timedelta(days=10))
    services.member_strike_off(actor=actor, person=person, decision=f.decision(on + dt.timedelta(days=60)),
                               ground="no_progress")
    later = D(2026, 1, 5)
    assert rule("readmission.max_times", on=later).value == 1
    with pytest.raises(DomainError):  # refused: too soon, and in any case once only
        services.member_readmit(actor=actor, person=person, decision=f.decision(later), consent=consent)


def test_readmission_once_only_qd294_s3_5_3(cast):
    """readmission.max_times (§3.5.3), checked on its own."""
    actor = cast.province_officer
    person = f.member(actor, cast.cell_a1a, admitted_on=D(2005, 1, 1))
    services.member_strike_off(actor=actor, person=person, decision=f.decision(D(2012, 1, 2)), ground="no_progress")
    consent = f.decision(D(2015, 1, 5), "Ban Thường vụ Tỉnh ủy")
    services.member_readmit(actor=actor, person=person, decision=f.decision(D(2015, 2, 2)), consent=consent)
    services.admission_ceremony_record(actor=actor, person=person, held_on=D(2015, 2, 20))
    services.member_strike_off(actor=actor, person=person, decision=f.decision(D(2016, 1, 4)), ground="no_progress")
    with pytest.raises(DomainError) as error:
        services.member_readmit(actor=actor, person=person, decision=f.decision(D(2020, 1, 6)), consent=consent)
    assert error.value.field == "person"
    assert _citation("readmission.max_times", D(2020, 1, 6)) in str(error.value)


def test_readmission_barred_after_leaving_or_abandoning_qd294_s3_5_2(cast):
    """readmission.barred_grounds: applied to leave, abandoned activities."""
    actor = cast.province_officer
    leaver = f.member(actor, cast.cell_a1a, "Hà Văn Rời")
    services.member_leave(actor=actor, person=leaver, decision=f.decision(D(2018, 1, 2)))
    quitter = f.member(actor, cast.cell_a1a, "Hà Văn Bỏ")
    services.member_strike_off(actor=actor, person=quitter, decision=f.decision(D(2018, 1, 2)),
                               ground="abandoned_activities")
    for person in (leaver, quitter):
        with pytest.raises(DomainError) as error:
            services.member_readmit(actor=actor, person=person, decision=f.decision(D(2022, 1, 3)),
                                    consent=f.decision(D(2021, 12, 1)))
        assert error.value.field == "declared_grounds"


def test_strike_off_unpaid_dues_and_never_instead_of_expulsion_qd24_s8_1(cast):
    """strike_off.unpaid_dues_months (§8.1); a violation warranting expulsion is never a strike-off."""
    actor = cast.district_officer
    person = f.member(actor, cast.cell_a1a)
    on = D(2022, 6, 1)
    months = rule("strike_off.unpaid_dues_months", on=on).value
    with pytest.raises(DomainError) as error:
        services.member_strike_off(actor=actor, person=person, decision=f.decision(on), ground="unpaid_dues",
                                   unpaid_months=months - 1)
    assert _citation("strike_off.unpaid_dues_months", on) in str(error.value)
    with pytest.raises(DomainError) as error:
        services.member_strike_off(actor=actor, person=person, decision=f.decision(on), ground="no_progress",
                                   warrants_expulsion=True)
    assert error.value.field == "warrants_expulsion"
    services.member_strike_off(actor=actor, person=person, decision=f.decision(on), ground="unpaid_dues",
                               unpaid_months=months)


def test_leave_only_without_violations_dieu_le_dieu_8(cast):
    person = f.member(cast.district_officer, cast.cell_a1a)
    with pytest.raises(DomainError) as error:
        services.member_leave(actor=cast.district_officer, person=person, decision=f.decision(D(2022, 1, 3)),
                              has_violations=True)
    assert error.value.field == "has_violations"


def test_probationary_member_cannot_be_expelled_qd69(cast):
    """Discipline forms for a probationary member are reprimand and warning (Quy định 69-QĐ/TW)."""
    person = f.admit(cast.district_officer, cast.cell_a1a)
    with pytest.raises(DomainError) as error:
        services.member_expel(actor=cast.district_officer, person=person, decision=f.decision(D(2020, 8, 3)),
                              reason="vi phạm")
    assert "69-QĐ/TW" in str(error.value)


def test_event_on_struck_off_member_refused_naming_readmission_rule_qd294_s3_5(cast):
    actor = cast.district_officer
    person = f.member(actor, cast.cell_a1a)
    services.member_strike_off(actor=actor, person=person, decision=f.decision(D(2022, 1, 3)), ground="no_progress")
    for attempt in (
        lambda: services.exemption_start(actor=actor, person=person, occurred_on=D(2022, 2, 1), reason="ốm"),
        lambda: services.member_transfer_out(actor=actor, person=person, temporary=False, occurred_on=D(2022, 2, 1),
                                             letter=f.letter(), destination=cast.cell_a1b),
        lambda: services.death_record(actor=actor, person=person, died_on=D(2022, 2, 1)),
    ):
        with pytest.raises(DomainError) as error:
            attempt()
        assert _citation("readmission.min_months_out", D(2022, 2, 1)) in str(error.value)
    # a backdated event that would come after the strike-off in the log is refused too
    with pytest.raises(DomainError):
        services.exemption_start(actor=actor, person=person, occurred_on=D(2022, 1, 5), reason="ốm")


def test_rules_chosen_by_event_date(cast):
    """The version in force on the cell's resolution date applies: 29-QĐ/TW in 2019, 294-QĐ/TW in 2025."""
    assert "29-QĐ/TW" in _citation("admission.min_age_months", D(2019, 6, 3))
    assert "294-QĐ/TW" in _citation("admission.min_age_months", RESOLUTION)
    actor = cast.district_officer
    young = f.candidate(actor, cast.cell_a1a, birth_date=D(2001, 7, 1), registered_on=D(2018, 1, 3),
                        course_on=D(2018, 6, 1), resolution_on=D(2019, 6, 3))
    with pytest.raises(DomainError) as error:
        services.admission_decide(actor=actor, person=young, decision=f.decision(D(2019, 7, 1)),
                                  introducers=f.introducers(actor, cast.cell_a1a, since=D(2016, 1, 1)))
    assert "29-QĐ/TW" in str(error.value)
