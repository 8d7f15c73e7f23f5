"""Text that may be stored: no control characters, and text that is safe to write into a spreadsheet.

Every service that stores text a person typed (pages, API, import, commands all call the services) checks it
with `refuse_control_characters` (a mapping of values) or `refuse_control_characters_in` (a model instance
about to be saved). Multi-line fields (`TextField`) may hold tab and line breaks; single-line fields
(`CharField`) may not. Exports clean what they write with `spreadsheet_text` so that old or foreign data
can neither break a workbook (XML refuses most control characters) nor become a live formula.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.errors import DomainError

# C0 controls except tab, line feed and carriage return; DEL; C1 controls; lone surrogates (not UTF-8).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# Also refused in single-line fields.
_LINE_BREAK = re.compile(r"[\t\n\r\x85\u2028\u2029]")
# What a spreadsheet program may read as the start of a formula (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def has_control_characters(text: str, *, multiline: bool = False) -> bool:
    """True if the text holds a control character (or, unless `multiline`, a tab or a line break)."""
    return bool(_CONTROL.search(text) or (not multiline and _LINE_BREAK.search(text)))


def refuse_control_characters(
    values: Mapping[str, Any],
    *,
    labels: Mapping[str, Any] | None = None,
    model: type[models.Model] | None = None,
    multiline: Iterable[str] = (),
) -> None:
    """Raise one DomainError naming every field whose text holds a control character (the first one as `field`).

    Labels come from `labels`, else from the model field's verbose name, else the field's name. Text and JSON
    fields of `model` and the names in `multiline` may hold tabs and line breaks.
    """
    lines = set(multiline)
    faults: list[str] = []
    for name, value in values.items():
        for text in _strings(value):
            if has_control_characters(text, multiline=name in lines or _is_text_field(model, name)):
                faults.append(name)
                break
    if faults:
        names = ", ".join(f"“{_label(name, labels, model)}”" for name in faults)
        raise DomainError(
            _("%(fields)s: contains an invisible control character (such as ESC, NUL or a line break); "
              "retype the text without it.") % {"fields": names},
            field=faults[0],
        )


def refuse_control_characters_in(instance: models.Model, *, fields: Iterable[str] | None = None) -> None:
    """Check the text of a model instance about to be saved: char, text and JSON fields (strings inside)."""
    wanted = set(fields) if fields is not None else None
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if wanted is not None and field.name not in wanted:
            continue
        if isinstance(field, models.CharField | models.TextField | models.JSONField):
            values[field.name] = field.value_from_object(instance)
    refuse_control_characters(values, model=type(instance))


def strip_control_characters(text: str, *, multiline: bool = True) -> str:
    """The text without control characters (tabs and line breaks kept when `multiline`, else spaces)."""
    text = _CONTROL.sub("", text)
    return text if multiline else _LINE_BREAK.sub(" ", text)


def spreadsheet_text(text: str) -> tuple[str, bool]:
    """Text as an export writes it: control characters removed (tab and line feed kept), and whether it must be
    marked as text because a spreadsheet program could take it for a formula."""
    clean = _CONTROL.sub("", text).replace("\r", "")
    return clean, text.startswith(FORMULA_STARTS) or clean.startswith(FORMULA_STARTS)


def csv_text(text: str) -> str:
    """Text for a CSV cell: control characters removed and a leading formula character neutralised with '."""
    clean, formula = spreadsheet_text(text)
    return "'" + clean if formula else clean


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _is_text_field(model: type[models.Model] | None, name: str) -> bool:
    if model is None:
        return False
    try:
        return isinstance(model._meta.get_field(name), models.TextField | models.JSONField)
    except FieldDoesNotExist:
        return False


def _label(name: str, labels: Mapping[str, Any] | None, model: type[models.Model] | None) -> str:
    if labels and name in labels:
        return str(labels[name])
    if model is not None:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return name
        return str(capfirst(getattr(field, "verbose_name", name)))
    return name
