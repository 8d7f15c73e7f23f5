"""Lineage a person can follow (issue 8 §8): an old and a new organization of the same name told apart by code and
dates; an establishment does not call the new organization a successor; today's tree hides the dissolved ones unless
asked."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from core.decisions import Decision
from core.testing import Cast, establish
from organizations.models import Organization
from organizations.services import organization_dissolve

pytestmark = pytest.mark.django_db

LATER = Decision("12-QĐ/HU", dt.date(2021, 2, 20), "Huyện ủy An Bình")


@pytest.fixture
def renewed(cast: Cast) -> tuple[Cast, Organization]:
    """Cell A1b dissolved on 01/03/2021 and a new cell of the same name established the same day."""
    organization_dissolve(actor=cast.root_admin, organization=cast.cell_a1b, dissolved_on=dt.date(2021, 3, 1),
                          decision=LATER)
    new = establish(cast.root_admin, "T-A-1-b2", "Chi bộ thôn Khuổi Hỏm", "cell", cast.commune_a1,
                    on=dt.date(2021, 3, 1))
    return cast, new


def _client(cast: Cast) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(cast.district_officer)
    return client


def test_todays_tree_hides_the_dissolved_cell_unless_asked(renewed: tuple[Cast, Organization]) -> None:
    cast, _new = renewed
    client = _client(cast)
    today = client.get(f"/organizations/{cast.commune_a1.pk}/children/").content.decode()
    assert today.count("Chi bộ thôn Khuổi Hỏm") == 1 and 'data-code="T-A-1-b2"' in today
    asked = client.get(f"/organizations/{cast.commune_a1.pk}/children/?dissolved=1").content.decode()
    assert asked.count("Chi bộ thôn Khuổi Hỏm") == 2
    tree_url = reverse("organizations:tree")
    assert f'href="{tree_url}?dissolved=1"' in client.get(tree_url).content.decode()


def test_the_establishment_row_names_the_new_organization_with_code_and_dates(
        renewed: tuple[Cast, Organization]) -> None:
    cast, new = renewed
    html = _client(cast).get(f"/organizations/{new.pk}/").content.decode()
    history = html[html.index('id="lineage"'):html.index('id="change-log"')]
    with translation.override("vi"):
        successor = str(translation.gettext("successor")).capitalize()
        established = translation.gettext("Organization established")
    assert established in history and successor not in history
    assert re.search(r"Chi bộ thôn Khuổi Hỏm</a>\s*<span[^>]*>\(T-A-1-b2, [^)]*01/03/2021\)", history)
