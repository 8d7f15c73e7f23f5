"""Pages and API: the list and detail pages, a form refused beside its field with nothing written, scope 404,
the XLSX export and the counts table read back (text never a formula); the API's bulk creation with codes,
all or none, and its 404 for what is out of scope."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from core.testing import Cast
from core.testing_api import call
from inspection import services
from inspection.models import Discipline, Inspection
from inspection.tests.helpers import decision, inspector
from members.models import Person
from members.tests.factories import member

D = dt.date


def _client(user: object) -> Client:
    client = Client(headers={"Accept-Language": "vi"})
    client.force_login(user)  # type: ignore[arg-type]
    return client


@pytest.fixture
def person(cast: Cast) -> Person:
    return member(cast.root_admin, cast.cell_a1a, "Nguyễn Văn An")


@pytest.fixture
def inspection(cast: Cast) -> Inspection:
    return services.inspection_create(actor=cast.root_admin, organization=cast.district_a,
                                      body="inspection_committee", kind="inspection",
                                      content='=HYPERLINK("http://x")', starts_on=D(2023, 2, 1),
                                      subject_organization=cast.commune_a1)


def test_pages_and_scope(cast: Cast, inspection: Inspection, person: Person) -> None:
    mine = _client(inspector(cast, cast.district_a))
    page = mine.get(reverse("inspection:index"))
    assert page.status_code == 200 and "Đảng bộ xã Đồng Tâm" in page.content.decode()
    assert mine.get(reverse("inspection:inspection", args=[inspection.pk])).status_code == 200
    other = _client(inspector(cast, cast.district_b, "other"))
    assert other.get(reverse("inspection:inspection", args=[inspection.pk])).status_code == 404
    assert "Đồng Tâm" not in other.get(reverse("inspection:index")).content.decode()
    assert other.get(reverse("inspection:export") + f"?organization={cast.district_a.pk}").status_code == 404


def test_a_refused_form_names_the_field_and_writes_nothing(cast: Cast, person: Person) -> None:
    client = _client(inspector(cast, cast.district_a))
    response = client.post(reverse("inspection:discipline_new"), {
        "organization": cast.district_a.pk, "body": "inspection_committee", "subject_person": f"#{person.pk}",
        "form": "dissolution", "grounds": "Vi phạm", "decision_number": "12-QĐ/UBKTHU",
        "decision_date": "01/03/2023"})
    assert response.status_code == 200
    assert response.context["form"].errors.get("form")
    assert not Discipline.objects.exists()
    ok = client.post(reverse("inspection:discipline_new"), {
        "organization": cast.district_a.pk, "body": "inspection_committee", "subject_person": f"#{person.pk}",
        "form": "warning", "grounds": "Vi phạm", "decision_number": "12-QĐ/UBKTHU", "decision_date": "01/03/2023"})
    assert ok.status_code == 302 and Discipline.objects.get().form == "warning"


def test_xlsx_export_and_counts_read_back(cast: Cast, inspection: Inspection, person: Person) -> None:
    services.discipline_decide(actor=cast.root_admin, organization=cast.district_a, body="standing", form="warning",
                               subject_person=person, decision=decision(D(2023, 3, 1)), grounds="+SUM(A1:A2)")
    client = _client(inspector(cast, cast.district_a))
    response = client.get(reverse("inspection:export") + f"?organization={cast.district_a.pk}")
    workbook = load_workbook(io.BytesIO(response.content))
    inspections, disciplines = workbook.worksheets
    content = inspections.cell(row=3, column=5)
    assert content.value == '=HYPERLINK("http://x")' and content.data_type == "s"
    assert disciplines.cell(row=3, column=6).value == "+SUM(A1:A2)"
    assert disciplines.cell(row=3, column=6).data_type == "s"
    table = client.get(reverse("inspection:statistics") + f"?organization={cast.district_a.pk}&year=2023"
                       "&period=quarter&format=xlsx")
    sheet = load_workbook(io.BytesIO(table.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert [r[1] for r in rows] == [1, 0, 0, 0]  # organizations inspected per quarter
    assert [r[9] for r in rows] == [1, 0, 0, 0]  # members disciplined per quarter


def test_api_bulk_creation_with_codes_all_or_none(cast: Cast, person: Person) -> None:
    user = inspector(cast, cast.district_a)
    item = {"organization": cast.district_a.code, "body": "inspection_committee", "kind": "supervision",
            "content": "Giám sát chuyên đề", "starts_on": "2023-04-01", "subject_person": str(person.code),
            "team": [{"person": person.pk, "role": "head"}],
            "follow_ups": [{"text": "Báo cáo", "due_on": "2023-05-01"}]}
    bad = {**item, "subject_person": None, "subject_organization": cast.commune_a1.code,
           "follow_ups": [{"text": "Báo cáo", "due_on": "2023-03-01"}]}
    refused = call("POST", "/inspection/inspections", user=user, body={"items": [item, bad]})
    assert refused.status_code == 400
    assert refused.json()["field"] == "items.1.follow_ups.0.due_on"
    assert not Inspection.objects.exists()
    created = call("POST", "/inspection/inspections", user=user, body={"items": [item, {**bad, "follow_ups": []}]})
    assert created.status_code == 201, created.content
    assert [i["subject_kind"] for i in created.json()] == ["member", "organization"]
    listed = call("GET", "/inspection/inspections?year=2023", user=user).json()
    assert len(listed) == 2
    other = inspector(cast, cast.district_b, "other")
    assert call("GET", f"/inspection/inspections/{listed[0]['id']}", user=other).status_code == 404
    assert call("POST", "/inspection/inspections", user=other, body={"items": [item]}).status_code == 404
    rules = call("GET", "/inspection/form-rules?subject=probationary&on=2023-01-01", user=user).json()
    assert sorted(r["form"] for r in rules) == ["reprimand", "warning"]
    decided = call("POST", "/inspection/disciplines", user=user, body={"items": [{
        "organization": cast.district_a.code, "body": "inspection_committee", "form": "dismissal",
        "grounds": "Vi phạm", "decision_number": "12-QĐ/UBKTHU", "decision_date": "2023-06-01",
        "subject_person": str(person.code)}]})
    assert decided.status_code == 400 and decided.json()["field"] == "items.0.form"


def test_both_organizations_are_typed_from_suggestions_in_their_scope(cast: Cast, person: Person) -> None:
    client = _client(inspector(cast, cast.district_a))
    page = client.get(reverse("inspection:discipline_new")).content.decode()
    assert "<select name=\"organization\"" not in page and "<select name=\"subject_organization\"" not in page
    assert page.count("/organizations/pick/") == 2 and cast.district_b.code not in page
    response = client.post(reverse("inspection:discipline_new"), {
        "organization": cast.district_a.code, "body": "inspection_committee",
        "subject_organization": cast.district_b.code, "form": "warning", "grounds": "Vi phạm",
        "decision_number": "13-QĐ/UBKTHU", "decision_date": "01/03/2023"})
    assert response.status_code == 200 and "subject_organization" in response.context["form"].errors
    assert not Discipline.objects.exists()
