"""The merge form names the organizations it merges with in typed pickers (issue 8 §9): a page of suggestions at
most, never the organization itself nor one of another kind or outside the writable scope, every wrong box
named at once, and the children of those named listed for their moves."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from core.testing import Cast, establish
from organizations import picker
from organizations.models import LineageEvent

pytestmark = pytest.mark.django_db
DECISION = {"decision_number": "12-QĐ/TU", "decision_date": "01/06/2021", "decision_issuer": "Tỉnh ủy",
            "effective_on": "01/07/2021"}


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_merge_with_is_a_page_of_pickers_not_the_whole_list(cast: Cast) -> None:
    for i in range(picker.PAGE_SIZE + 2):
        establish(cast.root_admin, f"T-A-{i + 10}", f"Đảng bộ xã Thử {i:02d}", "commune", cast.district_a)
    html = client_for(cast.province_officer).get(reverse("organizations:merge", args=[cast.commune_a1.pk])
                                                 ).content.decode()
    assert 'type="checkbox" name="sources"' not in html
    boxes = re.findall(r'<input type="text" name="sources"[^>]*list="([^"]+)"', html)
    assert len(boxes) == 3 and len(set(boxes)) == 1  # three boxes sharing one list of suggestions
    datalist = re.search(rf'<datalist id="{boxes[0]}">(.*?)</datalist>', html, re.S)
    assert datalist
    offered = re.findall(r'<option value="([^"]+)">', datalist.group(1))
    assert len(offered) == picker.PAGE_SIZE and cast.commune_a1.code not in offered
    assert not {cast.province.code, cast.district_a.code, cast.cell_a1a.code} & set(offered)  # communes only


def test_merging_by_typed_codes_and_every_wrong_box_named(cast: Cast) -> None:
    client = client_for(cast.district_officer)
    url = reverse("organizations:merge", args=[cast.commune_a2.pk])
    refreshed = client.get(url, {"sources": [cast.commune_a1.code, ""]}, HTTP_HX_REQUEST="true")
    assert refreshed.context["form"].child_names == [f"child_{cast.cell_a1b.pk}", f"child_{cast.cell_a1a.pk}"]
    before = LineageEvent.objects.count()
    data = {**DECISION, "target_mode": "new", "code": "T-A-9", "name": "Đảng bộ xã Đồng Hòa", "kind": "",
            "step": "confirm"}
    wrong = client.post(url, {**data, "sources": [cast.commune_b1.code, cast.commune_a2.code, "KHONG-CO"]})
    errors = wrong.context["form"].errors["sources"]
    assert len(errors) == 3 and LineageEvent.objects.count() == before  # out of scope, itself, unknown
    kind = wrong.context["form"].fields["kind"].initial.pk
    done = client.post(url, {**data, "kind": kind, "sources": [cast.commune_a1.code, ""]})
    assert done.status_code == 302
    assert LineageEvent.objects.count() > before
