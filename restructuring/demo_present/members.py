"""Which stories each commune of today's tree gets on a batch date, and writing them (idempotent per step)."""

from __future__ import annotations

import datetime as dt

from members.demo import NA_RI_VILLAGE_MIX
from members.models import MemberEvent, Person, Status
from members.ruling import Snapshot
from organizations.models import Organization
from restructuring.demo_present.stories import FILE, MARK, Batch, Context, Step, Unit

UNITS = [
    Unit("TN-NARI", "BK-NR-YL-01", NA_RI_VILLAGE_MIX, ", xã Na Rì, tỉnh Thái Nguyên", "Ban Thường vụ Huyện ủy Na Rì",
         "Ban Thường vụ Đảng ủy xã Na Rì", "019", full=True),
    Unit("DB-DBH-NT", "DB-DBH-NT-PK1", {"thai": 8, "hmong": 2, "kinh": 1}, ", xã Na Tông, tỉnh Điện Biên",
         "Ban Thường vụ Huyện ủy Điện Biên", "Ban Thường vụ Đảng ủy xã Na Tông", "011", full=True),
    Unit("TN-TRANPHU", "BK-NR-VH-01", NA_RI_VILLAGE_MIX, ", xã Trần Phú, tỉnh Thái Nguyên",
         "Ban Thường vụ Huyện ủy Na Rì", "Ban Thường vụ Đảng ủy xã Trần Phú", "019", full=False),
]


def _cells(unit: Unit, on: dt.date) -> list[Organization]:
    """The unit's cells on `on`, the secretary's first, the others by code."""
    top = Organization.objects.get(code=unit.code)
    cells = Organization.objects.filter(path__startswith=top.path, kind__code="cell", established_on__lte=on).exclude(
        dissolved_on__lte=on).order_by("code")
    ordered = sorted(cells, key=lambda c: (c.code != unit.secretary_cell, c.code))
    return ordered


def _introducers(cell: Organization) -> list[Person]:
    """Two members of record of the cell (not present-day files): they introduce the cell's candidates."""
    rows = Person.objects.filter(organization=cell, status=Status.OFFICIAL).exclude(history_number__startswith=MARK)
    return list(rows.order_by("citizen_id")[:2])


def _stories(batch: Batch, cell: Organization, others: list[Organization], *, full: bool) -> None:
    """Every stage in the secretary's cell (`full`), a few in the other cells."""
    on, wd, rule = batch.on, batch.wd, batch.rule
    intro = _introducers(cell)
    decision_days = rule("admission.decision_deadline_working_days")
    ceremony_days = rule("admission.ceremony_deadline_working_days")
    consider_days = rule("recognition.consider_deadline_working_days")
    # On time: the admission decision is due in 5 working days; overdue: 3 working days ago (decided 4 days late).
    batch.admission(cell, intro, resolution=wd(on, 5 - decision_days), decided=wd(on, 3))
    batch.admission(cell, intro, registered=on - dt.timedelta(days=batch.rng.randint(3, 25)))
    batch.admission(cell, intro, ceremony=wd(on, 2), decided=wd(on, 4 - ceremony_days))
    if not full:
        return
    batch.admission(cell, intro, resolution=wd(on, -3 - decision_days), decided=wd(on, 4))
    batch.admission(cell, intro, course=on - dt.timedelta(days=batch.rng.randint(3, 20)))
    batch.admission(cell, intro, application=on - dt.timedelta(days=batch.rng.randint(3, 15)))
    batch.admission(cell, intro, decided=wd(on, -2 - ceremony_days), ceremony=wd(on, 5))
    # Probation ending later this month (when the month has days left) and next month.
    last = (on.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    if on.day < min(last.day, 28):
        batch.admission(cell, intro, end=on + dt.timedelta(days=batch.rng.randint(1, min(last.day, 28) - on.day)))
    batch.admission(cell, intro, end=(last + dt.timedelta(days=1)).replace(day=batch.rng.randint(5, 25)))
    # Probation ended: recognition due in 28 working days, and one overdue by 4.
    batch.admission(cell, intro, end=wd(on, -2))
    batch.admission(cell, intro, end=wd(on, -consider_days - 4), recognised=wd(on, 6))
    # Recognised earlier this year.
    ended = on - dt.timedelta(days=batch.rng.randint(40, 80))
    if ended.year == on.year:
        batch.admission(cell, intro, end=ended)
    batch.transfer(cell, others[0])
    batch.badge(cell)
    batch.badge(others[-1])


def batches(on: dt.date, rules: Snapshot) -> list[Batch]:
    """The stories of the batch dated `on`, for every commune of the demo's present-day tree."""
    made = []
    for index, unit in enumerate(UNITS):
        if not Organization.objects.filter(code=unit.code).exists():
            continue
        batch = Batch(on, unit, index, rules)
        cells = _cells(unit, on)
        _stories(batch, cells[0], cells[1:], full=unit.full)
        if unit.full:
            for cell in batch.rng.sample(cells[1:], 2):
                _stories(batch, cell, [c for c in cells if c != cell], full=False)
        made.append(batch)
    return made


def run(actor: object, steps: list[Step], *, until: dt.date) -> int:
    """Write every step dated on or before `until` that is not written yet; returns the number written."""
    ids = {s.citizen_id for s in steps}
    people = set(Person.objects.filter(citizen_id__in=ids).values_list("citizen_id", flat=True))
    done = set(MemberEvent.objects.filter(person__citizen_id__in=ids).values_list(
        "person__citizen_id", "kind", "occurred_on"))
    ctx = Context(actor=actor)
    written = 0
    for step in sorted(steps):
        if step.on > until:
            continue
        kind, dated = step.key
        if (step.citizen_id in people) if kind == FILE else ((step.citizen_id, kind, dated) in done):
            continue
        step.run(ctx)
        written += 1
    return written
