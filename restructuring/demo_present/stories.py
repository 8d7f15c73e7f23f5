"""The present-day member stories of one batch: candidates at every stage, decisions, ceremonies, probations,
recognitions, a transfer letter not yet presented, members whose badge falls on the next presentation day.

Each story is a full member history: its dates are placed around the batch's date D so that, on D, the person
stands at the wanted stage with the wanted deadline ("due in 5 working days" = 5 working days after D under the
working-day calendar and the rules in force), and it goes on after D at the ordinary pace (the committee decides,
holds the ceremony, recognises). Loading on D writes the steps dated on or before D; loading on a later day writes
the steps that have come due since (see docs/demo.md, "Bringing the present forward").
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from core.decisions import Decision
from members import services
from members.demo import ETHNICITY_CODES, WORK, YOUNG_VILLAGERS, Plan
from members.demo.plan import Context  # the demo's own: who writes, and the people and organizations met so far
from members.models import Ethnicity, EventKind, Gender, Person, PoliticalTheory
from members.party_age import next_presentation_day, previous_presentation_day
from members.ruling import Snapshot
from members.services import AdmissionRecord, Introducer, TransferLetter
from organizations.models import Organization
from rules.calendar import add_months

REASON = "Dữ liệu mẫu (năm hiện tại)"
MARK = "LL-"  # personal-history numbers of present-day files: LL-<batch date YYYY-MM-DD>-<index>
REFORM_ON = dt.date(2025, 7, 1)  # from this day the commune committee decides admissions (294-QĐ/TW)
FILE = "file"  # kind of the step that opens the file


@dataclass(frozen=True)
class Unit:
    """A commune of today's tree and where its stories happen."""

    code: str
    secretary_cell: str  # the demo cell secretary's cell: gets every kind of story
    mix: dict[str, int]  # ethnic groups of newcomers
    place: str  # ", xã …, tỉnh …"
    district: str  # who decided admissions before 01/07/2025
    commune: str  # who decides them from then on
    province_digits: str
    full: bool  # the other cells get some stories too


@dataclass(order=True)
class Step:
    on: dt.date
    seq: int
    citizen_id: str = field(compare=False)
    key: tuple[str, dt.date] = field(compare=False)  # (event kind or FILE, the event's date): written already?
    run: Callable[[Context], object] = field(compare=False)


