"""The demo lives in the present (issue 16): loaded as of a day a year ago and then as of today, every present-day
role has work on its home page, in its due lists (on time and overdue, at the exact working-day distances the
stories were placed at) and in its pipeline; bringing it forward leaves what was recorded alone; loading again
duplicates nothing; the seed figures of Na Rì 2020 and Na Tông 2016 are unchanged.

One test: loading the demo is the expensive part (measured in docs/demo.md), every check reads the same load.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.utils import timezone

from accounts.models import User
from committees.models import SeatKind, Term
from core.models import ChangeRecord
from home.pages import home_page
from inspection.models import FollowUp as InspectionFollowUp
from inspection.models import Inspection
from members import queries
from members.due import DueKind
from members.models import EventKind, MemberEvent, Person
from members.pages import STAGES, Stage, pipeline
from members.party_age import next_presentation_day
from mobilisation.models import Dialogue
from mobilisation.models import FollowUp as DialogueFollowUp
from organizations.models import Organization
from rating import queries as rating_queries
from rating.models import Rating
from restructuring.demo import PRESENT_USERS, load_present
from restructuring.demo_present import batch_dates
from restructuring.demo_present.stories import REFORM_ON
from rules.calendar import add_months, add_working_days
from targets.models import Resolution, ResultKind
from training.models import Learner, Result

pytestmark = pytest.mark.django_db

# Today's roles, and the historic users whose organizations still exist (Na Tông, its Pá Kín 1 cell).
ROLES = [(u, code) for u, _name, _kind, code in PRESENT_USERS] + [
    ("vanphong.natong", "DB-DBH-NT"), ("bithu.pakin1", "DB-DBH-NT-PK1")]
SECRETARIES = {"bithu.phomoi", "bithu.pakin1"}
# What the other apps put on each role's home page (group key: overdue items expected too), when the batch's
# dialogues and inspections fall after 01/07/2025 (always, for a load date a month after it).
OTHER_TASKS = {
    "bantochuc.thainguyen": {"mobilisation.follow_ups": True, "inspection.follow_ups": True,
                             "inspection.in_progress": False, "rating.campaigns": False},
    "vanphong.nari": {"mobilisation.follow_ups": True, "inspection.follow_ups": True,
                      "inspection.in_progress": False, "rating.campaigns": False},
    "bithu.phomoi": {"mobilisation.follow_ups": True},
    "vanphong.natong": {"mobilisation.follow_ups": True},
    "bithu.pakin1": {"mobilisation.follow_ups": True},
}


def _load(*args: str) -> str:
    out = io.StringIO()
    call_command("demo_load", *args, stdout=out)
    return out.getvalue()


def _figures(code: str, year: int, period: tuple[dt.date, dt.date] | None = None) -> dict[str, Any]:
    start, end = (d.isoformat() for d in period or (dt.date(year, 1, 1), dt.date(year, 12, 31)))
    out = io.StringIO()
    call_command("figures", code, "--user", "admin", "--from", start, "--to", end, "--as-of", end, stdout=out)
    return json.loads(out.getvalue())["figures"]  # type: ignore[no-any-return]


def _check_role(username: str, code: str, on: dt.date) -> None:
    user = User.objects.get(username=username)
    organization = Organization.objects.get(code=code)
    due = queries.due_list(user, organization, on=on)
    kinds = {item.kind for item in due}
    assert {DueKind.ADMISSION_DECISION, DueKind.ADMISSION_CEREMONY, DueKind.RECOGNITION,
            DueKind.TRANSFER_PRESENTATION} <= kinds, (username, on, kinds)
    assert any(i.overdue for i in due) and any(not i.overdue for i in due), (username, on)
    # "Due in 5 working days" and "3 working days overdue", whatever the day the demo is loaded.
    decisions = {i.days_left for i in due if i.kind == DueKind.ADMISSION_DECISION}
    assert {5, -3} <= decisions, (username, on, decisions)
    board = pipeline(user, organization=organization, on=on)
    stages = [code for code, _label in STAGES]
    empty = {stage for stage, total in zip(stages, board.totals, strict=True) if not total}
    # Recognised "this year" needs a recognition between 1 January and the load date.
    assert empty <= ({Stage.RECOGNISED} if on.timetuple().tm_yday < 90 else set()), (username, on, empty)
    badges = queries.badges_due(user, organization, presentation_on=next_presentation_day(on))
    assert badges, (username, on)
    page = home_page(user, organization, on=on)
    assert page.total and page.urgent, (username, on)
    if add_working_days(on, -20) >= REFORM_ON:
        groups = {g.key: g for g in page.groups}
        for key, overdue in OTHER_TASKS[username].items():
            assert groups[key].count and groups[key].entries, (username, on, key)
            assert bool(groups[key].urgent) == overdue, (username, on, key, groups[key].urgent)


def _check_other_apps(on: dt.date) -> None:
    """The communes' committees, current programme and this year's estimate."""
    na_ri = Organization.objects.get(code="TN-NARI")
    term = Term.objects.get(organization=na_ri, starts_on=REFORM_ON)
    assert term.ended_on is None and term.seats.filter(kind=SeatKind.SECRETARY).count() == 1
    assert Term.objects.filter(starts_on=REFORM_ON, organization__code__startswith="TN-").count() == 6
    programme = Resolution.objects.get(organization=na_ri, start_year=2025, end_year=2030)
    estimates = {r.year for t in programme.targets.all() for r in t.results.filter(kind=ResultKind.ESTIMATE)}
    assert on.year in estimates or add_working_days(on, -5).year < on.year, (on, estimates)


def _history() -> set[tuple[Any, ...]]:
    """Every event, as recorded."""
    return set(MemberEvent.objects.values_list("pk", "person_id", "kind", "occurred_on", "organization_id",
                                               "decision_number", "supersedes_id"))


def _rows() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (Person, MemberEvent, ChangeRecord, Dialogue, Inspection, Term))


def test_demo_lives_in_the_present() -> None:
    today = timezone.localdate()
    earlier = add_months(today, -12)
    _load("--as-of", earlier.isoformat())
    assert batch_dates() == [earlier]
    for username, code in ROLES:
        _check_role(username, code, earlier)
    _check_other_apps(earlier)
    history, people = _history(), set(Person.objects.values_list("pk", flat=True))
    first_dialogues = set(Dialogue.objects.filter(held_on__lte=earlier, held_on__gt=earlier - dt.timedelta(days=60))
                          .values_list("pk", flat=True))
    first_inspections = set(Inspection.objects.filter(starts_on__gt=earlier - dt.timedelta(days=60))
                            .values_list("pk", flat=True))
    pending_learners = set(Learner.objects.filter(result=Result.PENDING, person__history_number__startswith="LL-")
                           .values_list("pk", flat=True))

    printed = _load()  # today: the earlier batch brought forward, today's added
    assert batch_dates() == [earlier, today]
    for username, _name, _kind, _code in PRESENT_USERS:
        assert f"{username} / {username}-demo" in printed
    for username, code in ROLES:
        _check_role(username, code, today)
    _check_other_apps(today)
    # The earlier batch's dialogues, inspections, classes and campaign were brought forward, not duplicated: their
    # follow-ups done, the supervision concluded, the learners completed, the self-assessed subjects decided.
    assert first_dialogues and not DialogueFollowUp.objects.filter(dialogue__in=first_dialogues).exclude(
        status="done").exists()
    assert first_inspections and not InspectionFollowUp.objects.filter(inspection__in=first_inspections).exclude(
        status="done").exists()
    assert not Inspection.objects.filter(pk__in=first_inspections, concluded_on__isnull=True).exists()
    assert not Learner.objects.filter(pk__in=pending_learners, result=Result.PENDING).exists()
    assert Dialogue.objects.filter(pk__in=first_dialogues).count() == len(first_dialogues)
    twice = Dialogue.objects.values("organization", "held_on", "subject").annotate(n=Count("pk")).filter(n__gt=1)
    assert not twice.exists()
    first_year = earlier.year if earlier.month >= 7 else earlier.year - 1
    assert Rating.objects.filter(campaign__organization__code="TN-NARI", campaign__year=first_year).exclude(
        level="").exists()
    # What was recorded stays as it was; the files that existed then only gained events after that day (the
    # stories moving on; a recognition decided since is dated back to the end of probation, as the rules say);
    # today's new files may start before it (a candidate registered ten months ago).
    added = _history() - history
    assert history <= _history() and added
    assert {kind for _pk, person, kind, on, *_rest in added if person in people and on <= earlier} <= {
        EventKind.RECOGNITION}
    administrator = User.objects.get(username="admin")
    assert home_page(administrator, None, on=today).total
    # The classes around today: the awareness course done six weeks ago, the new members' course about to start.
    around = (today - dt.timedelta(days=70), today + dt.timedelta(days=30))
    na_ri_now = _figures("TN-NARI", today.year, around)
    training, documents = na_ri_now["training"], na_ri_now["documents"]
    assert training["classes_awareness"] and training["classes_new_member"], training
    assert documents["issued_total"] >= 2 and documents["received_total"] >= 1, documents  # two plans, a report
    # The year's rating campaign in progress: the commune office sees it, the decision not yet taken.
    office = User.objects.get(username="vanphong.nari")
    campaigns = rating_queries.campaigns_of(office, organization=Organization.objects.get(code="TN-NARI"))
    campaign = campaigns.get(year=today.year if today.month >= 7 else today.year - 1)
    assert campaign.decision_due and campaign.decision_due > today

    # Loading the present again (and as of an earlier day) changes nothing; a day after today is refused. (The
    # historic apps' loads are checked for this by core/tests/test_demo.py: not repeated here, they are slow.)
    rows = _rows()
    assert " 0 steps written" in load_present(administrator, as_of=today)
    assert "nothing written" in load_present(administrator, as_of=earlier)
    assert _rows() == rows
    with pytest.raises(CommandError):
        _load("--as-of", (today + dt.timedelta(days=1)).isoformat())

    # The historic demo is untouched.
    na_ri = _figures("BK-NR", 2020)
    assert (na_ri["members"]["admitted"], na_ri["members"]["recognised"]) == (76, 91)
    assert na_ri["organizations"]["grassroots_organizations"] == 49
    rating, training, honours = na_ri["rating"], na_ri["training"], na_ri["honours"]
    assert (rating["grassroots_excellent"], rating["grassroots_good"], rating["grassroots_completed"]) == (10, 36, 3)
    assert (training["learners_professional"], training["learners_awareness"],
            training["learners_tagged_tan_binh_nhap_ngu_2020"], training["learners_new_member"]) == (40, 158, 39, 140)
    assert (honours["commendations_hcm_study_collective"], honours["commendations_hcm_study_individual"],
            honours["honour_book_collective"], honours["honour_book_individual"]) == (18, 37, 4, 17)
    assert na_ri["targets"]["party_admissions_phrase"] == "đạt 126% KH"
    na_tong = _figures("DB-DBH-NT", 2016)
    assert (na_tong["members"]["members_total"], na_tong["organizations"]["cells"]) == (112, 16)
    assert (na_tong["members"]["admitted"], na_tong["members"]["recognised"]) == (12, 13)
