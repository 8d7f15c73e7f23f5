"""The home page's dialogue follow-ups (mobilisation/tasks.py): not done, overdue or due within the horizon, under
the organization asked about and visible to the user; overdue ones first and counted as urgent."""

from __future__ import annotations

import datetime as dt

import pytest

from core.testing import Cast
from mobilisation.models import FollowUpStatus
from mobilisation.services import DialogueInput, FollowUpInput, dialogue_record
from mobilisation.tasks import HORIZON_DAYS, mobilisation_tasks

pytestmark = pytest.mark.django_db
ON = dt.date(2025, 11, 3)


def test_follow_ups_due_reach_the_home_page(cast: Cast) -> None:
    dialogue_record(actor=cast.district_officer, organization=cast.commune_a1, data=DialogueInput(
        kind="periodic", held_on=dt.date(2025, 10, 1), place="Hội trường xã", chair="Bí thư Đảng ủy xã",
        follow_ups=[
            FollowUpInput("Sửa đường", "UBND xã", dt.date(2025, 11, 10)),
            FollowUpInput("Sửa bể nước", "UBND xã", dt.date(2025, 10, 28), status=FollowUpStatus.IN_PROGRESS),
            FollowUpInput("Báo cáo kết quả", "Văn phòng", dt.date(2025, 10, 20), status=FollowUpStatus.DONE,
                          done_on=dt.date(2025, 10, 20)),
            FollowUpInput("Kế hoạch năm sau", "UBND xã", ON + dt.timedelta(days=HORIZON_DAYS + 1)),
        ]))
    group = mobilisation_tasks(cast.district_officer, cast.district_a, ON).groups[0]
    assert (group.count, group.urgent) == (2, 1)
    assert group.entries[0].urgent and "Sửa bể nước" in group.entries[0].label and not group.entries[1].urgent
    assert group.by_organization == {cast.commune_a1.pk: 2}
    assert mobilisation_tasks(cast.district_officer, cast.commune_a2, ON).groups[0].count == 0
    assert mobilisation_tasks(cast.outsider, cast.district_a, ON).groups == []  # out of scope: nothing said
