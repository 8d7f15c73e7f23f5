"""Transfers in the demo: a letter out to a cell outside the installation, a member arriving from outside with
the history of their file, and a move between two cells of the installation."""

from __future__ import annotations

import datetime as dt

from members import services
from members.demo.plan import Context, File, Plan, create_person
from members.services import AdmissionRecord, TransferLetter


def transfer_out_outside(plan: Plan, file: File, *, on: dt.date, letter: TransferLetter, destination: str,
                         reason: str) -> None:
    """An official transfer letter to a cell outside this installation."""
    cid = file.citizen_id
    plan.step(on, cid, lambda ctx: services.member_transfer_out(
        actor=ctx.actor, person=ctx.person(cid), temporary=False, occurred_on=on, letter=letter,
        destination_outside=destination, reason=reason))


def transfer_in_from_outside(plan: Plan, file: File, *, on: dt.date, letter: TransferLetter, history: AdmissionRecord,
                             origin: str, reason: str) -> None:
    """A member arriving from outside: the file opened with its admission history, then the letter presented."""

    def transfer_in(ctx: Context) -> None:
        ctx.people[file.citizen_id] = create_person(ctx, file)
        services.member_transfer_in(actor=ctx.actor, person=ctx.person(file.citizen_id), temporary=False,
                                    organization=ctx.organization(file.cell), occurred_on=on, letter=letter,
                                    arriving=history, reason=reason, origin_outside=origin)

    plan.step(on, file.citizen_id, transfer_in)


def transfer_within(plan: Plan, file: File, *, destination: str, out_on: dt.date, in_on: dt.date,
                    letter: TransferLetter, reason: str) -> None:
    """A move between two cells of the installation: the letter out and its presentation, one step."""

    def move(ctx: Context) -> None:
        person = ctx.person(file.citizen_id)
        cell = ctx.organization(destination)
        services.member_transfer_out(actor=ctx.actor, person=person, temporary=False, occurred_on=out_on,
                                     letter=letter, destination=cell, reason=reason)
        services.member_transfer_in(actor=ctx.actor, person=person, temporary=False, organization=cell,
                                    occurred_on=in_on, reason=reason)

    plan.step(out_on, file.citizen_id, move)
