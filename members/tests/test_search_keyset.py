"""Keyset pages of the member list and search (members.keyset): every file once, a capped count, the scope kept,
a fixed number of queries — on both plans (collect-and-sort, walk along the sort index), forced by a small cap."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.testing import Cast
from core.testing_api import call
from members import keyset, queries
from members import walk as walk_module
from members.models import Person
from members.tests import factories as f

pytestmark = pytest.mark.django_db

# Twins (same name: same sort key, order by id), names with and without "Văn", one outside the secretary's cell.
NAMES = ["Nguyễn Văn An", "Nguyễn Văn An", "Trần Văn An", "Lê Thị Ánh", "Phạm Văn Bình", "Đỗ Văn Bình",
         "Hoàng Thị Cúc", "Vũ Văn Dũng", "Bùi Văn Đức", "Ngô Văn Đức", "Đặng Thị Hoa", "Lý Văn Hùng"]
ELSEWHERE = "Văn Ngoài Phạm Vi"  # in cell a1b


@pytest.fixture
def crowd(cast: Cast) -> list[Person]:
    actor = cast.district_officer
    people = [f.person(actor, cast.cell_a1a, name) for name in NAMES]
    f.person(actor, cast.cell_a1b, ELSEWHERE)
    return people


def walk(user: Any, q: str = "", *, cap: int, per_page: int = 5) -> tuple[list[int], list[int]]:
    """Ids read forward page by page through next_cursor, then backward through previous_cursor."""
    spec = queries.MemberFilter(q=q)
    today = timezone.localdate()
    forward, pages = [], []
    page = queries.member_page(user, spec, on=today, per_page=per_page, cap=cap)
    while True:
        pages.append(page)
        forward += [p.pk for p in page.rows]
        if page.next_cursor is None:
            break
        page = queries.member_page(user, spec, on=today, after=page.next_cursor, per_page=per_page, cap=cap)
    backward: list[int] = []
    while page.previous_cursor is not None:
        page = queries.member_page(user, spec, on=today, before=page.previous_cursor, per_page=per_page, cap=cap)
        backward = [p.pk for p in page.rows] + backward
    return forward, backward


@pytest.mark.parametrize("cap", [100, 2], ids=["collect-and-sort", "walk-the-sort-index"])
@pytest.mark.parametrize("q", ["", "van", "nguyen van an"])
def test_pages_hold_every_file_once_in_name_order_both_ways(cast: Cast, crowd: list[Person], cap: int,
                                                             q: str) -> None:
    user = cast.district_officer
    expected = [p.pk for p in queries.filter_members(user, queries.MemberFilter(q=q), on=timezone.localdate())]
    assert len(expected) >= 2
    forward, backward = walk(user, q, cap=cap)
    assert forward == expected  # each once, in Vietnamese name order, twins by id
    assert backward == expected[: len(backward)] and len(backward) >= len(expected) - 5


def test_the_count_stops_at_the_cap_and_says_so(cast: Cast, crowd: list[Person]) -> None:
    user, today = cast.district_officer, timezone.localdate()
    exact = queries.member_page(user, queries.MemberFilter(q="van"), on=today, cap=100)
    assert (exact.count, exact.over) == (10, False) and sum(exact.by_status.values()) == 10
    capped = queries.member_page(user, queries.MemberFilter(q="van"), on=today, cap=3)
    assert capped.over and capped.count == 4 and capped.by_status == {}
    assert [p.pk for p in capped.rows] == [p.pk for p in exact.rows]  # the other plan, the same page


def test_the_list_page_says_more_than_the_cap(cast: Cast, crowd: list[Person], monkeypatch: Any) -> None:
    monkeypatch.setattr(keyset, "COUNT_CAP", 3)
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(cast.district_officer)
    response = client.get(reverse("members:list"), {"q": "van"})
    html = response.content.decode()
    assert response.status_code == 200 and "hơn 3" in html and response.context["counts"] == []
    assert len(response.context["rows"]) == 10 and 'id="page-next"' not in html  # all ten on one page
    assert client.get(reverse("members:list"), {"after": "not-a-cursor"}).status_code == 200  # the first page


@pytest.mark.parametrize("cap", [100, 0], ids=["collect-and-sort", "walk-the-sort-index"])
def test_a_name_outside_the_scope_never_appears(cast: Cast, crowd: list[Person], cap: int) -> None:
    secretary = cast.cell_secretary  # cell a1a only
    forward, _ = walk(secretary, "van", cap=cap, per_page=3)
    listed = set(Person.objects.filter(pk__in=forward).values_list("full_name", flat=True))
    assert ELSEWHERE not in listed and len(forward) == 9
    page = queries.member_page(secretary, queries.MemberFilter(q="ngoai pham vi"), on=timezone.localdate(), cap=cap)
    assert page.rows == [] and page.count == 0
    assert [p.full_name for p in queries.person_search(secretary, "ngoai")] == []
    assert [p.full_name for p in queries.person_search(cast.district_officer, "ngoai")] == [ELSEWHERE]


@pytest.mark.parametrize(("small_scope", "queries_a_page"), [(walk_module.SMALL_SCOPE, 3), (0, 4)],
                         ids=["scope-first", "word-walk"])
def test_a_page_takes_a_fixed_number_of_queries_whatever_the_plan(cast: Cast, crowd: list[Person], small_scope: int,
                                                                  queries_a_page: int, monkeypatch: Any) -> None:
    """A name typed: the scope's organizations, the words the rarest typed word begins (word walk only), the
    capped count by status, the rows (members.walk); with no name, the count and the rows."""
    monkeypatch.setattr(walk_module, "SMALL_SCOPE", small_scope)
    user, today = cast.district_officer, timezone.localdate()
    queries.member_page(user, queries.MemberFilter(), on=today)  # the user's roles, read once per request
    for cap in (100, 2):
        with CaptureQueriesContext(connection) as captured:
            page = queries.member_page(user, queries.MemberFilter(q="van"), on=today, cap=cap, per_page=4)
            queries.member_page(user, queries.MemberFilter(q="van"), on=today, cap=cap, per_page=4,
                                after=page.next_cursor)
        assert len(captured) == 2 * queries_a_page, [q["sql"] for q in captured]
        with CaptureQueriesContext(connection) as captured:
            queries.member_page(user, queries.MemberFilter(), on=today, cap=cap, per_page=4)
        assert len(captured) == 2, [q["sql"] for q in captured]


def test_the_api_reads_on_by_cursor_and_caps_its_count(cast: Cast, crowd: list[Person],
                                                       monkeypatch: Any) -> None:
    user = cast.district_officer
    first = call("GET", "/members?q=van&limit=4", user=user).json()
    assert first["count"] == 10 and first["count_capped"] is False and first["next_cursor"]
    names: list[str] = [p["full_name"] for p in first["items"]]
    cursor = first["next_cursor"]
    while cursor:
        page = call("GET", f"/members?q=van&limit=4&cursor={cursor}", user=user).json()
        names += [p["full_name"] for p in page["items"]]
        cursor = page["next_cursor"]
    expected = [p.full_name for p in queries.filter_members(user, queries.MemberFilter(q="van"),
                                                            on=timezone.localdate())]
    assert names == expected
    monkeypatch.setattr(keyset, "COUNT_CAP", 3)
    capped = call("GET", "/members?q=van&limit=4", user=user).json()
    assert (capped["count"], capped["count_capped"]) == (3, True)
    assert call("GET", "/members?cursor=%25%25", user=user).status_code == 400


def test_postgresql_search_uses_the_full_text_index_beside_the_exact_match(cast: Cast, crowd: list[Person]) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("full-text indexes are a PostgreSQL feature")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'person_search_words'")
        row = cursor.fetchone()
    assert row is not None and "to_tsvector" in row[0]
    with CaptureQueriesContext(connection) as captured, pytest.MonkeyPatch.context() as patch:
        patch.setattr(keyset, "WORD_WALK", False)  # the plans before the word table (members.walk)
        found = [p.full_name for p in queries.person_search(cast.district_officer, "nguyen van an")]
    assert found == ["Nguyễn Văn An", "Nguyễn Văn An"]
    assert any("to_tsquery" in q["sql"] for q in captured)
    with CaptureQueriesContext(connection) as captured, pytest.MonkeyPatch.context() as patch:
        patch.setattr(walk_module, "SMALL_SCOPE", 0)
        found = [p.full_name for p in queries.person_search(cast.district_officer, "nguyen van an")]
    assert found == ["Nguyễn Văn An", "Nguyễn Văn An"]
    assert any("members_personword" in q["sql"] for q in captured)
