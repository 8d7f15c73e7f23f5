"""The name search read from the word table (members.words, members.walk) gives exactly the rows, order, counts and
cursors of the plans before it (members.keyset with WORD_WALK off), on random Vietnamese names typed with or
without diacritics, whole or cut short, one word or several, for every kind of scope; and the table follows the
files through the services (name corrected, transfer to another cell, voiding)."""

from __future__ import annotations

import random
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import RoleKind
from accounts.services import role_grant
from core.scope import forget_cached_scope
from core.testing import Cast, establish
from core.text import fold
from members import keyset, queries, services, voiding, words
from members import walk as walk_module
from members.models import Person, PersonWord, Status
from members.tests import factories as f

pytestmark = pytest.mark.django_db

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đỗ", "Đặng", "Bùi", "Nông", "Lục"]
MIDDLE = ["Văn", "Thị", "Đức", "Ngọc", "Minh", "Thu", ""]
GIVEN = ["Dũng", "Dung", "Đức", "An", "Ánh", "Bình", "Hùng", "Hưng", "Thị", "Thìn", "Thinh", "Dương", "Dư",
         "Khuê", "Uyên"]  # common and rare, some beginning others (Dư/Dương, Thị/Thìn/Thinh, Dung/Dũng)


def _name(rng: random.Random) -> str:
    middle = rng.choice(MIDDLE)
    given = rng.choice(GIVEN[:6]) if rng.random() < 0.6 else rng.choice(GIVEN)
    return " ".join(w for w in (rng.choice(FAMILY), middle, given) if w)


@pytest.fixture
def town(cast: Cast) -> dict[str, Any]:
    """About 50 files in four cells of two districts, members and candidates, one voided; seeded names."""
    rng = random.Random(15)
    cell_b1a = establish(cast.root_admin, "T-B-1-a", "Chi bộ thôn Bản Lìa", "cell", cast.commune_b1)
    cell_a2a = establish(cast.root_admin, "T-A-2-a", "Chi bộ thôn Pác Ngòi", "cell", cast.commune_a2)
    cells = [cast.cell_a1a, cast.cell_a1b, cell_a2a, cell_b1a]
    people = []
    for i in range(48):
        cell = cells[i % 4]
        if i % 3 == 0:
            people.append(f.member(cast.root_admin, cell, _name(rng)))
        else:
            people.append(f.person(cast.root_admin, cell, _name(rng), other_names="Út" if i % 11 == 0 else ""))
    voiding.person_void(actor=cast.root_admin, person=people[5], reason="Nhập trùng")
    return {"cells": cells, "people": people, "rng": rng}


def _queries(rng: random.Random, people: list[Person]) -> list[str]:
    """Words of the names typed whole, cut short, with and without diacritics, alone and in pairs; and misses."""
    typed = ["van", "d", "du", "dung", "dũng", "thi", "th", "an", "khue", "nguyen van", "van dung", "thi thi",
             "du dung", "ut", "zz", "n_uyen", "ngu%", "Đức Nguyễn"]
    for person in rng.sample(people, 5):
        parts = person.full_name.split()
        word = rng.choice(parts)
        typed.append(word if rng.random() < 0.5 else fold(word)[: rng.randint(1, len(fold(word)))])
        typed.append(" ".join(rng.sample(parts, 2)))
    return typed


def _all_pages(user: Any, spec: queries.MemberFilter, per_page: int) -> tuple[Any, ...]:
    today = timezone.localdate()
    page = queries.member_page(user, spec, on=today, per_page=per_page)
    first = (page.count, page.by_status, page.over)
    forward, cursors = [], []
    while True:
        forward += [p.pk for p in page.rows]
        cursors.append((page.next_cursor, page.previous_cursor))
        if page.next_cursor is None:
            break
        page = queries.member_page(user, spec, on=today, after=page.next_cursor, per_page=per_page)
    backward: list[int] = []
    while page.previous_cursor is not None:
        page = queries.member_page(user, spec, on=today, before=page.previous_cursor, per_page=per_page)
        backward = [p.pk for p in page.rows] + backward
        cursors.append((page.next_cursor, page.previous_cursor))
    api = queries.person_page(user, q=spec.q, per_page=per_page, offset=1)
    picked = [p.pk for p in queries.person_search(user, spec.q, limit=7)]
    return first, forward, backward, cursors, [p.pk for p in api.rows], api.count, picked


