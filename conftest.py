"""Fixtures shared by every app's tests."""

from __future__ import annotations

import os

import pytest

from core.testing import Cast, build_cast

# Playwright's sync API runs an event loop in the test thread; Django must still allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def cast(db: None) -> Cast:
    return build_cast()
