"""The organization picker (issue 8 §9): a page at most, never out of scope, one query, the move form offers no
descendant, splits and merges only kinds valid at their level, and a typed code works without JavaScript."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.testing import Cast, establish
from organizations import forms, picker
from organizations.models import Organization

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(user)
    return client


def offered(user: Any, **params: str) -> list[str]:
    response = client_for(user).get(reverse("organizations:pick"), params)
    assert response.status_code == 200
    return re.findall(r'<option value="([^"]+)">', response.content.decode())


@pytest.fixture
def many(cast: Cast) -> list[Organization]:
    """25 cells in commune A2 (more than a page), all named 'Chi bộ thôn Bản ...'."""
    return [establish(cast.root_admin, f"T-A-2-{i:02d}", f"Chi bộ thôn Bản {i:02d}", "cell", cast.commune_a2)
            for i in range(25)]


def test_never_more_than_a_page_and_never_out_of_scope(cast: Cast, many: list[Organization]) -> None:
    everything = offered(cast.district_officer, q="")
    assert len(everything) == picker.PAGE_SIZE
    assert not {"T", "T-B", "T-B-1"} & set(everything)  # the district officer's scope is district A
    bans = offered(cast.district_officer, q="ban")
    assert len(bans) == picker.PAGE_SIZE and all(code.startswith("T-A-2-") for code in bans)
    assert offered(cast.district_officer, q="luong ha") == []  # commune B1 exists, out of scope: nothing
    assert offered(cast.outsider, q="ban") == []
    assert offered(cast.outsider, q="luong ha") == ["T-B-1"]
    assert offered(cast.district_officer, q="T-A-2-0", permission="members.view") == [
        f"T-A-2-{i:02d}" for i in range(10)]


def test_one_query_for_a_page(cast: Cast, many: list[Organization]) -> None:
    picker.organization_pick(cast.district_officer, q="x")  # the user's roles, read once per request
    with CaptureQueriesContext(connection) as queries:
        found = picker.organization_pick(cast.district_officer, q="ban")
    assert len(queries) == 1 and len(found.choices) == picker.PAGE_SIZE and found.more


def test_endpoint_query_count_is_pinned(cast: Cast, many: list[Organization]) -> None:
    client = client_for(cast.district_officer)
    url = reverse("organizations:pick")
    with CaptureQueriesContext(connection) as queries:
        client.get(url, {"q": "ban", "permission": "organizations.change", "cells_only": "1"})
    # session, user, roles, the page of organizations
    assert len(queries) == 4, [q["sql"] for q in queries]
    assert client.get(url, {"permission": "nonsense"}).status_code == 404


def test_move_offers_no_descendant_and_only_kinds_above(cast: Cast) -> None:
    url = reverse("organizations:move", args=[cast.commune_a1.pk])
    form = client_for(cast.province_officer).get(url).context["form"]
    accepted = set(form.fields["new_parent"].queryset)
    assert cast.district_a in accepted and cast.district_b in accepted and cast.province in accepted
    assert not {cast.commune_a1, cast.cell_a1a, cast.cell_a1b, cast.commune_a2} & accepted
    assert not {cast.cell_a1a.code, cast.commune_a1.code} & set(offered(
        cast.province_officer, q="T-A-1", permission="organizations.change",
        exclude_subtree_of=str(cast.commune_a1.pk)))
    page = client_for(cast.province_officer).get(url).content.decode()
    assert 'list="id_new_parent-choices"' in page and "<select" not in page.split('id="id_new_parent"')[0][-200:]


def test_a_typed_code_works_without_javascript(cast: Cast) -> None:
    form = forms.MoveForm({"new_parent": "T-B"}, actor=cast.province_officer, organization=cast.commune_a1)
    form.is_valid()
    assert form.cleaned_data.get("new_parent") == cast.district_b
    wrong = forms.MoveForm({"new_parent": cast.cell_a1b.code}, actor=cast.province_officer,
                           organization=cast.commune_a1)
    assert not wrong.is_valid() and "new_parent" in wrong.errors


def test_splits_and_merges_offer_kinds_of_their_level(cast: Cast) -> None:
    split = forms.SplitForm(actor=cast.province_officer, organization=cast.commune_a1)
    kinds = {k.code for k in split.rows.forms[0].fields["kind"].queryset}
    assert "commune" in kinds and not {"province", "district"} & kinds
    merge = forms.MergeForm(actor=cast.province_officer, organization=cast.commune_a1)
    assert {k.code for k in merge.fields["kind"].queryset} == kinds
    assert set(merge.fields["target"].queryset) == {cast.commune_a1, cast.commune_a2, cast.commune_b1}
