"""Forms of the account pages."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.services import MAX_TOKEN_DAYS


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, required=False,
        help_text=_("Something to recognise the token by, e.g. the program that uses it."),
    )
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=MAX_TOKEN_DAYS)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["days"].initial = settings.DANGVU_API_TOKEN_DAYS
