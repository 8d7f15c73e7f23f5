"""The API's docs and OpenAPI document: for signed-in users only, Swagger UI served by dangvu itself (no CDN)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from accounts.services import api_token_create
from core.testing import Cast

pytestmark = pytest.mark.django_db


def test_anonymous_gets_401_json_for_the_document_and_the_sign_in_page_for_the_docs(cast: Cast) -> None:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response["WWW-Authenticate"] == "Bearer"
    assert "paths" not in response.json()
    response = Client().get("/api/v1/docs")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/api/v1/docs"
    wrong = Client().get("/api/v1/openapi.json", headers={"Authorization": "Bearer dv_not-a-real-token"})
    assert wrong.status_code == 401


def test_a_session_or_a_token_opens_the_document(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.member)
    assert "/api/v1/members" in client.get("/api/v1/openapi.json").json()["paths"]
    _row, raw = api_token_create(actor=cast.member, user=cast.member, name="docs")
    response = Client().get("/api/v1/openapi.json", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_docs_page_loads_swagger_ui_from_dangvu_itself(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.member)
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/static/ninja/swagger-ui-bundle.js" in assets and "/static/ninja/swagger-ui.css" in assets
    assert all(url.startswith("/") and not url.startswith("//") for url in assets), assets
    assert "cdn" not in html.lower()
    assert '"validatorUrl": null' in html  # no call to an outside validator
    for url in assets:
        asset: Any = client.get(url)
        assert asset.status_code == 200, url
        asset.close()
    assert "script-src 'self'" in response["Content-Security-Policy"]
