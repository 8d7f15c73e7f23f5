"""Party age from the first admission decision, minus periods outside the Party; badges due."""

from __future__ import annotations

import datetime as dt

from members import services
from members.models import Person
from members.party_age import badges_due, next_presentation_day, party_age
from members.tests import factories as f
from rules.calendar import add_working_days
from rules.queries import rule

D = dt.date


def test_counts_from_decision_not_ceremony(cast):
    person = f.member(cast.district_officer, cast.cell_a1a, admitted_on=D(1995, 9, 2))  # ceremony 20 days later
    assert party_age(person, D(2025, 9, 1)) == (29, 11)
    assert party_age(person, D(2025, 9, 2)) == (30, 0)
    assert party_age(person, D(1995, 9, 1)) == (0, 0)


def test_strike_off_gap_removed_after_readmission(cast):
    actor = cast.province_officer
    person = f.member(actor, cast.cell_a1a, admitted_on=D(2000, 1, 10))
    services.member_strike_off(actor=actor, person=person, decision=f.decision(D(2012, 1, 10)), ground="no_progress")
    assert party_age(person, D(2014, 1, 10)) == (12, 0)  # frozen while outside
    services.member_readmit(actor=actor, person=person, decision=f.decision(D(2016, 1, 11)),
                            consent=f.decision(D(2015, 12, 1), "Ban Thường vụ Tỉnh ủy"))
    services.admission_ceremony_record(actor=actor, person=person, held_on=D(2016, 2, 1))
    assert party_age(person, D(2016, 6, 1)) == (0, 0)  # probation again: no Party age until recognised
    services.recognition_record(actor=actor, person=person, decision=f.decision(D(2017, 2, 10)))
    # 12 years before, 4 years and a day outside, 8 years after: 20 years on 11/01/2024
    assert party_age(person, D(2024, 1, 11)) == (20, 0)
    assert party_age(person, D(2024, 1, 10)) == (19, 11)


def test_transfer_presented_in_time_leaves_no_gap_late_one_does(cast):
    actor = cast.district_officer
    on_time = f.member(actor, cast.cell_a1a, "Nông Văn Kịp", admitted_on=D(2000, 3, 1))
    out_on = D(2021, 3, 1)
    services.member_transfer_out(actor=actor, person=on_time, temporary=False, occurred_on=out_on, letter=f.letter(),
                                 destination=cast.cell_a1b)
    services.member_transfer_in(actor=actor, person=on_time, temporary=False, organization=cast.cell_a1b,
                                occurred_on=D(2021, 3, 20))
    assert party_age(on_time, D(2022, 3, 1)) == (22, 0)

    late = f.member(actor, cast.cell_a1a, "Nông Văn Muộn", admitted_on=D(2000, 3, 1))
    services.member_transfer_out(actor=actor, person=late, temporary=False, occurred_on=out_on, letter=f.letter(),
                                 destination=cast.cell_a1b)
    deadline = add_working_days(out_on, rule("transfer.present_deadline_working_days", on=out_on).value)
    presented = deadline + dt.timedelta(days=100)
    services.member_transfer_in(actor=actor, person=late, temporary=False, organization=cast.cell_a1b,
                                occurred_on=presented, late_explanation="đi làm xa")
    # 100 days outside: 22 years less 100 days on 01/03/2022 -> 21 years and 8 months (whole months)
    assert party_age(late, D(2022, 3, 1)) == (21, 8)


def test_badge_due_at_next_presentation_day(cast):
    actor = cast.district_officer
    assert next_presentation_day(D(2025, 8, 1)) == D(2025, 9, 2)
    due_now = f.member(actor, cast.cell_a1a, "Hoàng Văn Ba Mươi", admitted_on=D(1995, 6, 1))
    f.member(actor, cast.cell_a1a, "Hoàng Văn Đã Nhận", admitted_on=D(1995, 5, 1))  # 30 years before 19/5/2025
    f.member(actor, cast.cell_a1a, "Hoàng Văn Chưa", admitted_on=D(1995, 11, 1))
    ill = f.member(actor, cast.cell_a1a, "Hoàng Văn Ốm", admitted_on=D(1996, 6, 1), seriously_ill=True)
    forty = f.member(actor, cast.cell_a1a, "Hoàng Văn Bốn Mươi", admitted_on=D(1985, 8, 15))
    rows = badges_due(Person.objects.all(), presentation_on=D(2025, 9, 2))
    found = {r.person_id: (r.badge_years, r.early) for r in rows}
    assert found == {due_now.pk: (30, False), ill.pk: (30, True), forty.pk: (40, False)}


