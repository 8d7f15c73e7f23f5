"""The seeded plan: the demo's files and the dated steps that write them through the members services, in date
order; a file that exists already is skipped, so a second run changes nothing."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from core.decisions import Decision
from members import services
from members.demo.people import ETHNICITY_CODES, NAMES
from members.models import Ethnicity, Gender, Person, Religion
from members.services import AdmissionRecord
from organizations.models import Organization
from rules import calendar as working_days

D = dt.date
REASON = "Dữ liệu mẫu"


@dataclass
class File:
    """One demo person: the member file's fields, keyed by the citizen ID."""

    citizen_id: str
    cell: str
    full_name: str
    gender: str
    birth_date: dt.date
    ethnicity: str
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(order=True)
class Step:
    """One write, done on its date in the order the board would have recorded it."""

    on: dt.date
    seq: int
    citizen_id: str = field(compare=False)
    run: Callable[[Context], object] = field(compare=False)


@dataclass
class Context:
    actor: Any
    people: dict[str, Person] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    ethnicities: dict[str, Ethnicity] = field(default_factory=dict)

    def person(self, citizen_id: str) -> Person:
        if citizen_id not in self.people:
            self.people[citizen_id] = Person.objects.get(citizen_id=citizen_id)
        return self.people[citizen_id]

    def organization(self, code: str) -> Organization:
        if code not in self.organizations:
            self.organizations[code] = Organization.objects.get(code=code)
        return self.organizations[code]


ORGANIZATION_STEP = "-"  # citizen_id of a step that restructures the tree instead of writing a file


class Plan:
    """Generates files and their steps from a seed; `run` writes what is missing."""

    def __init__(self, seed: int, *, province_digits: str, card_prefix: str) -> None:
        self.rng = random.Random(seed)  # noqa: S311 (illustrative data from a fixed seed)
        self.files: dict[str, File] = {}
        self.steps: list[Step] = []
        self._seq = itertools.count()
        self._names: set[str] = set()
        self._province = province_digits
        self._card_prefix = card_prefix
        self._cards = itertools.count(self.rng.randrange(10_000, 40_000))
        self._numbers: dict[tuple[str, int], int] = {}

    # ------------------------------------------------------------------ values

    def day(self, start: dt.date, end: dt.date) -> dt.date:
        """A working day between start and end (inclusive), if there is one."""
        for _ in range(20):
            day = start + dt.timedelta(days=self.rng.randint(0, (end - start).days))
            if day.weekday() < 5:
                return day
        return start

    def after(self, start: dt.date, low: int, high: int) -> dt.date:
        """Between `low` and `high` working days after `start`."""
        return working_days.add_working_days(start, self.rng.randint(low, high))

    def number(self, suffix: str, on: dt.date, issuer: str, step: tuple[int, int] = (1, 6)) -> Decision:
        """A decision of `issuer`, numbered in sequence within the year (e.g. 215-QĐ/HU)."""
        key = (suffix, on.year)
        self._numbers[key] = self._numbers.get(key, self.rng.randint(8, 40)) + self.rng.randint(*step)
        return Decision(f"{self._numbers[key]}-{suffix}", on, issuer)

    def name(self, ethnic: str, gender: str) -> str:
        families, male_middles, males, female_middles, females = NAMES[ethnic]
        for _ in range(200):
            if gender == Gender.MALE:
                full = f"{self.rng.choice(families)} {self.rng.choice(male_middles)} {self.rng.choice(males)}"
            else:
                full = f"{self.rng.choice(families)} {self.rng.choice(female_middles)} {self.rng.choice(females)}"
            words = full.split()
            if full not in self._names and words[-1] not in words[1:-1]:
                break
        self._names.add(full)
        return full

    def citizen_id(self, birth: dt.date, gender: str) -> str:
        century = 0 if birth.year < 2000 else 2
        digit = century + (1 if gender == Gender.FEMALE else 0)
        while True:
            value = f"{self._province}{digit}{birth.year % 100:02d}{self.rng.randrange(0, 1_000_000):06d}"
            if value not in self.files:
                return value

    def card(self) -> str:
        return f"{self._card_prefix}.{next(self._cards):06d}"

    def education(self, ethnic: str, birth: dt.date, *, applicant: bool = False) -> str:
        if birth.year < 1965:
            return self.rng.choice(["7/10", "10/10", "7/10"] if ethnic == "kinh" else ["4/10", "7/10", "7/10"])
        if ethnic == "hmong":
            return self.rng.choice(["7/12", "9/12", "12/12"] if applicant else ["5/12", "7/12", "9/12", "12/12"])
        return self.rng.choice(["12/12", "12/12", "9/12"])

    # ------------------------------------------------------------------ files and steps

    def step(self, on: dt.date, citizen_id: str, run: Callable[[Context], object]) -> None:
        self.steps.append(Step(on, next(self._seq), citizen_id, run))

    def file(
        self, *, cell: str, ethnic: str, born: tuple[int, int], gender: str | None = None, work: tuple[str, str, str],
        address: str, hometown: str, full_name: str | None = None, applicant: bool = False, card: bool = False,
    ) -> File:
        gender = gender or (Gender.MALE if self.rng.random() < 0.62 else Gender.FEMALE)
        birth = D(self.rng.randint(*born), self.rng.randint(1, 12), self.rng.randint(1, 28))
        citizen_id = self.citizen_id(birth, gender)
        occupation, qualification, theory = work
        fields: dict[str, Any] = {
            "birth_place": hometown, "hometown": hometown, "address": address,
            "general_education": self.education(ethnic, birth, applicant=applicant),
            "professional_qualification": qualification, "political_theory": theory, "occupation": occupation,
            "history_number": f"{self._card_prefix}{len(self.files) + 1:05d}",
        }
        if self.rng.random() < 0.55:
            fields["phone"] = f"0{self.rng.choice(['9', '3', '8'])}{self.rng.randrange(10_000_000, 99_999_999)}"
        if card:
            fields["party_card_number"] = self.card()
        if ethnic == "kinh" and birth.year < 1970 and self.rng.random() < 0.3:
            fields["religion"] = "phat-giao"
        file = File(citizen_id, cell, full_name or self.name(ethnic, gender), gender, birth, ethnic, fields)
        self.files[citizen_id] = file
        return file

    # ------------------------------------------------------------------ writing

    def run(self, actor: Any) -> int:
        """Write the steps of every file that does not exist yet, in date order. Returns the files written."""
        existing = set(Person.objects.filter(citizen_id__in=list(self.files)).values_list("citizen_id", flat=True))
        ctx = Context(actor=actor, ethnicities={e.code: e for e in Ethnicity.objects.all()})
        for step in sorted(self.steps):
            if step.citizen_id in existing:
                continue
            step.run(ctx)
        return len(set(self.files) - existing)


def create_person(ctx: Context, file: File, *, admitted: AdmissionRecord | None = None) -> Person:
    """Open the member file of `file` (with its admission history when copied from an older file)."""
    fields = dict(file.fields)
    religion = fields.pop("religion", None)
    if religion:
        fields["religion"] = Religion.objects.get(code=religion)
    return services.person_create(
        actor=ctx.actor, organization=ctx.organization(file.cell), full_name=file.full_name, gender=file.gender,
        birth_date=file.birth_date, admitted=admitted, reason=REASON, citizen_id=file.citizen_id,
        ethnicity=ctx.ethnicities[ETHNICITY_CODES[file.ethnicity]], **fields,
    )
