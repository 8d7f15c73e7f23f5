"""The demo's committees: Na Rì district (2020–2025), Na Tông commune (2015–2020), the six communes appointed on
01/02/2020; individual seats held by demo members; loading again changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from accounts.models import User
from committees import demo
from committees.figures import committee_figures
from committees.models import Seat, Term, TermOpening
from committees.queries import committee_as_of
from organizations.models import Organization

D = dt.date
pytestmark = pytest.mark.django_db


def test_demo_committees(demo_loaded: None) -> None:
    admin = User.objects.get(username="admin")
    counts = (Term.objects.count(), Seat.objects.count())
    demo.load(admin)
    assert (Term.objects.count(), Seat.objects.count()) == counts

    na_ri = Organization.objects.get(code="BK-NR")
    district = committee_as_of(admin, organization=na_ri, on=D(2021, 1, 1))
    assert district.term is not None and district.term.label == "2020–2025"
    assert district.secretary is not None and district.secretary.person.full_name == "Hoàng Văn Thiên"
    # A transfer in March 2022 and an addition in June 2022 (bổ sung).
    before, after = (committee_as_of(admin, organization=na_ri, on=day) for day in (D(2022, 2, 28), D(2022, 6, 15)))
    assert len(before.executive) == len(after.executive) == 32
    assert {s.person_id for s in before.executive} != {s.person_id for s in after.executive}
    assert len(committee_as_of(admin, organization=na_ri, on=D(2022, 3, 1)).executive) == 31
    na_tong = committee_as_of(admin, organization=Organization.objects.get(code="DB-DBH-NT"), on=D(2016, 12, 31))
    assert na_tong.term is not None and na_tong.term.label == "2015–2020"
    assert na_tong.secretary is not None and na_tong.secretary.person.full_name == "Lò Văn Phong"
    for code in demo.NEW_COMMUNES:
        commune = Organization.objects.get(code=f"BK-NR-{code}")
        committee = committee_as_of(admin, organization=commune, on=D(2020, 2, 1))
        assert committee.term is not None and committee.term.opened_by == TermOpening.APPOINTMENT
        assert committee.term.appointed_by == na_ri and committee.secretary is not None
        assert len(committee.deputies) >= 1 and committee.standing
        assert committee_as_of(admin, organization=commune, on=D(2020, 1, 31)).term is None
    figures = committee_figures(na_ri, date_from=D(2020, 1, 1), date_to=D(2020, 12, 31), as_of=D(2020, 12, 31))
    assert figures["committees"] == 7 and figures["terms_appointed"] == 6 and figures["congresses_held"] == 1
    assert figures["secretaries"] == 7 and figures["committees_without_secretary"] == 0
    # Every seat holder was an official member under the organization when the seat began (the service checks it).
    assert Seat.objects.filter(organization__code__startswith="BK-NR").count() > 100
