"""Test data for members, made only through the services (so every factory also exercises the rules)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from typing import Any

from core.decisions import Decision
from members import services
from members.models import Person
from members.services import AdmissionRecord, Introducer, TransferLetter
from organizations.models import Organization

D = dt.date
_numbers = itertools.count(1)
_D1980_02_02 = dt.date(1980, 2, 2)
_D1990_05_17 = dt.date(1990, 5, 17)
_D2010_03_01 = dt.date(2010, 3, 1)
_D2015_01_01 = dt.date(2015, 1, 1)
_D2019_01_10 = dt.date(2019, 1, 10)
_D2019_03_01 = dt.date(2019, 3, 1)
_D2020_03_02 = dt.date(2020, 3, 2)
_D2020_04_01 = dt.date(2020, 4, 1)
_D2020_04_20 = dt.date(2020, 4, 20)


def decision(on: dt.date, issuer: str = "Đảng ủy xã") -> Decision:
    """A well-formed Party decision number, unique within the test run."""
    return Decision(f"{next(_numbers)}-QĐ/ĐU", on, issuer)


def letter(**fields: Any) -> TransferLetter:
    return TransferLetter(register_number=f"GT-{next(_numbers)}", list_number="12", **fields)


def person(
    actor: Any,
    cell: Organization,
    name: str = "Nguyễn Văn An",
    *,
    birth_date: dt.date = _D1990_05_17,
    gender: str = "male",
    **fields: Any,
) -> Person:
    fields.setdefault("general_education", "12/12")
    fields.setdefault("confirm_duplicate", True)  # tests reuse names on purpose; test_doors checks the refusal
    return services.person_create(actor=actor, organization=cell, full_name=name, gender=gender,
                                  birth_date=birth_date, **fields)


def member(
    actor: Any,
    cell: Organization,
    name: str = "Trần Thị Bình",
    *,
    admitted_on: dt.date = _D2010_03_01,
    official: bool = True,
    birth_date: dt.date | None = None,
    **fields: Any,
) -> Person:
    """A member whose admission (and recognition) is copied from an existing file.

    Born 02/02/1980 unless given, or 25 years before an admission that date would make too young."""
    if birth_date is None:
        birth_date = _D1980_02_02 if admitted_on >= D(1998, 3, 1) else D(admitted_on.year - 25, 2, 2)
    ceremony = admitted_on + dt.timedelta(days=20)
    recognised = D(ceremony.year + 1, ceremony.month, min(ceremony.day, 28)) if official else None
    record = AdmissionRecord(decision=decision(admitted_on), ceremony_on=ceremony, recognised_on=recognised)
    return person(actor, cell, name, birth_date=birth_date, admitted=record, **fields)


def introducers(actor: Any, cell: Organization, *, since: dt.date = _D2015_01_01, count: int = 2) -> list[Introducer]:
    names = ["Hoàng Văn Giới", "Lục Thị Thiệu", "Nông Văn Ba"]
    return [Introducer(member(actor, cell, names[i]), since) for i in range(count)]


def candidate(
    actor: Any,
    cell: Organization,
    name: str = "Nguyễn Văn An",
    *,
    registered_on: dt.date = _D2019_01_10,
    course_on: dt.date | None = _D2019_03_01,
    resolution_on: dt.date | None = None,
    **fields: Any,
) -> Person:
    """A registered candidate, with the awareness course and (optionally) the cell's resolution 6-KNĐ."""
    someone = person(actor, cell, name, **fields)
    services.candidate_register(actor=actor, person=someone, registered_on=registered_on)
    if course_on is not None:
        services.awareness_course_record(actor=actor, person=someone, completed_on=course_on,
                                         certificate_number="CN-01")
    if resolution_on is not None:
        services.dossier_step_record(actor=actor, person=someone, form="6-KNĐ", occurred_on=resolution_on)
    someone.refresh_from_db()
    return someone


def admit(
    actor: Any,
    cell: Organization,
    name: str = "Nguyễn Văn An",
    *,
    resolution_on: dt.date = _D2020_03_02,
    decided_on: dt.date = _D2020_04_01,
    ceremony_on: dt.date | None = _D2020_04_20,
    introduced_by: Sequence[Introducer] | None = None,
    **fields: Any,
) -> Person:
    """The whole admission procedure through the services: candidate, course, resolution, decision, ceremony."""
    someone = candidate(actor, cell, name, registered_on=resolution_on - dt.timedelta(days=200),
                        course_on=resolution_on - dt.timedelta(days=100), resolution_on=resolution_on, **fields)
    services.admission_decide(
        actor=actor,
        person=someone,
        decision=decision(decided_on),
        introducers=introduced_by if introduced_by is not None else introducers(actor, cell),
    )
    if ceremony_on is not None:
        services.admission_ceremony_record(actor=actor, person=someone, held_on=ceremony_on)
    someone.refresh_from_db()
    return someone
