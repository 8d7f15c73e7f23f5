"""Error pages in the user's language with the top bar and a way back; JSON {"detail"} under /api/."""

from __future__ import annotations

import json

import pytest
from django.template import loader
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from core.testing import Cast


def vi(message: str) -> str:
    with translation.override("vi"):
        translated = gettext(message)
    assert translated != message, f"no Vietnamese for {message!r}"
    return translated


def signed_in(user: object) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)  # type: ignore[arg-type]
    return client


def assert_error_page(response: object, status: int, heading: str) -> str:
    assert response.status_code == status  # type: ignore[attr-defined]
    assert response["Content-Type"].startswith("text/html")  # type: ignore[index]
    html = response.content.decode()  # type: ignore[attr-defined]
    assert 'class="topbar"' in html and 'id="error-page"' in html
    assert vi(heading) in html
    assert vi("Go to the home page") in html and 'href="/"' in html and "data-back" in html
    assert "Not Found" not in html and "Traceback" not in html
    return html


@pytest.mark.django_db
def test_an_unknown_page_answers_a_vietnamese_404_with_the_top_bar(cast: Cast) -> None:
    html = assert_error_page(signed_in(cast.district_officer).get("/no-such-page/"), 404, "Page not found")
    assert 'class="mainnav"' in html and "district" in html  # the signed-in user's own top bar


@pytest.mark.django_db
def test_an_out_of_scope_page_answers_the_same_404(cast: Cast) -> None:
    assert_error_page(signed_in(cast.outsider).get(f"/organizations/{cast.district_a.pk}/"), 404, "Page not found")
    assert_error_page(Client().get("/no-such-page/"), 404, "Page not found")


@pytest.mark.django_db
@pytest.mark.urls("core.tests.urls_failing")
def test_a_fault_answers_a_vietnamese_500_page(cast: Cast) -> None:
    html = assert_error_page(signed_in(cast.district_officer).get("/failing/"), 500, "Server error")
    assert "a fault on purpose" not in html


def test_the_500_page_renders_without_a_database_or_request() -> None:
    # No django_db mark: any database access here raises.
    with translation.override("vi"):
        html = loader.get_template("500.html").render()
    assert vi("Server error") in html and 'class="topbar"' in html and 'href="/"' in html


@pytest.mark.django_db
@pytest.mark.urls("core.tests.urls_failing")
def test_a_refusal_answers_a_vietnamese_403_page(cast: Cast) -> None:
    assert_error_page(signed_in(cast.member).get("/refusing/"), 403, "Not allowed")


@pytest.mark.django_db
def test_a_stale_form_answers_a_vietnamese_403_page(cast: Cast) -> None:
    client = Client(enforce_csrf_checks=True)
    html = assert_error_page(client.post("/login/", {"username": "x", "password": "y"}), 403, "Not allowed")
    assert vi("This form has expired: reload the page and try again.") in html


# ----------------------------------------------------------------------------- the API answers JSON


def api_detail(response: object, status: int) -> str:
    assert response.status_code == status  # type: ignore[attr-defined]
    assert response["Content-Type"].startswith("application/json")  # type: ignore[index]
    body = json.loads(response.content)  # type: ignore[attr-defined]
    assert set(body) >= {"detail", "field"}
    return str(body["detail"])


@pytest.mark.django_db
def test_an_unknown_api_route_answers_json(cast: Cast) -> None:
    client = signed_in(cast.district_officer)
    assert api_detail(client.get("/api/v1/no-such-route"), 404) == vi("Not found.")
    assert api_detail(client.get("/api/v1/organizations/1/no-such-thing/deeper"), 404) == vi("Not found.")
    assert api_detail(client.get("/api/v1/"), 404) == vi("Not found.")
    assert api_detail(Client().get("/api/v2/organizations"), 404) == vi("Not found.")


@pytest.mark.django_db
def test_a_malformed_body_answers_json(cast: Cast) -> None:
    client = signed_in(cast.district_officer)
    for body in ('{"name": ', "not json at all", "\x00\xff"):
        response = client.post("/api/v1/organizations", data=body, content_type="application/json")
        assert api_detail(response, 400) == vi("The request body is not valid JSON.")


@pytest.mark.django_db
@pytest.mark.urls("core.tests.urls_failing")
def test_an_api_fault_answers_json(cast: Cast) -> None:
    response = signed_in(cast.district_officer).get("/api/v1/failing/")
    assert api_detail(response, 500) == vi("Server error. It has been logged; please try again later.")


@pytest.mark.django_db
def test_a_method_a_route_does_not_have_answers_json(cast: Cast) -> None:
    client = signed_in(cast.district_officer)
    response = client.put("/api/v1/tree", data="{}", content_type="application/json")
    detail = api_detail(response, 405)
    assert response["Allow"] == "GET"
    with translation.override("vi"):
        assert detail == gettext("This route does not accept %(method)s; it accepts: %(allowed)s.") % {
            "method": "PUT", "allowed": "GET"}
    assert detail != "This route does not accept PUT; it accepts: GET."
