"""Vietnamese text: diacritic-free search keys and Vietnamese collation order."""

from __future__ import annotations

import unicodedata

# Vietnamese alphabet order; a letter with a tone mark sorts as its base letter, the tone breaks ties.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # ă â/ê/ô ơ/ư make letters of their own


def fold(text: str) -> str:
    """Lower-case, strip every diacritic, map đ to d, squeeze spaces: 'Nguyễn Văn Đức' -> 'nguyen van duc'."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


def _split_letters(word: str) -> list[tuple[str, str]]:
    letters: list[tuple[str, str]] = []
    for ch in unicodedata.normalize("NFD", word.lower()):
        if unicodedata.combining(ch) and letters:
            base, marks = letters[-1]
            letters[-1] = (base, marks + ch)
        else:
            letters.append((ch, ""))
    return letters


def word_key(word: str) -> str:
    """Sortable key of one word: its letters in Vietnamese order, then '!' and its tones."""
    letter_codes, tone_codes = [], []
    for base, marks in _split_letters(word):
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _LETTER_MARKS))
        position = _ALPHABET.find(letter)
        code = position + 1 if position >= 0 else len(_ALPHABET) + 1 + ord(letter[0]) % 900
        letter_codes.append(f"{code:03d}")
        tone_codes.append(str(next((_TONES[m] for m in marks if m in _TONES), 0)))
    return "".join(letter_codes) + "!" + "".join(tone_codes)


def person_sort_key(full_name: str) -> str:
    """Vietnamese order for a person: given name, then middle names, then family name."""
    words = full_name.split()
    ordered = [words[-1], *words[1:-1], words[0]] if len(words) > 1 else words
    return " ".join(word_key(w) for w in ordered)[:500]


def title_sort_key(title: str) -> str:
    """Vietnamese order for an organization or place name, word by word."""
    return " ".join(word_key(w) for w in title.split())[:500]
