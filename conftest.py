"""Fixtures shared by every app's tests."""

from __future__ import annotations

import copy
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


def _transactional(item: pytest.Item) -> bool:
    """Whether pytest-django runs `item` as a TransactionTestCase (real commits, the database flushed after)."""
    names = set(getattr(item, "fixturenames", ()))
    if names & {"transactional_db", "live_server", "django_db_reset_sequences", "django_db_serialized_rollback"}:
        return True
    return any(marker.kwargs.get(key) for marker in item.iter_markers("django_db")
               for key in ("transaction", "reset_sequences", "serialized_rollback"))


def _shares_the_cast(item: pytest.Item) -> bool:
    """A test that gets its cast from the one built once per process (see `_shared_cast`)."""
    names = getattr(item, "fixturenames", ())
    return ("cast" in names and "demo_loaded" not in names and "real_hashers" not in item.keywords
            and not _transactional(item))


class _SharedCast:
    """The cast built once per test process, in a transaction kept open while the tests that share it run.

    Building the cast (reference data, eight organizations through the services, six users and their roles) costs
    about a second on SQLite and more on PostgreSQL, and some 1,100 tests ask for it. Like Django's
    `TestCase.setUpTestData`, it is built once inside an outer transaction; each test runs in a savepoint inside it
    (pytest-django's `db` nests) and gets a deep copy of the objects, so what a test writes or changes in memory
    the next one does not see. The transaction is rolled back as soon as the next test in the process does not
    share the cast (`pytest_runtest_teardown`), so tests that expect an empty database, transactional tests and
    the demo never see it; `pytest_collection_modifyitems` runs the sharing tests together so it is built once.
    """

    def __init__(self, blocker: Any) -> None:
        self.blocker = blocker
        self.atomic: Any = None
        self.cast: Cast | None = None

    def open(self) -> None:
        from django.db import transaction
        from django.test import override_settings

        with self.blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
            self.atomic = transaction.atomic()
            self.atomic._from_testcase = True  # like TestCase's own: core.audit writes notes inside it
            self.atomic.__enter__()
            try:
                self.cast = build_cast()
            except BaseException:
                self.close()
                raise

    def close(self) -> None:
        from django.db import transaction

        if self.atomic is None:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            atomic, self.atomic, self.cast = self.atomic, None, None
            atomic.__exit__(None, None, None)


_STATE: dict[str, Any] = {"shared": None, "item": None, "demo": False}


@pytest.fixture(scope="session")
def _shared_cast(django_db_setup: None, django_db_blocker: Any) -> Iterator[_SharedCast]:
    """Session-scoped, so pytest sets it up before any function-scoped fixture (pytest-django's `db` included)."""
    shared = _STATE["shared"] = _SharedCast(django_db_blocker)
    if _STATE["item"] is not None and _shares_the_cast(_STATE["item"]) and not _STATE["demo"]:
        shared.open()
    yield shared
    shared.close()
    _STATE["shared"] = None


@pytest.fixture(autouse=True)
def _no_request_memo_across_tests() -> Iterator[None]:
    """core.caching remembers the rules tables' stamps for one request; a test ends every request it started."""
    from core.caching import request_memo_clear

    request_memo_clear()
    yield
    request_memo_clear()


@pytest.fixture
def cast(request: pytest.FixtureRequest, _shared_cast: _SharedCast, db: None) -> Cast:
    if _shared_cast.cast is not None and _shares_the_cast(request.node):
        return copy.deepcopy(_shared_cast.cast)
    return build_cast()  # a transactional test, a test with the real hashers, or a test on the demo


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    _STATE["item"] = item
    shared = _STATE["shared"]
    if shared is not None and shared.cast is None and _shares_the_cast(item) and not _STATE["demo"]:
        shared.open()  # before the test's fixtures, so that the test's own transaction nests inside
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    yield  # the test's fixtures are torn down (its savepoint rolled back) first
    shared = _STATE["shared"]
    if shared is None or shared.cast is None:
        return
    from django.db import connection

    # A test that closed the connection (a view handling a database error does) ended the transaction with it:
    # close the shared cast too, so that the next test builds it again on a fresh connection.
    broken = connection.closed_in_transaction or connection.needs_rollback or connection.connection is None
    if broken or nextitem is None or not _shares_the_cast(nextitem):
        shared.close()


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

    _STATE["demo"] = True
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic._from_testcase = True  # type: ignore[attr-defined]  # like TestCase's own: core.audit writes notes inside it
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


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database-tests-only", action="store_true",
        help="PostgreSQL only: deselect the tests that never reach a database (the SQLite pass runs them)")


def _uses_database(item: pytest.Item) -> bool:
    """Whether pytest-django lets `item` reach the test database: a `db`-like fixture (directly or through another
    fixture such as `cast`, `client` users or `demo_loaded`), a `django_db` mark, or a Django TestCase class.
    Without one, every query fails (pytest-django blocks the database), so such a test cannot depend on it."""
    from django.test import TransactionTestCase

    names = set(getattr(item, "fixturenames", ()))
    if names & {"db", "transactional_db", "live_server", "django_db_reset_sequences", "django_db_serialized_rollback"}:
        return True
    cls = getattr(item, "cls", None)
    return (item.get_closest_marker("django_db") is not None or item.get_closest_marker("postgres_only") is not None
            or (cls is not None and issubclass(cls, TransactionTestCase)))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests that share the cast go after the others, and tests on the shared demo go last (a stable sort).

    pytest-xdist's load scheduling hands each process its tests in this order, so in every process the shared
    cast is built once, and the demo's open transaction starts only after that process's other tests
    (transactional ones included) have run.
    """
    if config.getoption("database_tests_only"):
        from django.conf import settings

        if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
            raise pytest.UsageError("--database-tests-only is for the PostgreSQL pass (scripts/test.sh)")
        kept = [item for item in items if _uses_database(item)]
        config.hook.pytest_deselected(items=[item for item in items if not _uses_database(item)])
        items[:] = kept
    items.sort(key=lambda item: 2 if "demo_loaded" in getattr(item, "fixturenames", ()) else
               1 if _shares_the_cast(item) else 0)
