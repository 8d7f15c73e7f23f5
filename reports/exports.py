"""The figures page exported as a report (issue 8 §10, core.spreadsheets.report): one row per figure, with its
group, its readable label (never a key), what it counts on (the date or the period) and its value; the period, the
date and "with predecessors" stated at the top."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.figures import FigureRequest
from core.spreadsheets.report import Column, Report, report_xlsx


def _date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def figures_xlsx(request: FigureRequest, groups: Sequence[dict[str, Any]], *, with_predecessors: bool,
                 made_on: dt.date) -> bytes:
    """`groups` as the figures page shows them (reports.views._groups)."""
    period = _("from %(from)s to %(to)s") % {"from": _date(request.date_from), "to": _date(request.date_to)}
    on = _("on %(date)s") % {"date": _date(request.as_of)}
    filters = [(_("Period"), period), (_("Stocks as of"), _date(request.as_of)),
               (_("With predecessors"), _("yes") if with_predecessors else "")]
    columns = [Column(capfirst(_("No.")), 6), Column(capfirst(_("Group")), 30), Column(capfirst(_("Figure")), 60),
               Column(capfirst(_("Counted")), 26), Column(capfirst(_("Value")), 12)]
    report = Report(_("Figures of %(name)s") % {"name": request.organization.name}, request.organization.name,
                    made_on, filters, columns)
    rows: list[list[Any]] = []
    for group in groups:
        for rows_of, when in ((group["stocks"], on), (group["movements"], period)):
            for row in rows_of:
                rows.append([len(rows) + 1, str(group["title"]), str(row["label"]), when, row["value"]])
    return report_xlsx(report, rows)
