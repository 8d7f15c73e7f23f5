"""An organization's page and API name no organization outside the reader's scope (issue 6, section 2).

Commune B1 (district B) is merged into commune A2 (district A): its cell moves to A2. The district A
officer sees A2 and the moved cell, but not B1 — its name must appear neither in the lineage nor in the
change log ("Tổ chức cấp trên: Đảng bộ xã Lương Hạ → ..."), only "(out of scope)".
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from core.decisions import Decision
from core.testing import Cast, establish
from core.testing_api import call
from organizations.models import Organization
from organizations.services import organization_merge

pytestmark = pytest.mark.django_db

HIDDEN = "Lương Hạ"  # commune B1's name


@pytest.fixture
def merged(cast: Cast) -> Organization:
    cell_b = establish(cast.root_admin, "T-B-1-a", "Chi bộ thôn Bản Đăm", "cell", cast.commune_b1)
    organization_merge(actor=cast.root_admin, sources=[cast.commune_b1], target=cast.commune_a2,
                       effective_on=dt.date(2020, 1, 1), decision=Decision("3-QĐ/TU", dt.date(2019, 12, 20), "Tỉnh ủy"))
    cell_b.refresh_from_db()
    assert cell_b.parent == cast.commune_a2
    return cell_b


def _page(user, organization: Organization, language: str = "en") -> str:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language  # the language switch's choice (Accept-Language is not followed)
    response = client.get(reverse("organizations:detail", args=[organization.pk]), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def test_lineage_and_change_log_show_out_of_scope_instead_of_a_name(cast: Cast, merged: Organization) -> None:
    successor = _page(cast.district_officer, cast.commune_a2)
    assert HIDDEN not in successor and "(out of scope)" in successor
    moved = _page(cast.district_officer, merged)  # its change log: the former parent was B1
    assert HIDDEN not in moved and "(out of scope)" in moved
    assert HIDDEN not in _page(cast.district_officer, cast.commune_a2, language="vi")
    # Whoever sees both still reads the names.
    assert HIDDEN in _page(cast.province_officer, cast.commune_a2)
    assert HIDDEN in _page(cast.province_officer, merged)


def test_api_lineage_names_no_out_of_scope_organization(cast: Cast, merged: Organization) -> None:
    for url in (f"/organizations/{cast.commune_a2.pk}/lineage", "/lineage-events"):
        response = call("GET", url, user=cast.district_officer, language="en")
        assert response.status_code == 200, response.content
        assert HIDDEN not in response.content.decode()
        assert str(cast.commune_b1.pk) not in str(
            [link for item in (response.json() if isinstance(response.json(), list) else response.json()["items"])
             for link in item["links"] if link["organization_id"] is None])
    events = call("GET", f"/organizations/{cast.commune_a2.pk}/lineage", user=cast.district_officer,
                  language="en").json()
    links = [link for event in events for link in event["links"]]
    hidden = [link for link in links if link["organization_id"] is None]
    assert hidden == [{"organization_id": None, "code": "", "name": "(out of scope)", "role": "source"}]
    predecessors = call("GET", f"/organizations/{cast.commune_a2.pk}/predecessors", user=cast.district_officer)
    assert predecessors.status_code == 200 and predecessors.json() == []
    everything = call("GET", f"/organizations/{cast.commune_a2.pk}/lineage", user=cast.province_officer).json()
    assert HIDDEN in str(everything)
