"""What the figures page calls each namespace and key, and which keys are stocks (counted on the as-of date).

An app that contributes figures (reports.figures.register) also names them here, from its own figures.py:

    register_labels("training", _("Training"), {"courses": _("Courses held")}, stocks=())

Labels are English msgids, translated in locale/. A key without a label is shown as the key itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Namespace:
    title: Any
    labels: Mapping[str, Any]
    stocks: frozenset[str] = field(default_factory=frozenset)


_namespaces: dict[str, Namespace] = {}


def register_labels(namespace: str, title: Any, labels: Mapping[str, Any], *, stocks: Iterable[str] = ()) -> None:
    """Name a namespace and its keys; `stocks` lists the keys counted on the as-of date (the rest: in the period)."""
    _namespaces[namespace] = Namespace(title=title, labels=dict(labels), stocks=frozenset(stocks))


def namespace_of(namespace: str) -> Namespace:
    return _namespaces.get(namespace) or Namespace(title=namespace, labels={})


def label(namespace: str, key: str) -> Any:
    return namespace_of(namespace).labels.get(key, key)


# The organizations app predates this registry; its labels are kept here.
register_labels(
    "organizations",
    _("Organizations"),
    {
        "organizations_total": _("Party organizations under it"),
        "cells": _("Party cells (where members are registered)"),
        "grassroots_organizations": _("Grassroots Party organizations"),
        "grassroots_committees": _("of which grassroots Party committees (communes, đảng bộ cơ sở)"),
        "grassroots_cells": _("of which grassroots Party cells (chi bộ cơ sở)"),
        "subordinate_cells": _("Party cells under a grassroots committee (chi bộ trực thuộc)"),
        "covered_units": _("Covered units (villages, agencies …)"),
        "covered_units_without_cell": _("Covered units without a Party cell"),
        "established": _("Organizations established"),
        "dissolved": _("Organizations dissolved"),
    },
    stocks=("organizations_total", "cells", "grassroots_organizations", "grassroots_committees", "grassroots_cells",
            "subordinate_cells", "covered_units", "covered_units_without_cell"),
)
