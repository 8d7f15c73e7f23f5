"""Figures "with predecessors": a commune formed on 01/07/2025 counts, for 2024, the communes it was formed from."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.management import call_command

from core.testing import DECISION, establish, kind
from members.tests.factories import admit, member
from organizations.lineage import predecessor_roots
from organizations.services import NewOrganization, organization_merge
from reports.figures import compute, make_request
from reports.predecessors import sum_figures

pytestmark = pytest.mark.django_db
D = dt.date
MERGED_ON = D(2025, 7, 1)


def _figures(organization: Any, year: int, **options: Any) -> dict[str, Any]:
    request = make_request(organization=organization, date_from=D(year, 1, 1), date_to=D(year, 12, 31),
                           as_of=D(year, 12, 31))
    return compute(request, **options)


def _merged(cast: Any) -> Any:
    cell_a2 = establish(cast.root_admin, "T-A-2-a", "Chi bộ thôn Bản Chang", "cell", cast.commune_a2)
    member(cast.root_admin, cast.cell_a1a, "Hoàng Văn Một")
    member(cast.root_admin, cast.cell_a1b, "Lục Thị Hai")
    member(cast.root_admin, cell_a2, "Nông Văn Ba")
    admit(cast.root_admin, cast.cell_a1a, "Nguyễn Văn Bốn", resolution_on=D(2024, 3, 2), decided_on=D(2024, 4, 1),
          ceremony_on=D(2024, 4, 20))
    organization_merge(actor=cast.root_admin, sources=[cast.commune_a1, cast.commune_a2],
                       target=NewOrganization("T-A-9", "Đảng bộ xã Hợp Nhất", kind("commune"), cast.district_a),
                       effective_on=MERGED_ON, decision=DECISION)
    cast.commune_a1.refresh_from_db()
    cast.commune_a2.refresh_from_db()
    return cast.district_a.children.get(code="T-A-9")


def test_a_new_commune_with_predecessors_is_the_sum_of_its_predecessors(cast):
    new = _merged(cast)
    own = _figures(new, 2024)
    assert own["figures"]["members"]["members_total"] == 0  # it did not exist in 2024
    combined = _figures(new, 2024, with_predecessors=True)
    assert {p["code"] for p in combined["predecessors"]} == {"T-A-1", "T-A-2"}
    parts = [_figures(o, 2024)["figures"] for o in (cast.commune_a1, cast.commune_a2)]
    for name in ("members", "organizations"):
        for key, value in combined["figures"][name].items():
            if isinstance(value, int) and not key.endswith(("_previous", "_change")):
                assert value == parts[0][name][key] + parts[1][name][key], (name, key)
    members = combined["figures"]["members"]
    assert (members["admitted"], members["members_total"]) == (1, 6)  # 3, the recruit and their 2 introducers
    assert combined["figures"]["organizations"]["cells"] == 3
    # In 2026 the new commune counts under the new tree by itself: the same members, now its own.
    later = _figures(new, 2026)
    assert later["figures"]["members"]["members_total"] == 6
    assert later["predecessors"] == []


def test_previous_year_uses_the_predecessors_when_the_organization_is_younger(cast):
    new = _merged(cast)
    result = _figures(new, 2026)
    # 2025: the old communes until 30/06, the new one from 01/07.
    assert {p["code"] for p in result["previous_with_predecessors"]} == {"T-A-1", "T-A-2", "T-A-9"}
    older = _figures(cast.district_a, 2026)
    assert older["previous_with_predecessors"] == []


def test_a_predecessor_inside_another_is_not_counted_twice(cast):
    cell = establish(cast.root_admin, "T-B-1-a", "Chi bộ thôn Nà Làng", "cell", cast.commune_b1)
    member(cast.root_admin, cell, "Lò Văn Năm")
    organization_merge(actor=cast.root_admin, sources=[cast.district_b, cast.commune_b1],
                       target=NewOrganization("T-B-9", "Đảng bộ Khu vực Bắc", kind("district"), cast.province),
                       effective_on=MERGED_ON, decision=DECISION)
    new = cast.province.children.get(code="T-B-9")
    roots = predecessor_roots(new, date_from=D(2024, 1, 1), date_to=D(2024, 12, 31), as_of=D(2024, 12, 31))
    assert [r.organization.code for r in roots] == ["T-B"]
    combined = _figures(new, 2024, with_predecessors=True)["figures"]
    assert combined["members"]["members_total"] == 1
    assert combined["organizations"]["cells"] == 1


def test_command_and_api_take_with_predecessors(cast, client):
    new = _merged(cast)
    out = io.StringIO()
    call_command("figures", "T-A-9", user="root", date_from="2024-01-01", date_to="2024-12-31",
                 as_of="2024-12-31", with_predecessors=True, stdout=out)
    printed = json.loads(out.getvalue())
    client.force_login(cast.root_admin)
    answer = client.get(f"/api/v1/organizations/{new.pk}/figures?from=2024-01-01&to=2024-12-31&as_of=2024-12-31"
                        "&with_predecessors=true").json()
    assert printed["figures"] == answer["figures"]
    assert answer["figures"]["members"]["members_total"] == 6
    page = client.get(f"/figures/{new.pk}/?from=01/01/2024&to=31/12/2024&as_of=31/12/2024"
                      "&with_predecessors=on").content.decode()
    assert 'id="figures-predecessors"' in page and "Đảng bộ xã Đồng Tâm" in page
    page = client.get(f"/figures/{new.pk}/?from=01/01/2024&to=31/12/2024&as_of=31/12/2024")
    assert 'id="figures-younger"' in page.content.decode()


def test_sum_figures_adds_numbers_and_keeps_agreeing_values():
    assert sum_figures([{"a": 1, "b": "x", "c": [1]}, {"a": 2, "b": "x", "c": [2]}]) == {"a": 3, "b": "x", "c": None}
