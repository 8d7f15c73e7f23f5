"""Stored standing (issue 7 §6): every write keeps each person's stage, pending steps, late steps and badges
current; the pages read them back equal to the folds; a step recorded late is accepted and listed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from members import services
from members.due import DueKind
from members.models import BadgeDay, LateStep, Person, Standing
from members.ruling import Snapshot
from members.standing import read
from members.standing.derive import Stage
from members.standing.store import rebuild
from members.tests import factories as f
from members.tests.standing_checks import assert_stored_equals_folded

pytestmark = pytest.mark.django_db

D = dt.date


def _today() -> dt.date:
    return timezone.localdate()


def _months_ago(months: int, day: int = 10) -> dt.date:
    today = _today()
    index = today.year * 12 + today.month - 1 - months
    return D(index // 12, index % 12 + 1, day)


@pytest.fixture
def people(cast):
    """One person at each place of the pipeline, a transfer under way, members near their badges, a death."""
    actor, cell = cast.district_officer, cast.cell_a1a
    f.candidate(actor, cell, "Lò Văn Chờ", registered_on=_months_ago(10), course_on=_months_ago(8),
                resolution_on=_months_ago(1))
    f.candidate(actor, cell, "Lò Văn Học", registered_on=_months_ago(10), course_on=_months_ago(8))
    f.admit(actor, cell, "Lò Thị Lễ", resolution_on=_months_ago(4), decided_on=_months_ago(3), ceremony_on=None)
    f.admit(actor, cell, "Sùng Văn Dự", resolution_on=_months_ago(15), decided_on=_months_ago(14),
            ceremony_on=_months_ago(13))
    f.admit(actor, cell, "Sùng Thị Tháng", resolution_on=_months_ago(14), decided_on=_months_ago(13),
            ceremony_on=_months_ago(12, day=28))
    moving = f.member(actor, cell, "Vàng Văn Chuyển")
    services.member_transfer_out(actor=actor, person=moving, temporary=False, occurred_on=_months_ago(0, day=1),
                                 letter=f.letter(), destination=cast.cell_a1b)
    today = _today()
    for years, name in ((30, "Hoàng Văn Ba Mươi"), (40, "Hoàng Văn Bốn Mươi"), (50, "Hoàng Văn Năm Mươi")):
        f.member(actor, cell, name, admitted_on=D(today.year - years, today.month, 1) + dt.timedelta(days=60))
    ill = f.member(actor, cell, "Hoàng Thị Ốm", admitted_on=D(today.year - 40, today.month, 1)
                   + dt.timedelta(days=400))
    services.person_update(actor=actor, person=ill, seriously_ill=True)
    died = today - dt.timedelta(days=30)  # 50 years reached 20 days before: a posthumous badge
    dead = f.member(actor, cell, "Hoàng Văn Mất", admitted_on=D(died.year - 50, died.month, 1) - dt.timedelta(days=20))
    services.death_record(actor=actor, person=dead, died_on=died)
    return Person.objects.filter(organization__path__startswith=cast.commune_a1.path)


def test_writes_keep_the_stored_standing_equal_to_the_folds(people):
    stages = dict(Standing.objects.values_list("person__full_name", "stage"))
    assert stages["Lò Văn Chờ"] == Stage.DECISION_PENDING and stages["Lò Thị Lễ"] == Stage.CEREMONY_PENDING
    assert stages["Lò Văn Học"] == Stage.COURSE_DONE and stages["Sùng Văn Dự"] == Stage.PROBATIONARY
    kinds = {i.kind for i in read.due_items(people, on=_today())}
    assert {DueKind.ADMISSION_DECISION, DueKind.ADMISSION_CEREMONY, DueKind.RECOGNITION,
            DueKind.TRANSFER_PRESENTATION} <= kinds
    badges = set(BadgeDay.objects.values_list("person__full_name", "years", "early", "posthumous"))
    assert {("Hoàng Văn Ba Mươi", 30, False, False), ("Hoàng Thị Ốm", 40, True, False),
            ("Hoàng Văn Mất", 50, False, True)} <= badges
    assert_stored_equals_folded(people, badge_days=4)


def test_the_rebuild_command_rewrites_the_same_rows(people):
    before = sorted(Standing.objects.values_list("person_id", "stage", "stage_since"))
    Standing.objects.all().delete()
    call_command("rebuild_standing", stdout=__import__("io").StringIO())
    assert sorted(Standing.objects.values_list("person_id", "stage", "stage_since")) == before
    assert rebuild([p.pk for p in people]) == people.count()
    assert_stored_equals_folded(people, badge_days=2)


def test_a_step_recorded_after_its_deadline_is_accepted_and_stored_late(cast):
    actor, cell = cast.district_officer, cast.cell_a1a
    decided = _months_ago(6)
    person = f.admit(actor, cell, "Lò Thị Muộn", resolution_on=_months_ago(7), decided_on=decided, ceremony_on=None)
    rules = Snapshot()
    due_on = rules.add_working_days(decided, int(rules.value("admission.ceremony_deadline_working_days", on=decided)))
    held = due_on + dt.timedelta(days=21)
    services.admission_ceremony_record(actor=actor, person=person, held_on=held)
    late = LateStep.objects.get(person=person)
    assert (late.kind, late.due_on, late.done_on) == (DueKind.ADMISSION_CEREMONY, due_on, held)
    assert late.late_days == rules.working_days_between(due_on, held) and late.late_days >= 14
    on_time = f.admit(actor, cell, "Lò Thị Đúng", resolution_on=_months_ago(7), decided_on=decided,
                      ceremony_on=decided + dt.timedelta(days=3))
    assert not LateStep.objects.filter(person=on_time).exists()
    assert [r.person_id for r in read.late_steps(Person.objects.all())] == [person.pk]



def test_the_recorded_late_page_lists_late_steps_in_scope_only(cast, client):
    actor, cell = cast.district_officer, cast.cell_a1a
    decided = _months_ago(6)
    person = f.admit(actor, cell, "Lò Thị Muộn", resolution_on=_months_ago(7), decided_on=decided, ceremony_on=None)
    services.admission_ceremony_record(actor=actor, person=person, held_on=decided + dt.timedelta(days=90))
    url = reverse("members:late") + f"?organization={cast.commune_a1.pk}"
    client.force_login(cast.district_officer)
    page = client.get(url).content.decode()
    assert "Lò Thị Muộn" in page and reverse("members:detail", args=[person.pk]) in page
    client.force_login(cast.outsider)  # district B only: commune A1 is not theirs
    response = client.get(url)
    assert response.status_code == 404 or "Lò Thị Muộn" not in response.content.decode()
    client.force_login(cast.cell_secretary)  # cell A1a: sees the file
    assert "Lò Thị Muộn" in client.get(reverse("members:late") + f"?organization={cell.pk}").content.decode()
