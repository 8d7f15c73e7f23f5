"""Document numbers: every Party and State format parses back to its parts (property-tested), malformed ones
are refused, and a number is checked against its type and issuer code (data)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.decisions import PARTY, STATE, decision_number_is_valid, parse_document_number
from documents.reference import DOCUMENT_TYPES, ISSUER_CODES

PARTY_TYPES = [code for style, code, *_ in DOCUMENT_TYPES if style == PARTY]
STATE_TYPES = [code for style, code, *_ in DOCUMENT_TYPES if style == STATE]
PARTY_ISSUERS = [code for style, code, *_ in ISSUER_CODES if style == PARTY]
STATE_ISSUERS = [code for style, code, *_ in ISSUER_CODES if style == STATE]
serials = st.integers(min_value=1, max_value=99999).map(lambda n: f"{n:02d}")
years = st.integers(min_value=1945, max_value=2099)


@pytest.mark.parametrize("number,parts", [
    ("05-CT/TW", (PARTY, 5, "CT", "TW", None)),
    ("11-CTr/HU", (PARTY, 11, "CTr", "HU", None)),
    ("07-NQ/TU", (PARTY, 7, "NQ", "TU", None)),
    ("01-ĐA/HU", (PARTY, 1, "ĐA", "HU", None)),
    ("36-HD/VPTW", (PARTY, 36, "HD", "VPTW", None)),
    ("11-QĐi/TW", (PARTY, 11, "QĐi", "TW", None)),
    ("855/NQ-UBTVQH14", (STATE, 855, "NQ", "UBTVQH14", None)),
    ("30/2020/NĐ-CP", (STATE, 30, "NĐ", "CP", 2020)),
    ("22/2003/QH11", (STATE, 22, "", "QH11", 2003)),
    ("816/QĐ-UBND", (STATE, 816, "QĐ", "UBND", None)),
])
def test_the_issue_examples_parse(number: str, parts: tuple) -> None:
    parsed = parse_document_number(number)
    assert parsed is not None
    assert (parsed.style, parsed.serial, parsed.type_code, parsed.issuer_code, parsed.year) == parts
    assert str(parsed) == number
    assert decision_number_is_valid(number)


@given(serials, st.sampled_from(PARTY_TYPES), st.sampled_from(PARTY_ISSUERS))
def test_party_numbers_round_trip(serial: str, type_code: str, issuer: str) -> None:
    number = f"{serial}-{type_code}/{issuer}"
    parsed = parse_document_number(number)
    assert parsed is not None and parsed.style == PARTY
    assert (parsed.serial, parsed.type_code, parsed.issuer_code) == (int(serial), type_code, issuer)
    assert str(parsed) == number


@given(serials, st.one_of(st.none(), years), st.sampled_from(STATE_TYPES), st.sampled_from(STATE_ISSUERS),
       st.one_of(st.just(""), st.integers(min_value=1, max_value=20).map(str)))
def test_state_numbers_round_trip(serial: str, year: int | None, type_code: str, issuer: str, legislature: str) -> None:
    middle = f"{year}/" if year else ""
    number = f"{serial}/{middle}{type_code}-{issuer}{legislature}"
    parsed = parse_document_number(number)
    assert parsed is not None and parsed.style == STATE
    assert (parsed.serial, parsed.year, parsed.type_code, parsed.issuer_code) == (
        int(serial), year, type_code, issuer + legislature)
    assert parsed.issuer_base == issuer
    assert str(parsed) == number


@given(serials, years, st.integers(min_value=1, max_value=16))
def test_law_numbers_round_trip(serial: str, year: int, legislature: int) -> None:
    number = f"{serial}/{year}/QH{legislature}"
    parsed = parse_document_number(number)
    assert parsed is not None and parsed.type_code == "" and parsed.year == year
    assert parsed.issuer_base == "QH" and str(parsed) == number


@pytest.mark.parametrize("bad", [
    "", "abc", "12/", "-CT/TW", "05-CT/", "855/NQ", "05 CT/TW", "0-CT/TW", "00/NQ-CP", "05-ct/TW", "05-CT/tw",
    "05-CT-TW", "05/CT/TW", "CT-05/TW", "05-CT/TW/", "855/NQ-", "30/20/NĐ-CP", "30/2020/", "22/QH11", "05-CT/TW 1",
    "5-CTCTCTC/TW", "855//NQ-CP", "１２-CT/TW",
])
def test_malformed_numbers_are_refused(bad: str) -> None:
    assert parse_document_number(bad) is None
    assert not decision_number_is_valid(bad)


numbers = st.one_of(
    st.builds(lambda n, t, i: f"{n}-{t}/{i}", serials, st.sampled_from(PARTY_TYPES), st.sampled_from(PARTY_ISSUERS)),
    st.builds(lambda n, y, t, i: f"{n}/{y}/{t}-{i}", serials, years, st.sampled_from(STATE_TYPES),
              st.sampled_from(STATE_ISSUERS)),
    st.builds(lambda n, y: f"{n}/{y}/QH14", serials, years),
)
ALPHABET = "0123456789/- .,xĐđ\t\n０QHCTNĐ"


@given(numbers, st.integers(min_value=0, max_value=40), st.sampled_from(["insert", "delete", "replace"]),
       st.sampled_from(list(ALPHABET)))
def test_a_mutated_number_is_refused_or_read_exactly_as_written(number: str, where: int, how: str,
                                                               char: str) -> None:
    where %= len(number)
    mutated = {"insert": number[:where] + char + number[where:],
               "delete": number[:where] + number[where + 1:],
               "replace": number[:where] + char + number[where + 1:]}[how]
    parsed = parse_document_number(mutated)
    if parsed is None:
        return
    # Whatever is accepted is read exactly as written: no part is guessed or dropped.
    assert str(parsed) == mutated.strip()
    assert parsed.serial >= 1 and parsed.serial_text.isascii() and parsed.serial_text.isdigit()
    assert " " not in str(parsed) and "\n" not in str(parsed)


@given(serials, st.sampled_from(PARTY_TYPES), st.sampled_from(PARTY_ISSUERS), st.sampled_from([" ", "/", "-", "."]))
def test_a_character_doubled_in_the_separator_breaks_it(serial: str, type_code: str, issuer: str,
                                                        junk: str) -> None:
    assert parse_document_number(f"{serial}-{junk}{type_code}/{issuer}") is None
    assert parse_document_number(f"{serial}-{type_code}/{junk}{issuer}") is None
