"""Search ignoring diacritics (đ = d), by card number or citizen ID; lists in Vietnamese name order."""

from __future__ import annotations

import datetime as dt

import pytest

from members import queries
from members.tests import factories as f

D = dt.date


def _names(rows) -> list[str]:
    return [p.full_name for p in rows]


def test_search_ignores_diacritics_and_matches_word_beginnings(cast):
    actor = cast.district_officer
    f.person(actor, cast.cell_a1a, "Nguyễn Văn Đức")
    f.person(actor, cast.cell_a1a, "Nguyễn Văn Dực")
    f.person(actor, cast.cell_a1a, "Trần Đức Anh")
    f.person(actor, cast.cell_a1a, "Lê Thị Hoa", other_names="Đức Hoa")
    f.person(actor, cast.cell_a1a, "Hoàng Văn Bảo Đức")
    assert _names(queries.person_search(actor, "nguyen van duc")) == ["Nguyễn Văn Dực", "Nguyễn Văn Đức"]
    assert set(_names(queries.person_search(actor, "ĐỨC"))) == {
        "Nguyễn Văn Đức", "Nguyễn Văn Dực", "Trần Đức Anh", "Lê Thị Hoa", "Hoàng Văn Bảo Đức"
    }
    assert _names(queries.person_search(actor, "tran d")) == ["Trần Đức Anh"]
    assert _names(queries.person_search(actor, "uc")) == []  # word beginnings only
    assert _names(queries.person_search(actor, "")) == []


def test_search_by_card_number_or_citizen_id_exactly(cast):
    actor = cast.district_officer
    f.person(actor, cast.cell_a1a, "Hà Văn Thẻ", party_card_number="24012345")
    f.person(actor, cast.cell_a1a, "Hà Văn Căn", citizen_id="001090000123")
    assert _names(queries.person_search(actor, "24012345")) == ["Hà Văn Thẻ"]
    assert _names(queries.person_search(actor, "001090000123")) == ["Hà Văn Căn"]
    assert _names(queries.person_search(actor, "2401234")) == []


def test_search_is_scoped(cast):
    f.person(cast.district_officer, cast.cell_a1b, "Nguyễn Văn Đức")
    assert _names(queries.person_search(cast.district_officer, "duc")) == ["Nguyễn Văn Đức"]
    assert _names(queries.person_search(cast.cell_secretary, "duc")) == []  # a1a only
    assert _names(queries.person_search(cast.outsider, "duc")) == []


def test_vietnamese_order_given_name_then_middle_then_family(cast):
    actor = cast.district_officer
    names = [
        "Nguyễn Văn Đức", "Trần Văn Dũng", "Lê Thị Ánh", "Phạm Văn An", "Nguyễn Thị Ân", "Bùi Văn Ăn",
        "Vũ Thị Ơn", "Đỗ Văn Ôn", "Hồ Văn On", "Nguyễn Văn Bình", "Lê Văn Bình", "Lê Anh Bình", "Mai Thị Ưng",
        "Đặng Văn Uy",
    ]
    for name in names:
        f.person(actor, cast.cell_a1a, name)
    expected = [
        "Phạm Văn An", "Lê Thị Ánh", "Bùi Văn Ăn", "Nguyễn Thị Ân",
        "Lê Anh Bình", "Lê Văn Bình", "Nguyễn Văn Bình",
        "Trần Văn Dũng", "Nguyễn Văn Đức",
        "Hồ Văn On", "Đỗ Văn Ôn", "Vũ Thị Ơn",
        "Đặng Văn Uy", "Mai Thị Ưng",
    ]
    assert _names(queries.person_list(actor, organization=cast.commune_a1)) == expected


@pytest.mark.django_db
def test_word_search_has_a_trigram_index_on_postgresql():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes are a PostgreSQL feature")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'person_search_trgm'")
        row = cursor.fetchone()
    assert row is not None and "gin_trgm_ops" in row[0]
