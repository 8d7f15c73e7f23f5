"""Every write to the organization tree. Each function is one transaction that also writes the change log.

The package is split by sub-domain; importers keep using `organizations.services.<name>`:

- `tree`: the shared building blocks (validation, lineage event, versions, create, dissolve, re-parent);
- `lineage`: events on one organization (establish, dissolve, rename, move) and the correction of its name;
- `mergers`: mergers and splits;
- `units`: covered units (villages, schools, clinics …) and the cells covering them, dated;
- `unit_events`: a covered unit's own lifecycle (rename, dissolve, merge, split).
"""

from organizations.services.lineage import (
    organization_dissolve,
    organization_establish,
    organization_move,
    organization_rename,
    organization_update,
)
from organizations.services.mergers import organization_merge, organization_split
from organizations.services.tree import TREE_LOCK_KEY, NewOrganization
from organizations.services.unit_events import (
    covered_unit_dissolve,
    covered_unit_merge,
    covered_unit_rename,
    covered_unit_split,
)
from organizations.services.units import NewUnit, covered_unit_assign, covered_unit_create

__all__ = [
    "TREE_LOCK_KEY",
    "NewOrganization",
    "NewUnit",
    "covered_unit_assign",
    "covered_unit_create",
    "covered_unit_dissolve",
    "covered_unit_merge",
    "covered_unit_rename",
    "covered_unit_split",
    "organization_dissolve",
    "organization_establish",
    "organization_merge",
    "organization_move",
    "organization_rename",
    "organization_split",
    "organization_update",
]