def _both(monkeypatch: Any, user: Any, spec: queries.MemberFilter, per_page: int) -> tuple[Any, Any]:
    monkeypatch.setattr(keyset, "WORD_WALK", False)
    before = _all_pages(user, spec, per_page)
    monkeypatch.setattr(keyset, "WORD_WALK", True)
    return before, _all_pages(user, spec, per_page)


@pytest.mark.parametrize("small_scope", [0, walk_module.SMALL_SCOPE], ids=["word-walk", "scope-first"])
def test_the_word_walk_gives_the_rows_of_the_plans_before_it(cast: Cast, town: dict[str, Any], monkeypatch: Any,
                                                             small_scope: int) -> None:
    monkeypatch.setattr(walk_module, "SMALL_SCOPE", small_scope)
    rng: random.Random = town["rng"]
    person_role = RoleKind.objects.get(code="organization-board")
    role_grant(actor=cast.root_admin, user=cast.outsider, kind=person_role, person=town["people"][1])
    forget_cached_scope(cast.outsider)
    users = [cast.root_admin, cast.province_officer, cast.district_officer, cast.cell_secretary, cast.outsider,
             cast.member]
    seen_rows = 0
    for text in _queries(rng, town["people"]):
        for user in users:
            spec = queries.MemberFilter(q=text)
            before, after = _both(monkeypatch, user, spec, per_page=rng.choice([2, 3, 50]))
            assert after == before, (text, user.username)
            seen_rows += len(before[1])
    assert seen_rows > 200  # the comparisons were not all of empty lists
    # Narrowed by organization, by status group, by gender (the row-by-row check), and with a count cap.
    for text in ["van", "d", "thi", "nguyen"]:
        for spec in (queries.MemberFilter(q=text, organization=cast.district_a),
                     queries.MemberFilter(q=text, organization=cast.commune_a1, status=Status.OFFICIAL),
                     queries.MemberFilter(q=text, gender="female"),
                     queries.MemberFilter(q=text, status="members")):
            before, after = _both(monkeypatch, cast.province_officer, spec, per_page=3)
            assert after == before, (text, spec)
        monkeypatch.setattr(keyset, "COUNT_CAP", 3)
        before, after = _both(monkeypatch, cast.root_admin, queries.MemberFilter(q=text), per_page=4)
        assert after == before and after[0][2], text  # over the cap: "more than 3", no counts by status
        monkeypatch.setattr(keyset, "COUNT_CAP", 10_000)
    # Every typed word over the cap of the rarity count: told apart by the table's statistics (PostgreSQL).
    monkeypatch.setattr(words, "RARITY_CAP", 1)
    for text in ["nguyen van", "van thi", "dung nguyen van"]:
        before, after = _both(monkeypatch, cast.province_officer, queries.MemberFilter(q=text), per_page=3)
        assert after == before, text


def test_the_word_walk_is_the_plan_taken(cast: Cast, town: dict[str, Any], monkeypatch: Any) -> None:
    """With the small scope turned off the district's page is read from the word table (not the old plans)."""
    monkeypatch.setattr(walk_module, "SMALL_SCOPE", 0)
    plan = walk_module.WalkPlan.of(queries._name_walk(cast.district_officer, "du"))
    assert isinstance(plan, walk_module.WalkPlan)
    assert set(plan.vocabulary) <= {"dung", "du", "duong", "duc"} and "dung" in plan.vocabulary
    monkeypatch.setattr(walk_module, "SMALL_SCOPE", 5_000)
    assert isinstance(walk_module.WalkPlan.of(queries._name_walk(cast.district_officer, "du")),
                      walk_module.SmallScope)
    assert queries._name_walk(cast.root_admin, "0123") is None  # a number: a card or citizen ID, not a name


