"""Which rule version applies on a date, the seeded reference data, and the lookup cache."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db import transaction

from core.errors import DomainError
from rules import reference
from rules.errors import RuleMissing
from rules.models import RuleVersion
from rules.queries import rule, rule_value, rulebook

D = dt.date


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("on", "regulation"),
    [
        (D(2011, 11, 1), "45-QĐ/TW"),
        (D(2016, 7, 24), "45-QĐ/TW"),
        (D(2016, 7, 25), "29-QĐ/TW"),
        (D(2021, 7, 29), "29-QĐ/TW"),
        (D(2021, 7, 30), "24-QĐ/TW"),
        (D(2025, 1, 19), "24-QĐ/TW"),
        (D(2025, 1, 20), "232-QĐ/TW"),
        (D(2025, 6, 30), "232-QĐ/TW"),
        (D(2025, 7, 1), "294-QĐ/TW"),
        (D(2040, 1, 1), "294-QĐ/TW"),
    ],
)
def test_the_event_date_chooses_the_version_at_each_boundary(on: dt.date, regulation: str) -> None:
    version = rule("admission.decision_deadline_working_days", on=on)
    assert version.regulation == regulation
    assert version.in_force_on(on)
    assert version.value == 60


@pytest.mark.django_db
def test_before_the_earliest_regulation_the_rule_is_missing() -> None:
    with pytest.raises(RuleMissing) as caught:
        rule("admission.min_age_months", on=D(2011, 10, 31))
    assert isinstance(caught.value, DomainError)
    assert "admission.min_age_months" in str(caught.value)
    assert "31/10/2011" in str(caught.value)
    assert caught.value.key == "admission.min_age_months"
    assert rule("admission.min_age_months", on=D(2011, 11, 1)).regulation == "45-QĐ/TW"


@pytest.mark.django_db
def test_an_unknown_key_is_missing_too() -> None:
    with pytest.raises(RuleMissing, match=r"no\.such\.rule"):
        rule_value("no.such.rule", on=D(2024, 1, 1))


@pytest.mark.django_db
def test_citation_and_confirmation() -> None:
    version = rule("readmission.min_months_out", on=D(2025, 8, 1))
    assert version.citation == "Quy định 294-QĐ/TW, §3.5"
    assert version.full_citation == "Quy định 294-QĐ/TW ngày 26/05/2025, §3.5"
    assert version.confirmed is True
    older = rule("readmission.min_months_out", on=D(2017, 1, 1))
    assert older.value == 36 and older.confirmed is False
    assert "UNCONFIRMED" in older.note
    badge = rule("party_age.badge_years", on=D(2023, 5, 1))
    assert badge.citation == "Hướng dẫn 01-HD/TW, §18"
    assert badge.confirmed is True
    course = rule("awareness_course.certificate_valid_months", on=D(2025, 8, 1))
    assert course.value == 60 and course.confirmed is False


@pytest.mark.django_db
def test_a_datetime_is_read_as_its_date() -> None:
    moment = dt.datetime(2021, 7, 30, 23, 59, tzinfo=dt.UTC)
    assert rule("recognition.probation_months", on=moment).regulation == "24-QĐ/TW"


@pytest.mark.django_db
def test_values_returned_are_copies() -> None:
    years = rule_value("party_age.badge_years", on=D(2024, 1, 1))
    years.clear()
    assert rule_value("party_age.badge_years", on=D(2024, 1, 1))[0] == 30


@pytest.mark.django_db
def test_assessment_rule_follows_its_own_regulations() -> None:
    assert rule("assessment.exclude_admitted_within_months", on=D(2023, 10, 4)).regulation == "124-QĐ/TW"
    assert rule("assessment.exclude_admitted_within_months", on=D(2023, 10, 3)).regulation == "132-QĐ/TW"
    with pytest.raises(RuleMissing):
        rule("assessment.exclude_admitted_within_months", on=D(2018, 3, 7))


# ----------------------------------------------------------------------------- seeded data

BRIEF_VALUES = {
    "admission.min_age_months": 216,
    "admission.max_age_months": 720,
    "admission.introducers_required": 2,
    "admission.introducer_youth_union_alternative": True,
    "admission.introducer_min_months_together": 12,
    "admission.decision_deadline_working_days": 60,
    "admission.ceremony_deadline_working_days": 30,
    "recognition.probation_months": 12,
    "recognition.consider_deadline_working_days": 30,
    "recognition.decision_deadline_working_days": 30,
    "deadline.max_extension_working_days": 30,
    "awareness_course.certificate_valid_months": 60,
    "transfer.start_deadline_working_days": 60,
    "transfer.present_deadline_working_days": 30,
    "temporary_transfer.min_months": 3,
    "temporary_transfer.max_months_work": 12,
    "temporary_transfer.max_months_study": 24,
    "readmission.min_months_out": 36,
    "readmission.min_months_after_record_cleared": 60,
    "readmission.max_times": 1,
    "readmission.barred_grounds": [
        "abandoned_activities", "applied_to_leave", "serious_disunity", "corruption_conviction",
        "serious_crime_conviction",
    ],
    "party_age.badge_years": [30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90],
    "party_age.badge_early_months": [{"from": 30, "to": 65, "months": 12}, {"from": 70, "to": 90, "months": 24}],
    "party_age.badge_presentation_days": ["02-03", "05-19", "09-02", "11-07"],
    "strike_off.unpaid_dues_months": 3,
    "assessment.exclude_admitted_within_months": 6,
}


@pytest.mark.django_db
def test_every_key_of_the_brief_is_seeded_with_its_value() -> None:
    today = D(2025, 12, 1)
    for key, expected in BRIEF_VALUES.items():
        assert rule_value(key, on=today) == expected, key
    education = rule_value("admission.min_education", on=today)
    assert (education["grade"], education["of"]) == (9, 12)
    assert {"mountain", "island", "ethnic_minority"} <= set(education["exception_areas"])
    plausibility = {"candidate.min_age_months", "awareness_course.min_age_months"}  # not in the brief
    corrected = {  # added by the review against the texts (issue 11), tested in test_corrections.py
        "admission.introducer_trade_union_alternative", "admission.replacement_introducer_needs_months_together",
        "party_age.badge_posthumous_months", "strike_off.missed_activities_months", "assessment.excluded_members",
        "assessment.score_scale", "assessment.score_band_minimums",
    }
    committees = {key for key in rulebook().rule_keys() if key.startswith("committee.")}
    assert set(rulebook().rule_keys()) == (
        set(BRIEF_VALUES) | {"admission.min_education"} | plausibility | corrected | committees
    )


@pytest.mark.django_db
def test_versions_of_every_key_are_contiguous_and_only_the_last_is_open() -> None:
    book = rulebook()
    for key in book.rule_keys():
        versions = book.by_key[key]
        for earlier, later in itertools.pairwise(versions):
            assert earlier.valid_to == later.valid_from, key
        assert versions[-1].valid_to is None, key
        assert all(v.valid_to is not None for v in versions[:-1]), key
        if not key.startswith("assessment."):  # the assessment regulations' own chain (from 2018)
            assert versions[0].valid_from == D(2011, 11, 1), key


@pytest.mark.django_db
def test_every_seeded_value_has_the_shape_its_key_declares() -> None:
    for version in RuleVersion.objects.all():
        assert reference.RULE_SPECS[version.key].check(version.value) is None, version.key


@pytest.mark.django_db
def test_loading_the_seed_again_inserts_nothing_and_keeps_edits() -> None:
    from django.apps import apps

    RuleVersion.objects.filter(key="readmission.max_times", regulation="294-QĐ/TW").update(note="edited")
    count = RuleVersion.objects.count()
    reference.load_rules(apps)
    reference.load_holidays(apps)
    assert RuleVersion.objects.count() == count
    assert RuleVersion.objects.get(key="readmission.max_times", regulation="294-QĐ/TW").note == "edited"


@pytest.mark.django_db
def test_a_seed_row_whose_period_is_covered_is_not_inserted() -> None:
    from django.apps import apps

    RuleVersion.objects.filter(key="readmission.max_times", regulation="232-QĐ/TW").delete()
    RuleVersion.objects.filter(key="readmission.max_times", regulation="24-QĐ/TW").update(valid_to=D(2025, 3, 1))
    reference.load_rules(apps)  # the 232 row would overlap the stretched 24 row
    assert not RuleVersion.objects.filter(key="readmission.max_times", regulation="232-QĐ/TW").exists()


@pytest.mark.django_db
def test_a_new_seed_regulation_closes_the_open_version_as_the_service_would() -> None:
    from django.apps import apps

    key = "readmission.max_times"
    RuleVersion.objects.filter(key=key, regulation="294-QĐ/TW").delete()
    RuleVersion.objects.filter(key=key, regulation="232-QĐ/TW").update(valid_to=None)
    reference.load_rules(apps)  # as on an installation that had not yet received 294-QĐ/TW
    assert RuleVersion.objects.get(key=key, regulation="232-QĐ/TW").valid_to == D(2025, 7, 1)
    assert rule(key, on=D(2025, 7, 1)).regulation == "294-QĐ/TW"


def test_shape_checks_refuse_bad_values() -> None:
    specs = reference.RULE_SPECS
    assert specs["admission.min_age_months"].check(-1)
    assert specs["admission.min_age_months"].check(True)
    assert specs["admission.min_age_months"].check("216")
    assert specs["admission.introducer_youth_union_alternative"].check(1)
    assert specs["party_age.badge_years"].check([40, 30])
    assert specs["party_age.badge_presentation_days"].check(["02-30"])
    assert specs["party_age.badge_presentation_days"].check(["2-3"])
    assert specs["party_age.badge_early_months"].check([{"from": 70, "to": 30, "months": 1}])
    assert specs["readmission.barred_grounds"].check(["Bad Code"])
    assert specs["admission.min_education"].check({"grade": 9})
    assert specs["admission.min_education"].check(
        {"grade": 9, "of": 12, "exception_areas": [], "exception_min_grade": 5, "extra": 1}
    )


# ----------------------------------------------------------------------------- cache


@pytest.mark.django_db
def test_a_lookup_costs_one_small_query_and_a_rulebook_none(django_assert_num_queries) -> None:
    rule("admission.min_age_months", on=D(2024, 1, 1))  # warm
    with django_assert_num_queries(1):
        rule("admission.min_age_months", on=D(2024, 1, 1))
    book = rulebook()
    with django_assert_num_queries(0):
        for key in book.rule_keys():
            book.value(key, on=D(2026, 1, 1))  # a date every key has a version for (score bands: from 2025)


@pytest.mark.django_db
def test_the_cache_notices_writes_that_bypass_the_services_and_rollbacks() -> None:
    version = RuleVersion.objects.get(key="readmission.max_times", regulation="294-QĐ/TW")
    assert rule_value("readmission.max_times", on=D(2026, 1, 1)) == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        version.value = 2
        version.save()
        assert rule_value("readmission.max_times", on=D(2026, 1, 1)) == 2
        raise RuntimeError("roll back")
    assert rule_value("readmission.max_times", on=D(2026, 1, 1)) == 1
