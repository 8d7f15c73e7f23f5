"""The demo's inspection records: Na Rì's district inspection committee in 2020 — one programme, two inspections
(an organization inspected, a member supervised), one reprimand; the counts stated in docs/inspection.md; loading
again changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from accounts.models import User
from inspection import demo
from inspection.figures import inspection_figures
from inspection.models import Discipline, FollowUp, Inspection, Programme
from organizations.models import Organization

D = dt.date
pytestmark = pytest.mark.django_db


def test_demo_inspection(demo_loaded: None) -> None:
    admin = User.objects.get(username="admin")
    # The demo's present (docs/demo.md) adds its own programmes and inspections from 2025: counted apart.
    def counts_now() -> tuple[int, ...]:
        return (Programme.objects.filter(year__lt=2025).count(),
                Inspection.objects.filter(starts_on__lt=D(2025, 7, 1)).count(), Discipline.objects.count(),
                FollowUp.objects.filter(inspection__starts_on__lt=D(2025, 7, 1)).count())

    counts = counts_now()
    assert counts == (1, 2, 1, 3)
    demo.load(admin)
    assert counts_now() == counts
    figures = inspection_figures(Organization.objects.get(code="BK-NR"), date_from=D(2020, 1, 1),
                                 date_to=D(2020, 12, 31))
    assert {k: figures[k] for k in ("inspections", "inspections_organization", "supervisions", "supervisions_member",
                                    "disciplines", "disciplines_reprimand_member", "disciplines_previous",
                                    "inspections_change")} == {
        "inspections": 1, "inspections_organization": 1, "supervisions": 1, "supervisions_member": 1,
        "disciplines": 1, "disciplines_reprimand_member": 1, "disciplines_previous": 0, "inspections_change": 1}
    decision = Discipline.objects.get()
    assert "102-QĐ/TW" in decision.rule.citation and decision.inspection is not None
    assert all(member.seat is not None for member in decision.inspection.team.all())
