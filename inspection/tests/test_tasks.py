"""The home page's inspection items (inspection/tasks.py): open follow-ups overdue or due within the horizon, and
inspections started and not concluded, late once their planned end has passed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from core.testing import Cast
from inspection import services
from inspection.services import FollowUpInput
from inspection.tasks import inspection_tasks

pytestmark = pytest.mark.django_db
ON = dt.date(2025, 11, 3)


def test_follow_ups_and_inspections_to_conclude_reach_the_home_page(cast: Cast) -> None:
    common: dict[str, Any] = {"actor": cast.root_admin, "organization": cast.commune_a1, "body": "inspection_committee"}
    services.inspection_create(
        **common, kind="inspection", content="Kiểm tra chi bộ", starts_on=dt.date(2025, 9, 1),
        subject_organization=cast.cell_a1a, ends_on=dt.date(2025, 9, 20), conclusion="Thực hiện tốt.",
        concluded_on=dt.date(2025, 9, 25), follow_ups=[
            FollowUpInput("Bổ sung kế hoạch", dt.date(2025, 10, 30), "Chi bộ"),
            FollowUpInput("Báo cáo khắc phục", dt.date(2025, 11, 14), "Chi bộ"),
            FollowUpInput("Báo cáo năm sau", dt.date(2026, 3, 1), "Chi bộ")])
    services.inspection_create(**common, kind="supervision", content="Giám sát chuyên đề",
                               starts_on=dt.date(2025, 10, 1), ends_on=dt.date(2025, 10, 31),
                               subject_organization=cast.cell_a1b)
    services.inspection_create(**common, kind="supervision", content="Giám sát sắp tới",
                               starts_on=dt.date(2025, 12, 1), subject_organization=cast.cell_a1a)
    follow_ups, in_progress = inspection_tasks(cast.district_officer, cast.district_a, ON).groups
    assert (follow_ups.count, follow_ups.urgent) == (2, 1) and follow_ups.entries[0].urgent
    assert (in_progress.count, in_progress.urgent) == (1, 1)  # ended 31/10 and not concluded; the later not begun
    assert in_progress.by_organization == {cast.commune_a1.pk: 1}
    assert [g.count for g in inspection_tasks(cast.outsider, cast.commune_b1, ON).groups] == [0, 0]
