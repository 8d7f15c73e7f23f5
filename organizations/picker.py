"""The one organization picker (issue 8 §9): a text box that accepts an organization's code and, with JavaScript,
suggests at most a page of organizations as the user types (HTMX asks /organizations/pick/).

Every suggestion and every accepted value comes from one scoped query (`core.scope.restrict`): active
organizations where the user holds `permission`, optionally only those that hold members (`cells_only`), outside
one organization's subtree (`exclude_subtree_of`, for a move) and of some kinds (`kinds`, for splits and merges).
Names are matched on the indexed `search_name` (folded: 'na ri' finds 'Na Rì'), codes from their start.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.scope import VIEW, restrict
from core.text import fold
from organizations.models import Organization

PAGE_SIZE = 20
_PERMISSION = re.compile(r"^[a-z_]{2,40}\.(view|change)$")


@dataclass(frozen=True)
class Scope:
    """What a picker may offer (the query string of /organizations/pick/ carries it)."""

    permission: str = f"organizations.{VIEW}"
    cells_only: bool = False
    exclude_subtree_of: Organization | None = None
    kinds: tuple[str, ...] = field(default=())

    def query_string(self) -> dict[str, str]:
        params = {"permission": self.permission}
        if self.cells_only:
            params["cells_only"] = "1"
        if self.exclude_subtree_of is not None:
            params["exclude_subtree_of"] = str(self.exclude_subtree_of.pk)
        if self.kinds:
            params["kinds"] = ",".join(self.kinds)
        return params


ANYWHERE = Scope()
NO_KIND = ("-",)  # `kinds` of a picker that may offer nothing (no kind fits)


def kinds_or_none(codes: Iterable[str]) -> tuple[str, ...]:
    """`codes` as a picker's `kinds`; when there are none, a kind that matches nothing (an empty `kinds` means all)."""
    return tuple(codes) or NO_KIND


def valid_permission(permission: str) -> bool:
    return bool(_PERMISSION.match(permission))


def choosable(user: Any, scope: Scope) -> QuerySet[Organization]:
    """The organizations the picker may offer to `user`: active, in scope for `scope.permission`."""
    rows = Organization.objects.filter(dissolved_on__isnull=True)
    if scope.cells_only:
        rows = rows.filter(kind__holds_members=True)
    if scope.kinds:
        rows = rows.filter(kind__code__in=scope.kinds)
    if scope.exclude_subtree_of is not None:
        rows = rows.exclude(path__startswith=scope.exclude_subtree_of.path)
    return restrict(rows, user, scope.permission, via="path")


@dataclass(frozen=True)
class Pick:
    choices: list[Organization]
    more: bool  # more organizations match than the page shows


def organization_pick(user: Any, *, q: str = "", scope: Scope = ANYWHERE, limit: int = PAGE_SIZE) -> Pick:
    """At most `limit` (<= PAGE_SIZE) organizations whose folded name holds every typed word, or whose code starts
    with the text; highest levels first. One query (plus the user's roles, once per request)."""
    text = q.strip()[:100]
    rows = choosable(user, scope)
    if text:
        words = Q()
        for word in fold(text).split():
            words &= Q(search_name__contains=word)
        rows = rows.filter(words | Q(code__istartswith=text))
    size = max(1, min(limit, PAGE_SIZE))
    found = list(rows.select_related("parent").order_by("depth", "sort_name", "pk")[: size + 1])
    return Pick(found[:size], len(found) > size)


def organization_resolve(user: Any, text: str, *, scope: Scope = ANYWHERE) -> Organization | None:
    """The organization a picker's text names: its exact code, else (old links) its id; None when none in scope."""
    text = (text or "").strip()
    if not text:
        return None
    wanted = Q(code=text) | Q(pk=int(text)) if text.isdigit() and len(text) < 18 else Q(code=text)
    found = list(choosable(user, scope).filter(wanted).select_related("kind", "parent")[:2])
    return next((o for o in found if o.code == text), found[0] if found else None)  # one query


