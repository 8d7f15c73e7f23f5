"""Every fault of an input at once: collected, then raised as one refusal naming each field."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from core.decisions import EARLIEST_YEAR, LATEST_YEAR
from core.errors import FaultList
from core.validators import has_control_characters


class Collector(FaultList):
    """A fault list that also cleans the common kinds of input."""

    def text(self, value: Any, field_name: str, *, max_length: int, required: bool = False,
             multiline: bool = False) -> str:
        """The text stripped; a fault when missing (if required), too long, or holding a control character."""
        text = str(value or "").strip()
        if required and not text:
            self.add(_("This field is required."), field_name)
        elif len(text) > max_length:
            self.add(_("At most %(count)d characters.") % {"count": max_length}, field_name)
            return ""
        elif has_control_characters(text, multiline=multiline):
            self.add(_("The text contains an invisible control character; retype it without it."), field_name)
            return ""
        return text

    def date(self, value: Any, field_name: str, *, required: bool = True) -> dt.date | None:
        if value is None:
            if required:
                self.add(_("This field is required."), field_name)
            return None
        if not isinstance(value, dt.date) or not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
            self.add(_("The date is not plausible."), field_name)
            return None
        return value
