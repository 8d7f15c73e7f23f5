"""Calendar helpers shared by the figures of every app."""

from __future__ import annotations

import datetime as dt


def year_before(day: dt.date) -> dt.date:
    """The same day a year earlier; 29 February becomes 28 February (the period "cùng kỳ năm trước")."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)
