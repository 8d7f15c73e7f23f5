"""The committee changes that announce themselves (core.events): terms, congresses and seats."""

from core.events import declare

declare("committees.term", organizations=("organization_id", "appointed_by_id"), dates=("starts_on", "ended_on"))
declare("committees.congress", organizations=("organization_id",), dates=("opened_on", "closed_on"))
declare("committees.seat", organizations=("organization_id",), dates=("starts_on", "ended_on"))
