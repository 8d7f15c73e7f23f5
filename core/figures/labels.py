"""What the figures page calls each namespace and key, and which keys are stocks (counted on the as-of date).

An app that contributes figures (core.figures.register) also names them, from its own figures.py:

    register_labels("training", _("Training"), {"courses": _("Courses held")}, stocks=())

Labels are English msgids, translated in locale/. A key without a label is shown as the key itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.figures.registry import autodiscover


@dataclass(frozen=True)
class Namespace:
    title: Any
    labels: Mapping[str, Any]
    stocks: frozenset[str] = field(default_factory=frozenset)
    # Keys made from data (a campaign's or a tag's code): prefix -> label; the rest of the key is shown after it.
    prefixes: Mapping[str, Any] = field(default_factory=dict)


_namespaces: dict[str, Namespace] = {}


def register_labels(
    namespace: str, title: Any, labels: Mapping[str, Any], *, stocks: Iterable[str] = (),
    prefixes: Mapping[str, Any] | None = None,
) -> None:
    """Name a namespace and its keys; `stocks` lists the keys counted on the as-of date (the rest: in the period);
    `prefixes` names the families of keys whose last part comes from data (e.g. "commendations_level_")."""
    _namespaces[namespace] = Namespace(
        title=title, labels=dict(labels), stocks=frozenset(stocks), prefixes=dict(prefixes or {})
    )


def namespace_of(namespace: str) -> Namespace:
    autodiscover()
    return _namespaces.get(namespace) or Namespace(title=namespace, labels={})


def label(namespace: str, key: str) -> Any:
    names = namespace_of(namespace)
    if key in names.labels:
        return names.labels[key]
    for prefix, text in names.prefixes.items():
        if key.startswith(prefix) and len(key) > len(prefix):
            return format_lazy("{}: {}", text, key[len(prefix):].replace("_", " "))
    return key


def with_previous(current: Mapping[str, int], previous: Mapping[str, int]) -> dict[str, int]:
    """K, K_previous (the same dates a year before) and K_change (K - K_previous) for every key of either period."""
    result: dict[str, int] = {}
    for key in sorted(set(current) | set(previous)):
        now, before = current.get(key) or 0, previous.get(key) or 0
        result[key], result[f"{key}_previous"], result[f"{key}_change"] = now, before, now - before
    return result


def labels_with_previous(labels: Mapping[str, Any]) -> dict[str, Any]:
    """The labels of `with_previous`'s keys: each label, and the same for the previous year and the change."""
    result = dict(labels)
    for key, text in labels.items():
        result[f"{key}_previous"] = format_lazy("{} ({})", text, _("previous year"))
        result[f"{key}_change"] = format_lazy("{} ({})", text, _("change on the previous year"))
    return result