class Batch:
    """The stories generated for one date, from a seed made of that date."""

    def __init__(self, on: dt.date, unit: Unit, index: int, rules: Snapshot) -> None:
        self.on = on
        self.unit = unit
        self.rules = rules
        self.plan = Plan(int(on.strftime("%Y%m%d")) * 10 + index, province_digits=unit.province_digits,
                         card_prefix=unit.province_digits[1:])
        self.rng = self.plan.rng
        self.steps: list[Step] = []
        self._seq = itertools.count()
        self._files = itertools.count(index * 100 + 1)

    # ------------------------------------------------------------------ dates

    def wd(self, start: dt.date, days: int) -> dt.date:
        return self.rules.add_working_days(start, days)

    def rule(self, key: str, on: dt.date | None = None) -> int:
        return int(self.rules.value(key, on=on or self.on))

    def issuer(self, on: dt.date) -> str:
        return self.unit.commune if on >= REFORM_ON else self.unit.district

    def step(self, on: dt.date, cid: str, kind: str, run: Callable[[Context], object],
             dated: dt.date | None = None) -> None:
        """A write on `on`, recording an event of `kind` dated `dated` (default `on`)."""
        self.steps.append(Step(on, next(self._seq), cid, (kind, dated or on), run))

    # ------------------------------------------------------------------ files

    def new_file(self, cell: Organization, *, born: tuple[int, int], work: tuple[str, str, str]) -> Any:
        ethnic = self.rng.choices(list(self.unit.mix), weights=list(self.unit.mix.values()))[0]
        village = cell.name.replace("Chi bộ ", "")
        address = f"{village[:1].lower()}{village[1:]}{self.unit.place}"
        file = self.plan.file(cell=cell.code, ethnic=ethnic, born=born, work=work, address=address,
                              hometown=address, applicant=True)
        file.fields["general_education"] = "12/12"
        file.fields["history_number"] = f"{MARK}{self.on:%Y-%m-%d}-{next(self._files):03d}"
        return file

    def open_file(self, file: Any, on: dt.date, then: Callable[[Context, Person], object] | None = None) -> None:
        def create(ctx: Context) -> None:
            fields = dict(file.fields)
            fields.pop("religion", None)
            person = services.person_create(
                actor=ctx.actor, organization=ctx.organization(file.cell), full_name=file.full_name,
                gender=file.gender, birth_date=file.birth_date, reason=REASON, citizen_id=file.citizen_id,
                ethnicity=Ethnicity.objects.get(code=ETHNICITY_CODES[file.ethnicity]), confirm_duplicate=True,
                **fields)
            ctx.people[file.citizen_id] = person
            if then is not None:
                then(ctx, person)

        self.step(on, file.citizen_id, FILE, create)

    # ------------------------------------------------------------------ the admission story

    def admission(self, cell: Organization, introducers: list[Person], *, registered: dt.date | None = None,
                  course: dt.date | None = None, application: dt.date | None = None,
                  resolution: dt.date | None = None, decided: dt.date | None = None,
                  ceremony: dt.date | None = None, end: dt.date | None = None,
                  recognised: dt.date | None = None) -> None:
        """One candidate's whole procedure; the latest stage given anchors it, earlier stages are placed before
        it at the ordinary pace, later ones after it (each within its deadline)."""
        rng = self.rng
        if end is not None:
            ceremony = add_months(end, -12)
        if ceremony is not None:
            decided = decided or self.wd(ceremony, -rng.randint(6, 20))
        if decided is not None:
            resolution = resolution or self.wd(decided, -rng.randint(15, 45))
        if resolution is not None:
            application = application or resolution - dt.timedelta(days=rng.randint(20, 45))
        if application is not None:
            course = course or application - dt.timedelta(days=rng.randint(15, 40))
        if course is not None:
            registered = registered or course - dt.timedelta(days=rng.randint(25, 60))
        assert registered is not None
        course = course or registered + dt.timedelta(days=rng.randint(25, 60))
        application = application or course + dt.timedelta(days=rng.randint(15, 40))
        resolution = resolution or self.wd(application, rng.randint(15, 30))
        decided = decided or self.wd(resolution, rng.randint(20, self.rule("admission.decision_deadline_working_days")
                                                              - 5))
        ceremony = ceremony or self.wd(decided, rng.randint(6, 20))
        end = add_months(ceremony, self.rule("recognition.probation_months", ceremony))
        recognised = recognised or self.wd(end, rng.randint(3, 15))
        file = self.new_file(cell, born=(registered.year - 32, registered.year - 20),
                             work=rng.choice(YOUNG_VILLAGERS))
        cid = file.citizen_id
        self.open_file(file, registered, lambda ctx, person: services.candidate_register(
            actor=ctx.actor, person=person, registered_on=registered, reason=REASON))
        self.step(course, cid, EventKind.AWARENESS_COURSE, lambda ctx: services.awareness_course_record(
            actor=ctx.actor, person=ctx.person(cid), completed_on=course, reason=REASON,
            certificate_number=f"{rng.randint(100, 999)}/CN-TTCT", issuer="Trung tâm Chính trị"))
        for form, on in (("1-KNĐ", application), ("6-KNĐ", resolution)):
            self.step(on, cid, EventKind.DOSSIER_STEP, self._dossier(cid, form, on))
        decision = self.plan.number("QĐ/ĐU", decided, self.issuer(decided))
        since = resolution - dt.timedelta(days=rng.randint(420, 900))
        self.step(decided, cid, EventKind.ADMISSION_DECISION, lambda ctx: services.admission_decide(
            actor=ctx.actor, person=ctx.person(cid), decision=decision, reason=REASON,
            introducers=[Introducer(p, since) for p in introducers]))
        self.step(ceremony, cid, EventKind.ADMISSION_CEREMONY, lambda ctx: services.admission_ceremony_record(
            actor=ctx.actor, person=ctx.person(cid), held_on=ceremony, reason=REASON))
        recognition = self.plan.number("QĐ/ĐU", recognised, self.issuer(recognised))
        self.step(recognised, cid, EventKind.RECOGNITION, lambda ctx: services.recognition_record(
            actor=ctx.actor, person=ctx.person(cid), decision=recognition, reason=REASON), dated=end)

    @staticmethod
    def _dossier(cid: str, form: str, on: dt.date) -> Callable[[Context], object]:
        return lambda ctx: services.dossier_step_record(actor=ctx.actor, person=ctx.person(cid), form=form,
                                                        occurred_on=on, reason=REASON)

    # ------------------------------------------------------------------ members arriving from outside

    def arrival(self, cell: Organization, *, admitted: dt.date, arrived: dt.date,
                then: Callable[[Context, Person], object] | None = None) -> str:
        """A member admitted elsewhere long ago who moves here (retired, home again): history copied from the
        letter, recorded outside this tree, so the historic years' figures do not change."""
        rng = self.rng
        retired = ("Cán bộ hưu trí", "", PoliticalTheory.INTERMEDIATE)
        file = self.new_file(cell, born=(admitted.year - 30, admitted.year - 22),
                             work=rng.choice([WORK["village"][7], retired]))
        file.gender = Gender.MALE if rng.random() < 0.6 else Gender.FEMALE
        file.fields["party_card_number"] = self.plan.card()
        issuer = "Ban Thường vụ Thành ủy Lạng Sơn"
        ceremony = admitted + dt.timedelta(days=rng.randint(10, 25))
        recognised = add_months(ceremony, 12)
        history = AdmissionRecord(
            decision=Decision(f"{rng.randint(100, 900)}-QĐ/TU", admitted, issuer), ceremony_on=ceremony,
            recognised_on=recognised,
            recognition_decision=Decision(f"{rng.randint(100, 900)}-QĐ/TU", recognised + dt.timedelta(days=9),
                                          issuer))
        letter = TransferLetter(register_number=f"{rng.randint(10, 90)}/GGT-ĐU",
                                list_number=f"{rng.randint(1, 30):02d}",
                                dues_paid_until=arrived.replace(day=1), issued_on=arrived - dt.timedelta(days=5),
                                issuer="Đảng ủy phường Đông Kinh")

        def come(ctx: Context, person: Person) -> None:
            services.member_transfer_in(actor=ctx.actor, person=person, temporary=False, organization=cell,
                                        occurred_on=arrived, letter=letter, arriving=history, reason=REASON,
                                        origin_outside="Chi bộ khối phố 5, Đảng bộ phường Đông Kinh, tỉnh Lạng Sơn")
            if then is not None:
                then(ctx, person)

        self.open_file(file, arrived, come)
        return str(file.citizen_id)

    def transfer(self, cell: Organization, destination: Organization) -> None:
        """A member leaves for another cell of the commune: letter two working days ago, presented in three."""
        letter_on = self.wd(self.on, -2)
        arrived = self.on - dt.timedelta(days=self.rng.randint(90, 200))
        admitted = dt.date(arrived.year - self.rng.randint(8, 20), self.rng.randint(1, 12), self.rng.randint(1, 28))
        cid = self.arrival(cell, admitted=admitted, arrived=arrived)
        letter = TransferLetter(register_number=f"{self.rng.randint(10, 90)}/GGT-CB", list_number="03",
                                dues_paid_until=letter_on.replace(day=1), issued_on=letter_on, issuer=cell.name)
        self.step(letter_on, cid, EventKind.TRANSFER_OUT_OFFICIAL, lambda ctx: services.member_transfer_out(
            actor=ctx.actor, person=ctx.person(cid), temporary=False, occurred_on=letter_on, letter=letter,
            destination=destination, reason="Chuyển nơi cư trú trong xã"))
        presented = self.wd(self.on, 3)
        self.step(presented, cid, EventKind.TRANSFER_IN_OFFICIAL, lambda ctx: services.member_transfer_in(
            actor=ctx.actor, person=ctx.person(cid), temporary=False, organization=destination,
            occurred_on=presented, reason="Chuyển nơi cư trú trong xã"))

    def badge(self, cell: Organization) -> None:
        """A member whose Party age reaches a badge's years since the last presentation day: due at the next."""
        day = next_presentation_day(self.on + dt.timedelta(days=1), self.rules)
        previous = previous_presentation_day(day, self.rules) or day - dt.timedelta(days=90)
        years = self.rng.choice([int(y) for y in self.rules.value("party_age.badge_years", on=day)][:3])
        latest = add_months(day, -12 * years)
        earliest = add_months(previous, -12 * years) + dt.timedelta(days=1)
        admitted = latest - dt.timedelta(days=self.rng.randint(0, max((latest - earliest).days, 0)))
        self.arrival(cell, admitted=admitted, arrived=self.on - dt.timedelta(days=self.rng.randint(30, 300)))
