"""What a service is given besides plain values: introducers, an admission history, a transfer letter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from core.decisions import Decision
from members.models import (
    Person,
)


@dataclass(frozen=True)
class Introducer:
    """An official member who introduces the applicant, and since when they have worked together.

    `replacement`: assigned by the cell in place of an introducer who moved away or can no longer introduce
    (§3.2.2); whether the months together are required of a replacement is a rule
    (admission.replacement_introducer_needs_months_together)."""

    person: Person
    worked_together_since: dt.date
    replacement: bool = False


@dataclass(frozen=True)
class AdmissionRecord:
    """Admission history copied from an existing file (a member already admitted, or arriving from outside)."""

    decision: Decision
    ceremony_on: dt.date | None = None
    recognised_on: dt.date | None = None
    recognition_decision: Decision | None = None


@dataclass(frozen=True)
class TransferLetter:
    """The introduction letter of a transfer (giấy giới thiệu sinh hoạt đảng)."""

    register_number: str = ""  # số đăng ký giấy giới thiệu
    card_number: str = ""
    history_number: str = ""
    list_number: str = ""  # số danh sách trong chi bộ
    dues_paid_until: dt.date | None = None  # any day of the last month paid
    issued_on: dt.date | None = None
    issuer: str = ""

    def as_details(self) -> dict[str, Any]:
        return {
            "register_number": self.register_number.strip(),
            "card_number": self.card_number.strip(),
            "history_number": self.history_number.strip(),
            "list_number": self.list_number.strip(),
            "dues_paid_until": self.dues_paid_until.strftime("%Y-%m") if self.dues_paid_until else "",
            "issued_on": self.issued_on.isoformat() if self.issued_on else "",
            "issuer": self.issuer.strip(),
        }

