"""Covered-unit writes publish domain events (core.events): a subscriber hears what changed, for which
organizations (territory, cells before and after) and which dates — establish, assign, rename, merge, split,
dissolve — once committed, and nothing when the write rolls back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import transaction

from core.decisions import Decision
from core.events import DomainEvent, subscribe, unsubscribe
from core.testing import Cast
from organizations.models import CoveredUnit, CoveredUnitKind
from organizations.services import (
    NewUnit,
    covered_unit_assign,
    covered_unit_create,
    covered_unit_dissolve,
    covered_unit_merge,
    covered_unit_rename,
    covered_unit_split,
)

pytestmark = pytest.mark.django_db

D = dt.date
RESOLUTION = Decision("12/NQ-HĐND", D(2020, 1, 15), "Hội đồng nhân dân tỉnh")


@pytest.fixture
def heard() -> Iterator[list[DomainEvent]]:
    events: list[DomainEvent] = []
    subscribe(events.append)
    yield events
    unsubscribe(events.append)


def _committed(capture: Any, heard: list[DomainEvent], write: Callable[[], Any]) -> dict[str, DomainEvent]:
    """Run `write` committed; the organizations events it published, by kind (each kind heard once here)."""
    heard.clear()
    with capture(execute=True):
        with transaction.atomic():
            write()
        assert heard == []  # nothing before the commit
    return {e.kind: e for e in heard if e.app == "organizations"}


def _span(event: DomainEvent) -> tuple[dt.date | None, dt.date | None]:
    return event.date_from, event.date_to


def test_each_unit_write_names_its_organizations_and_dates(
        cast: Cast, heard: list[DomainEvent], django_capture_on_commit_callbacks: Any) -> None:
    admin, commune, a, b = cast.root_admin, cast.commune_a1, cast.cell_a1a, cast.cell_a1b
    village = CoveredUnitKind.objects.get(code="village")
    units: dict[str, CoveredUnit] = {}
    capture = django_capture_on_commit_callbacks

    def create(code: str, name: str, cell: Any) -> None:
        units[code] = covered_unit_create(actor=admin, code=code, name=name, kind=village, territory=commune,
                                          covered_by=cell, established_on=D(2016, 1, 1),
                                          decision=Decision("05/NQ-HĐND", D(2016, 1, 1), "HĐND tỉnh"))

    created = _committed(capture, heard, lambda: create("V-1", "Bản Một", a))
    assert _span(created["coveredunit.create"]) == (D(2016, 1, 1), D(2016, 1, 1))
    assert created["coveredunit.create"].organization_ids == {commune.pk, a.pk}
    assert created["coverage.create"].organization_ids == {commune.pk, a.pk}
    assert created["unitevent.create"].organization_ids == {commune.pk, a.pk}  # logged after its links
    assert ("organizations.coveredunit", str(units["V-1"].pk)) in created["coveredunit.create"].objects
    _committed(capture, heard, lambda: create("V-2", "Bản Hai", None))

    # Assigned from a date: the unit's change names the cell before and after, and that date (no date field of
    # the unit itself changed).
    assigned = _committed(capture, heard, lambda: covered_unit_assign(
        actor=admin, unit=units["V-1"], covered_by=b, effective_on=D(2018, 3, 1)))
    assert assigned["coveredunit.update"].organization_ids == {commune.pk, a.pk, b.pk}
    assert _span(assigned["coveredunit.update"]) == (D(2018, 3, 1), D(2018, 3, 1))
    assert _span(assigned["coverage.create"]) == (D(2018, 3, 1), D(2018, 3, 1))
    unassigned = _committed(capture, heard, lambda: covered_unit_assign(
        actor=admin, unit=units["V-1"], covered_by=None, effective_on=D(2019, 1, 1)))
    assert unassigned["coveredunit.update"].organization_ids == {commune.pk, b.pk}
    assert _span(unassigned["coveredunit.update"]) == (D(2019, 1, 1), D(2019, 1, 1))

    renamed = _committed(capture, heard, lambda: covered_unit_rename(
        actor=admin, unit=units["V-2"], new_name="Bản Hai Mới", effective_on=D(2019, 6, 1), decision=RESOLUTION))
    assert _span(renamed["unitevent.create"]) == (D(2019, 6, 1), D(2019, 6, 1))
    assert _span(renamed["coveredunit.update"]) == (D(2019, 6, 1), D(2019, 6, 1))
    assert renamed["unitevent.create"].organization_ids == {commune.pk}

    merged = _committed(capture, heard, lambda: covered_unit_merge(
        actor=admin, sources=[units["V-1"], units["V-2"]], target=NewUnit("V-12", "Bản Một Hai", covered_by=a),
        effective_on=D(2020, 2, 1), decision=RESOLUTION))
    assert _span(merged["unitevent.create"]) == (D(2020, 2, 1), D(2020, 2, 1))
    assert merged["unitevent.create"].organization_ids == {commune.pk, a.pk}  # the successor's cell from the date
    successor = CoveredUnit.objects.get(code="V-12")

    split = _committed(capture, heard, lambda: covered_unit_split(
        actor=admin, source=successor, targets=[NewUnit("V-S1", "Bản Tách Một", covered_by=b),
                                                NewUnit("V-S2", "Bản Tách Hai")],
        effective_on=D(2022, 1, 1), decision=RESOLUTION))
    assert _span(split["unitevent.create"]) == (D(2022, 1, 1), D(2022, 1, 1))
    assert split["unitevent.create"].organization_ids == {commune.pk, a.pk, b.pk}  # a ends, b begins

    dissolved = _committed(capture, heard, lambda: covered_unit_dissolve(
        actor=admin, unit=CoveredUnit.objects.get(code="V-S1"), dissolved_on=D(2023, 1, 1), decision=RESOLUTION))
    assert dissolved["coveredunit.update"].organization_ids == {commune.pk, b.pk}
    assert _span(dissolved["coveredunit.update"]) == (D(2023, 1, 1), D(2023, 1, 1))
    assert _span(dissolved["unitevent.create"]) == (D(2023, 1, 1), D(2023, 1, 1))

    # Rolled back: no one hears anything.
    heard.clear()
    with capture(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        covered_unit_assign(actor=admin, unit=CoveredUnit.objects.get(code="V-S2"), covered_by=a,
                            effective_on=D(2023, 2, 1))
        raise RuntimeError("roll back")
    assert heard == []
