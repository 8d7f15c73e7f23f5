"""The layouts in which committees send rating results upward, as data: one row per child organization (as it
stood on 31/12 of the year) and a total row, columns read from the rating figures of each row (rating.figures).

A column is (title, key, width). The title may name figures between braces — `{grassroots_excellent_label}` is the
scheme's own words for that level in that year — and `{year}`; the key is a figure key (docs/figures.md) or one of
`name` (the organization's name) and `code`. Titles are the words of the forms (Vietnamese in both languages: the
file travels between committees). Add a layout by adding an entry to LAYOUTS; the page lists them all.
"""

from __future__ import annotations

from dataclasses import dataclass

from rating.models import LEVEL_ORDER


@dataclass(frozen=True)
class LayoutColumn:
    title: str
    key: str
    width: int = 12


@dataclass(frozen=True)
class Layout:
    code: str
    title: str  # "{year}" and figure keys between braces are filled in
    columns: tuple[LayoutColumn, ...]


def _levels(category: str) -> tuple[LayoutColumn, ...]:
    columns: list[LayoutColumn] = []
    for level in LEVEL_ORDER:
        columns.append(LayoutColumn(f"{{{category}_{level.value}_label}} (số lượng)", f"{category}_{level.value}", 14))
        columns.append(LayoutColumn("Tỷ lệ %", f"{category}_{level.value}_percent", 8))
    return tuple(columns)


_UNIT = (LayoutColumn("Đơn vị", "name", 34), LayoutColumn("Mã", "code", 12))

LAYOUTS: dict[str, Layout] = {
    layout.code: layout for layout in (
        Layout(
            "to-chuc-co-so",
            "Tổng hợp kết quả đánh giá, xếp loại chất lượng tổ chức cơ sở đảng năm {year}",
            (*_UNIT, LayoutColumn("Tổng số TCCSĐ được xếp loại", "grassroots_rated", 14), *_levels("grassroots"),
             LayoutColumn("So với năm trước: số được xếp loại", "grassroots_rated_previous", 14),
             LayoutColumn("So với năm trước: {grassroots_excellent_label}", "grassroots_excellent_previous", 14)),
        ),
        Layout(
            "chi-bo",
            "Tổng hợp kết quả đánh giá, xếp loại chất lượng chi bộ trực thuộc năm {year}",
            (*_UNIT, LayoutColumn("Tổng số chi bộ được xếp loại", "cells_rated", 14), *_levels("cells")),
        ),
        Layout(
            "dang-vien",
            "Tổng hợp kết quả đánh giá, xếp loại chất lượng đảng viên năm {year}",
            (*_UNIT, LayoutColumn("Tổng số đảng viên được xếp loại", "members_rated", 14), *_levels("members"),
             LayoutColumn("Không hoàn thành nhiệm vụ 2 năm liên tiếp", "members_not_completed_two_years", 14),
             LayoutColumn("So với năm trước: số được xếp loại", "members_rated_previous", 14),
             LayoutColumn("So với năm trước: {members_excellent_label}", "members_excellent_previous", 14)),
        ),
    )
}
