"""Member files and ten years of events, written as the members services would write and derive them.

Each file is a life: an admission of record (copied from the paper file, `recorded_from`), an arrival from
outside, an admission in the ten years (registration, course, dossier, decision, ceremony, recognition at the end
of probation computed by the services' own `probation_end`, leap years included) or a candidate still waiting;
then, for members, deaths, transfers (within the province, to another, out of the installation), exemptions,
strike-offs and departures with age-dependent rates. The status cache, cell and spells come from folding the
events with members.status.derive, exactly as members.services.log._rebuild stores them.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import uuid
from dataclasses import dataclass, field
from typing import Any

from bench.synth.load import next_id
from bench.synth.names import Dimensions
from bench.synth.tree import Tree
from core.text import fold, person_sort_key
from members.models import DOSSIER_COMPLETED_FORM, EventKind, Status
from members.ruling import add_months
from members.services import probation_end as services_probation_end
from members.status import derive

WINDOW = dt.date(2016, 1, 1)
RULES_FROM = dt.date(2011, 11, 1)  # first version of the admission rules: earlier dates are dates of record
D = dt.date
#: The services' own helper (rule value in force on the ceremony's date, months added with the rules calendar,
#: 29/02 clamped), remembered per ceremony date: it reads the rules from the database.
probation_end = functools.lru_cache(maxsize=None)(services_probation_end)


@dataclass
class Ev:
    """An event row (what derive() reads, and what is written)."""

    id: int
    kind: str
    occurred_on: dt.date
    organization_id: int | None
    counterpart_id: int | None = None
    details: dict[str, Any] = field(default_factory=dict)
    decision_number: str = ""
    decision_date: dt.date | None = None
    decision_issuer: str = ""
    supersedes_id: int | None = None


@dataclass
class Batch:
    persons: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    spells: list[dict[str, Any]] = field(default_factory=list)


class Lives:
    """Generates files with consecutive ids; `end` is the last day events may have (today)."""

    def __init__(self, tree: Tree, dims: Dimensions, *, end: dt.date, seed: int) -> None:
        self.tree, self.dims, self.end, self.rng = tree, dims, end, random.Random(seed)
        from members.models import MemberEvent, MembershipSpell, Person

        self.next_person, self.next_event, self.next_spell = (
            next_id(m) for m in (Person, MemberEvent, MembershipSpell))
        self.province_of = {c: p for p, cells in tree.cells_of_province.items() for c in cells}
        self.serial = 0

    # ------------------------------------------------------------------ helpers

    def day(self, a: dt.date, b: dt.date) -> dt.date:
        return a + dt.timedelta(days=self.rng.randint(0, max(0, (b - a).days)))

    def number(self, suffix: str) -> str:
        self.serial += 1
        return f"{self.serial % 9000 + 1}-{suffix}"

    def ev(self, events: list[Ev], kind: str, on: dt.date, org: int | None, **more: Any) -> Ev:
        event = Ev(0, kind, on, org, **more)
        events.append(event)
        return event

    def decided(self, on: dt.date, issuer: str = "Đảng ủy xã", suffix: str = "QĐ/ĐU") -> dict[str, Any]:
        return {"decision_number": self.number(suffix), "decision_date": on, "decision_issuer": issuer}

    # ------------------------------------------------------------------ admissions

    def of_record(self, events: list[Ev], cell: int | None, admitted: dt.date, source: str) -> dt.date:
        """Admission, ceremony and recognition copied from the file; returns the recognition date."""
        details = {"recorded_from": source}
        self.ev(events, EventKind.ADMISSION_DECISION, admitted, cell, details=details,
                **self.decided(admitted, "Huyện ủy", "QĐ/HU"))
        ceremony = admitted + dt.timedelta(days=self.rng.randint(7, 28))
        self.ev(events, EventKind.ADMISSION_CEREMONY, ceremony, cell, details=details)
        end = probation_end(ceremony) if ceremony >= RULES_FROM else add_months(ceremony, 12)
        self.ev(events, EventKind.RECOGNITION, end, cell, details=details,
                **self.decided(end + dt.timedelta(days=self.rng.randint(0, 30)), "Huyện ủy", "QĐ/HU"))
        return end

    def admission(self, events: list[Ev], cell: int, registered: dt.date) -> tuple[str, dt.date] | None:
        """The admission procedure of the ten years; (outcome, date) or None while still a candidate."""
        self.ev(events, EventKind.CANDIDATE_REGISTERED, registered, cell)
        course = registered + dt.timedelta(days=self.rng.randint(30, 200))
        decision = course + dt.timedelta(days=self.rng.randint(60, 300))
        if decision + dt.timedelta(days=30) > self.end:
            return None
        self.ev(events, EventKind.AWARENESS_COURSE, course, cell, details={"certificate_number": self.number("CN")})
        self.ev(events, EventKind.DOSSIER_STEP, decision - dt.timedelta(days=self.rng.randint(25, 45)), cell,
                details={"form": "6-KNĐ"})
        self.ev(events, EventKind.DOSSIER_STEP, decision - dt.timedelta(days=self.rng.randint(5, 20)), cell,
                details={"form": DOSSIER_COMPLETED_FORM})
        self.ev(events, EventKind.ADMISSION_DECISION, decision, cell, **self.decided(decision, "Huyện ủy", "QĐ/HU"))
        ceremony = decision + dt.timedelta(days=self.rng.randint(7, 28))
        self.ev(events, EventKind.ADMISSION_CEREMONY, ceremony, cell)
        end = probation_end(ceremony)  # the services' helper: 12 months by the rule in force, 29/02 clamped
        decided_on = end + dt.timedelta(days=self.rng.randint(0, 40))
        if decided_on > self.end:
            return ("probationary", ceremony)
        if self.rng.random() < 0.01:
            self.ev(events, EventKind.NOT_RECOGNISED, decided_on, cell, details={"ground": "not_recognised"},
                    **self.decided(decided_on))
            return ("struck_off", decided_on)
        self.ev(events, EventKind.RECOGNITION, end, cell, details={"decided_on": decided_on.isoformat()},
                **self.decided(decided_on, "Huyện ủy", "QĐ/HU"))
        return ("official", end)

    # ------------------------------------------------------------------ a member's years

    def other_cell(self, cell: int) -> int:
        province = self.province_of[cell]
        if self.rng.random() < 0.2:
            province = self.rng.choice(self.tree.provinces)
        cells = self.tree.cells_of_province[province]
        choice = self.rng.choice(cells)
        return choice if choice != cell else cells[(cells.index(choice) + 1) % len(cells)]

    def member_years(self, events: list[Ev], cell: int, birth: dt.date, start: dt.date) -> None:
        """Hazards from `start` (an official member in `cell`) until today or an exit."""
        on, exempted = max(start, WINDOW), False
        while on < self.end:
            age = (on - birth).days / 365.25
            death = 0.002 if age < 50 else 0.008 if age < 65 else 0.03 if age < 75 else 0.08
            rates = [("death", death), ("move", 0.02), ("out", 0.004), ("strike", 0.001), ("leave", 0.0002),
                     ("exempt", 0.04 if age >= 68 and not exempted else 0.0)]
            roll, what = self.rng.random(), None
            for name, rate in rates:
                if roll < rate:
                    what = name
                    break
                roll -= rate
            year_end = min(self.end, on + dt.timedelta(days=365))
            if what is None:
                on = year_end + dt.timedelta(days=1)
                continue
            when = self.day(on, year_end)
            if what == "death":
                self.ev(events, EventKind.DEATH, when, cell)
                return
            if what == "strike":
                self.ev(events, EventKind.STRIKE_OFF, when, cell, details={"ground": "abandoned_activities"},
                        **self.decided(when))
                return
            if what == "leave":
                self.ev(events, EventKind.LEFT_VOLUNTARILY, when, cell, **self.decided(when))
                return
            if what == "exempt":
                self.ev(events, EventKind.EXEMPTION_START, when, cell, details={"reason": "age"})
                exempted = True
            elif what == "out":
                self.ev(events, EventKind.TRANSFER_OUT_OFFICIAL, when, cell,
                        details={"letter_number": self.number("GGT"), "destination_outside": "Đảng bộ Khối cơ quan"})
                return
            else:
                arrive = when + dt.timedelta(days=self.rng.randint(3, 25))
                if arrive > self.end:
                    return
                destination = self.other_cell(cell)
                self.ev(events, EventKind.TRANSFER_OUT_OFFICIAL, when, cell, counterpart_id=destination,
                        details={"letter_number": self.number("GGT")})
                self.ev(events, EventKind.TRANSFER_IN_OFFICIAL, arrive, destination, counterpart_id=cell,
                        details={"letter_number": self.number("GGT")})
                cell, when = destination, arrive
            on = when + dt.timedelta(days=1)

    # ------------------------------------------------------------------ one file

    def life(self, cell: int) -> tuple[dict[str, Any], list[Ev]]:
        rng, events = self.rng, list[Ev]()
        person = self.dims.person(rng, province_index=self.tree.provinces.index(self.province_of[cell]))
        roll = rng.random()
        if roll < 0.77:  # a member of record (74 %), or one who arrives from outside in the ten years
            birth = self.day(D(1936, 1, 1), D(1996, 12, 31))
            admitted = max(D(1955, 3, 1), birth + dt.timedelta(days=rng.randint(19 * 365, 40 * 365)))
            if admitted >= D(2015, 9, 1):
                admitted = self.day(D(2005, 1, 1), D(2015, 8, 31))
                birth = min(birth, admitted - dt.timedelta(days=rng.randint(19 * 365, 30 * 365)))
            if roll < 0.74:
                recognised = self.of_record(events, cell, admitted, "file")
                self.member_years(events, cell, birth, recognised)
            else:
                self.of_record(events, None, admitted, "transfer_letter")
                arrive = self.day(WINDOW, self.end - dt.timedelta(days=30))
                self.ev(events, EventKind.TRANSFER_IN_OFFICIAL, arrive, cell,
                        details={"letter_number": self.number("GGT"), "origin_outside": "Đảng bộ tỉnh khác"})
                self.member_years(events, cell, birth, arrive + dt.timedelta(days=1))
        else:
            span = ((WINDOW - dt.timedelta(days=365), self.end - dt.timedelta(days=420)) if roll < 0.95
                    else (self.end - dt.timedelta(days=500), self.end - dt.timedelta(days=30)))  # still candidates
            registered = self.day(*span)
            birth = registered - dt.timedelta(days=rng.randint(int(18.5 * 365), 35 * 365))
            outcome = self.admission(events, cell, registered)
            if outcome is not None and outcome[0] == "official":
                self.member_years(events, cell, birth, outcome[1] + dt.timedelta(days=1))
        person["birth_date"] = birth
        return person, events

    def batch(self, cells: list[int], files_per_cell: list[int]) -> Batch:
        """Files for the cells (files_per_cell[i] in cells[i]): rows of persons, events and spells."""
        batch = Batch()
        for cell, count in zip(cells, files_per_cell, strict=True):
            for _ in range(count):
                self._one(batch, cell)
        return batch

    def _one(self, batch: Batch, cell: int) -> None:
        person, events = self.life(cell)
        pid = self.next_person
        self.next_person += 1
        events.sort(key=lambda e: e.occurred_on)  # stable: same-day events keep their order
        for event in events:
            event.id = self.next_event
            self.next_event += 1
        timeline = derive(events)
        if timeline.rejected:
            raise AssertionError(f"generated log refused by the fold: {timeline.rejected[0]}")
        state = timeline.state
        ever_official = any(e.kind == EventKind.RECOGNITION for e in events)
        province = self.province_of[cell]
        person.update({
            "id": pid, "code": uuid.UUID(int=self.rng.getrandbits(128), version=4),
            "citizen_id": f"{province % 1000:03d}{pid:09d}",
            "party_card_number": f"{province % 100:02d}.{pid:08d}" if ever_official else "",
            "search_name": fold(f"{person['full_name']} ")[:300], "sort_name": person_sort_key(person["full_name"]),
            "organization_id": state.organization_id or cell, "status": state.status, "status_since": state.since,
            "temporary_organization_id": state.temporary_organization_id,
        })
        batch.persons.append(person)
        for e in events:
            batch.events.append({
                "id": e.id, "person_id": pid, "kind": e.kind, "occurred_on": e.occurred_on,
                "organization_id": e.organization_id, "counterpart_id": e.counterpart_id, "details": e.details,
                "decision_number": e.decision_number, "decision_date": e.decision_date,
                "decision_issuer": e.decision_issuer})
        if state.status == Status.VOIDED:
            return
        for segment in timeline.segments:
            if segment.organization_id is not None and segment.status != Status.NONE:
                batch.spells.append({"id": self.next_spell, "person_id": pid,
                                     "organization_id": segment.organization_id, "status": segment.status,
                                     "valid_from": segment.valid_from, "valid_to": segment.valid_to})
                self.next_spell += 1
