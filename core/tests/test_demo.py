"""The demo data loads through the services and loading it twice duplicates nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from core.models import ChangeRecord
from organizations.models import CoveredUnit, LineageEvent, Organization, OrganizationVersion

pytestmark = pytest.mark.django_db


def _counts():
    return (Organization.objects.count(), OrganizationVersion.objects.count(), LineageEvent.objects.count(),
            CoveredUnit.objects.count(), ChangeRecord.objects.count())


def test_demo_loads_twice_without_duplicates(demo_loaded):
    first = _counts()
    call_command("demo_load", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _counts() == first
    van_hoc = Organization.objects.get(code="BK-NR-VH")
    assert van_hoc.dissolved_on.year == 2020
    assert Organization.objects.get(code="DB-DBH-NT").children.filter(kind__code="cell").count() == 16
    # The 2020 restructuring dissolved Văn Học and Lương Hạ and established six new organizations.
    merges = LineageEvent.objects.filter(kind="merge", decision_number="855/NQ-UBTVQH14")
    assert merges.count() == 6
    dissolved = set(Organization.objects.filter(lineage_links__event__in=merges, lineage_links__role="source")
                    .values_list("name", flat=True))
    assert {"Đảng bộ xã Văn Học", "Đảng bộ xã Lương Hạ"} <= dissolved
    # Every write of the demo is in the change log, attributed to the demo administrator, who was created by the
    # installation itself ("system"), without the password hash.
    assert ChangeRecord.objects.filter(user__username="admin").count() == first[-1] - 1
    created = ChangeRecord.objects.get(user=None, object_repr="admin")
    assert (created.user_name, created.action, created.after["password"]) == ("system", "create", "<redacted>")