def label(organization: Organization) -> str:
    """An organization as a choice shows it: its name, its parent's name and its code."""
    parent = f" — {organization.parent.name}" if organization.parent_id and organization.parent else ""
    return f"{organization.name}{parent} ({organization.code})"


class PickerInput(forms.TextInput):
    """A text box for a code, with a <datalist> filled as the user types (HTMX; without JS the code alone works)."""

    template_name = "organizations/widgets/picker.html"

    def __init__(self, attrs: dict[str, Any] | None = None, *, prefill: bool = False) -> None:
        super().__init__(attrs)
        self.scope = Scope()
        # Render the first page of choices in the <datalist> (one query): without JavaScript the browser still
        # offers them; the chosen organization's name is shown under the box when it is among them.
        self.prefill = prefill
        self.user: Any = None

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        if self.prefill and self.user is not None:
            found = organization_pick(self.user, scope=self.scope)
            widget["choices"] = [(o.code, label(o)) for o in found.choices]
            widget["more"] = found.more
            chosen = next((text for code, text in widget["choices"] if code == widget["value"]), "")
            if not chosen and widget["value"] and (found_one := organization_resolve(
                    self.user, str(widget["value"]), scope=self.scope)) is not None:
                chosen = label(found_one)
            widget["chosen"] = chosen
        list_id = f"{widget['attrs'].get('id') or 'id_' + name}-choices"
        url = f"{reverse('organizations:pick')}?{urlencode({**self.scope.query_string(), 'name': name})}"
        widget["attrs"].update({
            "list": list_id, "autocomplete": "off", "hx-get": url, "hx-target": f"#{list_id}",
            "hx-trigger": "input changed delay:250ms, focus once", "hx-sync": "this:replace",
            "inputmode": "search", "data-picker": "",
        })
        widget["list_id"] = list_id
        return context

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, Organization):
            return value.code
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            code = Organization.objects.filter(pk=int(value)).values_list("code", flat=True).first()
            return code or str(value)
        return super().format_value(value)


class OrganizationPickerField(forms.Field):
    """An organization chosen by its code (typed, or picked from the suggestions), within the picker's scope."""

    widget = PickerInput
    default_error_messages = {
        "invalid_choice": _("No organization with the code “%(value)s” can be chosen here. Type part of its name "
                            "or its code and choose from the list."),
    }

    def __init__(self, *, scope: Scope = ANYWHERE, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _("Type part of the name or the code, then choose."))
        super().__init__(**kwargs)
        self.user: Any = None
        self.explain: Callable[[str], str | None] | None = None  # why a typed value cannot be chosen, if known
        self.set_scope(scope)

    def set_scope(self, scope: Scope, user: Any = None) -> None:
        self.scope = scope
        if user is not None:
            self.user = user
        assert isinstance(self.widget, PickerInput)
        self.widget.scope = scope
        self.widget.user = self.user

    @property
    def queryset(self) -> QuerySet[Organization]:
        """Everything the field accepts (for tests and checks; the page never lists it whole)."""
        return choosable(self.user, self.scope)

    def to_python(self, value: Any) -> Organization | None:
        if isinstance(value, Organization):
            return value
        text = str(value or "").strip()
        if not text:
            return None
        found = organization_resolve(self.user, text, scope=self.scope)
        if found is None and self.explain is not None and (why := self.explain(text)):
            raise ValidationError(why, code="refused")
        if found is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": text[:60]})
        return found

    def has_changed(self, initial: Any, data: Any) -> bool:
        initial_code = initial.code if isinstance(initial, Organization) else str(initial or "")
        return initial_code != str(data or "").strip()


def scope_picker(form: forms.Form, names: Iterable[str], *, user: Any, scope: Scope) -> None:
    """Give the form's picker fields their user and scope (forms call this in __init__)."""
    for name in names:
        field_ = form.fields[name]
        assert isinstance(field_, OrganizationPickerField)
        field_.set_scope(scope, user)
