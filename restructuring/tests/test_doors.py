"""The plan's pages, API and command: enter, preview, apply with progress; refusals name rows; scope is 404."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from organizations.models import Organization
from restructuring.models import RestructuringPlan
from restructuring.rows import rows_from_text, rows_to_xlsx
from restructuring.tests.test_plans import GOOD, HEADER

pytestmark = pytest.mark.django_db
FORM = {"title": "Sắp xếp 2025", "organization": "T", "effective_on": "01/07/2025",
        "decision_number": "202/2025/QH15", "decision_date": "12/06/2025", "decision_issuer": "Quốc hội"}


def test_pages_enter_preview_and_apply(cast, client):
    client.force_login(cast.province_officer)
    response = client.post("/restructuring/", {**FORM, "rows_text": "\n".join([HEADER, *GOOD])})
    assert response.status_code == 302
    plan = RestructuringPlan.objects.get()
    page = client.get(f"/restructuring/{plan.pk}/?preview=1").content.decode()
    assert 'id="plan-targets"' in page and 'data-code="T-N1"' in page and 'id="apply-form"' in page
    assert not Organization.objects.filter(code="T-N1").exists()
    response = client.post(f"/restructuring/{plan.pk}/apply/", HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response["HX-Redirect"] == f"/restructuring/{plan.pk}/"
    assert Organization.objects.filter(code="T-N1").exists()
    fragment = client.get(f"/restructuring/{plan.pk}/progress/").content.decode()
    assert 'value="100"' in fragment and "hx-trigger" not in fragment  # done: polling stops
    assert client.get(f"/restructuring/{plan.pk}/rows.xlsx").status_code == 200
    client.force_login(cast.outsider)
    assert client.get(f"/restructuring/{plan.pk}/").status_code == 404


def test_page_upload_with_a_bad_row_names_it(cast, client):
    client.force_login(cast.province_officer)
    rows = rows_from_text("\n".join([HEADER, *GOOD, "hợp nhất\tT-X\tT-N2\tĐảng bộ xã Mới\tcommune\tT\t\t\t"]))
    upload = io.BytesIO(rows_to_xlsx(rows))
    upload.name = "plan.xlsx"
    assert client.post("/restructuring/", {**FORM, "rows_file": upload}).status_code == 302
    plan = RestructuringPlan.objects.get()
    page = client.get(f"/restructuring/{plan.pk}/?preview=1").content.decode()
    assert 'id="plan-faults"' in page and "T-X" in page
    response = client.post(f"/restructuring/{plan.pk}/apply/")
    assert response.status_code == 400
    assert not Organization.objects.filter(code="T-N1").exists()


def test_api_all_or_nothing(cast, client):
    client.force_login(cast.province_officer)
    rows = rows_from_text("\n".join([HEADER, *GOOD]))
    body = {"organization": "T", "title": "Sắp xếp", "effective_on": "2025-07-01",
            "decision_number": "202/2025/QH15", "decision_date": "2025-06-12",
            "rows": [{k: v for k, v in r.items() if k != "row"} for r in rows]
            + [{"action": "move", "old_code": "T-A-1-a", "new_parent": "NOPE"}]}
    created = client.post("/api/v1/restructuring/plans", body, content_type="application/json")
    assert created.status_code == 200, created.content
    plan_id = created.json()["id"]
    refused = client.post(f"/api/v1/restructuring/plans/{plan_id}/apply")
    assert refused.status_code == 400
    assert [(f["row"], f["column"]) for f in refused.json()["faults"]] == [(7, "new_parent")]
    assert not Organization.objects.filter(code="T-N1").exists()
    client.force_login(cast.outsider)
    assert client.post(f"/api/v1/restructuring/plans/{plan_id}/preview").status_code == 404


def test_command_previews_and_applies(cast, tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(rows_to_xlsx(rows_from_text("\n".join([HEADER, *GOOD]))))
    out = io.StringIO()
    call_command("restructuring_plan", str(path), "--user", "root", "--organization", "T", "--title", "Thử",
                 "--effective-on", "2025-07-01", "--decision-number", "202/2025/QH15", "--decision-date",
                 "2025-06-12", "--apply", stdout=out)
    printed = json.loads(out.getvalue())
    assert printed["applied"] == "applied" and printed["preview"]["established"][0]["code"] == "T-N1"
    with pytest.raises(CommandError):
        call_command("restructuring_plan", str(path), "--user", "root", "--organization", "T", "--title", "Lại",
                     "--effective-on", "2025-07-01", "--decision-number", "202/2025/QH15", "--decision-date",
                     "2025-06-12", stdout=io.StringIO())