def test_seriously_ill_early_limit_comes_from_rule(cast):
    actor = cast.district_officer
    bands = rule("party_age.badge_early_months", on=D(2025, 9, 2)).value
    months = next(b["months"] for b in bands if b["from"] <= 30 <= b["to"])
    # admitted so that 30 years are reached one month after the early limit allows
    too_early = f.member(actor, cast.cell_a1a, "Lý Văn Sớm", admitted_on=D(1996 + months // 12, 10, 1),
                         seriously_ill=True)
    rows = badges_due(Person.objects.filter(pk=too_early.pk), presentation_on=D(2025, 9, 2))
    assert rows == []


# ----------------------------------------------------------------------------- corrected rules (issue 11)


def test_probationary_member_has_no_party_age_until_recognised(cast):
    """Domain brief (Hướng dẫn 01-HD/TW 2021 §18; 24-QĐ/TW §4.5): no Party age until recognised; then it counts
    from the admission decision."""
    actor = cast.district_officer
    person = f.member(actor, cast.cell_a1a, "Lò Văn Dự Bị", admitted_on=D(2020, 3, 1), official=False)
    assert party_age(person, D(2021, 3, 20)) == (0, 0)  # probation ended on 21/03/2021, not yet recognised
    services.recognition_record(actor=actor, person=person, decision=f.decision(D(2021, 4, 5)))
    assert party_age(person, D(2021, 3, 20)) == (0, 0)  # still probationary that day
    assert party_age(person, D(2021, 6, 1)) == (1, 3)  # from the decision of 01/03/2020


def test_45_year_badge_only_from_29_qd_tw_25_07_2016(cast):
    """Quy định 29-QĐ/TW point 27.3a created the 45-year badge, in force 25/07/2016; under 45-QĐ/TW (until
    24/07/2016) there is none."""
    assert 45 not in rule("party_age.badge_years", on=D(2016, 7, 24)).value
    assert rule("party_age.badge_years", on=D(2016, 7, 24)).regulation == "45-QĐ/TW"
    assert 45 in rule("party_age.badge_years", on=D(2016, 7, 25)).value
    assert rule("party_age.badge_years", on=D(2016, 7, 25)).regulation == "29-QĐ/TW"
    actor = cast.district_officer
    before = f.member(actor, cast.cell_a1a, "Hà Văn Trước", admitted_on=D(1970, 12, 1))  # 45 years on 01/12/2015
    after = f.member(actor, cast.cell_a1a, "Hà Văn Sau", admitted_on=D(1971, 6, 15))  # 45 years on 15/06/2016
    assert badges_due(Person.objects.filter(pk=before.pk), presentation_on=D(2016, 2, 3)) == []
    rows = badges_due(Person.objects.filter(pk=after.pk), presentation_on=D(2016, 9, 2))
    assert [(r.person_id, r.badge_years) for r in rows] == [(after.pk, 45)]


def test_posthumous_badge_within_12_months_of_death(cast):
    """Truy tặng (Hướng dẫn 01-HD/TW 2021 §18, rule party_age.badge_posthumous_months = 12): a member who reached
    30 years on 01/06/2025 and died on 10/07/2025, before the presentation of 02/09/2025."""
    actor = cast.district_officer
    late = f.member(actor, cast.cell_a1a, "Đinh Văn Truy", admitted_on=D(1995, 6, 1))
    services.death_record(actor=actor, person=late, died_on=D(2025, 7, 10))
    short = f.member(actor, cast.cell_a1a, "Đinh Văn Chưa Đủ", admitted_on=D(1995, 10, 1))  # 30 years after death
    services.death_record(actor=actor, person=short, died_on=D(2025, 7, 10))
    people = Person.objects.filter(pk__in=[late.pk, short.pk])
    rows = badges_due(people, presentation_on=D(2025, 9, 2))
    assert [(r.person_id, r.badge_years, r.posthumous, r.age_years, r.age_months) for r in rows] == [
        (late.pk, 30, True, 30, 1)
    ]
    assert [r.person_id for r in badges_due(people, presentation_on=D(2026, 5, 19))] == [late.pk]  # 10 months
    assert badges_due(people, presentation_on=D(2026, 9, 2)) == []  # 14 months after the death
    assert rule("party_age.badge_posthumous_months", on=D(2025, 7, 10)).value == 12
