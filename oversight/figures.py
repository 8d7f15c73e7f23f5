"""Oversight coverage of an organization subtree on the as-of date (docs/figures.md, namespace "oversight").

Cells are the subordinate cells (kinds that hold members and are not grassroots) that stood under the
organization on `as_of`; a cell is overseen when an assignment to it is in force that day. Two queries.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.figures import FigureRequest, register, register_labels
from organizations.models import Organization
from organizations.queries import subtree_versions_as_of
from oversight.models import Assignment

KEYS = ("cells", "cells_overseen", "cells_without_overseer", "overseers", "assignments")


def in_force(on: dt.date) -> Q:
    return Q(starts_on__lte=on) & (Q(ended_on__isnull=True) | Q(ended_on__gt=on))


def oversight_figures(organization: Organization, *, as_of: dt.date) -> dict[str, int]:
    cells = subtree_versions_as_of(organization, on=as_of).filter(kind__holds_members=True,
                                                                  kind__is_grassroots=False)
    cell_ids = set(cells.values_list("organization_id", flat=True))
    rows = list(Assignment.objects.filter(in_force(as_of), organization_id__in=cell_ids)
                .values_list("organization_id", "person_id"))
    overseen = {organization_id for organization_id, _person in rows}
    return {
        "cells": len(cell_ids),
        "cells_overseen": len(overseen),
        "cells_without_overseer": len(cell_ids - overseen),
        "overseers": len({person for _org, person in rows}),
        "assignments": len(rows),
    }


@register("oversight")
def oversight_contribution(request: FigureRequest) -> dict[str, int]:
    """The "oversight" namespace of the figures service (docs/figures.md)."""
    return oversight_figures(request.organization, as_of=request.as_of)


register_labels("oversight", _("Oversight of cells"), {
    "cells": _("Cells under a grassroots committee"),
    "cells_overseen": _("Cells with a committee member overseeing them"),
    "cells_without_overseer": _("Cells nobody oversees"),
    "overseers": _("Committee members overseeing cells"),
    "assignments": _("Oversight assignments in force"),
}, stocks=KEYS)
