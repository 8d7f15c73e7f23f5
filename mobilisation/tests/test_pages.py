"""Mass mobilisation pages and API: a dialogue recorded through the form (a follow-up due before it refused beside
its row), the dialogue page and a follow-up's status, models, XLSX exports read back, bulk API by codes, scope."""

from __future__ import annotations

import io
import json

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from core.testing import Cast
from mobilisation.models import Dialogue, FollowUp, MobilisationModel


def _client(user: object) -> Client:
    client = Client(headers={"Accept-Language": "vi"})
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _rows(prefix: str, rows: list[dict]) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": "5", f"{prefix}-INITIAL_FORMS": "0", f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "5"}
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{k}": v for k, v in row.items()})
    return data


def _dialogue_form(cast: Cast, due: str) -> dict:
    return {"organization": str(cast.commune_a1.pk), "kind": "periodic", "held_on": "10/06/2021",
            "place": "Nhà văn hóa bản", "chair": "Hoàng Văn Thiên", "audience": "people", "participants": "85",
            **_rows("issues", [{"content": "Nước sinh hoạt thiếu vào mùa khô", "answer": "Xã sẽ sửa bể nước"}]),
            **_rows("follow_ups", [{"action": "Sửa bể nước", "owner": "UBND xã", "due_on": due, "issue": "1"}])}


def test_a_dialogue_through_the_form_and_a_follow_up_closed(cast: Cast) -> None:
    client = _client(cast.district_officer)
    refused = client.post(reverse("mobilisation:dialogue_new"), _dialogue_form(cast, "01/06/2021"))
    assert refused.status_code == 400 and not Dialogue.objects.exists()
    assert "due_on" in refused.context["follow_ups"].forms[0].errors
    response = client.post(reverse("mobilisation:dialogue_new"), _dialogue_form(cast, "30/09/2021"))
    assert response.status_code == 302
    dialogue = Dialogue.objects.get()
    follow_up = FollowUp.objects.get()
    page = client.get(reverse("mobilisation:dialogue", args=[dialogue.pk])).content.decode()
    assert "Sửa bể nước" in page
    client.post(reverse("mobilisation:follow_up_status", args=[follow_up.pk]),
                {"status": "done", "done_on": "15/09/2021"})
    follow_up.refresh_from_db()
    assert follow_up.status == "done"
    assert _client(cast.outsider).get(reverse("mobilisation:dialogue", args=[dialogue.pk])).status_code == 404
    export = client.get(reverse("mobilisation:dialogues"), {"format": "xlsx", "year": "2021"})
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert list(sheet.iter_rows(values_only=True))[2][3] == "Nhà văn hóa bản"


def test_models_through_the_form_and_the_api(cast: Cast) -> None:
    client = _client(cast.district_officer)
    response = client.post(reverse("mobilisation:model_new"), {
        "organization": str(cast.commune_a1.pk), "kind": "dan_van_kheo", "field": "economy",
        "name": "=1+1 Nuôi trâu", "year": "2021", "launched_year": "2020"})
    assert response.status_code == 302
    export = client.get(reverse("mobilisation:models"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert sheet.cell(row=3, column=4).value == "=1+1 Nuôi trâu" and sheet.cell(row=3, column=4).data_type == "s"
    bad = {"items": [{"organization": cast.commune_a2.code, "kind": "social", "field": "other", "name": "Ok",
                      "year": 2021, "launched_year": 2021},
                     {"organization": cast.commune_a2.code, "kind": "nope", "field": "other", "name": "X",
                      "year": 2021, "launched_year": 2022}]}
    refused = client.post("/api/v1/mobilisation/models", json.dumps(bad), content_type="application/json")
    assert refused.status_code == 400
    assert {"items.1.kind", "items.1.launched_year"} <= {e["field"] for e in refused.json()["errors"]}
    assert MobilisationModel.objects.count() == 1
    dialogues = {"items": [{"organization": cast.commune_a2.code, "kind": "ad_hoc", "held_on": "2021-07-01",
                            "place": "UBND xã", "chair": "Bí thư", "issues": [{"content": "Đường"}],
                            "follow_ups": [{"action": "Làm đường", "owner": "Xã", "due_on": "2021-12-31",
                                            "issue": 1}]}]}
    created = client.post("/api/v1/mobilisation/dialogues", json.dumps(dialogues), content_type="application/json")
    assert created.status_code == 201, created.content
    listed = client.get("/api/v1/mobilisation/dialogues", {"organization": cast.district_a.code}).json()
    assert listed[0]["issues"] == 1 and listed[0]["follow_ups"][0]["owner"] == "Xã"
    assert _client(cast.outsider).get("/api/v1/mobilisation/dialogues").json() == []


def test_the_organization_is_typed_from_suggestions_in_scope_and_the_only_one_preselected(cast: Cast) -> None:
    page = _client(cast.district_officer).get(reverse("mobilisation:dialogue_new")).content.decode()
    assert '<select name="organization"' not in page and f'<option value="{cast.commune_a1.code}">' in page
    assert cast.district_b.code not in page
    refused = _client(cast.district_officer).post(reverse("mobilisation:dialogue_new"),
                                                  {**_dialogue_form(cast, "30/09/2021"),
                                                   "organization": cast.district_b.code})
    assert refused.status_code == 400 and "organization" in refused.context["form"].errors
    assert not Dialogue.objects.exists()
    own = _client(cast.cell_secretary).get(reverse("mobilisation:model_new")).content.decode()
    assert f'name="organization" value="{cast.cell_a1a.code}"' in own
