"""schemathesis over every operation of the API's own OpenAPI document (issue 6): no server error, and every
answer's status is one the document declares for its operation.

The document is read from `/api/v1/openapi.json` through Django's test client as a signed-in user, then
schemathesis generates requests from it (valid and invalid by the schema) and sends them in-process to the
WSGI application with the bearer token of a user scoped to district A. Examples per operation are bounded
(CI time); the numbers of cases and of server errors are printed for the report.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import status_code_conformance

from accounts.services import api_token_create
from core.testing import Cast

pytestmark = pytest.mark.django_db

EXAMPLES = 6  # per operation (CI time: about 120 operations and growing)
API = "/api/v1"


def openapi_document(user: Any) -> dict[str, Any]:
    client = Client()
    client.force_login(user)
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200, response.content[:300]
    return response.json()


@contextlib.contextmanager
def in_process_wsgi() -> Iterator[Any]:
    """The WSGI application, called in-process inside the test's transaction.

    As Django's test client does, the request signals must not close the database connection (on PostgreSQL
    that would close the test's own transaction: every request would then answer 500). Django's test client
    connects them again after each of its own requests, so use it before entering, not inside.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(cast: Cast) -> str:
    _token, key = api_token_create(actor=cast.root_admin, user=cast.district_officer, name="schemathesis")
    return key


def test_every_operation_answers_a_declared_status_and_never_a_server_error(cast: Cast, token: str) -> None:
    schema = schemathesis.openapi.from_dict(openapi_document(cast.district_officer))
    with in_process_wsgi() as app:
        schema.app = app
        run_every_operation(schema, token)


def run_every_operation(schema: Any, token: str) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    cases: Counter[str] = Counter()
    statuses: Counter[int] = Counter()
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 30, [op.label for op in operations]

    def explore(operation: Any) -> None:
        label = operation.label

        @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def run(case: Any) -> None:
            response = case.call(headers=headers)
            cases[label] += 1
            statuses[response.status_code] += 1
            try:
                case.validate_response(response, checks=[not_a_server_error, status_code_conformance])
            except (Exception, BaseExceptionGroup) as exc:  # collected: one run reports every operation at fault
                failures.append(f"{label}: {str(exc)[:600]}")
                raise

        with contextlib.suppress(Exception, BaseExceptionGroup):  # recorded in `failures` above
            run()

    for operation in operations:
        explore(operation)

    server_errors = sum(n for status, n in statuses.items() if status >= 500)
    print(f"schemathesis: {sum(cases.values())} cases over {len(cases)} operations, "
          f"{server_errors} server errors, statuses {dict(sorted(statuses.items()))}")
    assert server_errors == 0
    assert not failures, "\n".join(dict.fromkeys(failures))


def _dates_without_bounds(node: Any, components: dict[str, Any], where: str, seen: set[str]) -> list[str]:
    """Places in an input schema where a date is declared without its minimum and maximum."""
    found: list[str] = []
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref not in seen:
            name = ref.rsplit("/", 1)[-1]
            found += _dates_without_bounds(components.get(name, {}), components, f"{where}>{name}", seen | {ref})
        if node.get("format") == "date" and not {"formatMinimum", "formatMaximum"} <= set(node):
            found.append(where)
        for key, inner in node.items():
            if key != "$ref":
                found += _dates_without_bounds(inner, components, f"{where}.{key}", seen)
    elif isinstance(node, list):
        for index, inner in enumerate(node):
            found += _dates_without_bounds(inner, components, f"{where}[{index}]", seen)
    return found


def test_every_input_date_declares_the_bounds_it_enforces(cast: Cast) -> None:
    document = openapi_document(cast.district_officer)
    components = document.get("components", {}).get("schemas", {})
    missing = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            inputs = {"parameters": operation.get("parameters", []), "body": operation.get("requestBody", {})}
            missing += _dates_without_bounds(inputs, components, f"{method.upper()} {path}", set())
    assert not missing, missing


def test_the_figures_route_declares_every_status_it_answers(cast: Cast) -> None:
    document = openapi_document(cast.district_officer)
    operation = document["paths"][f"{API}/organizations/{{organization_id}}/figures"]["get"]
    assert set(operation["responses"]) >= {"200", "400", "401", "404", "422"}
    parameters = {p["name"]: p["schema"] for p in operation["parameters"]}
    assert parameters["organization_id"]["minimum"] == 1
    for name in ("from", "to", "as_of"):
        date = next(s for s in parameters[name]["anyOf"] if s.get("format") == "date")
        assert (date["formatMinimum"], date["formatMaximum"]) == ("1900-01-01", "2999-12-31")
