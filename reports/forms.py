"""The period and the date of the figures page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.forms import date_field

# Field -> query-string name: the page takes the API's parameter names (?from=&to=&as_of=), dates as dd/mm/yyyy.
PARAMS = {"date_from": "from", "date_to": "to", "as_of": "as_of", "with_predecessors": "with_predecessors"}


class FiguresForm(forms.Form):
    """Empty fields take the figures service's defaults (as of today; the period: 1 January to that date)."""

    date_from = date_field(_("Period from"), required=False)
    date_to = date_field(_("to"), required=False)
    as_of = date_field(_("Stocks as of"), required=False)
    with_predecessors = forms.BooleanField(label=_("With predecessors"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def add_prefix(self, field_name: str) -> str:
        return PARAMS.get(field_name, field_name)
