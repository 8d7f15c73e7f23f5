"""Decisions that authorise events: a number in Party or State style, a date and an issuer."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError, FaultList

# Party style (Hướng dẫn 36-HD/VPTW): 05-CT/TW, 11-CTr/HU, 01-HD/BTCĐU, 09-KH/ĐU.
_CODE = r"[A-ZĐ][A-Za-zĐđ]{0,5}"
_BODY = r"[A-ZĐ][A-Za-z0-9ĐđÀ-ỹ]{0,19}"
PARTY_NUMBER = re.compile(rf"^(?P<serial>[0-9]{{1,5}})-(?P<type>{_CODE})/(?P<issuer>{_BODY})$")
# State style: 855/NQ-UBTVQH14, 30/2020/NĐ-CP, 816/QĐ-UBND, 02/2003/PL-UBTVQH11.
STATE_NUMBER = re.compile(
    rf"^(?P<serial>[0-9]{{1,6}})/(?:(?P<year>[0-9]{{4}})/)?(?P<type>{_CODE})-"
    rf"(?P<issuer>{_BODY}(?:-[A-ZĐ0-9][A-Za-z0-9Đđ]{{0,19}})?)$"
)
# Laws and resolutions of the National Assembly carry no type code: 22/2003/QH11, 55/2017/QH14 (year required).
LAW_NUMBER = re.compile(r"^(?P<serial>[0-9]{1,6})/(?P<year>[0-9]{4})/(?P<issuer>[A-ZĐ][A-Za-z0-9Đđ]{0,19})$")

PARTY, STATE = "party", "state"


@dataclass(frozen=True)
class DocumentNumber:
    """A parsed document number. `type_code` is empty for a law-style number (22/2003/QH11)."""

    style: str  # PARTY or STATE
    serial: int
    serial_text: str  # as written ("05")
    type_code: str
    issuer_code: str  # "TW", "HU", "UBTVQH14", "CP", "UBND-NC"
    year: int | None = None

    def __str__(self) -> str:
        if self.style == PARTY:
            return f"{self.serial_text}-{self.type_code}/{self.issuer_code}"
        year = f"{self.year}/" if self.year is not None else ""
        if not self.type_code:
            return f"{self.serial_text}/{year}{self.issuer_code}"
        return f"{self.serial_text}/{year}{self.type_code}-{self.issuer_code}"

    @property
    def issuer_base(self) -> str:
        """The issuing body without a legislature's number or a unit suffix: UBTVQH14 -> UBTVQH, UBND-NC -> UBND."""
        head = self.issuer_code.split("-", 1)[0]
        return head.rstrip("0123456789") or head if self.style == STATE else head


def parse_document_number(number: str) -> DocumentNumber | None:
    """The parts of a Party ("số-LOẠI/CƠQUAN") or State ("số/[năm/]LOẠI-CƠQUAN", "số/năm/CƠQUAN") number, or None.

    The serial must be at least 1. Leading and trailing spaces are ignored; nothing else is corrected.
    """
    text = unicodedata.normalize("NFC", (number or "").strip())
    for style, pattern in ((PARTY, PARTY_NUMBER), (STATE, STATE_NUMBER), (STATE, LAW_NUMBER)):
        match = pattern.match(text)
        if match is None:
            continue
        parts = match.groupdict()
        serial = int(parts["serial"])
        if serial < 1:
            return None
        year = int(parts["year"]) if parts.get("year") else None
        return DocumentNumber(style, serial, parts["serial"], parts.get("type") or "", parts["issuer"], year)
    return None


def decision_number_is_valid(number: str) -> bool:
    """True for a document number written in the Party or the State style (22/2003/QH11 included)."""
    return parse_document_number(number) is not None


EARLIEST_YEAR, LATEST_YEAR = 1930, 2999  # the Party was founded in 1930; later years are typing errors


def check_date(day: dt.date, *, field: str) -> None:
    """Refuse dates no record can have (before 1930 or after 2999), which are typing errors."""
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise DomainError(_("The date %(date)s is not plausible: a record's year lies between %(first)s and %(last)s.")
                          % {"date": day.strftime("%d/%m/%Y"), "first": EARLIEST_YEAR, "last": LATEST_YEAR},
                          field=field)


@dataclass(frozen=True)
class Decision:
    """The decision behind an event: number (e.g. 855/NQ-UBTVQH14), signing date, issuing body."""

    number: str
    date: dt.date
    issuer: str = ""

    def validate(self, *, field_prefix: str = "decision") -> None:
        """Refuse every fault of the decision at once (number, date, issuer), each naming its field."""
        self.faults(field_prefix=field_prefix).check()

    def faults(self, *, field_prefix: str = "decision") -> FaultList:
        faults = FaultList(prefix=f"{field_prefix}_")
        number = (self.number or "").strip()
        if not number:
            faults.add(_("The decision number is required."), "number")
        elif not decision_number_is_valid(number):
            faults.add(_("Decision number “%(number)s” is malformed: write it as 05-CT/TW (Party), 855/NQ-UBTVQH14 or "
                         "22/2003/QH11 (State).") % {"number": number[:80]}, "number")
        if self.date is None:
            faults.add(_("The decision date is required."), "date")
        elif not EARLIEST_YEAR <= self.date.year <= LATEST_YEAR:
            faults.add(_("The date %(date)s is not plausible: a record's year lies between %(first)s and %(last)s.")
                       % {"date": self.date.strftime("%d/%m/%Y"), "first": EARLIEST_YEAR, "last": LATEST_YEAR}, "date")
        if len(self.issuer or "") > 255 or "\x00" in (self.issuer or ""):
            faults.add(_("The issuing body must be at most 255 characters."), "issuer")
        return faults


class DecisionFields(models.Model):
    """Columns for the decision that authorised a row."""

    decision_number = models.CharField(_("decision number"), max_length=64)
    decision_date = models.DateField(_("decision date"))
    decision_issuer = models.CharField(_("issued by"), max_length=255, blank=True)

    class Meta:
        abstract = True

    @property
    def decision(self) -> Decision:
        return Decision(self.decision_number, self.decision_date, self.decision_issuer)

    def set_decision(self, decision: Decision) -> None:
        self.decision_number = decision.number.strip()
        self.decision_date = decision.date
        self.decision_issuer = decision.issuer.strip()
