"""The member changes that announce themselves (core.events): each event of a person's log, and person files.

An event names the cell it happened in, the other organization of a transfer, the person's cell and, for a
correction, the event it supersedes (its cell and date): a backdated correction announces both dates.
"""

from core.events import declare

declare(
    "members.memberevent",
    organizations=("organization_id", "counterpart_id", "person.organization_id", "supersedes.organization_id"),
    dates=("occurred_on", "supersedes.occurred_on"),
)
declare("members.person", organizations=("organization_id", "temporary_organization_id"), dates=("status_since",))
# Where a member lives or works (members.services.places): the person's cell and the unit's territory, the dates.
declare("members.personplace", organizations=("person.organization_id", "unit.territory_id"),
        dates=("valid_from", "valid_to"))
