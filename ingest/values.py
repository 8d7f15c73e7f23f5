"""Cell values of the member-file format: reading a cell into a typed value, and a member file into cells.

The same typed values serve both ways, so an exported row read back is equal to the file it came from:
text and codes are `str` ("" when empty), dates `datetime.date | None`, gender and political theory the
members app's codes, ethnicity and religion their reference rows (or None).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from core.validators import has_control_characters
from ingest.columns import BY_KEY, PLACE_FIELDS, Column, Kind, header_key
from members.models import Ethnicity, EventKind, Gender, Person, PersonPlace, PoliticalTheory, Religion
from members.reference import ethnicity_keys
from members.status import current_events

DATE_FORMAT = "DD/MM/YYYY"

GENDER_WORDS = {"nam": Gender.MALE, "male": Gender.MALE, "m": Gender.MALE,
                "nu": Gender.FEMALE, "female": Gender.FEMALE, "f": Gender.FEMALE}
GENDER_LABELS = {Gender.MALE: "Nam", Gender.FEMALE: "Nữ"}

THEORY_LABELS = {
    PoliticalTheory.NONE: "",
    PoliticalTheory.ELEMENTARY: "Sơ cấp",
    PoliticalTheory.INTERMEDIATE: "Trung cấp",
    PoliticalTheory.ADVANCED: "Cao cấp",
    PoliticalTheory.BACHELOR: "Cử nhân",
}
THEORY_WORDS = {
    **{header_key(label): code for code, label in THEORY_LABELS.items() if label},
    **{header_key(code): code for code in PoliticalTheory.values},
    "": PoliticalTheory.NONE, "khong": PoliticalTheory.NONE, "chua": PoliticalTheory.NONE,
    "chuaqua": PoliticalTheory.NONE, "socapllct": PoliticalTheory.ELEMENTARY,
    "trungcapllct": PoliticalTheory.INTERMEDIATE, "caocapllct": PoliticalTheory.ADVANCED,
}
NO_RELIGION = {"", "khong", "none", "0"}

_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_LINE_BREAKS = re.compile(r"[\t\n\r]+")


class CellError(Exception):
    """The cell cannot be read; the message says how to write it."""


class References:
    """Ethnic groups and religions by folded name and by code, loaded once per file."""

    def __init__(self) -> None:
        self.ethnicities: dict[str, Ethnicity] = {}
        by_code: dict[str, Ethnicity] = {}
        for ethnicity in Ethnicity.objects.all():
            by_code[ethnicity.code] = ethnicity
            self.ethnicities.setdefault(header_key(ethnicity.name), ethnicity)
            self.ethnicities.setdefault(header_key(ethnicity.code), ethnicity)
        for key, code in ethnicity_keys().items():  # other official spellings and names: "Mông", "Mèo", "Khmer"
            if code in by_code:
                self.ethnicities.setdefault(key, by_code[code])
        self.religions: dict[str, Religion] = {}
        for religion in Religion.objects.all():
            self.religions.setdefault(header_key(religion.name), religion)
            self.religions.setdefault(header_key(religion.code), religion)


# ----------------------------------------------------------------------------- reading a cell


def _as_text(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "1" if raw else "0"
    if isinstance(raw, float) and raw.is_integer() and abs(raw) < 1e16:
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.strftime("%d/%m/%Y") if raw.time() == dt.time() else raw.isoformat(sep=" ")
    if isinstance(raw, dt.date):
        return raw.strftime("%d/%m/%Y")
    return str(raw).strip()


def _as_date(raw: Any) -> dt.date | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, bool):
        raise CellError(_("Write the date as dd/mm/yyyy."))
    if isinstance(raw, int | float):
        # A date cell that lost its date format: Excel's serial day number.
        if 1 <= raw < 2958466 and float(raw).is_integer():
            return _EXCEL_EPOCH + dt.timedelta(days=int(raw))
        raise CellError(_("Write the date as dd/mm/yyyy."))
    text = str(raw).strip()
    match = _DMY.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        match = _YMD.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return dt.date(year, month, day)
    except ValueError as exc:
        raise CellError(_("“%(text)s” is not a date of the calendar.") % {"text": text[:40]}) from exc
    raise CellError(_("Write the date as dd/mm/yyyy (“%(text)s” is not one).") % {"text": text[:40]})


def read_cell(column: Column, raw: Any, refs: References) -> Any:
    """The typed value of a cell, or CellError."""
    kind = column.kind
    if kind == Kind.DATE:
        return _as_date(raw)
    if kind == Kind.EDUCATION and isinstance(raw, dt.date):
        # Excel turns "12/12" or "9/12" typed in a General cell into a date (12 or 9 December).
        return f"{raw.day}/{raw.month}"
    text = _as_text(raw)
    if has_control_characters(text, multiline=True):
        raise CellError(_("The cell contains an invisible control character (such as ESC or NUL); retype the text "
                          "without it."))
    text = _LINE_BREAKS.sub(" ", text).strip()  # a line break typed in a cell (Alt+Enter) is a space
    if len(text) > column.max_length:
        raise CellError(_("At most %(n)d characters (this cell has %(has)d).") % {"n": column.max_length,
                                                                                   "has": len(text)})
    if kind == Kind.GENDER:
        if not text:
            return ""
        gender = GENDER_WORDS.get(header_key(text))
        if gender is None:
            raise CellError(_("Write Nam or Nữ."))
        return str(gender)
    if kind == Kind.THEORY:
        theory = THEORY_WORDS.get(header_key(text))
        if theory is None:
            raise CellError(_("Write Sơ cấp, Trung cấp, Cao cấp or Cử nhân, or leave the cell empty."))
        return str(theory)
    if kind == Kind.ETHNICITY:
        if not text:
            return None
        key = header_key(text.zfill(2) if text.isdigit() else text)
        if key not in refs.ethnicities:
            raise CellError(_("Unknown ethnic group “%(text)s”: write its name or code as in the list.")
                            % {"text": text[:60]})
        return refs.ethnicities[key]
    if kind == Kind.RELIGION:
        key = header_key(text)
        if key in NO_RELIGION:
            return None
        if key not in refs.religions:
            raise CellError(_("Unknown religion “%(text)s”: write its name as in the list, or leave the cell empty.")
                            % {"text": text[:60]})
        return refs.religions[key]
    if column.key == "citizen_id" and isinstance(raw, int | float) and 10 <= len(text) <= 11:
        text = text.zfill(12)  # a number cell dropped the leading zeros
    if column.key == "phone" and isinstance(raw, int | float) and len(text) == 9:
        text = "0" + text
    if column.key == "member_code":
        text = normalize_code(text)
    if column.key in ("full_name", "other_names"):
        text = " ".join(text.split())
    return text


def normalize_code(text: str) -> str:
    """A member code as stored and compared: spaces squeezed, upper case (codes are not case-sensitive)."""
    return " ".join((text or "").split()).upper()


def as_uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text.strip())
    except (ValueError, AttributeError, TypeError):
        return None


# ----------------------------------------------------------------------------- a member file as cells


@dataclass(frozen=True)
class History:
    candidate_registered_on: dt.date | None = None
    admission: Any = None
    ceremony: Any = None
    recognition: Any = None


HISTORY_KINDS = (EventKind.CANDIDATE_REGISTERED, EventKind.ADMISSION_DECISION, EventKind.ADMISSION_CEREMONY,
                 EventKind.RECOGNITION, EventKind.CORRECTION)


def history_of(events: Iterable[Any]) -> History:
    """The first current admission decision, ceremony and recognition (or the candidate registration)."""
    firsts: dict[str, Any] = {}
    for event in current_events(events):
        firsts.setdefault(event.kind, event)
    candidate = firsts.get(EventKind.CANDIDATE_REGISTERED)
    return History(
        candidate_registered_on=candidate.occurred_on if candidate is not None else None,
        admission=firsts.get(EventKind.ADMISSION_DECISION),
        ceremony=firsts.get(EventKind.ADMISSION_CEREMONY),
        recognition=firsts.get(EventKind.RECOGNITION),
    )


def person_values(person: Person, events: Iterable[Any], *, code: str,
                  places: Iterable[PersonPlace] = ()) -> dict[str, Any]:
    """The typed value of every column for a member file, its (history) events and its current places (open
    `PersonPlace` rows with their unit)."""
    history = history_of(events)
    admission, ceremony, recognition = history.admission, history.ceremony, history.recognition
    values: dict[str, Any] = {"member_code": code, "organization_code": person.organization.code}
    for key in ("full_name", "other_names", "gender", "birth_date", "birth_place", "hometown", "citizen_id",
                "phone", "address", "general_education", "professional_qualification", "political_theory",
                "occupation", "party_card_number", "history_number"):
        values[key] = getattr(person, key)
    values["ethnicity"] = person.ethnicity
    values["religion"] = person.religion
    values["candidate_registered_on"] = history.candidate_registered_on if admission is None else None
    values["admission_date"] = admission.occurred_on if admission is not None else None
    values["admission_decision_number"] = admission.decision_number if admission is not None else ""
    values["admission_decision_issuer"] = admission.decision_issuer if admission is not None else ""
    values["ceremony_on"] = ceremony.occurred_on if ceremony is not None else None
    values["recognised_on"] = recognition.occurred_on if recognition is not None else None
    values["recognition_decision_number"] = recognition.decision_number if recognition is not None else ""
    values["recognition_decision_date"] = recognition.decision_date if recognition is not None else None
    values["recognition_decision_issuer"] = recognition.decision_issuer if recognition is not None else ""
    for unit_key, since_key in PLACE_FIELDS.values():
        values[unit_key], values[since_key] = "", None
    for place in places:
        if place.valid_to is None and place.kind in PLACE_FIELDS:
            unit_key, since_key = PLACE_FIELDS[place.kind]
            values[unit_key], values[since_key] = place.unit.code, place.valid_from
    return values


def open_places(person_ids: Iterable[int]) -> dict[int, list[PersonPlace]]:
    """The current places of the files, with their units (one query)."""
    ids = list(person_ids)
    found: dict[int, list[PersonPlace]] = {pk: [] for pk in ids}
    for place in PersonPlace.objects.filter(person_id__in=ids, valid_to__isnull=True).select_related("unit"):
        found[place.person_id].append(place)
    return found


def same(key: str, a: Any, b: Any) -> bool:
    """Two typed values of a column are the same (text compared with squeezed spaces)."""
    if isinstance(a, Ethnicity | Religion) or isinstance(b, Ethnicity | Religion):
        return getattr(a, "pk", None) == getattr(b, "pk", None)
    if key == "political_theory":
        return (a or PoliticalTheory.NONE) == (b or PoliticalTheory.NONE)
    if isinstance(a, dt.date) or isinstance(b, dt.date) or a is None or b is None:
        return (a or None) == (b or None)
    text_a, text_b = " ".join(str(a).split()), " ".join(str(b).split())
    if key == "general_education":
        return text_a.replace(" ", "") == text_b.replace(" ", "")
    if key in ("organization_code", "residence_unit", "workplace_unit"):
        return text_a.casefold() == text_b.casefold()
    return text_a == text_b


def display(key: str, value: Any) -> str:
    """A typed value as the user would type it in the file."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if key == "gender":
        return GENDER_LABELS.get(value, str(value))
    if key == "political_theory":
        return THEORY_LABELS.get(value, str(value))
    if isinstance(value, Ethnicity | Religion):
        return value.name
    return str(value)


def sheet_value(key: str, value: Any) -> Any:
    """A typed value as written in an exported cell: dates stay dates, the rest is text."""
    column = BY_KEY[key]
    if column.kind == Kind.DATE:
        return value if isinstance(value, dt.date) else None
    return display(key, value) or None


def sheet_row(values: Mapping[str, Any], keys: Iterable[str]) -> list[Any]:
    return [sheet_value(key, values.get(key)) for key in keys]
