"""Register pages and API: registration with a file through the form, the proposal of the next number, a truncated
(interrupted) upload that writes nothing, download in scope only (404 otherwise), the resolution page with its tree
and the organizations missing, the XLSX export read back (text never a formula), and bulk creation by codes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from core.testing import Cast
from documents import storage
from documents.models import Attachment, Document, LinkKind
from documents.tests.conftest import D, doc_type, register
from documents.tests.files import docx_bytes


def _client(user: object) -> Client:
    client = Client(headers={"Accept-Language": "vi"})
    client.force_login(user)  # type: ignore[arg-type]
    return client


@pytest.fixture(autouse=True)
def _store(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.VAR_DIR = tmp_path


def _form(cast: Cast, **extra: object) -> dict:
    return {"organization": str(cast.district_a.pk), "direction": "issued", "doc_type": str(doc_type("KH").pk),
            "issued_on": "05/03/2021", "number": "01-KH/HU", "title": "Kế hoạch tuyên truyền", "field": "ideology",
            "topics": "tuyên giáo, dân vận", **extra}


def test_registering_through_the_form_with_a_file_and_downloading_it_in_scope_only(
        cast: Cast, django_capture_on_commit_callbacks) -> None:
    client = _client(cast.district_officer)
    upload = io.BytesIO(docx_bytes("Nội dung kế hoạch tuyên truyền"))
    upload.name = "kế hoạch.docx"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("documents:new"), _form(cast, uploads=upload))
    assert response.status_code == 302, response.content.decode()[:2000]
    document = Document.objects.get()
    attachment = document.attachments.get()
    download = client.get(reverse("documents:download", args=[attachment.pk]))
    assert download.status_code == 200 and download.content == storage.read_verified(attachment.sha256)
    assert download["X-Content-Type-Options"] == "nosniff"
    assert _client(cast.outsider).get(reverse("documents:download", args=[attachment.pk])).status_code == 404
    assert _client(cast.outsider).get(reverse("documents:detail", args=[document.pk])).status_code == 404
    listing = client.get(reverse("documents:list"), {"q": "noi dung ke hoach"})
    assert "01-KH/HU" in listing.content.decode()


def test_refusals_are_shown_beside_their_fields_and_nothing_is_written(cast: Cast) -> None:
    client = _client(cast.district_officer)
    upload = io.BytesIO(b"MZ not a document")
    upload.name = "virus.pdf"
    response = client.post(reverse("documents:new"), _form(cast, number="01-CT/HU", title="", uploads=upload))
    assert response.status_code == 400
    assert {"number", "title", "uploads"} <= set(response.context["form"].errors)
    assert "PDF" in response.content.decode()
    assert not Document.objects.exists() and not Attachment.objects.exists()
    assert not any(storage.root().rglob("*.part")) if storage.root().exists() else True


def test_propose_a_number(cast: Cast) -> None:
    register(cast.district_officer, cast.district_a, "04-KH/HU", "KH", D(2021, 1, 5))
    response = _client(cast.district_officer).post(reverse("documents:new"), _form(cast, number="", propose="1"))
    assert response.status_code == 200
    assert 'value="05-KH/HU"' in response.content.decode()


def test_a_truncated_upload_writes_neither_row_nor_file(cast: Cast) -> None:
    client = _client(cast.district_officer)
    boundary = "XyZ"
    fields = _form(cast)
    body = "".join(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
                   for k, v in fields.items()).encode()
    body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"uploads\"; filename=\"a.docx\"\r\n"
             "Content-Type: application/octet-stream\r\n\r\n").encode() + docx_bytes("Bị cắt")[:200]
    response = client.generic("POST", reverse("documents:new"), body,
                              content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code in (400, 200)
    assert not Document.objects.exists() and not Attachment.objects.exists()
    assert not (storage.root().exists() and any(p.is_file() for p in storage.root().rglob("*")))


def test_the_resolution_page_shows_the_tree_and_who_has_not_implemented_it(cast: Cast) -> None:
    actor = cast.root_admin
    directive = register(actor, cast.district_a, "05-CT/TW", "CT", D(2016, 5, 15), direction="received")
    programme = register(actor, cast.district_a, "11-CTr/HU", "CTr", D(2016, 8, 1),
                         links=((LinkKind.IMPLEMENTS, directive),))
    register(actor, cast.commune_a1, "03-KH/ĐU", "KH", D(2016, 9, 1), links=((LinkKind.IMPLEMENTS, programme),))
    page = _client(cast.district_officer).get(reverse("documents:detail", args=[directive.pk])).content.decode()
    assert "11-CTr/HU" in page and "03-KH/ĐU" in page
    missing = page.split('id="missing"')[1]
    assert cast.commune_a2.name in missing and cast.commune_a1.name not in missing
    assert cast.cell_a1a.name not in missing


def test_the_export_writes_text_never_a_formula(cast: Cast) -> None:
    register(cast.district_officer, cast.district_a, "06-KH/HU", "KH", D(2021, 1, 5), title="=HYPERLINK(\"x\")")
    response = _client(cast.district_officer).get(reverse("documents:export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[2][1] == "06-KH/HU" and values[2][5] == "=HYPERLINK(\"x\")"
    cell = sheet.cell(row=3, column=6)
    assert cell.data_type == "s"


def test_api_bulk_creation_by_codes_is_all_or_nothing(cast: Cast) -> None:
    client = _client(cast.district_officer)
    items = [
        {"organization": cast.district_a.code, "number": "05-CT/TW", "type": "CT", "issued_on": "2016-05-15",
         "title": "Chỉ thị 05", "direction": "received"},
        {"organization": cast.district_a.code, "number": "11-CTr/HU", "type": "CTr", "issued_on": "2016-08-01",
         "title": "Chương trình", "links": [{"kind": "implements", "target": "05-CT/TW"}]},
    ]
    bad = [*items, {"organization": cast.district_a.code, "number": "xx", "type": "CT", "issued_on": "2016-05-15",
                    "title": ""}]
    response = client.post("/api/v1/documents", json.dumps({"items": bad}), content_type="application/json")
    assert response.status_code == 400
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"items.2.number", "items.2.title"} <= fields
    assert not Document.objects.exists()
    response = client.post("/api/v1/documents", json.dumps({"items": items}), content_type="application/json")
    assert response.status_code == 201, response.content
    programme = client.get(f"/api/v1/documents/{response.json()['ids'][1]}").json()
    assert programme["links"][0]["target_number"] == "05-CT/TW"
    tree = client.get(f"/api/v1/documents/{response.json()['ids'][0]}/implementation",
                      {"date_from": "2016-01-01", "date_to": "2016-12-31"}).json()
    assert tree["tree"][0]["number"] == "11-CTr/HU" and tree["figures"]["implementing"] == 1
    proposal = client.get("/api/v1/documents/propose-number",
                          {"organization": cast.district_a.code, "type": "CTr", "on": "2016-09-01"}).json()
    assert proposal["number"] == "12-CTr/HU" and proposal["by_calendar_year"] is True
    assert _client(cast.outsider).get(f"/api/v1/documents/{response.json()['ids'][0]}").status_code == 404
    upload = client.post(f"/api/v1/documents/{response.json()['ids'][1]}/attachments",
                         {"file": _named(docx_bytes("Tệp qua API"), "ctr.docx")})
    assert upload.status_code == 201, upload.content
    searched = client.get("/api/v1/documents", {"q": "tep qua api"}).json()
    assert [d["number"] for d in searched] == ["11-CTr/HU"]


def _named(content: bytes, name: str) -> io.BytesIO:
    buffer = io.BytesIO(content)
    buffer.name = name
    return buffer


def test_the_upload_forms_still_check_the_csrf_token(cast: Cast) -> None:
    client = Client(enforce_csrf_checks=True, headers={"Accept-Language": "vi"})
    client.force_login(cast.district_officer)
    assert client.post(reverse("documents:new"), _form(cast)).status_code == 403
    document = register(cast.district_officer, cast.district_a, "07-KH/HU", "KH", D(2021, 1, 5))
    upload = _named(docx_bytes("x"), "x.docx")
    assert client.post(reverse("documents:attach", args=[document.pk]), {"file": upload}).status_code == 403
    assert not Document.objects.exclude(pk=document.pk).exists() and not Attachment.objects.exists()


def test_the_register_is_typed_from_a_page_of_suggestions_in_scope_and_preselected_when_only_one(cast: Cast) -> None:
    """The organization is a picker (organizations.picker), not a <select> of every organization: the first page of
    suggestions is in the page, a code outside the user's scope is refused beside the field, nothing written."""
    page = _client(cast.district_officer).get(reverse("documents:new")).content.decode()
    assert '<select name="organization"' not in page and '/organizations/pick/' in page
    assert f'<option value="{cast.district_a.code}">' in page and cast.district_b.code not in page
    assert 'name="organization" value=' not in page  # several organizations: none chosen for him
    refused = _client(cast.district_officer).post(reverse("documents:new"),
                                                  _form(cast, organization=cast.district_b.code))
    assert refused.status_code == 400 and "organization" in refused.context["form"].errors
    assert not Document.objects.exists()
    own = _client(cast.cell_secretary).get(reverse("documents:new")).content.decode()
    assert f'name="organization" value="{cast.cell_a1a.code}"' in own
    listing = _client(cast.district_officer).get(reverse("documents:list")).content.decode()
    assert '<select name="organization"' not in listing and 'name="organization" value=' not in listing
