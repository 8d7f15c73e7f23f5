"""Errors of the rules app. Both are DomainErrors, so pages and the API show them as 4xx."""

from __future__ import annotations

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.errors import DomainError


class RuleMissing(DomainError):
    """No version of a rule is in force on the date asked for (e.g. an event before the earliest regulation)."""

    def __init__(self, key: str, on: dt.date, *, field: str | None = None) -> None:
        super().__init__(
            _("No version of rule “%(key)s” is in force on %(date)s.")
            % {"key": key, "date": date_format(on, "SHORT_DATE_FORMAT")},
            field=field,
        )
        self.key = key
        self.on = on


class NotPermitted(DomainError):
    """The actor may not change installation-wide reference data."""

    status_code = 403
