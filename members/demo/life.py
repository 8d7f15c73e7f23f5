"""Other events of a member's life in the demo: death, exemption from activities."""

from __future__ import annotations

import datetime as dt

from core.decisions import Decision
from members import services
from members.demo.plan import File, Plan


def death(plan: Plan, file: File, *, on: dt.date, reason: str) -> None:
    cid = file.citizen_id
    plan.step(on, cid, lambda ctx: services.death_record(actor=ctx.actor, person=ctx.person(cid), died_on=on,
                                                         reason=reason))


def exemption(plan: Plan, file: File, *, decision: Decision, reason: str) -> None:
    cid = file.citizen_id
    plan.step(decision.date, cid, lambda ctx: services.exemption_start(
        actor=ctx.actor, person=ctx.person(cid), occurred_on=decision.date, decision=decision, reason=reason))
