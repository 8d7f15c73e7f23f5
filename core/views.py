"""Shared view helpers: turning service errors into form errors and 404s."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404

from core.errors import DomainError, NotInScope


def attach_error(form: forms.Form, error: DomainError) -> None:
    """Show a service's refusal beside the field it names (or on top of the form)."""
    if isinstance(error, NotInScope):
        raise Http404(str(error.message))
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error.message))


def as_404(func: Any) -> Any:
    """Turn NotInScope raised by a selector into Http404."""
    from functools import wraps

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except NotInScope as exc:
            raise Http404(str(exc.message)) from exc

    return wrapper
