"""The home page "Việc cần làm": a cell secretary's deadlines and buttons, a board's sums per child organization
with drill-down, scope, a bounded query count; the help pages linked from each screen."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.tasks import days_in_words
from core.testing import Cast
from home.help import PAGES
from members.tests import factories as f

D = dt.date


def _client(user: object) -> Client:
    client = Client(headers={"Accept-Language": "en"})  # an English browser: the pages stay Vietnamese
    client.force_login(user)  # type: ignore[arg-type]
    return client


@pytest.fixture
def world(cast: Cast) -> Cast:
    board = cast.district_officer
    today = timezone.localdate()
    f.candidate(board, cast.cell_a1a, "Lò Thị Hiền", resolution_on=today - dt.timedelta(days=200))  # overdue
    f.candidate(board, cast.cell_a1a, "Ma Văn Chờ", course_on=None)
    f.candidate(board, cast.cell_a1b, "Nông Văn Bảo")
    return cast


def test_the_secretary_sees_his_cells_deadlines_candidates_and_big_buttons(world: Cast) -> None:
    page = _client(world.cell_secretary).get("/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Việc cần làm" in html and world.cell_a1a.name in html
    # The overdue admission decision, with its delay in words; the other cell's candidate is not his.
    assert "Lò Thị Hiền" in html and "quá hạn" in html and "Nông Văn Bảo" not in html
    group = re.search(r'data-group="members.pipeline".*?<span class="badge">(\d+)</span>', html, re.S)
    assert group is not None and group.group(1) == "2"
    # New candidate: the form opens on his only cell.
    assert f'href="/members/new/?organization={world.cell_a1a.pk}"' in html
    assert 'name="q"' in html  # find a member from the home page
    assert "home-children" not in html  # a cell has no child organizations to sum


def test_a_board_sees_the_same_summed_per_child_organization_and_drills_down(world: Cast) -> None:
    client = _client(world.district_officer)
    html = client.get("/").content.decode()
    assert world.district_a.name in html
    children = dict(re.findall(r'data-child="(\d+)">\s*<strong>[^<]*</strong>(.*?)</a>', html, re.S))
    commune = children[str(world.commune_a1.pk)]
    assert "Quần chúng ưu tú: <strong>3</strong>" in commune  # three candidates in its two cells
    assert "không có việc chờ" in children[str(world.commune_a2.pk)]
    drilled = client.get("/", {"organization": world.commune_a1.pk}).content.decode()
    cells = dict(re.findall(r'data-child="(\d+)">\s*<strong>[^<]*</strong>(.*?)</a>', drilled, re.S))
    assert "Quần chúng ưu tú: <strong>2</strong>" in cells[str(world.cell_a1a.pk)]
    assert "Quần chúng ưu tú: <strong>1</strong>" in cells[str(world.cell_a1b.pk)]
    # Outside the scope: 404, whatever the id.
    assert client.get("/", {"organization": world.commune_b1.pk}).status_code == 404
    assert client.get("/", {"organization": "x"}).status_code == 404


def test_the_query_count_does_not_grow_with_the_subtree(world: Cast) -> None:
    client = _client(world.district_officer)
    client.get("/")
    with CaptureQueriesContext(connection) as before:
        assert client.get("/").status_code == 200
    board = world.district_officer
    for i in range(4):
        f.candidate(board, world.cell_a1b, f"Hoàng Văn Thêm {i}", resolution_on=timezone.localdate())
        f.member(board, world.cell_a1b, f"Lục Thị Cũ {i}")
    with CaptureQueriesContext(connection) as after:
        assert client.get("/").status_code == 200
    assert len(after) == len(before) <= 17, (len(before), len(after))  # 23 before the rules stamps were asked once


def test_the_root_is_the_sign_in_for_a_stranger_and_the_tree_moved() -> None:
    answer = Client().get("/")
    assert answer.status_code == 302 and answer["Location"].startswith("/login/")


def test_days_in_words() -> None:
    from django.utils import translation

    with translation.override("vi"):
        assert days_in_words(3) == "còn 3 ngày làm việc"
        assert days_in_words(-2) == "quá hạn 2 ngày làm việc"
        assert days_in_words(0) == "hạn là hôm nay"


def test_each_help_page_answers_in_vietnamese(cast: Cast) -> None:
    client = _client(cast.cell_secretary)
    for slug in sorted(PAGES):
        html = client.get(f"/help/{slug}/").content.decode()
        assert "Để làm gì" in html and "Các bước" in html and "Quy định" in html, slug
    member = client.get("/help/member/").content.decode()  # the committee competent by date; the new events
    assert "trước 01/07/2025 là ban thường vụ huyện ủy" in member and "từ 01/07/2025 là đảng ủy xã" in member
    assert "Đình chỉ sinh hoạt đảng" in member and "mất liên lạc với tổ chức đảng" in member
    assert "trước 01/07/2025" in client.get("/help/due/").content.decode()


def test_each_screen_links_to_its_help(world: Cast) -> None:
    client = _client(world.cell_secretary)
    for url, slug in (("/", "home"), ("/members/", "members"), ("/members/due/", "due"),
                      ("/members/pipeline/", "pipeline"), ("/members/new/", "new-candidate")):
        html = client.get(url).content.decode()
        assert f'href="/help/{slug}/" class="help-link"' in html, url
    assert client.get("/help/nothing-here/").status_code == 404


def test_new_candidate_from_home_one_cell_preselected_and_registered_in_one_step(world: Cast) -> None:
    from members.models import Person, Status

    client = _client(world.cell_secretary)
    form = client.get("/members/new/").content.decode()
    assert re.search(rf'<input type="text" name="organization" value="{world.cell_a1a.code}"', form)
    answer = client.post("/members/new/", {
        "organization": world.cell_a1a.pk, "full_name": "Đinh Văn Mới", "gender": "male",
        "birth_date": "02/04/1995", "political_theory": "none", "registered_on": "05/01/2026",
    })
    assert answer.status_code == 302, re.findall(r"errorlist[^>]*>(.*?)</ul", answer.content.decode(), re.S)
    person = Person.objects.get(full_name="Đinh Văn Mới")
    assert person.status == Status.CANDIDATE
    # A registration the service refuses (before the birth) leaves no file either.
    refused = client.post("/members/new/", {
        "organization": world.cell_a1a.pk, "full_name": "Đinh Văn Sai", "gender": "male",
        "birth_date": "02/04/1995", "political_theory": "none", "registered_on": "05/01/1990",
    })
    assert refused.status_code == 200 and not Person.objects.filter(full_name="Đinh Văn Sai").exists()
