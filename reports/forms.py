"""The period and the date of the figures page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from core.figures import FigureRequest
from core.views import attach_error
from organizations.forms import date_field
from reports.figures import make_request

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

    def figure_request(self, organization: Any) -> FigureRequest | None:
        """The figures request for the form's dates (all defaults when unbound), or None with the refusal beside
        its field. The caller has checked `is_valid()` on a bound form."""
        data = self.cleaned_data if self.is_bound else {}
        try:
            return make_request(organization=organization, date_from=data.get("date_from"),
                                date_to=data.get("date_to"), as_of=data.get("as_of"))
        except DomainError as error:
            attach_error(self, DomainError(error.message, field={"from": "date_from"}.get(error.field or "")))
            return None
