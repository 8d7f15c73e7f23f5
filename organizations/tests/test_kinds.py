"""Kinds with dated attributes (issue 11 §2): who decides, the superior level and "grassroots" follow the date.

Quy định 294-QĐ/TW (26/05/2025) and the two-level local government from 01/07/2025: commune Party committees hold
powers that district standing committees held (marked unconfirmed in detail).
"""

from __future__ import annotations

import datetime as dt

import pytest

from core.testing import kind
from organizations.kinds import (
    COMMUNE_COMMITTEE,
    DISTRICT_STANDING,
    competent_level,
    grassroots_q,
    is_grassroots_on,
    period_of,
)
from organizations.models import OrganizationKind

pytestmark = pytest.mark.django_db
BEFORE, AFTER = dt.date(2025, 6, 30), dt.date(2025, 7, 1)


def test_who_decides_changes_on_1_july_2025():
    text, source, confirmed = competent_level(kind("commune"), BEFORE)
    assert str(text) == str(DISTRICT_STANDING) and "24-QĐ/TW" in source and confirmed
    text, source, confirmed = competent_level(kind("commune"), AFTER)
    assert str(text) == str(COMMUNE_COMMITTEE) and "294-QĐ/TW" in source and not confirmed
    assert competent_level(kind("cell"), AFTER)[0] == ""  # a cell's grassroots organization says (competence_for)


def test_the_superior_of_a_grassroots_commune_follows_the_date():
    assert period_of("commune", BEFORE).superior == "district"  # type: ignore[union-attr]
    assert period_of("commune", AFTER).superior == "province"  # type: ignore[union-attr]
    assert period_of("district", AFTER) is None  # the district level is gone


def test_grassroots_under_the_definition_of_the_date():
    assert is_grassroots_on(kind("commune"), BEFORE) and is_grassroots_on(kind("commune"), AFTER)
    assert not is_grassroots_on(kind("cell"), AFTER)
    # A kind an administrator added (no dated data) keeps its own flag on every date.
    added = OrganizationKind.objects.create(code="special-zone", name="Đảng bộ đặc khu", rank=30,
                                            is_grassroots=True)
    for day in (BEFORE, AFTER):
        codes = set(OrganizationKind.objects.filter(grassroots_q(day, prefix="")).values_list("code", flat=True))
        assert {"commune", "grassroots", "grassroots-cell", added.code} == codes
