"""Every number a link to the records behind it (issue 14 §4): the records page lists exactly what the figure
counts, for every declared key; the dashboard links there; the drill-down's query count does not grow with
the children."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core.figures import FigureRequest, contributor, records_of, records_path
from core.figures.records import _prefixes, _records
from core.testing import Cast
from members.services import Introducer, member_leave
from members.tests import factories as f
from reports.dashboard import children_rows
from training import services as training
from training.models import ClassKind
from training.services import LearnerInput

pytestmark = pytest.mark.django_db

D = dt.date
YEAR_2020 = FigureRequest(organization=None, date_from=D(2020, 1, 1), date_to=D(2020, 12, 31), as_of=D(2020, 12, 31))


@pytest.fixture
def counted(cast: Cast) -> Cast:
    """Cell A1a: two members of record, one admitted on 01/04/2020, one who left on 01/06/2020; a class of three
    learners in commune A1 in 2020."""
    actor = cast.district_officer
    first = f.member(actor, cast.cell_a1a, "Nông Văn Một")
    second = f.member(actor, cast.cell_a1a, "Hà Thị Hai")
    f.admit(actor, cast.cell_a1a, "Lò Văn Ba", introduced_by=[Introducer(first, D(2015, 1, 1)),
                                                              Introducer(second, D(2015, 1, 1))])
    leaving = f.member(actor, cast.cell_a1a, "Đàm Văn Bốn")
    member_leave(actor=actor, person=leaving, decision=f.decision(D(2020, 6, 1)))
    training_class = training.class_create(actor=cast.root_admin, host=cast.commune_a1,
                                           kind=ClassKind.objects.get(code="awareness"), title="Lớp 2020",
                                           starts_on=D(2020, 5, 4), ends_on=D(2020, 5, 8), organizer_name="Trường")
    training.learners_add(actor=cast.root_admin, training_class=training_class,
                          learners=[LearnerInput(full_name=f"Học Viên {n}") for n in range(3)])
    return cast


def _page(client: Client, url: str) -> tuple[int, int, list[str]]:
    html = client.get(url).content.decode()
    figure = re.search(r'data-figure="([^"]*)"', html)
    count = re.search(r'data-count="(\d+)"', html)
    assert figure and count, url
    names = re.findall(r'<tr class="record-row">.*?<th scope="row">(?:<a href="[^"]*">)?([^<]*)<', html, re.S)
    return int(figure.group(1) or 0), int(count.group(1)), names


def test_the_admitted_link_lists_exactly_the_records_counted(counted: Cast, client: Client) -> None:
    client.force_login(counted.district_officer)
    html = client.get(f"/figures/{counted.district_a.pk}/dashboard/?as_of=31/12/2020").content.decode()
    link = re.search(r'<tr data-year="2020">.*?data-key="admitted"><a href="([^"]*)">1</a>', html, re.S)
    assert link and "/records/members/admitted/" in link.group(1)
    assert _page(client, link.group(1).replace("&amp;", "&")) == (1, 1, ["Lò Văn Ba"])
    request = YEAR_2020.__class__(organization=counted.district_a, date_from=YEAR_2020.date_from,
                                  date_to=YEAR_2020.date_to, as_of=YEAR_2020.as_of)
    members = _page(client, records_path(counted.district_a.pk, "members", "members_total", request) or "")
    assert members == (3, 3, ["Lò Văn Ba", "Hà Thị Hai", "Nông Văn Một"])  # Vietnamese order: by given name
    assert _page(client, records_path(counted.district_a.pk, "members", "left", request) or "")[1:] == (
        1, ["Đàm Văn Bốn"])
    assert _page(client, records_path(counted.district_a.pk, "training", "learners", request) or "")[:2] == (3, 3)
    grassroots = _page(client, records_path(counted.district_a.pk, "organizations", "grassroots_organizations",
                                            request) or "")
    assert grassroots[:2] == (2, 2) and sorted(grassroots[2]) == ["Đảng bộ xã Hòa Bình", "Đảng bộ xã Đồng Tâm"]
    # The figures page links its non-zero numbers to the same lists.
    figures = client.get(f"/figures/{counted.district_a.pk}/?as_of=31/12/2020").content.decode()
    row = re.search(r'<tr data-key="admitted">.*?</tr>', figures, re.S)
    assert row and f"/figures/{counted.district_a.pk}/records/members/admitted/?" in row.group(0)


def test_every_declared_key_lists_as_many_records_as_its_figure(counted: Cast, client: Client) -> None:
    """The registry's promise, key by key (prefixed families through one key each): count rows = figure."""
    client.force_login(counted.district_officer)
    request = FigureRequest(organization=counted.district_a, date_from=YEAR_2020.date_from,
                            date_to=YEAR_2020.date_to, as_of=YEAR_2020.as_of)
    records_of("members", "admitted")  # discovers the declarations
    keys = sorted(_records) + [(namespace, f"{prefix}x") for namespace, found in _prefixes.items() for prefix in found]
    assert {("members", "recognised"), ("members", "died"), ("members", "expelled"), ("members", "struck_off"),
            ("rating", "grassroots_excellent"), ("training", "learners")} <= set(keys)
    figures: dict[str, dict[str, Any]] = {}  # each namespace counted once
    for namespace, key in keys:
        if namespace not in figures:
            count = contributor(namespace)
            assert count is not None
            figures[namespace] = dict(count(request))
        figure = figures[namespace].get(key, 0)
        records = records_of(namespace, key)
        assert records is not None
        assert len(list(records.rows(request, key))) == (figure or 0), (namespace, key)
    # Through the page too, for the keys the fixture makes non-zero.
    for namespace, key in (("members", "admitted"), ("members", "left"), ("training", "learners")):
        shown, listed, _names = _page(client, records_path(counted.district_a.pk, namespace, key, request) or "")
        assert shown == listed > 0, (namespace, key)


def test_records_are_scoped(counted: Cast, client: Client) -> None:
    client.force_login(counted.outsider)
    assert client.get(f"/figures/{counted.district_a.pk}/records/members/admitted/").status_code == 404
    client.force_login(counted.district_officer)
    assert client.get(f"/figures/{counted.district_a.pk}/records/members/no_such_key/").status_code == 404
    bad = client.get(f"/figures/{counted.district_a.pk}/records/members/admitted/?from=31/12/2020&to=01/01/2020")
    assert bad.status_code == 400


def test_drill_down_queries_do_not_grow_with_children(counted: Cast) -> None:
    children = [counted.commune_a1, counted.commune_a2]
    with CaptureQueriesContext(connection) as one:
        children_rows(children[:1], D(2020, 12, 31))
    with CaptureQueriesContext(connection) as two:
        rows = children_rows(children, D(2020, 12, 31))
    assert len(one) == len(two) <= 6
    by_child = {row["organization"].pk: row for row in rows}
    assert by_child[counted.commune_a1.pk]["members_total"]["value"] == 3
    assert by_child[counted.commune_a1.pk]["admitted"]["value"] == 1
    assert by_child[counted.commune_a1.pk]["learners"]["value"] == 3
    assert by_child[counted.commune_a2.pk]["members_total"]["value"] == 0
