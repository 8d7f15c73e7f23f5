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

from committees import services as committees
from committees.models import SeatKind
from committees.services import CongressInput, SeatInput, Sizes
from core.decisions import Decision
from core.figures import FigureRequest, contributor, records_of, records_path
from core.figures.records import _prefixes, _records
from core.testing import DECISION, Cast, kind
from documents.tests.conftest import register
from honours import services as honours
from honours.models import Campaign, Form, Level
from inspection import services as inspection
from members.services import Introducer, member_leave
from members.tests import factories as f
from mobilisation import services as mobilisation
from mobilisation.models import ModelField
from mobilisation.services import DialogueInput, FollowUpInput, ModelInput
from organizations.models import CoveredUnitKind
from organizations.services import NewOrganization, covered_unit_create, organization_merge
from oversight import services as oversight
from rating import services as rating
from rating.models import Level as RatingLevel
from rating.models import StepKind
from rating.services import RatingEntry
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


@pytest.fixture
def everywhere(counted: Cast) -> Cast:
    """`counted` and, in district A in 2020 (and 2019 for the year before), through the services: commune A1's
    congress and committee, an oversight assignment, documents (one tagged), an inspection, a supervision and a
    discipline, a dialogue with a follow-up and a model, a commendation and an honour-book entry, two villages (one
    without a cell, both without a member living there), ratings of a cell and a member."""
    actor = counted.root_admin
    people = {name: f.member(actor, counted.cell_a1b, name, gender=gender, birth_date=born)
              for name, gender, born in (("Lục Thị Năm", "female", D(1990, 1, 1)),
                                         ("Vi Văn Sáu", "male", D(1970, 1, 1)))}
    woman, man = people.values()
    committees.term_open_by_congress(
        actor=actor, organization=counted.commune_a1, sizes=Sizes(executive=3, standing=2),
        congress=CongressInput(ordinal=1, opened_on=D(2020, 6, 10), closed_on=D(2020, 6, 11)),
        seats=[SeatInput(woman, SeatKind.EXECUTIVE), SeatInput(man, SeatKind.EXECUTIVE),
               SeatInput(man, SeatKind.SECRETARY, concurrent_post="village_head"), SeatInput(man, SeatKind.STANDING),
               SeatInput(woman, SeatKind.DEPUTY_SECRETARY), SeatInput(woman, SeatKind.INSPECTION_CHAIR)])
    oversight.assignments_create(actor=actor, person=woman, organizations=[counted.cell_a1a], starts_on=D(2020, 7, 1))
    register(actor, counted.district_a, "01-NQ/HU", "NQ", D(2020, 3, 1), topics=("dân vận",))
    register(actor, counted.commune_a1, "02-KH/ĐU", "KH", D(2020, 4, 1))
    register(actor, counted.district_a, "03-CV/HU", "CV", D(2020, 5, 1), direction="received")
    register(actor, counted.district_a, "09-NQ/HU", "NQ", D(2019, 3, 1))  # the year before
    for sort, on, subject in (("inspection", D(2020, 2, 1), {"subject_organization": counted.commune_a1}),
                              ("supervision", D(2020, 3, 1), {"subject_person": man}),
                              ("inspection", D(2019, 3, 1), {"subject_organization": counted.cell_a1a})):
        inspection.inspection_create(actor=actor, organization=counted.district_a, body="inspection_committee",
                                     kind=sort, content="Nội dung", starts_on=on, **subject)
    inspection.discipline_decide(actor=actor, organization=counted.district_a, body="standing", form="reprimand",
                                 decision=Decision("5-QĐ/HU", D(2020, 9, 1), "Huyện ủy"), grounds="Vi phạm",
                                 subject_person=man)
    mobilisation.dialogue_record(actor=actor, organization=counted.commune_a1, data=DialogueInput(
        kind="periodic", held_on=D(2020, 8, 1), place="Hội trường", chair="Bí thư",
        follow_ups=[FollowUpInput(action="Sửa đường", owner="UBND xã", due_on=D(2020, 12, 1))]))
    mobilisation.model_register(actor=actor, organization=counted.commune_a1, data=ModelInput(
        kind="economic", field=ModelField.values[0], name="Mô hình chè", year=2020, launched_year=2020))
    honours.commendation_create(actor=actor, organization=counted.commune_a1, target="individual", person=woman,
                                level=Level.objects.first(), form=Form.objects.first(), decided_on=D(2020, 10, 1),
                                decided_by="Huyện ủy", campaign=Campaign.objects.first(), decision_number="7-QĐ/HU")
    honours.honour_entry_create(actor=actor, organization=counted.commune_a1, target="individual", person=man,
                                deed="Hiến đất làm đường", entered_on=D(2020, 11, 1))
    village = CoveredUnitKind.objects.get(code="village")
    for code, name, cell in (("V-1", "Thôn Một", counted.cell_a1a), ("V-2", "Thôn Hai", None)):
        covered_unit_create(actor=actor, code=code, name=name, kind=village, territory=counted.commune_a1,
                            covered_by=cell, established_on=D(2019, 1, 1))
    campaign = rating.campaign_open(actor=actor, organization=counted.commune_a1, year=2020, historic=True,
                                    decision=Decision("9-QĐ/ĐU", D(2020, 12, 28)))
    rating.rating_record_many(actor=actor, campaign=campaign, step=StepKind.DECISION, on=D(2020, 12, 28),
                              entries=[RatingEntry(RatingLevel.GOOD, organization=counted.cell_a1a),
                                       RatingEntry(RatingLevel.EXCELLENT, person=woman)])
    return counted


