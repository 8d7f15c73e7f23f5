"""Ethnic groups are found by every official name, spelling and common other name; no name names two groups."""

from __future__ import annotations

import pytest

from members.reference import ETHNICITIES, ETHNICITY_VARIANTS, ethnicity_code, name_key


def test_no_name_or_spelling_names_two_groups():
    owners: dict[str, set[str]] = {}
    for code, name in ETHNICITIES:
        for text in (name, *ETHNICITY_VARIANTS.get(code, ())):
            owners.setdefault(name_key(text), set()).add(code)
    assert {key: codes for key, codes in owners.items() if len(codes) > 1} == {}
    assert set(ETHNICITY_VARIANTS) <= {code for code, _name in ETHNICITIES}


def test_every_listed_name_and_code_finds_its_group():
    for code, name in ETHNICITIES:
        assert ethnicity_code(name) == code
        assert ethnicity_code(code) == code and ethnicity_code(str(int(code))) == code
        for variant in ETHNICITY_VARIANTS.get(code, ()):
            assert ethnicity_code(variant) == code, variant


@pytest.mark.parametrize(("text", "code"), [
    ("Mông", "08"), ("H'Mông", "08"), ("HMÔNG", "08"), ("Hmông", "08"), ("Mèo", "08"), ("mong", "08"),
    ("Khmer", "05"), ("Khơ Me", "05"), ("Ê Đê", "12"), ("Êđê", "12"), ("Bahnar", "13"), ("Việt", "01"),
    ("Kinh (Việt)", "01"), ("Cờ Lao", "47"), ("Co Lao", "47"), ("Gia Rai", "10"), ("Jrai", "10"),
    ("M'Nông", "20"), ("Stiêng", "22"), ("Vân Kiều", "23"), ("Bru - Vân Kiều", "23"), ("Giẻ Triêng", "27"),
    ("Tà Ôi", "31"), ("Pa Cô", "31"), ("Raglai", "21"), ("Sán Chỉ", "15"), ("Cao Lan", "15"), ("8", "08"),
])
def test_official_names_and_common_variants(text, code):
    assert ethnicity_code(text) == code


@pytest.mark.parametrize("text", ["", "  ", "Không có", "Thổ dân", "ZZ"])
def test_unknown_names_find_nothing(text):
    assert ethnicity_code(text) is None
