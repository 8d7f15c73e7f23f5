"""What every form shares: the date field typed as dd/mm/yyyy with a visible hint and a picker, the form renderer
that marks required fields, and empty choices that say what to choose ("— Chọn chi bộ —", never "---------")."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.formats import get_format_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

DATE_INPUT_FORMATS = get_format_lazy("DATE_INPUT_FORMATS")
DASHES = "---------"  # Django's own empty choice (ModelChoiceField.empty_label, BLANK_CHOICE_DASH)


class DateTextInput(forms.DateInput):
    """A text box for dd/mm/yyyy: the phone's full keyboard (it has "/"), the expected format shown under it, and a
    calendar button added by app.js (a native date picker that writes the date back as dd/mm/yyyy)."""

    template_name = "core/forms/date_input.html"

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:
        base = {"placeholder": _("dd/mm/yyyy"), "inputmode": "text", "autocomplete": "off", "size": 12,
                "pattern": r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}", "data-date-input": "",
                "data-picker-label": _("Choose on a calendar"), "data-picker-text": _("Calendar")}
        super().__init__(attrs={**base, **(attrs or {})}, format=format)


def date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    """A date typed as dd/mm/yyyy (the format module's input formats); a wrong one is refused with the format and an
    example."""
    return forms.DateField(
        label=label, required=required, help_text=help_text, input_formats=DATE_INPUT_FORMATS,
        widget=DateTextInput(),
        error_messages={"invalid": _("Enter the date as dd/mm/yyyy, for example 15/02/2018.")},
    )


def choose_label(label: Any) -> Any:
    """"— Chọn chi bộ —" for a field labelled "Chi bộ": the empty choice of a list says what to choose."""
    if not label:
        return _("— Choose —")
    return format_lazy(_("— Choose {what} —"), what=str(label)[:1].lower() + str(label)[1:])


def label_empty_choice(field: forms.Field, label: Any) -> None:
    """Replace Django's "---------" empty choice of one form field by `choose_label(label)`."""
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DASHES:
            field.empty_label = choose_label(label)
    elif isinstance(field, forms.ChoiceField):
        choices: list[Any] = list(field.choices)  # type: ignore[arg-type]
        if any(value == "" and text == DASHES for value, text in choices):
            field.choices = [(v, choose_label(label) if (v == "" and t == DASHES) else t) for v, t in choices]


def label_empty_choices(form: forms.BaseForm) -> None:
    """Every "---------" of a form says what to choose, from each field's label."""
    for field in form.fields.values():
        label_empty_choice(field, field.label)


class FormRenderer(DjangoTemplates):
    """Django's renderer with dangvu's field template (a required field's label carries a mark) and no "---------"
    empty choice: each field's empty choice names the field ("— Chọn chi bộ —"); a widget rendered alone says
    "— Chọn —"."""

    field_template_name = "core/forms/field.html"

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        field = context.get("field")
        if isinstance(field, BoundField):
            label_empty_choice(field.field, field.label)
        widget = context.get("widget")
        if isinstance(widget, dict):
            for _group, options, _index in widget.get("optgroups", ()):
                for option in options:
                    if option.get("value") in ("", None) and option.get("label") == DASHES:
                        option["label"] = choose_label("")
        return super().render(template_name, context, request)
