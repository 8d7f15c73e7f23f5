"""The figures service: registry, organization counts under the tree of a date, API and command agree."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from core.figures import namespaces
from core.testing import DECISION, kind
from organizations.services import NewOrganization, organization_merge
from reports.figures import compute, make_request

pytestmark = pytest.mark.django_db


def test_every_app_contributes(cast):
    assert "organizations" in namespaces()


def test_organization_counts_follow_the_tree_of_the_date(cast):
    organization_merge(actor=cast.province_officer, sources=[cast.commune_a1, cast.commune_a2],
                       target=NewOrganization("T-A-9", "Đảng bộ xã Hợp Nhất", kind("commune"), cast.district_a),
                       effective_on=dt.date(2020, 2, 1), decision=DECISION)
    before = compute(make_request(organization=cast.district_a, date_from=None, date_to=None,
                                  as_of=dt.date(2019, 12, 31)))["figures"]["organizations"]
    after = compute(make_request(organization=cast.district_a, date_from=dt.date(2020, 1, 1),
                                 date_to=dt.date(2020, 12, 31), as_of=dt.date(2020, 12, 31)))
    after = after["figures"]["organizations"]
    assert (before["organizations_total"], before["cells"]) == (4, 2)
    assert (after["organizations_total"], after["cells"]) == (3, 2)
    assert (after["established"], after["dissolved"]) == (1, 2)


def test_api_and_command_print_the_same_figures(cast, client):
    client.force_login(cast.district_officer)
    url = f"/api/v1/organizations/{cast.district_a.pk}/figures?from=2015-01-01&to=2015-12-31&as_of=2015-12-31"
    response = client.get(url)
    assert response.status_code == 200
    out = io.StringIO()
    call_command("figures", "T-A", user="district", date_from="2015-01-01", date_to="2015-12-31",
                 as_of="2015-12-31", stdout=out)
    printed = json.loads(out.getvalue())
    assert printed["figures"] == response.json()["figures"]
    assert printed["figures"]["organizations"]["cells"] == 2


def test_figures_out_of_scope_is_404_and_bad_period_is_400(cast, client):
    client.force_login(cast.outsider)
    assert client.get(f"/api/v1/organizations/{cast.district_a.pk}/figures").status_code == 404
    client.force_login(cast.district_officer)
    response = client.get(f"/api/v1/organizations/{cast.district_a.pk}/figures?from=2020-02-01&to=2020-01-01")
    assert response.status_code == 400
    assert response.json()["field"] == "from"
    assert client.get(f"/api/v1/organizations/{cast.district_a.pk}/figures?as_of=2020-13-01").status_code == 422
