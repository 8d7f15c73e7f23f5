"""The pipeline board, the due lists and the badge list read the stored standing: the number of queries does not
grow with the number of members (pinned at 1.000 and 10.000 members)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db import connection, models
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.text import fold
from members import views
from members.due import DueKind
from members.models import BadgeDay, PendingStep, Person, Standing, Status
from members.party_age import next_presentation_day
from members.ruling import Snapshot
from members.standing.derive import Stage

pytestmark = pytest.mark.django_db

PREFIX = "Nguyễn Văn Số"

#: Queries of each page at any size (session, user, roles, organization chooser, rules and calendar freshness,
#: the stored rows); measured, then pinned.
BUDGET = {"pipeline": 10, "due": 18}  # measured: SQLite 9 and 17, PostgreSQL 10 and 18


def _insert(model, rows: list[dict]) -> None:
    """Rows written with one executemany (test only): the ORM's bulk_create spends seconds per 10.000 rows."""
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]
    now = timezone.now()
    constant = {}
    for f in fields:
        value = now if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False) else f.get_default()
        constant[f.attname] = f.get_db_prep_save(value, connection)
    quote = connection.ops.quote_name
    columns, marks = ", ".join(quote(f.column) for f in fields), ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608 - model names
    params = [[f.get_db_prep_save(row[f.attname], connection) if f.attname in row else constant[f.attname]
               for f in fields] for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _bulk_members(cell, count: int) -> None:
    """`count` files with their stored standing written directly (test only: no event log, no services), a third
    candidates awaiting a decision, a third probationary, a third official members due a badge."""
    today = timezone.localdate()
    rules = Snapshot()
    day = next_presentation_day(today, rules)
    statuses = [Status.CANDIDATE, Status.PROBATIONARY, Status.OFFICIAL]
    start = Person.objects.filter(full_name__startswith=PREFIX).count()
    born = dt.date(1980, 1, 1)
    rows = []
    for i in range(start, start + count):
        name = f"{PREFIX} {i:06d}"
        rows.append({"code": uuid.uuid4(), "full_name": name, "gender": "male", "birth_date": born,
                     "organization_id": cell.pk, "status": statuses[i % 3], "search_name": fold(name),
                     "sort_name": fold(name)})
    _insert(Person, rows)
    made = list(Person.objects.filter(full_name__startswith=PREFIX).order_by("pk").values_list("pk", "status")[start:])
    started = today - dt.timedelta(days=40)
    due_on = rules.add_working_days(started, 30)
    _insert(Standing, [{"person_id": pk, "stage": Stage.DECISION_PENDING if status == Status.CANDIDATE
                        else Stage.PROBATIONARY, "stage_since": started}
                       for pk, status in made if status != Status.OFFICIAL])
    _insert(PendingStep, [{"person_id": pk, "kind": DueKind.ADMISSION_DECISION, "started_on": started,
                           "due_on": due_on, "shown_from": started,
                           "rule_key": "admission.decision_deadline_working_days"}
                          for pk, status in made if status == Status.CANDIDATE])
    _insert(BadgeDay, [{"person_id": pk, "presentation_on": day, "years": 30, "age_years": 30, "age_months": 0}
                       for pk, status in made if status == Status.OFFICIAL])


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def _listed(context: dict) -> int:
    """Walk what the template would show (every list, every row) without rendering 10.000 rows of HTML; the
    number of files named."""
    seen = 0
    for value in context.values():
        if isinstance(value, list | tuple):
            seen += len(repr(value).split(PREFIX)) - 1
        elif hasattr(value, "columns"):  # the board
            seen += sum(len(column.cards) for column in value.columns)
    return seen


@pytest.fixture
def unrendered(monkeypatch):
    """The pages' views run whole, but hand their context to `_listed` instead of the template."""
    shown: list[int] = []

    def render(request, template, context):
        shown.append(_listed(context))
        return HttpResponse("ok")

    monkeypatch.setattr(views, "render", render)
    return shown


@pytest.fixture
def signed_in(cast, client):
    client.force_login(cast.district_officer)
    return cast, client


def _urls(cast) -> dict[str, str]:
    return {"pipeline": reverse("members:pipeline") + f"?organization={cast.commune_a1.pk}",
            "due": reverse("members:due") + f"?organization={cast.commune_a1.pk}"}


def test_pages_render_their_rows_with_the_queries_of_their_views(signed_in, monkeypatch):
    """Rendered in full, the pages run no query more than their views (the templates read no row lazily)."""
    cast, client = signed_in
    _bulk_members(cast.cell_a1a, 300)
    rendered = {page: _queries(client, url) for page, url in _urls(cast).items()}
    assert client.get(_urls(cast)["due"]).content.count(PREFIX.encode()) >= 2 * 300 // 3
    monkeypatch.setattr(views, "render", lambda request, template, context: HttpResponse("ok"))
    assert {page: _queries(client, url) for page, url in _urls(cast).items()} == rendered


def test_pages_run_the_same_queries_at_1000_and_10000_members(signed_in, unrendered):
    cast, client = signed_in
    counts = {}
    for size in (1000, 10000):
        _bulk_members(cast.cell_a1a, size - Person.objects.filter(full_name__startswith=PREFIX).count())
        unrendered.clear()
        counts[size] = {page: _queries(client, url) for page, url in _urls(cast).items()}
        board, due_page = unrendered
        assert board == 2 * size // 3 + (size % 3 > 0) and due_page >= 2 * size // 3  # everyone listed
    assert counts[1000] == counts[10000], counts
    assert all(counts[10000][page] <= BUDGET[page] for page in BUDGET), counts
