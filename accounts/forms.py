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


class PasswordResetForm(forms.Form):
    """An administrator sets a new password for a user who forgot theirs (told to them in person)."""

    password = forms.CharField(label=_("New password"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password_again = forms.CharField(label=_("New password again"), strip=False,
                                     widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("password") and data.get("password_again") and data["password"] != data["password_again"]:
            self.add_error("password_again", _("The two passwords differ."))
        return data
