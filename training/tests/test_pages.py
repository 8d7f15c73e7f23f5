"""Training, commendation and oversight pages: lists with filters, entry forms showing the services' refusals
beside the field (nothing written), the bulk learner list pasted or uploaded (all or none), XLSX exports read
back (text, never a formula), panels on the member's page, 404 outside scope."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import Workbook, load_workbook

from core.testing import Cast
from honours.models import Commendation, Form, Level, Target
from honours.services import commendation_create
from members.tests.factories import member
from training import services
from training.models import ClassKind, Learner, TrainingClass

D = dt.date


def client_for(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(user)
    return client


def _class(cast: Cast, code: str = "K1") -> TrainingClass:
    kind = ClassKind.objects.get(code="new-member")
    return services.class_create(actor=cast.root_admin, host=cast.district_a, kind=kind,
                                 title="=HYPERLINK(\"x\")", code=code, starts_on=D(2021, 3, 1), ends_on=D(2021, 3, 5),
                                 organizer_name="Trung tâm Chính trị")


def test_class_form_refuses_an_end_before_the_start_beside_the_field(cast: Cast) -> None:
    client = client_for(cast.district_officer)
    awareness = ClassKind.objects.get(code="awareness").pk
    response = client.post("/training/new/", {"host": cast.district_a.pk, "kind": awareness,
                                              "title": "Lớp 1", "organizer_name": "TTCT", "starts_on": "10/03/2021",
                                              "ends_on": "01/03/2021"})
    assert response.status_code == 200
    assert "trước khi bắt đầu" in response.content.decode() or "before it starts" in response.content.decode()
    assert not TrainingClass.objects.exists()
    response = client.post("/training/new/", {"host": cast.district_a.pk, "kind": awareness,
                                              "title": "Lớp 1", "organizer_name": "TTCT", "starts_on": "01/03/2021",
                                              "ends_on": "05/03/2021"})
    training_class = TrainingClass.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/training/{training_class.pk}/learners/"


def test_pasted_learners_all_or_none_and_the_list_filters(cast: Cast) -> None:
    training_class = _class(cast)
    client = client_for(cast.district_officer)
    url = f"/training/{training_class.pk}/learners/"
    bad = "Hoàng Thị Mai; 02/01/1999; Xã Đồng Tâm\nNông Văn Tú; 31/02/2000; Xã Hòa Bình"
    response = client.post(url, {"pasted": bad})
    assert response.status_code == 200 and "2" in response.content.decode()
    assert not Learner.objects.exists()
    good = ("Họ và tên; Ngày sinh; Đơn vị\nHoàng Thị Mai; 02/01/1999; Xã Đồng Tâm; Tân binh\n"
            "Nông Văn Tú; 1/2/2000; Xã Hòa Bình")
    response = client.post(url, {"pasted": good})
    assert response.status_code == 302
    assert list(training_class.learners.values_list("full_name", flat=True)) == ["Hoàng Thị Mai", "Nông Văn Tú"]
    page = client.get(f"/training/{training_class.pk}/").content.decode()
    assert "Hoàng Thị Mai" in page and "Tân binh" in page
    listing = client.get("/training/", {"kind": training_class.kind.pk, "date_from": "01/01/2021"}).content.decode()
    assert "K1" in listing
    assert "K1" not in client.get("/training/", {"date_to": "31/12/2020"}).content.decode()
    assert client_for(cast.outsider).get(f"/training/{training_class.pk}/").status_code == 404
    assert client_for(cast.outsider).get(url).status_code == 404


def test_learners_from_an_xlsx_and_the_export_read_back(cast: Cast) -> None:
    training_class = _class(cast)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Họ và tên", "Ngày sinh", "Đơn vị", "Nhãn"])
    sheet.append(["=1+1", dt.datetime(1999, 1, 2), "Xã Đồng Tâm", "Tân binh"])
    sheet.append(["Nông Văn Tú", "01/02/2000", "Xã Hòa Bình", None])
    sheet.cell(row=2, column=1).data_type = "s"  # a name that looks like a formula, typed as text
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "learners.xlsx"
    client = client_for(cast.district_officer)
    response = client.post(f"/training/{training_class.pk}/learners/", {"file": buffer})
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert training_class.learners.count() == 2
    exported = client.get(f"/training/{training_class.pk}/export.xlsx")
    rows = list(load_workbook(io.BytesIO(exported.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == str(training_class)
    assert rows[2][1] == "=1+1" and rows[2][2] == dt.datetime(1999, 1, 2)
    raw = load_workbook(io.BytesIO(exported.content)).active
    assert raw.cell(row=3, column=2).data_type == "s"  # text, never a formula
    listing = load_workbook(io.BytesIO(client.get("/training/export.xlsx").content)).active
    values = list(listing.iter_rows(values_only=True))
    assert values[2][2] == '=HYPERLINK("x")' and listing.cell(row=3, column=3).data_type == "s"
    assert values[-1][-1] == 2  # total learners


def test_commendations_on_the_member_page_and_the_commendation_pages(cast: Cast) -> None:
    someone = member(cast.root_admin, cast.cell_a1a, "Lò Văn Sáng")
    commendation_create(actor=cast.root_admin, organization=cast.cell_a1a, target=Target.INDIVIDUAL, person=someone,
                        level=Level.objects.get(code="district"), form=Form.objects.get(code="certificate-of-merit"),
                        decided_on=D(2020, 5, 15), decided_by="Huyện ủy", decision_number="351-QĐ/HU")
    client = client_for(cast.district_officer)
    assert "351-QĐ/HU" in client.get(f"/members/{someone.pk}/").content.decode()
    assert "Lò Văn Sáng" in client.get("/honours/", {"target": "individual"}).content.decode()
    assert "Lò Văn Sáng" not in client.get("/honours/", {"target": "collective"}).content.decode()
    response = client.post("/honours/new/", {"organization": cast.commune_a1.pk, "target": "organization",
                                             "level": Level.objects.get(code="district").pk,
                                             "form": Form.objects.get(code="certificate-of-merit").pk,
                                             "decided_on": "01/01/2014", "decided_by": "Huyện ủy"})
    assert response.status_code == 200 and "10/01/2015" in response.content.decode()
    assert Commendation.objects.count() == 1
    assert client_for(cast.outsider).get(f"/honours/{Commendation.objects.get().pk}/").status_code == 404
    exported = load_workbook(io.BytesIO(client.get("/honours/export.xlsx").content)).active
    assert list(exported.iter_rows(values_only=True))[2][1] == "Lò Văn Sáng"


@pytest.mark.parametrize("path", ["/honours/book/", "/training/"])
def test_lists_answer(cast: Cast, path: str) -> None:
    assert client_for(cast.district_officer).get(path).status_code == 200
