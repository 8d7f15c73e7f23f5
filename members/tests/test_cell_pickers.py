"""The member forms' cell fields are the typed organization picker (issue 8 §9): never a <select> of every cell,
at most a page of suggestions already in the page (so that a browser without JavaScript offers them too), the
secretary's only cell chosen for him and named, a typed code checked on the server. And the pipeline board of the
same cells exported as a report (issue 8 §10)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from core.testing import Cast, establish
from members.models import Person
from members.tests import factories as f
from organizations import picker
from organizations.models import Organization

pytestmark = pytest.mark.django_db
D = dt.date


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _field(html: str, name: str) -> tuple[str, list[str], str]:
    """(the box's value, the codes its datalist offers, the chosen organization's name shown under it)."""
    box = re.search(rf'<input type="text" name="{name}"([^>]*)>', html)
    assert box, f"no text box {name}"
    value = re.search(r' value="([^"]*)"', box.group(1))
    listed = re.search(r' list="([^"]+)"', box.group(1))
    assert listed
    datalist = re.search(rf'<datalist id="{listed.group(1)}">(.*?)</datalist>', html, re.S)
    assert datalist
    chosen = re.search(r'<span class="picker-chosen[^"]*">([^<]*)</span>', html[box.end():box.end() + 4000])
    return (value.group(1) if value else "", re.findall(r'<option value="([^"]+)">', datalist.group(1)),
            chosen.group(1) if chosen else "")


def test_the_secretary_finds_his_only_cell_chosen_and_named(cast: Cast) -> None:
    html = client_for(cast.cell_secretary).get(reverse("members:create")).content.decode()
    assert '<select name="organization"' not in html
    value, offered, chosen = _field(html, "organization")
    assert value == cast.cell_a1a.code and offered == [cast.cell_a1a.code]
    assert chosen.startswith(cast.cell_a1a.name)


def test_a_district_gets_a_page_of_cells_at_most_and_nothing_preselected(cast: Cast) -> None:
    for i in range(picker.PAGE_SIZE + 3):
        establish(cast.root_admin, f"T-A-2-{i:02d}", f"Chi bộ thôn Bản {i:02d}", "cell", cast.commune_a2)
    html = client_for(cast.district_officer).get(reverse("members:create")).content.decode()
    value, offered, _chosen = _field(html, "organization")
    assert value == "" and len(offered) == picker.PAGE_SIZE
    assert all(code.startswith("T-A") for code in offered)  # district A's cells only
    assert "T-B-1" not in offered
    # The home page's button names the cell: it is chosen, and named although it is not on the first page.
    deep = Organization.objects.get(code=f"T-A-2-{picker.PAGE_SIZE + 2:02d}")
    html = client_for(cast.district_officer).get(reverse("members:create"), {"organization": deep.pk}).content.decode()
    value, _offered, chosen = _field(html, "organization")
    assert value == deep.code and chosen.startswith(deep.name)


def test_a_typed_code_is_checked_on_the_server(cast: Cast) -> None:
    client = client_for(cast.district_officer)
    data = {"full_name": "Nguyễn Thị Hoa", "gender": "female", "birth_date": "02/09/1998",
            "political_theory": "none"}
    before = Person.objects.count()
    for wrong in (cast.commune_b1.code, cast.commune_a1.code, "KHONG-CO"):  # out of scope, not a cell, unknown
        refused = client.post(reverse("members:create"), {**data, "organization": wrong})
        assert "organization" in refused.context["form"].errors, wrong
    assert Person.objects.count() == before
    assert client.post(reverse("members:create"), {**data, "organization": cast.cell_a1b.code}).status_code == 302
    assert Person.objects.get(full_name="Nguyễn Thị Hoa").organization == cast.cell_a1b


def test_transfer_out_never_offers_the_members_own_cell(cast: Cast) -> None:
    person = f.member(cast.district_officer, cast.cell_a1a, "Phạm Văn Dũng", admitted_on=D(2012, 3, 1))
    client = client_for(cast.district_officer)
    url = reverse("members:event", args=[person.pk, "transfer-out"])
    _value, offered, _chosen = _field(client.get(url).content.decode(), "destination")
    assert cast.cell_a1b.code in offered and cast.cell_a1a.code not in offered
    refused = client.post(url, {"transfer_kind": "official", "occurred_on": "02/05/2024",
                                "destination": cast.cell_a1a.code, "register_number": "GT-1"})
    assert "destination" in refused.context["form"].errors


def test_the_pipeline_exports_as_a_report(cast: Cast) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    from core.spreadsheets.report import HEADER_ROW

    f.candidate(cast.district_officer, cast.cell_a1a, "Lò Thị Mai", birth_date=D(2000, 4, 2))
    from django.utils import timezone

    f.member(cast.district_officer, cast.cell_a1b, "Phạm Văn Dũng", official=False,
             admitted_on=timezone.localdate() - dt.timedelta(days=60))
    client = client_for(cast.district_officer)
    page = client.get(reverse("members:pipeline"), {"organization": cast.commune_a1.code}).content.decode()
    assert reverse("members:pipeline_xlsx") in page
    response = client.get(reverse("members:pipeline_xlsx"), {"organization": cast.commune_a1.code})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    assert cast.commune_a1.name in sheet["A2"].value and cast.commune_a1.name in sheet["A3"].value
    titles = [c.value for c in sheet[HEADER_ROW]]
    assert {"Họ và tên", "Trạng thái", "Tuổi đảng", "Chi bộ"} <= set(titles), titles
    rows = {row[titles.index("Họ và tên")]: row for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)}
    assert set(rows) == {"Lò Thị Mai", "Phạm Văn Dũng"}
    assert rows["Lò Thị Mai"][titles.index("Chi bộ")] == cast.cell_a1a.name
    assert rows["Phạm Văn Dũng"][titles.index("Trạng thái")] == "Đảng viên dự bị"
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}" and sheet.auto_filter.ref
    assert client_for(cast.outsider).get(reverse("members:pipeline_xlsx"),
                                         {"organization": cast.commune_a1.code}).status_code == 404
