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
from django.utils import timezone

from accounts.models import User
from core.models import ChangeRecord
from home.pages import home_page
from members import queries
from members.due import DueKind
from members.models import EventKind, MemberEvent, Person
from members.pages import STAGES, Stage, pipeline
from members.party_age import next_presentation_day
from organizations.models import Organization
from rating import queries as rating_queries
from restructuring.demo import PRESENT_USERS, load_present
from restructuring.demo_present import batch_dates
from rules.calendar import add_months

pytestmark = pytest.mark.django_db

# Today's roles, and the historic users whose organizations still exist (Na Tông, its Pá Kín 1 cell).
ROLES = [(u, code) for u, _name, _kind, code in PRESENT_USERS] + [
    ("vanphong.natong", "DB-DBH-NT"), ("bithu.pakin1", "DB-DBH-NT-PK1")]
SECRETARIES = {"bithu.phomoi", "bithu.pakin1"}


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


def _history() -> set[tuple[Any, ...]]:
    """Every event, as recorded."""
    return set(MemberEvent.objects.values_list("pk", "person_id", "kind", "occurred_on", "organization_id",
                                               "decision_number", "supersedes_id"))


def _rows() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (Person, MemberEvent, ChangeRecord))


def test_demo_lives_in_the_present() -> None:
    today = timezone.localdate()
    earlier = add_months(today, -12)
    _load("--as-of", earlier.isoformat())
    assert batch_dates() == [earlier]
    for username, code in ROLES:
        _check_role(username, code, earlier)
    history, people = _history(), set(Person.objects.values_list("pk", flat=True))

    printed = _load()  # today: the earlier batch brought forward, today's added
    assert batch_dates() == [earlier, today]
    for username, _name, _kind, _code in PRESENT_USERS:
        assert f"{username} / {username}-demo" in printed
    for username, code in ROLES:
        _check_role(username, code, today)
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
