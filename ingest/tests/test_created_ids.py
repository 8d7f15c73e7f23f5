"""An import answers with the ids of the files it created and their member codes (API and page); the importer's
code stays visible on the record: the member page and GET /api/v1/imports/member-codes, in the user's scope."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ingest.tests.helpers import HEADERS, VALID_ROWS, write_xlsx
from members.models import Person

pytestmark = pytest.mark.django_db


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(user)
    return client


def _import(client: Client, content: bytes, **data) -> dict:  # type: ignore[no-untyped-def, type-arg]
    response = client.post("/api/v1/imports/members", {"file": SimpleUploadedFile("na-ri.xlsx", content), **data})
    assert response.status_code == 200, response.content
    return response.json()


def test_the_import_names_what_it_created_and_the_codes_stay_visible(cast, tmp_path) -> None:  # type: ignore[no-untyped-def]
    content = write_xlsx(tmp_path / "na-ri.xlsx", HEADERS, VALID_ROWS).read_bytes()
    client = _client(cast.district_officer)
    assert _import(client, content, dry_run=True)["created_files"] == []  # a dry run created nothing
    body = _import(client, content)
    by_code = {f["member_code"]: f["id"] for f in body["created_files"]}
    assert list(by_code) == ["NT-001", "NT-002", "NT-003"]  # in the file's order
    assert by_code == dict(Person.objects.filter(import_key__isnull=False).values_list("import_key__code", "pk"))
    assert _import(client, content)["created_files"] == []  # the same file again: nothing new

    page = client.get(f"/imports/{body['batch']}/").content.decode()
    assert all(f"/members/{pk}/" in page and code in page for code, pk in by_code.items())
    member_page = client.get(f"/members/{by_code['NT-002']}/").content.decode()
    assert 'id="member-code"' in member_page and "NT-002" in member_page

    found = client.get("/api/v1/imports/member-codes", {"code": " nt-003 "}).json()
    assert [(k["person"], k["member_code"], k["batch"]) for k in found] == [(by_code["NT-003"], "NT-003",
                                                                             body["batch"])]
    assert [k["member_code"] for k in client.get("/api/v1/imports/member-codes",
                                                 {"person": by_code["NT-001"]}).json()] == ["NT-001"]
    # Out of scope: the codes and the page's panel reveal nothing.
    outsider = _client(cast.outsider)
    assert outsider.get("/api/v1/imports/member-codes", {"code": "NT-003"}).json() == []
    assert client.get("/api/v1/imports/member-codes", {"code": "NT\x00003"}).json() == []  # PostgreSQL: no 500
    assert outsider.get(f"/members/{by_code['NT-002']}/").status_code == 404
