"""organizations.ordering.depth_first: reading order, siblings in Vietnamese order, orphans as roots."""

from __future__ import annotations

from dataclasses import dataclass

from organizations.ordering import depth_first


@dataclass
class Node:
    pk: int
    parent: int | None
    name: str


def test_each_followed_by_those_under_it_siblings_in_vietnamese_order() -> None:
    nodes = [Node(1, None, "Tỉnh"), Node(2, 1, "Xã Đồng Tâm"), Node(3, 1, "Xã Bắc Sơn"), Node(4, 2, "Chi bộ Nà Rì"),
             Node(5, 3, "Chi bộ Ân Tình"), Node(6, 99, "Chi bộ mồ côi")]
    ordered = depth_first(nodes, pk=lambda n: n.pk, parent=lambda n: n.parent)
    assert [(n.pk, level) for n, level in ordered] == [(6, 0), (1, 0), (3, 1), (5, 2), (2, 1), (4, 2)]
