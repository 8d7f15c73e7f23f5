"""The demo's 2025 plans: the 2020 and 2016 figures unchanged under their own trees, 2026 under the new tree, 2024
"with predecessors" for a new commune, and loading twice changes nothing."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Q

from members.models import MembershipSpell, Status
from organizations.models import LineageEvent, Organization, OrganizationVersion
from restructuring.demo_present.stories import MARK
from restructuring.models import RestructuringPlan

pytestmark = pytest.mark.django_db


def _figures(code: str, year: int, *extra: str) -> dict[str, Any]:
    out = io.StringIO()
    call_command("figures", code, "--user", "admin", "--from", f"{year}-01-01", "--to", f"{year}-12-31",
                 "--as-of", f"{year}-12-31", *extra, stdout=out)
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def _rows() -> tuple[int, ...]:
    return (Organization.objects.count(), OrganizationVersion.objects.count(), LineageEvent.objects.count(),
            RestructuringPlan.objects.count())


def test_demo_reorganization(demo_loaded):
    assert set(RestructuringPlan.objects.values_list("status", flat=True)) == {"applied"}
    na_ri = _figures("BK-NR", 2020)["figures"]
    assert (na_ri["members"]["admitted"], na_ri["members"]["recognised"]) == (76, 91)
    assert na_ri["organizations"]["grassroots_organizations"] == 49
    na_tong = _figures("DB-DBH-NT", 2016)["figures"]
    assert (na_tong["members"]["members_total"], na_tong["organizations"]["cells"]) == (112, 16)
    # Under the new tree: Na Tông directly under the province, Na Rì's communes under Thái Nguyên.
    assert Organization.objects.get(code="DB-DBH-NT").parent.code == "DB"
    tn_nari = Organization.objects.get(code="TN-NARI")
    assert tn_nari.parent.code == "TN-2025"
    new_2026 = _figures("TN-NARI", 2026)["figures"]
    own_2024 = _figures("TN-NARI", 2024)["figures"]
    with_predecessors = _figures("TN-NARI", 2024, "--with-predecessors")
    assert own_2024["members"]["members_total"] == 0
    assert {p["code"] for p in with_predecessors["predecessors"]} == {"BK-NR-YL2020", "BK-NR-KL", "BK-NR-ST"}
    parts = [_figures(code, 2024)["figures"]["members"]["members_total"]
             for code in ("BK-NR-YL2020", "BK-NR-KL", "BK-NR-ST")]
    assert with_predecessors["figures"]["members"]["members_total"] == sum(parts) > 0
    # Since 2024 only the demo's present (docs/demo.md: files marked LL-) joined the commune's cells.
    end_2026 = dt.date(2026, 12, 31)
    present = MembershipSpell.objects.filter(
        person__history_number__startswith=MARK, organization__path__startswith=tn_nari.path,
        status__in=[Status.OFFICIAL, Status.EXEMPTED, Status.PROBATIONARY], valid_from__lte=end_2026,
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=end_2026)).count()
    assert new_2026["members"]["members_total"] == sum(parts) + present
    province_2020 = _figures("TN-2025", 2020, "--with-predecessors")["figures"]
    assert province_2020["members"]["admitted"] == 76
    before = _rows()
    call_command("demo_load", stdout=io.StringIO())
    assert _rows() == before
