"""Figures for some namespaces only (issue 15, run C): API and command count only what is asked for."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.figures import namespaces

pytestmark = pytest.mark.django_db

PERIOD = "from=2015-01-01&to=2015-12-31&as_of=2015-12-31"


def test_one_namespace_costs_a_fraction_of_all(cast, client):
    client.force_login(cast.district_officer)
    url = f"/api/v1/organizations/{cast.district_a.pk}/figures?{PERIOD}"
    client.get(url)  # warm the in-process caches, as a running server has them
    with CaptureQueriesContext(connection) as every:
        everything = client.get(url)
    with CaptureQueriesContext(connection) as one:
        members = client.get(url + "&namespaces=members")
    with CaptureQueriesContext(connection) as two:
        pair = client.get(url + "&namespaces=rating, members,rating")
    assert everything.status_code == members.status_code == pair.status_code == 200
    assert set(everything.json()["figures"]) == set(namespaces())
    assert set(members.json()["figures"]) == {"members"}
    assert set(pair.json()["figures"]) == {"members", "rating"}
    assert members.json()["figures"]["members"] == everything.json()["figures"]["members"]
    # 8 = session, user, roles, scope and organization, then the members namespace's own queries.
    assert (len(every), len(one), len(two)) == (75, 8, 15)


def test_unknown_namespaces_are_refused_all_at_once(cast, client):
    client.force_login(cast.district_officer)
    url = f"/api/v1/organizations/{cast.district_a.pk}/figures?namespaces=members,sao,trang"
    answer = client.get(url)
    assert answer.status_code == 400
    assert answer.json()["field"] == "namespaces"
    assert answer.json()["detail"].startswith("Không có nhóm số liệu: sao, trang. Các nhóm có: ")
    with pytest.raises(CommandError, match="sao"):
        call_command("figures", "T-A", user="district", namespaces="sao", stdout=io.StringIO())


def test_the_command_counts_the_namespaces_asked_for(cast):
    out = io.StringIO()
    call_command("figures", "T-A", user="district", date_from="2015-01-01", date_to="2015-12-31",
                 as_of="2015-12-31", namespaces="organizations", stdout=out)
    figures = json.loads(out.getvalue())["figures"]
    assert list(figures) == ["organizations"] and figures["organizations"]["cells"] == 2