def test_every_declared_key_lists_as_many_records_as_its_figure(everywhere: Cast, client: Client) -> None:
    """The registry's promise, key by key: count rows = figure, for every declared key and every key of a
    declared family that the namespaces give (prefixed families without data through one made-up key each)."""
    request = FigureRequest(organization=everywhere.district_a, date_from=YEAR_2020.date_from,
                            date_to=YEAR_2020.date_to, as_of=YEAR_2020.as_of)
    records_of("members", "admitted")  # discovers the declarations
    figures: dict[str, dict[str, Any]] = {}  # each namespace counted once
    for namespace in {namespace for namespace, _key in _records} | set(_prefixes):
        count = contributor(namespace)
        assert count is not None
        figures[namespace] = dict(count(request))
    keys = set(_records) | {(namespace, made_up) for namespace, found in _prefixes.items() for prefix in found
                            for made_up in (f"{prefix}x", f"{prefix}x_individual")
                            if records_of(namespace, made_up) is not None}
    keys |= {(namespace, key) for namespace, values in figures.items() for key in values
             if records_of(namespace, key) is not None}
    assert {("members", "died"), ("rating", "grassroots_excellent"), ("committees", "committee_members_women"),
            ("documents", "issued_total_previous"), ("inspection", "disciplines_reprimand_member"),
            ("oversight", "cells_without_overseer"), ("targets", "targets_achieved")} <= keys
    # Not a count of records: nothing declared (the number links to the figures page).
    for namespace, key in (("committees", "committee_members_women_permille"), ("committees", "executive_vacant"),
                           ("documents", "issued_total_change"), ("documents", "issued_type_NQ_change"),
                           ("inspection", "inspections_change"), ("rating", "members_excellent_percent")):
        assert records_of(namespace, key) is None, (namespace, key)
    non_zero = set()
    for namespace, key in sorted(keys):
        figure = figures[namespace].get(key, 0) or 0
        records = records_of(namespace, key)
        assert records is not None, (namespace, key)
        assert len(list(records.rows(request, key))) == figure, (namespace, key)
        if figure:
            non_zero.add((namespace, key))
    assert {("committees", key) for key in ("committees", "executive_members", "committee_members_women",
                                            "committee_members_under_40", "secretaries_heading_village",
                                            "inspection_chairs", "congresses_held")} <= non_zero
    assert {("documents", "issued_total"), ("documents", "issued_total_previous"), ("documents", "received_total"),
            ("documents", "issued_type_NQ"), ("documents", "issued_topic_dan-van"),
            ("documents", "issued_issuer_HU")} <= non_zero
    assert {("inspection", "inspections"), ("inspection", "inspections_previous"), ("inspection", "supervisions"),
            ("inspection", "disciplines"), ("inspection", "disciplines_reprimand_member")} <= non_zero
    assert {("organizations", "covered_units"), ("organizations", "covered_units_without_cell"),
            ("organizations", "covered_units_without_cell_of_village"), ("places", "covered_units_without_member"),
            ("places", "covered_units_without_member_of_village")} <= non_zero
    assert {("rating", "cells_good"), ("rating", "members_excellent"), ("oversight", "cells_overseen"),
            ("oversight", "overseers"), ("mobilisation", "dialogues_periodic"), ("mobilisation", "follow_ups"),
            ("mobilisation", "models_economic"), ("honours", "honour_book_individual")} <= non_zero
    assert any(namespace == "honours" and key.endswith("_individual") and key.startswith("commendations_")
               and key != "commendations_individual" for namespace, key in non_zero)  # a campaign's key
    # Through the page too, for some of them.
    client.force_login(everywhere.root_admin)
    for namespace, key in (("members", "admitted"), ("members", "left"), ("training", "learners"),
                           ("committees", "committee_members_women"), ("documents", "issued_topic_dan-van"),
                           ("inspection", "disciplines"), ("organizations", "covered_units_without_cell_of_village"),
                           ("rating", "members_rated")):
        shown, listed, _names = _page(client, records_path(everywhere.district_a.pk, namespace, key, request) or "")
        assert shown == listed > 0, (namespace, key)


def test_with_predecessors_the_link_lists_the_predecessors_records(counted: Cast, client: Client) -> None:
    """A commune formed in 2025 from communes A1 and A2: its 2020 "admitted" with predecessors is A1's admission;
    the figures page's link carries it, and the records page lists it from the predecessors as they stood then."""
    organization_merge(actor=counted.root_admin, sources=[counted.commune_a1, counted.commune_a2],
                       target=NewOrganization("T-A-9", "Đảng bộ xã Hợp Nhất", kind("commune"), counted.district_a),
                       effective_on=D(2025, 7, 1), decision=DECISION)
    new = counted.district_a.children.get(code="T-A-9")
    client.force_login(counted.district_officer)
    html = client.get(f"/figures/{new.pk}/?as_of=31/12/2020&with_predecessors=on").content.decode()
    row = re.search(r'<tr data-key="admitted">.*?</tr>', html, re.S)
    link = re.search(r'href="([^"]*/records/members/admitted/[^"]*)"', row.group(0) if row else "")
    assert link and "with_predecessors=true" in link.group(1)
    page = client.get(link.group(1).replace("&amp;", "&")).content.decode()
    assert "records-predecessors" in page and "Đảng bộ xã Hòa Bình" in page
    assert _page(client, link.group(1).replace("&amp;", "&")) == (1, 1, ["Lò Văn Ba"])
    # Without predecessors the commune of 2025 had no admissions in 2020.
    assert _page(client, link.group(1).replace("&amp;", "&").replace("&with_predecessors=true", "")) == (0, 0, [])


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