def _rows_of(person: Person) -> set[tuple[str, str, int, str]]:
    return set(PersonWord.objects.filter(person=person).values_list("word", "sort_name", "organization_id",
                                                                     "status"))


def test_the_word_table_follows_the_files(cast: Cast, town: dict[str, Any]) -> None:
    person = f.member(cast.root_admin, cast.cell_a1a, "Lê Thị Thu Thủy", other_names="Thu Thuỷ")
    person.refresh_from_db()
    assert _rows_of(person) == {(w, person.sort_name, cast.cell_a1a.pk, person.status)
                                for w in ("le", "thi", "thu", "thuy")}
    services.person_update(actor=cast.root_admin, person=person, full_name="Lê Thị Hằng", reason="Sửa tên")
    person.refresh_from_db()
    assert {row[0] for row in _rows_of(person)} == {"le", "thi", "hang", "thu", "thuy"}
    assert {row[1] for row in _rows_of(person)} == {person.sort_name}
    voiding.person_void(actor=cast.root_admin, person=person, reason="Nhập trùng")
    person.refresh_from_db()
    assert {row[3] for row in _rows_of(person)} == {Status.VOIDED}
    # Every file the services wrote has exactly the rows that words_fill writes from its name.
    expected = {(p.pk, w, p.sort_name, p.organization_id, p.status) for p in Person.objects.all()
                for w in set(p.search_name.split())}
    assert set(PersonWord.objects.values_list("person_id", "word", "sort_name", "organization_id",
                                              "status")) == expected
    PersonWord.objects.all().delete()
    assert words.words_fill() == len(expected)
    assert words.words_fill() == 0  # files that have their rows are left alone
    assert set(PersonWord.objects.values_list("person_id", "word", "sort_name", "organization_id",
                                              "status")) == expected


def test_a_transfer_moves_the_rows_to_the_new_cell(cast: Cast, town: dict[str, Any]) -> None:
    person = next(p for p in town["people"] if p.status == Status.OFFICIAL and p.organization_id == cast.cell_a1a.pk)
    on = f.D(2021, 3, 1)
    services.member_transfer_out(actor=cast.root_admin, person=person, temporary=False, occurred_on=on,
                                 letter=f.letter(), destination=cast.cell_a1b)
    services.member_transfer_in(actor=cast.root_admin, person=person, temporary=False, organization=cast.cell_a1b,
                                occurred_on=f.D(2021, 3, 5))
    person.refresh_from_db()
    assert person.organization_id == cast.cell_a1b.pk
    assert {row[2] for row in _rows_of(person)} == {cast.cell_a1b.pk}


def test_files_opened_in_bulk_have_their_words(cast: Cast) -> None:
    """The bulk import's door (members.services.bulk, used by ingest) writes the rows as person_create does."""
    from members.services.bulk import NewFile, PersonsBulk

    bulk = PersonsBulk(actor=cast.root_admin, confirm_duplicate=True)
    files = [NewFile(organization=cast.cell_a1a, full_name=name, gender="female", birth_date=f.D(1990, 1, 2),
                     fields={"general_education": "12/12"}) for name in ("Hà Thị Thu", "Mai Anh Đào")]
    plans, faults = bulk.check(files)
    assert faults == [None, None]
    written = bulk.write([plan for plan in plans if plan is not None])
    bulk.close()
    for person in written:
        assert _rows_of(person) == {(w, person.sort_name, person.organization_id, person.status)
                                    for w in person.search_name.split()}
    assert [p.full_name for p in queries.person_search(cast.district_officer, "dao")] == ["Mai Anh Đào"]
