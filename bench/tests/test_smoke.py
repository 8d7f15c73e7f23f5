"""Smoke run of the generator and the benchmark at a tiny scale (no timing asserted: CI only checks they work).

The generated rows are what the services would write: a sample re-derived with their checks agrees (inside
`generate`), the tallies equal a rebuild and the reference figures, and a service writes after the bulk load
(the id sequences were moved past the explicit ids). On PostgreSQL the rows go in by COPY, on SQLite by
bulk_create (the same rows).
"""

from __future__ import annotations

import datetime as dt
import math

import pytest

from bench import search
from bench.generate import generate
from bench.run import measure
from members import figures as reference
from members import services
from members.models import Person, Status
from organizations.models import Organization
from tallies import figures as tallied
from tallies.rebuild import differences

pytestmark = pytest.mark.django_db

D = dt.date


def test_generate_then_benchmark_at_a_tiny_scale() -> None:
    from accounts.models import User

    summary = generate(scale=0.00005, seed=3, end=D(2026, 6, 30), verify=40)
    assert summary.counts["files re-derived"] == 40
    assert summary.counts["members today"] > 150
    assert Person.objects.filter(status=Status.PROBATIONARY).exists()
    assert Organization.objects.filter(kind__code="district", dissolved_on=D(2025, 7, 1)).exists()
    assert differences()[0] == 0
    province = Organization.objects.get(code="T0-2025")
    old = Organization.objects.get(code="P0")
    for organization, as_of in ((province, D(2025, 12, 31)), (old, D(2020, 12, 31)), (old, D(2024, 6, 30))):
        period = {"date_from": D(as_of.year, 1, 1), "date_to": as_of, "as_of": as_of}
        assert tallied.member_figures(organization, **period) == reference.member_figures(organization, **period)
    cell = Organization.objects.filter(kind__code="cell").order_by("pk").first()
    assert cell is not None
    person = services.person_create(actor=User.objects.get(username="bench"), organization=cell,
                                    full_name="Lường Thị Ón", gender="female", birth_date=D(1990, 4, 5))
    assert person.pk > max(Person.objects.exclude(pk=person.pk).values_list("pk", flat=True))
    table = measure(1)
    assert len(table.rows) == 9
    assert all(math.isfinite(row[1]) and row[1] > 0 for row in table.rows)
    searched = search.measure(1)  # before/after keyset pages: 3 names × 2 scopes × (list, search)
    assert len(searched.rows) == 12 and all(row[1] >= 0 and row[2] and row[3] for row in searched.rows)
