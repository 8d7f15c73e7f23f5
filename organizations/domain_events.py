"""The organization changes that announce themselves (core.events): the tree and covered units.

An organization's change names the organization, its parent and the date it took effect: its founding or
dissolution, or for a rename, move, merger or split the start of the version it opened. (A lineage event itself
is logged before its links are written; the changes of the organizations it links carry its date.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from core.events import declare


def _effective(organization: Any) -> tuple[Iterable[int], Iterable[dt.date]]:
    """The start of the organization's latest version: the date of the change that opened it."""
    latest = organization.versions.order_by("-valid_from").values_list("valid_from", flat=True).first()
    return (), [latest] if latest else []


declare("organizations.organization", organizations=("pk", "parent_id"), dates=("established_on", "dissolved_on"),
        more=_effective)
declare("organizations.coveredunit", organizations=("territory_id", "covered_by_id"),
        dates=("established_on", "dissolved_on"))
declare("organizations.coverage", organizations=("cell_id", "unit.territory_id"), dates=("valid_from", "valid_to"))
