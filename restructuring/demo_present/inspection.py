"""The batch's inspection work in each commune of 01/07/2025, by its inspection committee (appointed in
`committees.py`): the year's programme (once a year), an inspection of the demo cell concluded 8 working days
before the batch date D with two follow-ups (one due in 7 working days, one overdue by 2), and a thematic
supervision of another cell in progress (started 5 working days before D, due to end 15 after). Brought forward:
a later load marks the follow-ups done (the due one on its due date, the overdue one 3 working days after D) and
concludes the supervision 3 working days after its end, when those days have come. Skipped when already recorded
(organization, kind, subject, start); numbers, subjects and findings are illustrative."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from committees.models import Seat, SeatKind
from inspection.models import Body, FollowUp, FollowUpStatus, Inspection, InspectionKind, Programme, TeamRole
from inspection.services import (
    FollowUpInput,
    TeamInput,
    follow_up_set_status,
    inspection_conclude,
    inspection_create,
    programme_create,
)
from members.ruling import Snapshot
from organizations.models import Organization
from restructuring.demo_present.stories import REASON, REFORM_ON, Unit

BODY = Body.INSPECTION_COMMITTEE


def _team(commune: Organization, on: dt.date) -> list[TeamInput]:
    seats = Seat.objects.filter(organization=commune, kind__in=[SeatKind.INSPECTION_CHAIR, SeatKind.INSPECTION],
                                starts_on__lte=on).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
    chair = [s.person for s in seats if s.kind == SeatKind.INSPECTION_CHAIR]
    others = sorted((s.person for s in seats if s.kind == SeatKind.INSPECTION), key=lambda p: p.pk)
    return [TeamInput(p, TeamRole.HEAD) for p in chair[:1]] + [TeamInput(p, TeamRole.MEMBER) for p in others[:1]]


def _programme(actor: Any, commune: Organization, year: int) -> Programme:
    found = Programme.objects.filter(organization=commune, body=BODY, year=year).first()
    return found or programme_create(
        actor=actor, organization=commune, body=BODY, year=year, reason=REASON,
        title=f"Chương trình kiểm tra, giám sát năm {year} của Ủy ban Kiểm tra "
              f"{commune.name.replace('Đảng bộ ', 'Đảng ủy ')}",
        document_number="01-CTr/UBKTĐU", document_date=max(dt.date(year, 1, 5), REFORM_ON))


def _create(actor: Any, commune: Organization, kind: str, subject: Organization, starts: dt.date,
            **fields: Any) -> Inspection:
    found = Inspection.objects.filter(organization=commune, kind=kind, subject_organization=subject,
                                      starts_on=starts).first()
    return found or inspection_create(
        actor=actor, organization=commune, body=BODY, kind=kind, subject_organization=subject, starts_on=starts,
        programme=_programme(actor, commune, starts.year), team=_team(commune, starts), reason=REASON, **fields)


def load(actor: Any, on: dt.date, units: list[Unit], rules: Snapshot, *, until: dt.date) -> int:
    """Record the batch's inspection and supervision and move them on up to `until`; returns what was written."""
    wd = rules.add_working_days
    written = 0
    for unit in units:
        commune = Organization.objects.filter(code=unit.code, established_on=REFORM_ON).first()
        cell = Organization.objects.filter(code=unit.secretary_cell).first()
        if commune is None or cell is None or wd(on, -20) < REFORM_ON or not _team(commune, on):
            continue  # (a batch in the commune's first month has no inspection yet)
        other = Organization.objects.filter(path__startswith=commune.path, kind__code="cell").exclude(
            pk=cell.pk).exclude(dissolved_on__lte=on).order_by("code")
        others = list(other)
        second = others[on.toordinal() % len(others)] if others else cell
        starts, concluded, due_soon, overdue = wd(on, -20), wd(on, -8), wd(on, 7), wd(on, -2)
        follow_ups = [(FollowUpInput("Chi bộ bổ sung kế hoạch thực hiện nghị quyết năm", due_soon, cell.name),
                       due_soon),
                      (FollowUpInput("Báo cáo kết quả khắc phục hạn chế sau kiểm tra", overdue, cell.name), wd(on, 3))]
        count = Inspection.objects.count()
        checked = _create(
            actor, commune, InspectionKind.INSPECTION, cell, starts,
            content=f"Kiểm tra việc lãnh đạo thực hiện nghị quyết của {cell.name} (tháng {on:%m/%Y})",
            ends_on=concluded, conclusion="Cơ bản thực hiện tốt; còn chậm xây dựng kế hoạch và "
            "báo cáo (minh họa).", concluded_on=concluded, violations_found=False,
            follow_ups=[item for item, _done in follow_ups])
        started, ends = wd(on, -5), wd(on, 15)
        supervised = _create(
            actor, commune, InspectionKind.SUPERVISION, second, started,
            content=f"Giám sát chuyên đề việc thực hiện nhiệm vụ của {second.name} (tháng {on:%m/%Y})", ends_on=ends)
        written += Inspection.objects.count() - count
        for item, done_on in follow_ups:
            row = FollowUp.objects.filter(inspection=checked, text=item.text, due_on=item.due_on).first()
            if done_on <= until and row is not None and row.status == FollowUpStatus.OPEN:
                follow_up_set_status(actor=actor, follow_up=row, status=FollowUpStatus.DONE, done_on=done_on,
                                     reason=REASON)
                written += 1
        if wd(ends, 3) <= until and supervised.concluded_on is None:
            inspection_conclude(actor=actor, inspection=supervised, concluded_on=wd(ends, 3), violations_found=False,
                                conclusion="Thực hiện tốt nhiệm vụ được giao (minh họa).", reason=REASON)
            written += 1
    return written
