"""Where members live and work (issue 7 §5): a member's file names the covered unit they live or work in, dated
(a move closes the previous place), set through the service, the page form, the API and the import; the figure
"covered units without any member living or working there" as of any date, per unit kind; scoping."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from core.decisions import Decision
from core.figures import FigureRequest, contributor, label
from core.testing import Cast
from core.testing_api import call
from ingest.tests.helpers import HEADERS, OFFICIAL, run, write_xlsx
from members.forms.person import PersonUpdateForm
from members.models import PersonPlace, PlaceKind
from members.places import place_figures, units_with_member
from members.services import PlaceInput, person_place_set, person_update
from members.tests import factories as f
from organizations.models import CoveredUnit, CoveredUnitKind
from organizations.services import covered_unit_create

pytestmark = pytest.mark.django_db

D = dt.date


def _unit(cast: Cast, code: str, name: str, kind: str = "village", territory: Any = None) -> CoveredUnit:
    return covered_unit_create(actor=cast.root_admin, code=code, name=name,
                               kind=CoveredUnitKind.objects.get(code=kind), territory=territory or cast.commune_a1,
                               established_on=D(2015, 2, 1), decision=Decision("05/NQ-HĐND", D(2015, 2, 1), "HĐND"))


def _without(cast: Cast, on: dt.date) -> dict[str, int]:
    figures = place_figures(cast.commune_a1, on=on)
    return {k: figures[f"covered_units_without_member{k}"] for k in ("", "_of_village", "_of_school")}


def test_a_move_is_dated_and_the_figure_follows_it(cast: Cast) -> None:
    officer = cast.district_officer
    nari, khuoihom = _unit(cast, "V-NR", "Bản Nà Rì"), _unit(cast, "V-KH", "Bản Khuổi Hỏm")
    school = _unit(cast, "S-DT", "Trường Tiểu học Đồng Tâm", "school")
    # A member admitted in 2018 who has lived in Khuổi Hỏm since a date unknown, then moves to Nà Rì in 2022.
    person = f.member(officer, cast.cell_a1a, "Hoàng Văn Dũng", admitted_on=D(2018, 3, 1),
                      places=[PlaceInput(PlaceKind.RESIDENCE, khuoihom)])
    # A file that is not a member (no admission) living in Nà Rì does not count.
    f.person(officer, cast.cell_a1a, "Lò Thị Hoa", places=[PlaceInput(PlaceKind.RESIDENCE, nari, D(2016, 1, 1))])
    person_update(actor=officer, person=person, reason="chuyển nhà",
                  places=[PlaceInput(PlaceKind.RESIDENCE, nari, D(2022, 5, 1))])

    assert _without(cast, D(2017, 1, 1)) == {"": 3, "_of_village": 2, "_of_school": 1}  # not yet a member
    assert _without(cast, D(2020, 1, 1)) == {"": 2, "_of_village": 1, "_of_school": 1}
    assert set(units_with_member(D(2020, 1, 1)).values_list("unit_id", flat=True)) == {khuoihom.pk}
    assert _without(cast, D(2023, 1, 1)) == {"": 2, "_of_village": 1, "_of_school": 1}
    assert set(units_with_member(D(2023, 1, 1)).values_list("unit_id", flat=True)) == {nari.pk}
    # The history: nothing overwritten.
    rows = list(PersonPlace.objects.filter(person=person).values_list("unit_id", "valid_from", "valid_to"))
    assert rows == [(khuoihom.pk, None, D(2022, 5, 1)), (nari.pk, D(2022, 5, 1), None)]

    # Working at the school too (a teacher): the school has a member from that date.
    person_place_set(actor=officer, person=person, kind=PlaceKind.WORK, unit=school, effective_on=D(2023, 9, 1))
    assert _without(cast, D(2024, 1, 1)) == {"": 1, "_of_village": 1, "_of_school": 0}
    namespace = contributor("places")
    assert namespace is not None
    assert namespace(FigureRequest(cast.commune_a1, D(2024, 1, 1), D(2024, 1, 1), D(2024, 1, 1)))[
        "covered_units_without_member_of_village"] == 1
    with translation.override("en"):
        assert str(label("places", "covered_units_without_member_of_school")).startswith("Covered units without any")


def test_faults_at_once_and_a_unit_outside_scope_is_neither_offered_nor_accepted(cast: Cast) -> None:
    officer = cast.district_officer
    nari = _unit(cast, "V-NR", "Bản Nà Rì")
    elsewhere = _unit(cast, "V-LH", "Bản Lương Hạ", territory=cast.commune_b1)  # district B: not the officer's
    person = f.member(officer, cast.cell_a1a, "Hoàng Văn Dũng", admitted_on=D(2018, 3, 1),
                      places=[PlaceInput(PlaceKind.RESIDENCE, nari, D(2018, 1, 1))])

    form = PersonUpdateForm(actor=officer, person=person)
    offered = set(form.fields["residence_unit"].queryset.values_list("pk", flat=True))  # type: ignore[attr-defined]
    assert nari.pk in offered and elsewhere.pk not in offered
    assert form.initial["residence_unit"] == nari.pk

    # API: a unit outside the scope and a move without its date, both refused at once, by their JSON paths.
    response = call("PATCH", f"/members/{person.pk}", user=officer, body={
        "residence": {"unit_id": elsewhere.pk}, "workplace": {"unit_id": nari.pk, "since": "2017-01-01"},
        "occupation": "Giáo viên"})
    assert response.status_code == 400, response.content
    fields = [e["field"] for e in response.json()["errors"]]
    assert fields == ["residence.unit_id", "residence.since"]
    assert PersonPlace.objects.filter(person=person).count() == 1
    assert person.__class__.objects.get(pk=person.pk).occupation == ""  # nothing written

    # API: a move, then the file shows its places.
    response = call("PATCH", f"/members/{person.pk}", user=officer,
                    body={"workplace": {"unit_id": nari.pk, "since": "2020-01-01"}})
    assert response.status_code == 200, response.content
    places = response.json()["places"]
    assert [(p["kind"], p["unit"]["code"], p["valid_from"]) for p in places] == [
        ("residence", "V-NR", "2018-01-01"), ("work", "V-NR", "2020-01-01")]

    # The page form: moving out of every recorded unit closes the place on the date.
    client = Client(headers={"Accept-Language": "vi"})
    client.force_login(officer)
    data = {name: value for name, value in form.initial.items() if value not in (None, "")}
    data |= {"birth_date": person.birth_date.strftime("%d/%m/%Y"), "residence_unit": "",
             "residence_since": "01/06/2024", "workplace_unit": nari.pk, "ethnicity": ""}
    response = client.post(reverse("members:edit", args=[person.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    assert PersonPlace.objects.get(person=person, kind=PlaceKind.RESIDENCE).valid_to == D(2024, 6, 1)
    page = client.get(reverse("members:detail", args=[person.pk])).content.decode()
    assert 'id="person-places"' in page and "Bản Nà Rì" in page and "01/06/2024" in page


def test_the_import_names_the_units_by_code(cast: Cast, tmp_path: Any) -> None:
    nari = _unit(cast, "V-NR", "Bản Nà Rì")
    elsewhere = _unit(cast, "V-LH", "Bản Lương Hạ", territory=cast.commune_b1)
    headers = [*HEADERS, "Mã thôn, bản nơi cư trú", "Cư trú từ ngày"]
    refused = run(cast.district_officer, write_xlsx(tmp_path / "a.xlsx", headers, [[*OFFICIAL, "V-LH", "01/03/2016"]]))
    assert [(p.row, p.column) for p in refused.problems] == [(2, "Mã thôn, bản nơi cư trú")]
    assert "V-LH" in refused.problems[0].message and elsewhere.name not in refused.problems[0].message

    result = run(cast.district_officer, write_xlsx(tmp_path / "b.xlsx", headers, [[*OFFICIAL, "v-nr", "01/03/2016"]]))
    assert result.ok, result.problems
    place = PersonPlace.objects.get(person__import_key__code="NT-001")
    assert (place.kind, place.unit, place.valid_from) == (PlaceKind.RESIDENCE, nari, D(2016, 3, 1))
    again = run(cast.district_officer, write_xlsx(tmp_path / "c.xlsx", headers, [[*OFFICIAL, "V-NR", "01/03/2016"]]))
    assert again.ok and again.skipped == 1  # the same file: nothing differs
