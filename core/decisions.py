"""Decisions that authorise events: a number in Party or State style, a date and an issuer."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError

# Party style (Hướng dẫn 36-HD/VPTW): 05-CT/TW, 11-CTr/HU, 01-HD/BTCĐU, 09-KH/ĐU.
PARTY_NUMBER = re.compile(r"^\d{1,5}-[A-ZĐ][A-Za-zĐđ]{0,5}/[A-ZĐ][A-Za-z0-9ĐđÀ-ỹ]{0,19}$")
# State style: 855/NQ-UBTVQH14, 30/2020/NĐ-CP, 816/QĐ-UBND.
STATE_NUMBER = re.compile(
    r"^\d{1,6}/(\d{4}/)?[A-ZĐ][A-Za-zĐđ]{0,5}-[A-ZĐ][A-Za-z0-9ĐđÀ-ỹ]{0,19}(-[A-ZĐ0-9][A-Za-z0-9Đđ]{0,19})?$"
)


def decision_number_is_valid(number: str) -> bool:
    """True for a document number written in the Party or the State style."""
    return bool(PARTY_NUMBER.match(number) or STATE_NUMBER.match(number))


EARLIEST_YEAR, LATEST_YEAR = 1930, 2999  # the Party was founded in 1930; later years are typing errors


def check_date(day: dt.date, *, field: str) -> None:
    """Refuse dates no record can have (before 1930 or after 2999), which are typing errors."""
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise DomainError(
            _("The date %(date)s is not plausible.") % {"date": day.strftime("%d/%m/%Y")}, field=field
        )


@dataclass(frozen=True)
class Decision:
    """The decision behind an event: number (e.g. 855/NQ-UBTVQH14), signing date, issuing body."""

    number: str
    date: dt.date
    issuer: str = ""

    def validate(self, *, field_prefix: str = "decision") -> None:
        number = (self.number or "").strip()
        if not number:
            raise DomainError(_("The decision number is required."), field=f"{field_prefix}_number")
        if not decision_number_is_valid(number):
            raise DomainError(
                _(
                    "Decision number “%(number)s” is malformed: write it as 05-CT/TW (Party) "
                    "or 855/NQ-UBTVQH14 (State)."
                )
                % {"number": number},
                field=f"{field_prefix}_number",
            )
        if self.date is None:
            raise DomainError(_("The decision date is required."), field=f"{field_prefix}_date")
        check_date(self.date, field=f"{field_prefix}_date")
        if len(self.issuer or "") > 255 or "\x00" in (self.issuer or ""):
            raise DomainError(_("The issuing body must be at most 255 characters."), field=f"{field_prefix}_issuer")


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
