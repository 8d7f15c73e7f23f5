"""This year's classes of the batch: the Party-awareness course its candidates attended (ended six weeks before
the batch date, completed) and the course for new members its probationary members are enrolled in (starting in
eight working days, results not yet known). Hosted by each present-day commune; skipped when already recorded.
Brought forward: once a class has ended, a later load records its pending learners as completed, with their
certificate dated 5 working days after the end (when that day has come)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from members.models import EventKind, MemberEvent, Person, Status
from members.ruling import Snapshot
from organizations.models import Organization
from restructuring.demo_present.stories import MARK, REASON
from training.models import ClassKind, Learner, Result, TrainingClass
from training.services import LearnerInput, class_create, learner_result_record, learners_add

ORGANIZER = "Trường Chính trị tỉnh"
NOTE = "Dữ liệu mẫu: lớp của năm hiện tại, sinh ra từ ngày nạp dữ liệu mẫu."


def _classes(on: dt.date, rules: Snapshot) -> list[tuple[str, str, dt.date, dt.date, str, str]]:
    """(kind, title, starts, ends, status of the learners, result)."""
    awareness = rules.add_working_days(on, -30)
    new_members = rules.add_working_days(on, 8)
    return [
        ("awareness", f"Bồi dưỡng nhận thức về Đảng, khóa {awareness:%m/%Y}", awareness,
         rules.add_working_days(awareness, 4), Status.CANDIDATE, Result.COMPLETED),
        ("new-member", f"Bồi dưỡng lý luận chính trị cho đảng viên mới, khóa {new_members:%m/%Y}", new_members,
         rules.add_working_days(new_members, 4), Status.PROBATIONARY, Result.PENDING),
    ]


def load(actor: Any, on: dt.date, units: list[str], rules: Snapshot) -> int:
    """The batch's classes in each unit that exists; returns the classes written."""
    written = 0
    for code in units:
        host = Organization.objects.filter(code=code).first()
        if host is None:
            continue
        people = Person.objects.filter(history_number__startswith=f"{MARK}{on:%Y-%m-%d}",
                                       organization__path__startswith=host.path).order_by("sort_name", "pk")
        for kind, title, starts, ends, status, result in _classes(on, rules):
            starts = max(starts, host.established_on or starts)
            registered = set(MemberEvent.objects.filter(
                person__in=people, kind=EventKind.CANDIDATE_REGISTERED, occurred_on__lt=starts,
            ).values_list("person_id", flat=True))
            learners = [p for p in people if p.status == status and p.pk in registered]
            if not learners or TrainingClass.objects.filter(host=host, title=title, starts_on=starts).exists():
                continue
            training_class = class_create(
                actor=actor, host=host, kind=ClassKind.objects.get(code=kind), title=title, starts_on=starts,
                ends_on=max(ends, starts), organizer_name=ORGANIZER, target_group=host.name,
                place=f"Hội trường {host.name.replace('Đảng bộ ', 'Đảng ủy ')}", planned_learners=len(learners),
                note=NOTE, reason=REASON)
            learners_add(actor=actor, training_class=training_class, reason=REASON, learners=[
                LearnerInput(person=p, result=result, certificate_number=(
                    f"{starts.year}-{index + 1:04d}" if result == Result.COMPLETED else ""))
                for index, p in enumerate(learners)])
            written += 1
    return written


def bring_forward(actor: Any, until: dt.date, rules: Snapshot) -> int:
    """Complete the pending learners of the present's classes ended long enough before `until`."""
    written = 0
    pending = Learner.objects.filter(training_class__note=NOTE, result=Result.PENDING,
                                     training_class__ends_on__lt=until).select_related("training_class")
    for learner in pending.order_by("training_class__starts_on", "training_class_id", "pk"):
        training_class = learner.training_class
        certified = rules.add_working_days(training_class.ends_on, 5)
        if certified > until:
            continue
        learner_result_record(actor=actor, learner=learner, result=Result.COMPLETED, certificate_date=certified,
                              certificate_number=f"{training_class.starts_on:%Y}-{training_class.pk:03d}-{learner.pk:04d}",
                              reason=REASON)
        written += 1
    return written
