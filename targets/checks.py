"""Collecting every fault of an input before refusing it: nothing is written unless all of it is right."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from core.errors import FaultList
from core.validators import has_control_characters

MAX_VALUE = Decimal("99999999999999")  # the columns hold 18 digits, 4 of them decimals






def text(value: Any, *, field_name: str, faults: FaultList, max_length: int, required: bool = False) -> str:
    value = ("" if value is None else str(value)).strip()
    if required and not value:
        faults.add(_("This field is required."), field_name)
    elif len(value) > max_length:
        faults.add(_("At most %(count)d characters.") % {"count": max_length}, field_name)
    elif has_control_characters(value, multiline=False):
        faults.add(_("Control characters are not allowed."), field_name)
    return value[:max_length]


def number(value: Any, *, field_name: str, faults: FaultList) -> Decimal | None:
    """A Decimal from a number or a text written either way ("1,89", "35.000" is read as 35000 only with a comma
    decimal: texts with both marks are refused as ambiguous unless the dots group thousands)."""
    if isinstance(value, bool) or value is None or value == "":
        faults.add(_("A number is required."), field_name)
        return None
    try:
        if isinstance(value, str):
            raw = value.strip().replace(" ", "")
            if "," in raw:
                raw = raw.replace(".", "").replace(",", ".")
            found = Decimal(raw)
        else:
            found = Decimal(str(value))
    except (InvalidOperation, ValueError):
        faults.add(_("Not a number."), field_name)
        return None
    if not found.is_finite() or abs(found) > MAX_VALUE:
        faults.add(_("Not a number this field can hold."), field_name)
        return None
    return found.quantize(Decimal("0.0001"))


def year_in(value: Any, *, first: int, last: int, field_name: str, faults: FaultList) -> int | None:
    try:
        year = int(value)
    except (TypeError, ValueError):
        faults.add(_("A year is required."), field_name)
        return None
    if not first <= year <= last:
        faults.add(_("The year %(year)s is outside %(first)s–%(last)s.") % {"year": year, "first": first, "last": last},
                   field_name)
        return None
    return year
