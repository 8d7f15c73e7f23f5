"""Organizations in reading order: each followed by those under it, siblings in Vietnamese order by name.

One function for every list that shows a tree flat (the tree as of a date, the member pages' organization
chooser): `depth_first(items, pk=..., parent=...)` gives each item with its level. An item whose parent is not
among the items starts a new root.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from core.text import title_sort_key

T = TypeVar("T")


def depth_first(
    items: Iterable[T], *, pk: Callable[[T], Any], parent: Callable[[T], Any], name: Callable[[T], str] | None = None,
) -> list[tuple[T, int]]:
    """(item, level) in reading order; `name` (default: the item's `name`) orders siblings."""
    rows = list(items)
    named = name or (lambda item: getattr(item, "name", ""))
    ids = {pk(item) for item in rows}
    under: dict[Any, list[T]] = defaultdict(list)
    for item in rows:
        under[parent(item) if parent(item) in ids else None].append(item)
    for siblings in under.values():
        siblings.sort(key=lambda item: title_sort_key(named(item)))
    ordered: list[tuple[T, int]] = []
    stack = [(item, 0) for item in reversed(under[None])]
    while stack:
        item, level = stack.pop()
        ordered.append((item, level))
        stack.extend((child, level + 1) for child in reversed(under[pk(item)]))
    return ordered
