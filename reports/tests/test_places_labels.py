"""The figures page names the per-kind keys of "covered units without any member living there" (namespace
`places`, members/places.py) by the unit kind's name (English in English), as it does the organizations'
coverage keys."""

from __future__ import annotations

import pytest
from django.utils import translation

from organizations.models import CoveredUnitKind
from reports.labels import Labeller

pytestmark = pytest.mark.django_db


def test_a_kind_is_named_by_its_name() -> None:
    school = CoveredUnitKind.objects.get(code="school")
    with translation.override("en"):
        text = str(Labeller().label("places", "covered_units_without_member_of_school"))
    assert text.startswith("Covered units without any member") and text.endswith(school.name_en or school.name)
