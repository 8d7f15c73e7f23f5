"""Coverage is history (issue 7 §5): dated assignments, joint cells, units with their own lifecycle, figures per unit
kind as of any date — the founding date years ago and today, after a merger of two villages and cells founded
since — out of the records."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from core.decisions import Decision
from core.errors import DomainError, Faults
from core.figures import FigureRequest
from core.testing import Cast, establish
from organizations.figures import organization_figures
from organizations.models import Coverage, CoveredUnit, CoveredUnitKind, CoveredUnitVersion, UnitEvent
from organizations.services import (
    NewOrganization,
    NewUnit,
    covered_unit_assign,
    covered_unit_create,
    covered_unit_dissolve,
    covered_unit_merge,
    covered_unit_rename,
    covered_unit_split,
    organization_dissolve,
    organization_merge,
)

pytestmark = pytest.mark.django_db

FOUNDED = dt.date(2015, 1, 10)  # the commune and its first cells (core.testing)
RESOLUTION = Decision("12/NQ-HĐND", dt.date(2020, 1, 15), "Hội đồng nhân dân tỉnh")


def _kind(code: str) -> CoveredUnitKind:
    return CoveredUnitKind.objects.get(code=code)


def _figures(organization, on: dt.date) -> dict[str, int]:
    return organization_figures(FigureRequest(organization=organization, date_from=on, date_to=on, as_of=on))


def _coverage(figures: dict[str, int]) -> dict[str, int]:
    keys = ["of_village", "without_cell_of_village", "joint_cell_of_village", "of_school", "without_cell_of_school",
            "without_cell", "joint_cell"]
    return {"all": figures["covered_units"]} | {key: figures[f"covered_units_{key}"] for key in keys}


@pytest.fixture
def history(cast: Cast) -> dict[str, CoveredUnit]:
    """Commune Đồng Tâm from its founding: four villages (two meeting in one cell, one without a cell) and a school
    without a cell; then a cell for Nặm Dất (2018), Nà Rì and Khuổi Hỏm merged (2020), a school cell (2021) and a
    cell of its own for Pò Tẳng (2022)."""
    admin, commune = cast.root_admin, cast.commune_a1
    village, school = _kind("village"), _kind("school")

    def unit(code: str, name: str, kind: CoveredUnitKind, cell=None) -> CoveredUnit:
        return covered_unit_create(actor=admin, code=code, name=name, kind=kind, territory=commune, covered_by=cell,
                                   established_on=FOUNDED, decision=Decision("05/NQ-HĐND", FOUNDED, "HĐND tỉnh"))

    units = {
        "nari": unit("V-NR", "Bản Nà Rì", village, cast.cell_a1a),
        "khuoihom": unit("V-KH", "Bản Khuổi Hỏm", village, cast.cell_a1b),
        "potang": unit("V-PT", "Bản Pò Tẳng", village, cast.cell_a1b),  # joint with Khuổi Hỏm
        "namdat": unit("V-ND", "Bản Nặm Dất", village),
        "school": unit("S-DT", "Trường Tiểu học Đồng Tâm", school),
    }
    cell_nd = establish(admin, "T-A-1-nd", "Chi bộ bản Nặm Dất", "cell", commune, dt.date(2018, 3, 1))
    covered_unit_assign(actor=admin, unit=units["namdat"], covered_by=cell_nd, effective_on=dt.date(2018, 3, 1))
    covered_unit_merge(actor=admin, sources=[units["nari"], units["khuoihom"]],
                       target=NewUnit("V-NRKH", "Bản Nà Rì - Khuổi Hỏm", covered_by=cast.cell_a1a),
                       effective_on=dt.date(2020, 2, 1), decision=RESOLUTION)
    cell_school = establish(admin, "T-A-1-th", "Chi bộ Trường Tiểu học", "cell", commune, dt.date(2021, 9, 1))
    covered_unit_assign(actor=admin, unit=units["school"], covered_by=cell_school, effective_on=dt.date(2021, 9, 1))
    cell_pt = establish(admin, "T-A-1-pt", "Chi bộ bản Pò Tẳng", "cell", commune, dt.date(2022, 5, 1))
    covered_unit_assign(actor=admin, unit=units["potang"], covered_by=cell_pt, effective_on=dt.date(2022, 5, 1))
    return units


def test_coverage_at_founding_and_today_comes_out_of_records(cast: Cast, history: dict[str, CoveredUnit]) -> None:
    founding = _coverage(_figures(cast.district_a, FOUNDED))
    assert founding == {"of_village": 4, "without_cell_of_village": 1, "joint_cell_of_village": 2,
                        "of_school": 1, "without_cell_of_school": 1,
                        "all": 5, "without_cell": 2, "joint_cell": 2}
    before_merger = _coverage(_figures(cast.district_a, dt.date(2019, 12, 31)))
    assert (before_merger["of_village"], before_merger["without_cell_of_village"]) == (4, 0)
    today = _coverage(_figures(cast.district_a, timezone.localdate()))
    assert today == {"of_village": 3, "without_cell_of_village": 0, "joint_cell_of_village": 0,
                     "of_school": 1, "without_cell_of_school": 0, "all": 4, "without_cell": 0, "joint_cell": 0}
    # History kept: the merged villages ended on the date, their coverage closed, nothing deleted.
    nari = CoveredUnit.objects.get(code="V-NR")
    assert nari.dissolved_on == dt.date(2020, 2, 1) and nari.covered_by is None
    assert list(nari.coverages.values_list("valid_from", "valid_to")) == [(FOUNDED, dt.date(2020, 2, 1))]
    assert UnitEvent.objects.filter(kind="merge", links__unit=nari).count() == 1


def test_a_commune_merger_moves_its_units_from_the_date(cast: Cast, history: dict[str, CoveredUnit]) -> None:
    on = dt.date(2023, 1, 1)
    organization_merge(actor=cast.root_admin, sources=[cast.commune_a1, cast.commune_a2],
                       target=NewOrganization("T-A-9", "Đảng bộ xã Đồng Hòa", cast.commune_a1.kind),
                       effective_on=on, decision=Decision("20-QĐ/HU", dt.date(2022, 12, 20), "Huyện ủy"))
    assert _figures(cast.commune_a1, dt.date(2022, 12, 31))["covered_units"] == 4
    assert CoveredUnitVersion.objects.filter(unit=history["potang"]).count() == 2
    assert CoveredUnit.objects.get(code="V-PT").territory.code == "T-A-9"
    assert _figures(cast.district_a, on)["covered_units"] == 4


def test_a_dissolved_cell_leaves_its_units_without_a_cell_from_the_date(cast: Cast) -> None:
    cell = establish(cast.root_admin, "T-A-1-x", "Chi bộ bản Xà", "cell", cast.commune_a1, dt.date(2016, 1, 1))
    covered_unit_create(actor=cast.root_admin, code="V-X", name="Bản Xà", kind=_kind("village"),
                        territory=cast.commune_a1, covered_by=cell, established_on=dt.date(2016, 1, 1))
    organization_dissolve(actor=cast.root_admin, organization=cell, dissolved_on=dt.date(2019, 6, 1),
                          decision=Decision("30-QĐ/ĐU", dt.date(2019, 5, 20), "Đảng ủy xã"))
    assert _figures(cast.commune_a1, dt.date(2018, 1, 1))["covered_units_without_cell"] == 0
    assert _figures(cast.commune_a1, dt.date(2019, 6, 1))["covered_units_without_cell"] == 1


def test_rename_split_dissolve_keep_history(cast: Cast, history: dict[str, CoveredUnit]) -> None:
    admin = cast.root_admin
    covered_unit_rename(actor=admin, unit=history["namdat"], new_name="Bản Nặm Dất Mới",
                        effective_on=dt.date(2023, 1, 1), decision=RESOLUTION)
    assert list(CoveredUnitVersion.objects.filter(unit=history["namdat"]).values_list("name", flat=True)) == [
        "Bản Nặm Dất", "Bản Nặm Dất Mới"]
    covered_unit_split(actor=admin, source=history["potang"],
                       targets=[NewUnit("V-PT1", "Bản Pò Tẳng 1"), NewUnit("V-PT2", "Bản Pò Tẳng 2")],
                       effective_on=dt.date(2024, 1, 1), decision=RESOLUTION)
    covered_unit_dissolve(actor=admin, unit=history["school"], dissolved_on=dt.date(2024, 6, 1), decision=RESOLUTION)
    today = _figures(cast.district_a, timezone.localdate())
    assert (today["covered_units_of_village"], today["covered_units_without_cell_of_village"]) == (4, 2)
    assert today["covered_units_of_school"] == 0
    assert _figures(cast.district_a, dt.date(2023, 12, 31))["covered_units_of_village"] == 3


def test_every_fault_at_once_and_nothing_written(cast: Cast, history: dict[str, CoveredUnit]) -> None:
    before = (Coverage.objects.count(), CoveredUnitVersion.objects.count(), UnitEvent.objects.count())
    with pytest.raises(Faults) as caught:
        covered_unit_assign(actor=cast.root_admin, unit=history["namdat"], covered_by=cast.commune_a2,
                            effective_on=None)
    assert {e.field for e in caught.value.errors} == {"effective_on", "covered_by"}
    with pytest.raises(Faults) as caught:
        covered_unit_merge(actor=cast.root_admin, sources=[history["namdat"]], target=NewUnit("V-NR", ""),
                           effective_on=dt.date(2010, 1, 1), decision=Decision("", None, ""))  # type: ignore[arg-type]
    fields = {e.field for e in caught.value.errors}
    assert {"sources", "target.code", "target.name", "decision_number", "decision_date", "effective_on"} <= fields
    with pytest.raises(DomainError):  # a date before the last recorded change rewrites nothing
        covered_unit_assign(actor=cast.root_admin, unit=history["potang"], covered_by=None,
                            effective_on=dt.date(2021, 1, 1))
    assert (Coverage.objects.count(), CoveredUnitVersion.objects.count(), UnitEvent.objects.count()) == before


def test_assignments_recorded_before_dates_migrate_as_date_unknown(cast: Cast) -> None:
    legacy = CoveredUnit.objects.create(code="V-OLD", name="Bản Cũ", search_name="ban cu", sort_name="ban cu",
                                        kind=_kind("village"), territory=cast.commune_a1, covered_by=cast.cell_a1a)
    migration = importlib.import_module("organizations.migrations.0004_coverage_date_unknown")
    migration.forwards(apps, None)
    coverage = Coverage.objects.get(unit=legacy)
    assert (coverage.valid_from, coverage.valid_to, coverage.cell_id) == (None, None, cast.cell_a1a.pk)
    figures = _figures(cast.commune_a1, FOUNDED)
    assert (figures["covered_units"], figures["covered_units_without_cell"]) == (1, 0)
    assert figures["covered_units_cover_date_unknown"] == 1
