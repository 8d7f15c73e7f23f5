"""Admissions in the demo: members of record (history copied from their files), the whole admission procedure
as it happens, and the recognition after probation."""

from __future__ import annotations

import datetime as dt

from core.decisions import Decision
from members import services
from members.demo.plan import REASON, Context, D, File, Plan, create_person
from members.services import AdmissionRecord, Introducer
from rules import calendar as working_days


def old_admission(plan: Plan, birth: dt.date, *, latest: dt.date) -> dt.date:
    """When a member of record was admitted: between 21 and 38 years old, not after `latest`."""
    earliest = max(D(birth.year + 19, 1, 1), D(1972, 1, 1))
    start = min(D(birth.year + plan.rng.randint(21, 38), 1, 1), latest)
    start = max(start, earliest) if earliest <= latest else latest
    return plan.day(start, min(D(start.year, 12, 31), latest))


def member_of_record(plan: Plan, file: File, *, admitted: dt.date, issuer: str, recognised: bool = True,
                     ceremony_between: tuple[dt.date, dt.date] | None = None) -> dt.date:
    """Open the file of a member admitted before the records began: history copied from the file.

    Returns the ceremony date (kept within `ceremony_between` when given)."""
    ceremony = admitted + dt.timedelta(days=plan.rng.randint(8, 30))
    if ceremony_between is not None:
        ceremony = min(max(ceremony, ceremony_between[0]), ceremony_between[1])
    recognition_decision = None
    recognised_on = None
    if recognised:
        recognised_on = working_days.add_months(ceremony, 12) + dt.timedelta(days=plan.rng.randint(0, 40))
        recognition_decision = plan.number("QĐ/HU", recognised_on, issuer)
    record = AdmissionRecord(decision=plan.number("QĐ/HU", admitted, issuer), ceremony_on=ceremony,
                             recognised_on=recognised_on, recognition_decision=recognition_decision)

    def create(ctx: Context) -> None:
        ctx.people[file.citizen_id] = create_person(ctx, file, admitted=record)

    plan.step(admitted, file.citizen_id, create)
    return ceremony


def admission(
    plan: Plan, file: File, *, resolution: dt.date, decided: dt.date, introducers: list[tuple[str, dt.date]],
    issuer: str, youth_union: Decision | None = None, exception_area: str = "", recognise: bool = True,
    completed: Decision | None = None,
) -> None:
    """The whole procedure: registration, course, application, cell resolution, [8-KNĐ], decision, ceremony,
    and (unless `recognise` is false) the recognition after twelve months of probation."""
    registered = resolution - dt.timedelta(days=plan.rng.randint(160, 330))
    course = registered + dt.timedelta(days=plan.rng.randint(20, 60))
    application = course + dt.timedelta(days=plan.rng.randint(15, 60))
    ceremony = plan.after(decided, 6, 22)
    cid = file.citizen_id
    certificate = f"{plan.rng.randint(100, 999)}/CN-TTCT"

    def create(ctx: Context) -> None:
        ctx.people[cid] = create_person(ctx, file)
        services.candidate_register(actor=ctx.actor, person=ctx.people[cid], registered_on=registered,
                                    reason=REASON)

    plan.step(registered, cid, create)
    plan.step(course, cid, lambda ctx: services.awareness_course_record(
        actor=ctx.actor, person=ctx.person(cid), completed_on=course, certificate_number=certificate,
        issuer="Trung tâm Bồi dưỡng chính trị huyện", reason=REASON))
    plan.step(application, cid, lambda ctx: services.dossier_step_record(
        actor=ctx.actor, person=ctx.person(cid), form="1-KNĐ", occurred_on=application, reason=REASON))
    plan.step(resolution, cid, lambda ctx: services.dossier_step_record(
        actor=ctx.actor, person=ctx.person(cid), form="6-KNĐ", occurred_on=resolution, reason=REASON))
    if completed is not None:
        completion = completed  # bound for the closure (mypy cannot narrow `completed` inside it)

        def complete(ctx: Context) -> None:
            services.dossier_step_record(actor=ctx.actor, person=ctx.person(cid), form="8-KNĐ",
                                         occurred_on=completion.date, decision=completion, reason=REASON)

        plan.step(completion.date, cid, complete)
    decision = plan.number("QĐ/HU", decided, issuer)

    def decide(ctx: Context) -> None:
        services.admission_decide(
            actor=ctx.actor, person=ctx.person(cid), decision=decision,
            introducers=[Introducer(ctx.person(i), since) for i, since in introducers],
            youth_union_resolution=youth_union, education_exception_area=exception_area, reason=REASON)

    plan.step(decided, cid, decide)
    plan.step(ceremony, cid, lambda ctx: services.admission_ceremony_record(
        actor=ctx.actor, person=ctx.person(cid), held_on=ceremony, reason=REASON))
    if recognise:
        recognition(plan, file, end=working_days.add_months(ceremony, 12), issuer=issuer)


def recognition(plan: Plan, file: File, *, end: dt.date, issuer: str) -> dt.date:
    """Recognition decided some working days after probation ends (it takes effect at that end)."""
    decided = plan.after(end, 5, 28)
    decision = plan.number("QĐ/HU", decided, issuer)
    cid = file.citizen_id
    plan.step(decided, cid, lambda ctx: services.recognition_record(
        actor=ctx.actor, person=ctx.person(cid), decision=decision, reason=REASON))
    return decided


def introducers(plan: Plan, cell_members: list[str], resolution: dt.date, *, count: int) -> list[tuple[str, dt.date]]:
    chosen = plan.rng.sample(cell_members, count)
    return [(cid, resolution - dt.timedelta(days=plan.rng.randint(420, 1500))) for cid in chosen]
