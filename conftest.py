"""Fixtures shared by every app's tests."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from typing import Any

import pytest

from core.testing import Cast, build_cast

# Playwright's sync API runs an event loop in the test thread; Django must still allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(request: pytest.FixtureRequest, settings) -> None:  # type: ignore[no-untyped-def]
    """Argon2 is deliberately slow; tests that are not about hashing use a fast hasher."""
    if "real_hashers" not in request.keywords:
        settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def _no_refusal_notes_across_tests() -> Iterator[None]:
    """Refusals noted for the audit (core.audit) and not written belong to the test that made them."""
    from core.audit import discard_refusals

    discard_refusals()
    yield
    discard_refusals()


@pytest.fixture
def cast(db: None) -> Cast:
    return build_cast()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """For the test run only: PostgreSQL does not wait for the disk at each commit (`synchronous_commit=off`).

    A server crash could lose the last commits of a test database, which is thrown away anyway; what a test sees
    (transactions, locks, constraints) is unchanged. Each pytest-xdist worker still gets its own database
    (`test_<name>_gw0`, ...) through the parallel suffix this fixture depends on.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        options = database.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c synchronous_commit=off".strip()


@pytest.fixture(scope="session")
def _demo_transaction(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The demo, loaded once per test process inside a transaction left open until the session ends.

    Loading the demo takes about a minute; a dozen tests read it. Each of them runs in a savepoint inside this
    transaction (pytest-django's `db` nests like Django's TestCase), so what one test writes the next does not
    see, and the whole demo is rolled back at the end. `pytest_collection_modifyitems` runs these tests last in
    every process, so no other test ever sees the demo.
    """
    from django.core.management import call_command
    from django.db import transaction

    from core.testing import ensure_reference_data

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        ensure_reference_data()  # a transactional test run earlier in this process flushed what migrations loaded
        call_command("demo_load", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture
def demo_loaded(_demo_transaction: None, db: None) -> None:
    """The demo data (loaded once per process, see `_demo_transaction`) for a test that reads it."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests on the shared demo go last (a stable sort), after every test that expects an empty database.

    pytest-xdist's load scheduling hands each process its tests in this order, so in every process the demo's
    open transaction starts only after that process's other tests (transactional ones included) have run.
    """
    items.sort(key=lambda item: "demo_loaded" in getattr(item, "fixturenames", ()))
