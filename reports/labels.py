"""Figure labels as the figures page shows them: never an internal code (issue 8 §3).

Some keys end in a code taken from data (a commendation level "central", a unit kind "residential-group", a
campaign, a learner tag); `core.figures.labels` names their family ("Commendations at level") and would show the
code after it. The page replaces that code by the record's name, read from the table it came from (one small
query for all the tables, only when such a key is present). A key that no label or data name explains is shown by its
family's label alone, or by the namespace's title, never by its code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.db.models import CharField, F, Model, Value
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.figures import labels
from honours.models import Campaign, Form, Level
from organizations.models import CoveredUnitKind
from training.models import LearnerTag


def _key_part(code: str) -> str:
    return code.replace("-", "_")


# The tables whose codes end figure keys, read together in one query (a UNION) the first time one is needed.
TABLES: dict[str, type[Model]] = {"level": Level, "form": Form, "campaign": Campaign, "tag": LearnerTag,
                                  "unit_kind": CoveredUnitKind}


def _read_tables() -> dict[str, dict[str, str]]:
    """{table: {key part of a code: the record's name}} (English names when the page is in English and kept)."""
    english = (get_language() or "vi").startswith("en")
    parts = []
    for table, model in TABLES.items():
        has_english = any(f.name == "name_en" for f in model._meta.fields)
        rows = model._default_manager.annotate(  # type: ignore[attr-defined]
            table=Value(table, output_field=CharField()),
            english=F("name_en") if has_english else Value("", output_field=CharField()),
        ).values_list("table", "code", "name", "english")
        parts.append(rows.order_by())
    found: dict[str, dict[str, str]] = {table: {} for table in TABLES}
    for table, code, name, name_en in parts[0].union(*parts[1:], all=True):
        found[table][_key_part(code)] = name_en if english and name_en else name
    return found


def _campaigns(tables: Mapping[str, Mapping[str, str]]) -> dict[str, Any]:
    """Campaign keys end in "<campaign>_collective" or "<campaign>_individual"."""
    found: dict[str, Any] = {}
    for part, name in tables["campaign"].items():
        found[f"{part}_collective"] = format_lazy("{} ({})", name, _("collectives"))
        found[f"{part}_individual"] = format_lazy("{} ({})", name, _("individuals"))
    return found


# (namespace, prefix) -> where the codes after the prefix are named
DATA_NAMES: dict[tuple[str, str], Callable[[Mapping[str, Mapping[str, str]]], Mapping[str, Any]]] = {
    ("honours", "commendations_level_"): lambda tables: tables["level"],
    ("honours", "commendations_form_"): lambda tables: tables["form"],
    ("honours", "commendations_"): _campaigns,
    ("training", "learners_tagged_"): lambda tables: tables["tag"],
    ("organizations", "covered_units_of_"): lambda tables: tables["unit_kind"],
    ("organizations", "covered_units_without_cell_of_"): lambda tables: tables["unit_kind"],
    ("organizations", "covered_units_joint_cell_of_"): lambda tables: tables["unit_kind"],
    ("places", "covered_units_without_member_of_"): lambda tables: tables["unit_kind"],
}


class Labeller:
    """Labels of one page's figures; each data table is read once, when a key of its family first appears."""

    def __init__(self) -> None:
        self._tables: dict[str, dict[str, str]] | None = None
        self._names: dict[tuple[str, str], Mapping[str, Any]] = {}

    def _data(self, namespace: str, prefix: str) -> Mapping[str, Any]:
        source = DATA_NAMES.get((namespace, prefix))
        if source is None:
            return {}
        if (namespace, prefix) not in self._names:
            if self._tables is None:
                self._tables = _read_tables()
            self._names[(namespace, prefix)] = source(self._tables)
        return self._names[(namespace, prefix)]

    def label(self, namespace: str, key: str) -> Any:
        names = labels.namespace_of(namespace)
        if key in names.labels:
            return names.labels[key]
        # The longest prefix first: "commendations_level_" before "commendations_".
        for prefix, text in sorted(names.prefixes.items(), key=lambda item: -len(item[0])):
            if not key.startswith(prefix) or len(key) <= len(prefix):
                continue
            name = self._data(namespace, prefix).get(key[len(prefix):])
            if name is None:
                continue
            return format_lazy("{}: {}", text, name)
        for prefix, text in sorted(names.prefixes.items(), key=lambda item: -len(item[0])):
            if key.startswith(prefix):
                return format_lazy("{} ({})", text, _("a category no longer in the reference data"))
        return format_lazy("{} ({})", names.title, _("other figure"))

    def labels_of(self, namespace: str, keys: Iterable[str]) -> dict[str, Any]:
        return {key: self.label(namespace, key) for key in keys}
